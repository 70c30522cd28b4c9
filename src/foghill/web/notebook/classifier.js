// <fh-classifier> in a notebook: the anywidget module, built into dist/notebook/fh-classifier.js.

import "../components/classifier.js"; // defines <fh-classifier>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-classifier", context);
  },
};
