// How wrong each racer is, step by step: one line per racer (its colour and its dash), on a
// linear or a log scale. The lines are drawn whole once per race; while the race plays, a
// clip rectangle uncovers them up to the step shown (one attribute per frame).

import { ChartWords } from "./chart-words.js";
import { fmtSig } from "./format.js";
import { optimizerName } from "./map-words.js";
import { htmlEl, linearScale, setAttrs, svgEl, uid } from "./svg.js";

/** Height of the chart, in its own units. */
const HEIGHT = 190;
const M = { top: 12, right: 10, bottom: 26, left: 52 };

/**
 * @typedef {object} ChartLine
 * @property {number} slot the racer's slot (its colour and dash)
 * @property {number[]} loss the height at each step
 * @property {string} name
 */

export class RaceChart {
  /** @param {HTMLElement} parent */
  constructor(parent) {
    this.box = htmlEl("div", { class: "fh-race-chart" }, "", parent);
    const id = uid("fh-race-chart");
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { role: "img", "aria-label": "How wrong each optimizer is, step by step" }, this.box)
    );
    this.clip = svgEl(
      "rect",
      { x: 0, y: 0, height: HEIGHT },
      svgEl("clipPath", { id: `${id}-clip` }, svgEl("defs", {}, this.svg)),
    );
    this.frame = svgEl("rect", { class: "fh-chart-frame" }, this.svg);
    this.axis = svgEl("g", { "aria-hidden": "true" }, this.svg);
    this.linesG = svgEl("g", { "clip-path": `url(#${id}-clip)`, "aria-hidden": "true" }, this.svg);
    this.words = new ChartWords(this.svg, this.box);
    this.width = 320;
    this.log = true;
    /** @type {ChartLine[]} */
    this.lines = [];
    this.floor = 0;
    this.steps = 1;
    this.sx = linearScale(0, 1, M.left, this.width - M.right);
    this.t = 0;
    new ResizeObserver((entries) => {
      const w = entries[entries.length - 1]?.contentRect.width;
      if (!w || Math.abs(w - this.width) < 1) return;
      this.width = Math.max(200, Math.round(w));
      this.redraw();
    }).observe(this.box);
  }

  /**
   * A new race: its lines, and the lowest height of the map (how wrong = height - floor).
   * @param {ChartLine[]} lines
   * @param {number} floor
   */
  setRace(lines, floor) {
    this.lines = lines;
    this.floor = Math.min(floor, ...lines.flatMap((l) => l.loss.filter(Number.isFinite)));
    this.steps = Math.max(1, ...lines.map((l) => l.loss.length - 1));
    this.redraw();
  }

  /** @param {boolean} log */
  setLog(log) {
    this.log = log;
    this.redraw();
  }

  /** Axes and every line, whole (the clip shows them up to the step drawn). */
  redraw() {
    const W = this.width;
    this.svg.setAttribute("viewBox", `0 0 ${W} ${HEIGHT}`);
    const bottom = HEIGHT - M.bottom;
    setAttrs(this.frame, { x: M.left, y: M.top, width: W - M.left - M.right, height: bottom - M.top });
    this.sx = linearScale(0, this.steps, M.left, W - M.right);
    const wrong = this.lines.flatMap((l) => l.loss.map((v) => v - this.floor)).filter((v) => Number.isFinite(v));
    const top = Math.max(1e-12, ...wrong);
    const positive = wrong.filter((v) => v > 0);
    // On a log scale the floor itself (0) cannot be drawn: go down to a millionth of the top.
    const low = Math.max(top * 1e-6, Math.min(top / 10, ...positive));
    const scaled = (/** @type {number} */ v) => (this.log ? Math.log10(Math.max(v, low)) : v);
    const sy = linearScale(scaled(this.log ? low : 0), scaled(top), bottom, M.top);
    const paths = this.lines.map((line) => {
      let d = "";
      line.loss.forEach((v, i) => {
        const y = Number.isFinite(v) ? sy(scaled(v - this.floor)) : M.top;
        d += `${i ? "L" : "M"}${this.sx(i).toFixed(1)},${y.toFixed(1)}`;
      });
      const el = svgEl("path", {
        class: `fh-racer-trail fh-racer-${line.slot}`,
        "vector-effect": "non-scaling-stroke",
      });
      el.setAttribute("d", d);
      el.dataset.name = line.name;
      return el;
    });
    this.linesG.replaceChildren(...paths);
    const g = this.axis;
    g.replaceChildren();
    const label = (/** @type {number} */ x, /** @type {number} */ y, /** @type {string} */ text, anchor = "end") => {
      svgEl("text", { x, y, "text-anchor": anchor }, g).textContent = text;
    };
    label(M.left - 4, M.top + 10, fmtSig(top, 2));
    label(M.left - 4, bottom, this.log ? fmtSig(low, 1) : "0");
    label(M.left, HEIGHT - 8, "step 0", "start");
    label(W - M.right, HEIGHT - 8, `step ${this.steps}`);
    label(W - M.right - 4, M.top + 14, this.log ? "how wrong (log scale)" : "how wrong");
    this.show(this.t);
  }

  /**
   * Uncover the lines up to (fractional) step t.
   * @param {number} t
   */
  show(t) {
    this.t = t;
    setAttrs(this.clip, { width: this.sx(Math.min(t, this.steps)) + 1 });
    this.words.say(this.raceWords(t));
  }

  /**
   * How wrong each racer is at step t, in words.
   * @param {number} t
   * @returns {string}
   */
  raceWords(t) {
    if (!this.lines.length) return "No race drawn yet.";
    const k = Math.floor(Math.min(t, this.steps));
    const each = this.lines.map((line) => {
      const i = Math.min(k, line.loss.length - 1);
      const wrong = line.loss[i] - this.floor;
      return `${optimizerName(line.name)} ${Number.isFinite(wrong) ? fmtSig(wrong, 3) : "off the map"}`;
    });
    return `How wrong at step ${k.toLocaleString("en")}: ${each.join(", ")}.`;
  }
}
