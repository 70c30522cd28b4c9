// The small chart beside the line fit: how wrong the line is, step by step, drawn up to the
// step shown. Its width comes from a ResizeObserver (reading layout while drawing would
// force it).

import { ChartWords } from "./chart-words.js";
import { fmtSig } from "./format.js";
import { htmlEl, linearScale, setAttrs, svgEl } from "./svg.js";

/** Height of the chart, in its own units. */
const HEIGHT = 110;

/**
 * @typedef {object} LossWalk
 * @property {number[]} loss the error at each step
 * @property {{loss: number}} best the lowest error possible
 * @property {number} [lastStep] the step the last error belongs to (default: its index, one
 *   error per step; a training stream sends one every few steps)
 */

/**
 * What the chart shows up to the k-th error, in words: where it began, where it is, its lowest.
 * @param {LossWalk} walk
 * @param {number} k
 * @returns {string}
 */
export function lossWords(walk, k) {
  const n = walk.loss.length - 1;
  const step = walk.lastStep !== undefined && n > 0 ? Math.round((k * walk.lastStep) / n) : k;
  let low = walk.loss[0];
  for (let i = 1; i <= k; i++) low = Math.min(low, walk.loss[i]);
  const now = `${fmtSig(walk.loss[k], 3)} at step ${step.toLocaleString("en")}`;
  return k === 0
    ? `How wrong at the start: ${now}.`
    : `How wrong went from ${fmtSig(walk.loss[0], 3)} at the start to ${now} (lowest so far ${fmtSig(low, 3)}).`;
}

export class ErrorChart {
  /**
   * @param {HTMLElement} parent
   * @param {string} [label] what the chart shows, for screen readers
   */
  constructor(parent, label = "How wrong the line is, step by step") {
    const box = htmlEl("div", { class: "fh-lf-chart" }, "", parent);
    this.box = box;
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-error-chart", role: "img", "aria-label": label }, box)
    );
    this.words = new ChartWords(this.svg, box);
    this.path = svgEl("path", { class: "fh-error-line" }, this.svg);
    this.dot = svgEl("circle", { class: "fh-error-dot", r: 3.5 }, this.svg);
    this.axis = svgEl("g", { class: "fh-axis" }, this.svg);
    this.width = 240;
    /** @type {LossWalk | null} */
    this.walk = null;
    this.t = 0;
    this.observer = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width;
      if (width) this.width = Math.max(160, Math.round(width));
      this.draw(this.walk, this.t);
    });
    this.observer.observe(box);
  }

  /**
   * The error up to (fractional) step t of a walk; nothing without one.
   * @param {LossWalk | null} walk
   * @param {number} t
   */
  draw(walk, t) {
    this.walk = walk;
    this.t = t;
    const W = this.width;
    const H = HEIGHT;
    this.svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    this.dot.style.display = walk ? "" : "none";
    if (!walk) {
      this.path.setAttribute("d", "");
      this.axis.replaceChildren();
      this.words.say("Nothing drawn yet: no step taken.");
      return;
    }
    const loss = walk.loss;
    const n = loss.length - 1;
    const k = Math.min(Math.floor(t), n);
    this.words.say(lossWords(walk, k));
    const left = 8;
    const bottom = H - 22;
    const sx = linearScale(0, Math.max(1, n), left, W - 8);
    const top = Math.max(loss[0], walk.best.loss * 1.5, 1e-9);
    const sy = linearScale(0, top, bottom, 22);
    const y = (/** @type {number} */ i) => sy(Math.min(loss[i], top * 1.1)).toFixed(1);
    let d = "";
    for (let i = 0; i <= k; i++) d += `${(i ? "L" : "M") + sx(i).toFixed(1)},${y(i)}`;
    this.path.setAttribute("d", d);
    setAttrs(this.dot, { cx: sx(k), cy: Number(y(k)) });
    const g = this.axis;
    g.replaceChildren();
    svgEl("line", { class: "fh-axis-line", x1: left, x2: W - 8, y1: bottom, y2: bottom }, g);
    // The axis's end, once there is more than step 0 (one point has no span to name).
    const end = walk.lastStep ?? n;
    const labels = [
      ["fh-tick-label fh-start-label", left, H - 6, "step 0"],
      ...(end > 0 ? [["fh-tick-label fh-end-label", W - 8, H - 6, `step ${end}`]] : []),
      ["fh-tick-label fh-start-label", left + 2, 12, "how wrong, step by step"],
    ];
    for (const [cls, x, yy, text] of labels) {
      svgEl("text", { class: String(cls), x: Number(x), y: Number(yy) }, g).textContent = String(text);
    }
  }
}
