// A small chart of one number by step (the edge demo's loss, on a log scale, and its
// sharpness): the values received so far, and optionally a dashed line that can change from
// step to step (the step size's limit 2/η), named in words at its end. Its width comes from a
// ResizeObserver, as the error chart's does.

import { ChartWords } from "./chart-words.js";
import { fmtSig } from "./format.js";
import { decades, logScale, powerLabel } from "./log-axis.js";
import { htmlEl, linearScale, svgEl } from "./svg.js";

/** Height of the chart, in its own units. */
const HEIGHT = 140;
const LEFT = 40;
const RIGHT = 10;
const TOP = 22;
const BOTTOM = 22;

/**
 * @typedef {object} StepSeries
 * @property {number[]} steps
 * @property {Array<number | null>} values
 * @property {Array<number | null>} [line] the line's value at each step (none: no line)
 * @property {number} total the run's length in steps (the x axis's end)
 */

/**
 * A path through the points whose values are numbers (a gap where one is not).
 * @param {number[]} steps
 * @param {Array<number | null>} values
 * @param {(s: number) => number} sx
 * @param {(v: number) => number} sy
 * @returns {string}
 */
function trace(steps, values, sx, sy) {
  let d = "";
  let pen = "M";
  for (let i = 0; i < steps.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      pen = "M";
      continue;
    }
    d += `${pen}${sx(steps[i]).toFixed(1)},${sy(v).toFixed(1)}`;
    pen = "L";
  }
  return d;
}

