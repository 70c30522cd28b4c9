// <fh-spam> in a notebook: the anywidget module, built into dist/notebook/fh-spam.js.

import "../components/spam.js"; // defines <fh-spam>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-spam", context);
  },
};
