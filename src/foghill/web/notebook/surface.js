// <fh-surface> in a notebook: the anywidget module, built into dist/notebook/fh-surface.js.

import "../components/surface.js"; // defines <fh-surface>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-surface", context);
  },
};