export class StepChart {
  /**
   * @param {HTMLElement} parent
   * @param {{title: string, label: string, log?: boolean, lineName?: string}} options the
   *   title drawn on the chart, its name for screen readers, a log scale, the line's name
   */
  constructor(parent, options) {
    this.options = options;
    this.box = htmlEl("div", { class: "fh-lf-chart fh-step-chart" }, "", parent);
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-error-chart", role: "img", "aria-label": options.label }, this.box)
    );
    this.axis = svgEl("g", { class: "fh-axis" }, this.svg);
    this.linePath = svgEl("path", { class: "fh-edge-line" }, this.svg);
    this.lineLabel = svgEl("text", { class: "fh-tick-label fh-end-label fh-edge-line-label" }, this.svg);
    this.path = svgEl("path", { class: "fh-error-line" }, this.svg);
    this.dot = svgEl("circle", { class: "fh-error-dot", r: 3.5 }, this.svg);
    this.words = new ChartWords(this.svg, this.box);
    this.width = 280;
    /** @type {StepSeries | null} */
    this.series = null;
    this.observer = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width;
      if (width) this.width = Math.max(200, Math.round(width));
      this.draw(this.series);
    });
    this.observer.observe(this.box);
    this.draw(null);
  }

  /**
   * The y range: the values' and the line's, a log scale's from the smallest to the largest.
   * @param {StepSeries} s
   * @returns {[number, number]}
   */
  range(s) {
    const values = /** @type {number[]} */ (
      s.values.filter((v) => typeof v === "number" && Number.isFinite(v) && (!this.options.log || v > 0))
    );
    const line = /** @type {number[]} */ ((s.line ?? []).filter((v) => typeof v === "number" && Number.isFinite(v)));
    if (this.options.log) {
      const lo = Math.min(...values, 1);
      const hi = Math.max(...values, 1e-3);
      return [10 ** Math.floor(Math.log10(Math.max(lo, 1e-6))), 10 ** Math.ceil(Math.log10(Math.max(hi, 1e-5)))];
    }
    // Every value drawn at its height, however far past the line (a top held near the line
    // drew a sharpness of 33.0 at the tick "2.5", beside words that said 33.0).
    const lineTop = line.length ? Math.max(...line) : 0;
    return [0, Math.max(...values, lineTop, 1e-9) * 1.08];
  }

  /**
   * What the chart shows, in words: its first and its last value, and the line's last.
   * @param {StepSeries} s
   * @returns {string}
   */
  seriesWords(s) {
    const k = s.steps.length - 1;
    const at = (/** @type {number} */ i) =>
      `${fmtSig(Number(s.values[i] ?? Number.NaN), 3)} at step ${s.steps[i].toLocaleString("en")}`;
    const said = k > 0 ? `${this.options.title}: ${at(0)}, ${at(k)}` : `${this.options.title}: ${at(0)}`;
    const line = s.line?.[s.line.length - 1];
    const name = this.options.lineName;
    return typeof line === "number" && name ? `${said}; the ${name} is at ${fmtSig(line, 3)}.` : `${said}.`;
  }

  /** @param {StepSeries | null} s what to draw (null: an empty chart) */
  draw(s) {
    this.series = s;
    const W = this.width;
    const H = HEIGHT;
    this.svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    const g = this.axis;
    g.replaceChildren();
    const bottom = H - BOTTOM;
    svgEl("line", { class: "fh-axis-line", x1: LEFT, x2: W - RIGHT, y1: bottom, y2: bottom }, g);
    svgEl("text", { class: "fh-tick-label fh-start-label", x: 4, y: 13 }, g).textContent = this.options.title;
    const total = s?.total ?? 0;
    svgEl("text", { class: "fh-tick-label fh-start-label", x: LEFT, y: H - 6 }, g).textContent = "step 0";
    svgEl("text", { class: "fh-tick-label fh-end-label", x: W - RIGHT, y: H - 6 }, g).textContent = total
      ? `step ${total.toLocaleString("en")}`
      : "step";
    this.dot.style.display = s?.steps.length ? "" : "none";
    if (!s?.steps.length) {
      this.path.setAttribute("d", "");
      this.linePath.setAttribute("d", "");
      this.lineLabel.textContent = "";
      this.words.say("Nothing drawn yet: no step taken.");
      return;
    }
    this.words.say(this.seriesWords(s));
    const [lo, hi] = this.range(s);
    const sx = linearScale(0, Math.max(1, total), LEFT, W - RIGHT);
    const sy = this.options.log ? logScale(lo, hi, bottom, TOP) : linearScale(lo, hi, bottom, TOP);
    const inside = (/** @type {number} */ v) => sy(Math.min(Math.max(v, lo), hi * 1.02));
    if (this.options.log) {
      for (const e of decades(lo, hi, 4)) {
        const y = sy(10 ** e);
        svgEl("line", { class: "fh-grid-line", x1: LEFT, x2: W - RIGHT, y1: y, y2: y }, g);
        svgEl("text", { class: "fh-tick-label fh-end-label", x: LEFT - 4, y: y + 4 }, g).textContent = powerLabel(e);
      }
    } else {
      for (const v of [hi / 2, hi / 1.08].map((t) => Number(fmtSig(t, 2)))) {
        const y = sy(v);
        svgEl("line", { class: "fh-grid-line", x1: LEFT, x2: W - RIGHT, y1: y, y2: y }, g);
        svgEl("text", { class: "fh-tick-label fh-end-label", x: LEFT - 4, y: y + 4 }, g).textContent = fmtSig(v, 2);
      }
    }
    this.path.setAttribute("d", trace(s.steps, s.values, sx, inside));
    const k = s.steps.length - 1;
    const lastValue = s.values[k];
    if (typeof lastValue === "number" && Number.isFinite(lastValue)) {
      this.dot.setAttribute("cx", sx(s.steps[k]).toFixed(1));
      this.dot.setAttribute("cy", inside(lastValue).toFixed(1));
    } else this.dot.style.display = "none";
    const line = s.line;
    if (line?.length) {
      // The line is drawn over the whole run once known, so the reader sees where it lies.
      this.linePath.setAttribute("d", trace(s.steps, line, sx, inside));
      const at = line[line.length - 1];
      const name = this.options.lineName ?? "";
      this.lineLabel.textContent = typeof at === "number" ? `${name} = ${fmtSig(at, 3)}` : name;
      this.lineLabel.setAttribute("x", String(W - RIGHT));
      this.lineLabel.setAttribute("y", String((typeof at === "number" ? inside(at) : TOP) - 5));
    } else {
      this.linePath.setAttribute("d", "");
      this.lineLabel.textContent = "";
    }
  }
}
