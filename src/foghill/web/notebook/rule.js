// <fh-rule> in a notebook: the anywidget module, built into dist/notebook/fh-rule.js.

import "../components/rule.js"; // defines <fh-rule>
import { renderWidget } from "./widget.js";

export default {
  /** @param {{model: import("./widget.js").NotebookModel, el: HTMLElement}} context */
  render(context) {
    return renderWidget("fh-rule", context);
  },
};
