// <fh-step-dial> in a notebook: the anywidget module, built into dist/notebook/fh-step-dial.js.

import "../components/step-dial.js"; // defines <fh-step-dial>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-step-dial", context);
  },
};
