// The scrubber under every widget that plays a run: a range over the walk's positions, from
// the start (0) to the last step. Dragging it, or the arrow keys (Home, End, Page Up/Down),
// show any step, back as well as forward; the Playback that owns it draws that step and says
// it (the rule's numbers follow through the fh-step event). Built by the Playback itself, so
// every widget that plays a run has one without a line of its own.

import { htmlEl, uid } from "./svg.js";
import { plural } from "./format.js";

/**
 * The words for the step shown: what the slider's value text and its label say.
 * @param {number} k
 * @param {number} n
 * @returns {string}
 */
export function stepWords(k, n) {
  if (n === 0) return "no steps to show";
  if (k === 0) return `start, ${plural(n)} ahead`;
  return `step ${k} of ${n}`;
}

export class Timeline {
  /**
   * @param {HTMLElement} parent the widget
   * @param {Element | null} before put the scrubber before this child (null: at the end)
   * @param {(k: number) => void} seek show position k (the reader moved the slider)
   */
  constructor(parent, before, seek) {
    const id = uid("fh-timeline");
    this.box = htmlEl("div", { class: "fh-timeline" }, "");
    parent.insertBefore(this.box, before);
    htmlEl("label", { for: id, class: "fh-timeline-label" }, "Step shown", this.box);
    this.range = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        { type: "range", id, class: "fh-timeline-range", min: "0", max: "0", step: "1", value: "0" },
        "",
        this.box,
      )
    );
    // The slider's value text says the same to screen readers.
    this.output = htmlEl("span", { class: "fh-timeline-value", "aria-hidden": "true" }, "", this.box);
    this.n = 0;
    this.k = 0;
    this.range.addEventListener("input", () => seek(Number(this.range.value)));
    this.show(0, 0);
  }

  /**
   * Show position k of a walk of n steps (n = 0: nothing to scrub, the slider is disabled).
   * @param {number} k
   * @param {number} n
   */
  show(k, n) {
    const at = Math.max(0, Math.min(n, Math.round(k)));
    if (n !== this.n) {
      this.n = n;
      this.range.max = String(n);
    }
    this.k = at;
    if (this.range.value !== String(at)) this.range.value = String(at);
    const disabled = n === 0;
    if (this.range.disabled !== disabled) this.range.disabled = disabled;
    const words = stepWords(at, n);
    if (this.range.getAttribute("aria-valuetext") !== words) this.range.setAttribute("aria-valuetext", words);
    if (this.output.textContent !== words) this.output.textContent = words;
  }
}
