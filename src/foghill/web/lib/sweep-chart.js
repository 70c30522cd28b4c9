// The learning-rate sweep drawn: for each step size tried (log x), how wrong the run ended
// (log y, upper panel) and when it settled (lower panel), each point marked by its outcome's
// shape and colour over labelled bands of like outcomes, the 1/L and 2/L lines, the rate
// that settled fastest, and a cursor. Every number comes from the /api/sweep answer.

import { placeInRows } from "./label-place.js";
import { decades, fmtLog, logScale, powerLabel } from "./log-axis.js";
import { markerPath } from "./outcome-marks.js";
import { outcomeDoes } from "./outcome-words.js";
import { clamp, linearScale, setAttrs, svgEl } from "./svg.js";

/** About how wide one character of a band's name is (12 px, bold), in pixels. */
const BAND_CHAR = 7;

/**
 * The /api/sweep answer.
 * @typedef {object} Sweep
 * @property {number[]} rates
 * @property {Array<number | null>} final_loss
 * @property {number[]} steps
 * @property {Array<number | null>} settled_at
 * @property {string[]} outcomes
 * @property {number | null} one_jump
 * @property {number | null} fly_off
 * @property {number | null} best_rate
 */

/**
 * Runs of neighbouring rates with the same outcome, as [first, last, outcome].
 * @param {string[]} outcomes
 * @returns {Array<[number, number, string]>}
 */
export function outcomeRuns(outcomes) {
  /** @type {Array<[number, number, string]>} */
  const runs = [];
  outcomes.forEach((o, i) => {
    const last = runs[runs.length - 1];
    if (last && last[2] === o) last[1] = i;
    else runs.push([i, i, o]);
  });
  return runs;
}

