// <fh-sweep> in a notebook: the anywidget module, built into dist/notebook/fh-sweep.js.

import "../components/sweep.js"; // defines <fh-sweep>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-sweep", context);
  },
};
