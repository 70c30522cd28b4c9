// <fh-ratings> in a notebook: the anywidget module, built into dist/notebook/fh-ratings.js.

import "../components/ratings.js"; // defines <fh-ratings>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-ratings", context);
  },
};
