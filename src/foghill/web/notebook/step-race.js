// <fh-step-race> in a notebook: the anywidget module, built into dist/notebook/fh-step-race.js.

import "../components/step-race.js"; // defines <fh-step-race>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-step-race", context);
  },
};