export class SweepChart {
  /**
   * @param {HTMLElement} parent
   * @param {string} label the chart's name for screen readers (it is a slider over the rates)
   */
  constructor(parent, label) {
    this.width = 720;
    this.height = 400;
    this.margin = { top: 34, right: 16, bottom: 44, left: 54, gap: 34 };
    /** @type {Sweep | null} */
    this.sweep = null;
    this.maxSteps = 1;
    this.cursor = -1;
    this.sx = logScale(1e-3, 1, 0, 1);
    this.sy = logScale(1e-6, 1, 0, 1);
    this.sySteps = linearScale(0, 1, 0, 1);
    /** true when the heights are drawn on a log scale (false: some are below zero) */
    this.logY = true;
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-sweep-chart", role: "slider", tabindex: 0, "aria-label": label }, parent)
    );
    const svg = this.svg;
    this.bands = svgEl("g", { class: "fh-bands" }, svg);
    this.axes = svgEl("g", { class: "fh-axis" }, svg);
    this.lines = svgEl("g", { class: "fh-rate-marks" }, svg);
    this.path = svgEl("path", { class: "fh-sweep-line" }, svg);
    this.points = svgEl("g", { class: "fh-sweep-points" }, svg);
    this.settlePoints = svgEl("g", { class: "fh-sweep-points fh-settle-points" }, svg);
    this.best = svgEl("g", { class: "fh-best-rate" }, svg);
    this.cursorMark = svgEl("g", { class: "fh-sweep-cursor" }, svg);
    this.cursorLine = svgEl("line", {}, this.cursorMark);
    this.cursorRing = svgEl("circle", { r: 7 }, this.cursorMark);
    this.cursorRing2 = svgEl("circle", { r: 7 }, this.cursorMark);
  }

  /**
   * @param {number} width
   */
  setWidth(width) {
    this.width = Math.max(260, Math.round(width));
    const narrow = this.width < 480;
    this.margin.left = narrow ? 44 : 54;
    this.margin.right = narrow ? 10 : 16;
    this.draw(this.sweep, this.maxSteps, this.cursor);
  }

  /** The two panels' pixel rows: [top, bottom] of the heights, then of the steps. */
  panels() {
    const m = this.margin;
    const h1 = clamp(this.width * 0.3, 170, 270);
    const h2 = clamp(this.width * 0.13, 90, 130);
    const a = [m.top, m.top + h1];
    const b = [a[1] + m.gap, a[1] + m.gap + h2];
    this.height = b[1] + m.bottom;
    return { a, b };
  }

  /**
   * Draw a sweep (or nothing) with the cursor on rate index `cursor` (-1: none).
   * @param {Sweep | null} sweep
   * @param {number} maxSteps the step budget of every run
   * @param {number} cursor
   */
  draw(sweep, maxSteps, cursor) {
    this.sweep = sweep;
    this.maxSteps = maxSteps;
    const { a, b } = this.panels();
    const W = this.width;
    const m = this.margin;
    this.svg.setAttribute("viewBox", `0 0 ${W} ${this.height}`);
    for (const g of [this.bands, this.axes, this.lines, this.points, this.settlePoints, this.best]) g.replaceChildren();
    this.path.setAttribute("d", "");
    if (!sweep || sweep.rates.length === 0) {
      this.setCursor(-1);
      return;
    }
    const rates = sweep.rates;
    this.sx = logScale(rates[0], rates[rates.length - 1], m.left, W - m.right);
    const finite = /** @type {number[]} */ (sweep.final_loss.filter((v) => typeof v === "number"));
    this.logY = finite.every((v) => v >= 0) && finite.some((v) => v > 0);
    const positive = finite.filter((v) => v > 0);
    if (this.logY) {
      const lo = 10 ** Math.floor(Math.log10(Math.min(...positive)));
      const hi = 10 ** Math.ceil(Math.log10(Math.max(...positive)));
      this.sy = logScale(lo, hi > lo ? hi : lo * 10, a[1], a[0] + 12);
    } else {
      const lo = finite.length ? Math.min(...finite) : 0;
      const hi = finite.length ? Math.max(...finite) : 1;
      this.sy = linearScale(lo, hi > lo ? hi : lo + 1, a[1], a[0] + 12);
    }
    this.sySteps = linearScale(0, Math.max(1, maxSteps), b[1], b[0]);
    this.drawBands(sweep, a, b);
    this.drawAxes(sweep, a, b, maxSteps);
    this.drawPoints(sweep, a, b);
    this.drawRateMarks(sweep, a, b);
    this.setCursor(cursor);
  }

  /**
   * Where rate i's height is drawn (at the top edge when it flew off, at the floor when 0).
   * @param {number} i
   * @param {number[]} a the upper panel's [top, bottom]
   * @returns {number}
   */
  heightY(i, a) {
    const v = this.sweep?.final_loss[i];
    if (typeof v !== "number") return a[0] + 2;
    if (this.logY && v <= 0) return a[1];
    return clamp(this.sy(v), a[0] + 2, a[1]);
  }

  /**
   * Where rate i's settling step is drawn (at the top when it never settled).
   * @param {number} i
   * @returns {number}
   */
  settleY(i) {
    const s = this.sweep?.settled_at[i];
    return this.sySteps(typeof s === "number" ? s : this.maxSteps);
  }

  /**
   * Pixel span of rate i's column: halfway to its neighbours.
   * @param {number} i
   * @returns {[number, number]}
   */
  column(i) {
    const r = /** @type {Sweep} */ (this.sweep).rates;
    const x = this.sx(r[i]);
    const left = i > 0 ? (x + this.sx(r[i - 1])) / 2 : x;
    const right = i + 1 < r.length ? (x + this.sx(r[i + 1])) / 2 : x;
    return [left, right];
  }

  /**
   * @param {Sweep} sweep
   * @param {number[]} a
   * @param {number[]} b
   */
  drawBands(sweep, a, b) {
    /** @type {Array<{x: number, w: number, word: string, outcome: string}>} */
    const names = [];
    for (const [first, last, outcome] of outcomeRuns(sweep.outcomes)) {
      const x0 = this.column(first)[0];
      const x1 = this.column(last)[1];
      for (const [top, bottom] of [a, b]) {
        svgEl(
          "rect",
          {
            class: `fh-outcome-band fh-out-${outcome}`,
            x: x0,
            y: top,
            width: Math.max(0, x1 - x0),
            height: bottom - top,
          },
          this.bands,
        );
      }
      const word = outcomeDoes(outcome);
      names.push({ x: (x0 + x1) / 2, w: word.length * BAND_CHAR + 6, word, outcome });
    }
    // Each band's name above it; a band too narrow for its name lends it the space over its
    // neighbours, or a second row, so no name is lost and none overlaps another.
    const rows = [a[0] - 8, a[0] - 22];
    const spots = placeInRows(names, rows, this.margin.left, this.width - this.margin.right, 14);
    names.forEach(({ word, outcome }, i) => {
      const spot = spots[i];
      if (!spot) return;
      const t = svgEl("text", { class: `fh-band-label fh-out-${outcome}`, x: spot.x, y: spot.y }, this.bands);
      t.textContent = word;
    });
  }

  /**
   * @param {Sweep} sweep
   * @param {number[]} a
   * @param {number[]} b
   * @param {number} maxSteps
   */
  drawAxes(sweep, a, b, maxSteps) {
    const g = this.axes;
    const m = this.margin;
    const W = this.width;
    const rates = sweep.rates;
    const text = (
      /** @type {string} */ cls,
      /** @type {number} */ x,
      /** @type {number} */ y,
      /** @type {string} */ s,
    ) => {
      svgEl("text", { class: cls, x, y }, g).textContent = s;
    };
    for (const [top, bottom] of [a, b]) {
      svgEl("line", { class: "fh-axis-line", x1: m.left, x2: W - m.right, y1: bottom, y2: bottom }, g);
      svgEl("line", { class: "fh-axis-line", x1: m.left, x2: m.left, y1: top, y2: bottom }, g);
    }
    for (const e of decades(rates[0], rates[rates.length - 1], W < 480 ? 4 : 8)) {
      const x = this.sx(10 ** e);
      svgEl("line", { class: "fh-tick", x1: x, x2: x, y1: b[1], y2: b[1] + 5 }, g);
      text("fh-tick-label fh-rate-tick", x, b[1] + 18, powerLabel(e));
    }
    text("fh-axis-title", (m.left + W - m.right) / 2, b[1] + 36, "step size (learning rate), log scale");
    if (this.logY) {
      const [lo, hi] = [this.sy.invert(a[1]), this.sy.invert(a[0] + 12)];
      for (const e of decades(lo, hi, 5)) {
        const y = this.sy(10 ** e);
        svgEl("line", { class: "fh-tick", x1: m.left - 5, x2: m.left, y1: y, y2: y }, g);
        text("fh-tick-label fh-y-tick", m.left - 8, y + 4, powerLabel(e));
      }
    } else {
      for (const v of [this.sy.invert(a[1]), this.sy.invert(a[0] + 12)]) {
        text("fh-tick-label fh-y-tick", m.left - 8, this.sy(v) + 4, fmtLog(v));
      }
    }
    for (const v of [0, maxSteps]) {
      const y = this.sySteps(v);
      svgEl("line", { class: "fh-tick", x1: m.left - 5, x2: m.left, y1: y, y2: y }, g);
      text("fh-tick-label fh-y-tick", m.left - 8, y + 4, String(v));
    }
    // Heights below zero are no measure of how wrong (the floor is not at 0): say "height".
    const title = this.logY ? "how wrong after the run (log scale)" : "height after the run";
    text("fh-panel-title", m.left + 6, a[0] + 12, title);
    text("fh-panel-title", m.left + 6, b[0] - 6, "steps until it settled (top row: never)");
  }

  /**
   * @param {Sweep} sweep
   * @param {number[]} a
   * @param {number[]} b
   */
  drawPoints(sweep, a, b) {
    let d = "";
    let pen = false;
    sweep.rates.forEach((rate, i) => {
      const x = this.sx(rate);
      const outcome = sweep.outcomes[i];
      const y = this.heightY(i, a);
      if (typeof sweep.final_loss[i] === "number") {
        d += `${pen ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
        pen = true;
      } else {
        pen = false;
      }
      svgEl("path", { class: `fh-marker fh-out-${outcome}`, d: markerPath(outcome, x, y, 3) }, this.points);
      svgEl(
        "path",
        { class: `fh-marker fh-out-${outcome}`, d: markerPath(outcome, x, this.settleY(i), 3) },
        this.settlePoints,
      );
    });
    this.path.setAttribute("d", d);
    const best = sweep.best_rate;
    if (typeof best === "number") {
      const i = sweep.rates.indexOf(best);
      const x = this.sx(best);
      const y = i >= 0 ? this.settleY(i) : b[1];
      svgEl("circle", { class: "fh-best-ring", cx: x, cy: y, r: 6.5 }, this.best);
      // Above and to the left of its ring, clear of the points right of it.
      const label = svgEl("text", { class: "fh-best-label", x: x - 10, y: Math.max(y - 10, b[0] + 26) }, this.best);
      label.textContent = "fewest steps";
    }
  }

  /**
   * The 1/L and 2/L lines across both panels.
   * @param {Sweep} sweep
   * @param {number[]} a
   * @param {number[]} b
   */
  drawRateMarks(sweep, a, b) {
    const [lo, hi] = [sweep.rates[0], sweep.rates[sweep.rates.length - 1]];
    for (const [name, value] of /** @type {Array<[string, number | null]>} */ ([
      ["1/L", sweep.one_jump],
      ["2/L", sweep.fly_off],
    ])) {
      if (typeof value !== "number" || value < lo || value > hi) continue;
      const x = this.sx(value);
      const g = svgEl("g", { class: "fh-rate-mark", "data-name": name, "data-rate": String(value) }, this.lines);
      svgEl("line", { x1: x, x2: x, y1: a[0] - 4, y2: b[1] }, g);
      const t = svgEl("text", { class: "fh-rate-mark-label", x, y: a[0] + 28 }, g);
      t.textContent = name;
    }
  }

  /**
   * Put the cursor on rate index i (-1: hide it).
   * @param {number} i
   */
  setCursor(i) {
    const sweep = this.sweep;
    this.cursor = sweep && i >= 0 && i < sweep.rates.length ? i : -1;
    this.cursorMark.style.display = this.cursor < 0 ? "none" : "";
    if (!sweep || this.cursor < 0) return;
    const { a, b } = this.panels();
    const x = this.sx(sweep.rates[this.cursor]);
    setAttrs(this.cursorLine, { x1: x, x2: x, y1: a[0], y2: b[1] });
    setAttrs(this.cursorRing, { cx: x, cy: this.heightY(this.cursor, a) });
    setAttrs(this.cursorRing2, { cx: x, cy: this.settleY(this.cursor) });
  }

  /**
   * The rate index nearest a pointer, from its x in the chart's own units.
   * @param {number} x
   * @returns {number}
   */
  indexAt(x) {
    const rates = this.sweep?.rates ?? [];
    if (!rates.length) return -1;
    const r = this.sx.invert(x);
    let best = 0;
    for (let i = 1; i < rates.length; i++) {
      if (Math.abs(Math.log(rates[i] / r)) < Math.abs(Math.log(rates[best] / r))) best = i;
    }
    return best;
  }
}
