// <fh-hill> in a notebook: the anywidget module, built into dist/notebook/fh-hill.js.

import "../components/hill.js"; // defines <fh-hill>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-hill", context);
  },
};
