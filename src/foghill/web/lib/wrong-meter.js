// "How wrong": beside the line fit, the mean squared miss of the line drawn, as a number, a
// bar that shrinks as the line walks, a mark for the best any straight line can do, and
// the comparison in words.

import { clamp, htmlEl } from "./svg.js";
import { fmt } from "./format.js";

/**
 * How wrong the line is, in words, next to the best any straight line can do.
 * @param {number} loss
 * @param {number} best
 * @returns {string}
 */
export function compareWithBest(loss, best) {
  if (!Number.isFinite(loss)) return "Off the scale.";
  if (best < 1e-12)
    return loss < 1e-9
      ? "A perfect fit: the dots lie on one line."
      : "The dots lie on one line: a perfect fit is possible.";
  const ratio = loss / best;
  if (ratio <= 1.001) return "As low as any straight line can go.";
  if (ratio < 1.1) return "Within a tenth of the best a straight line can do.";
  const times = ratio >= 10 ? String(Math.round(ratio)) : ratio.toFixed(1);
  return `${times} times the best a straight line can do.`;
}

export class WrongMeter {
  /** @param {HTMLElement} parent */
  constructor(parent) {
    const wrong = htmlEl("div", { class: "fh-wrong" }, "", parent);
    const head = htmlEl("p", { class: "fh-wrong-head" }, "", wrong);
    htmlEl("span", { class: "fh-wrong-title" }, "How wrong", head);
    this.value = htmlEl("span", { class: "fh-wrong-value" }, "—", head);
    const track = htmlEl("div", { class: "fh-bar-track", "aria-hidden": "true" }, "", wrong);
    this.bar = htmlEl("div", { class: "fh-bar" }, "", track);
    this.bestTick = htmlEl("div", { class: "fh-bar-best" }, "", track);
    this.words = htmlEl("p", { class: "fh-wrong-words" }, "", wrong);
    htmlEl(
      "p",
      { class: "fh-wrong-note" },
      "The average of the squared misses: the line's height on its hill. The dashed mark is the best any straight line can do.",
      wrong,
    );
    /** The error the full bar stands for (the highest start seen since the last reset). */
    this.max = 0;
  }

  /**
   * Show an error (null: none to show) against the best possible one.
   * @param {number | null} loss
   * @param {number} best
   * @param {boolean} judge say in words how it compares (not while the settings are refused)
   */
  show(loss, best, judge) {
    this.bestTick.style.display = loss === null ? "none" : "";
    if (loss === null) {
      this.bar.style.width = "0%";
      this.value.textContent = "—";
      this.words.textContent = "";
      return;
    }
    const share = this.max > 0 ? clamp(loss / this.max, 0, 1) : 0;
    this.bar.style.width = `${(share * 100).toFixed(2)}%`;
    this.bestTick.style.left = `${(clamp(best / (this.max || 1), 0, 1) * 100).toFixed(2)}%`;
    this.value.textContent = fmt(loss, loss < 10 ? 3 : 1);
    const words = judge ? compareWithBest(loss, best) : "";
    if (this.words.textContent !== words) this.words.textContent = words;
  }
}
