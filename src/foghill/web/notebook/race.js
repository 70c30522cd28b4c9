// <fh-race> in a notebook: the anywidget module, built into dist/notebook/fh-race.js.

import "../components/race.js"; // defines <fh-race>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-race", context);
  },
};
