// Numbers in the lesson's text bound to a widget: a span such as
//   <span class="fh-bound" data-fh-bind="fh-step-dial landscape.regimes.one_jump" data-fh-format="sig3">0.500</span>
// holds a value the widget shows (a path into one of its model's outputs), for the widget
// named by its id, or by its tag (the first of that tag in the span's section). The server wrote
// the first value into the page (lessons/render.py); from then on the text follows the
// widget's model, so text and picture never disagree.

import { fmt, fmtSig } from "./format.js";
import { naming } from "./tasks.js";

/**
 * A number as the widgets show it: "2" decimals (fmt) or "sig3" significant digits (fmtSig).
 * @param {number} value
 * @param {string} how
 * @returns {string}
 */
export function formatBound(value, how) {
  return how.startsWith("sig") ? fmtSig(value, Number(how.slice(3))) : fmt(value, Number(how));
}

/**
 * The value at a dotted path (array items by index), or undefined.
 * @param {any} value
 * @param {string[]} path
 * @returns {any}
 */
function follow(value, path) {
  let v = value;
  for (const part of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = v[part];
  }
  return v;
}

/**
 * Keep the numbers bound to this widget (its id, or its tag in its section) in step with
 * its model.
 * @param {HTMLElement & {model?: import("./widget.js").Model}} widget
 */
export function bindNumbers(widget) {
  const model = widget.model;
  if (!model) return;
  const spans = naming(widget, "span.fh-bound[data-fh-bind]", (el) => (el.dataset.fhBind || "").split(" ")[0]);
  /** @type {Map<string, HTMLElement[]>} by the output each span reads */
  const byOutput = new Map();
  for (const span of spans) {
    const output = (span.dataset.fhBind || "").split(" ")[1].split(".")[0];
    byOutput.set(output, [...(byOutput.get(output) || []), span]);
  }
  for (const [output, list] of byOutput) {
    const update = () => {
      for (const span of list) {
        const path = (span.dataset.fhBind || "").split(" ")[1].split(".");
        const value = follow(model.get(output), path.slice(1));
        if (typeof value !== "number" || !Number.isFinite(value)) continue;
        const text = formatBound(value, span.dataset.fhFormat || "2");
        if (span.textContent !== text) span.textContent = text;
      }
    };
    model.on(`change:${output}`, update);
    update();
  }
}
