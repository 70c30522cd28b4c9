// <fh-edge> in a notebook: the anywidget module, built into dist/notebook/fh-edge.js.

import "../components/edge.js"; // defines <fh-edge>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-edge", context);
  },
};
