// <fh-digits> in a notebook: the anywidget module, built into dist/notebook/fh-digits.js.

import "../components/digits.js"; // defines <fh-digits>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-digits", context);
  },
};
