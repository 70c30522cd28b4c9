// <fh-next-word> in a notebook: the anywidget module, built into dist/notebook/fh-next-word.js.

import "../components/next-word.js"; // defines <fh-next-word>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-next-word", context);
  },
};
