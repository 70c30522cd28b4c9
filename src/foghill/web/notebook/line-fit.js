// <fh-line-fit> in a notebook: the anywidget module, built into dist/notebook/fh-line-fit.js.

import "../components/line-fit.js"; // defines <fh-line-fit>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-line-fit", context);
  },
};
