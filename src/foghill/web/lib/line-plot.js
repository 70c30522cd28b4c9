// Drawing the line fit's plane: a grid, the dots' layer (the dot editor fills it), the line,
// each miss from its dot to the line, and, once a walk is over, the best line possible.
// Nothing here computes a fit: the lines come from Python.

import { clamp, linearScale, setAttrs, svgEl, ticks } from "./svg.js";

/** @typedef {{x: [number, number], y: [number, number]}} View */

/** Margin around the grid, in pixels. */
const MARGIN = 14;

export class LinePlot {
  /** @param {HTMLElement} parent */
  constructor(parent) {
    const label = "Dots and the line through them";
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-plot fh-lf-plot", role: "group", "aria-label": label }, parent)
    );
    const hidden = { "aria-hidden": "true" };
    this.axes = svgEl("g", { class: "fh-axis", ...hidden }, this.svg);
    this.background = svgEl("rect", { class: "fh-lf-bg", ...hidden }, this.svg);
    this.bestLine = svgEl("line", { class: "fh-best-line", ...hidden }, this.svg);
    this.bestLabel = svgEl("text", { class: "fh-best-label", ...hidden }, this.svg);
    this.misses = svgEl("g", { class: "fh-misses", ...hidden }, this.svg);
    this.line = svgEl("line", { class: "fh-fit-line", ...hidden }, this.svg);
    this.dots = svgEl("g", { class: "fh-dots" }, this.svg);
    this.stepText = svgEl("text", { class: "fh-stepcount", ...hidden }, this.svg);
    this.width = 560;
    this.height = 400;
    this.sx = linearScale(0, 1, 0, 1);
    this.sy = linearScale(0, 1, 0, 1);
    /** @type {View} */
    this.view = { x: [-2.6, 2.6], y: [-2.6, 2.6] };
  }

  /**
   * A new width (the height follows), or the same size over a new view: scales and grid.
   * @param {number} width
   * @param {View} view
   */
  setFrame(width, view) {
    this.width = Math.round(width);
    this.height = Math.round(clamp(width * 0.72, 240, 440));
    this.view = view;
    const W = this.width;
    const H = this.height;
    const m = MARGIN;
    this.svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    this.sx = linearScale(view.x[0], view.x[1], m, W - m);
    this.sy = linearScale(view.y[0], view.y[1], H - m, m);
    setAttrs(this.background, { x: 0, y: 0, width: W, height: H });
    const g = this.axes;
    g.replaceChildren();
    for (const t of ticks(view.x[0], view.x[1], 6)) {
      const cls = t === 0 ? "fh-grid fh-grid-zero" : "fh-grid";
      svgEl("line", { class: cls, x1: this.sx(t), x2: this.sx(t), y1: m, y2: H - m }, g);
    }
    for (const t of ticks(view.y[0], view.y[1], 6)) {
      const cls = t === 0 ? "fh-grid fh-grid-zero" : "fh-grid";
      svgEl("line", { class: cls, x1: m, x2: W - m, y1: this.sy(t), y2: this.sy(t) }, g);
    }
  }

  /**
   * Where the line y = w x + b crosses the view's left and right edges, on screen.
   * @param {number} w
   * @param {number} b
   */
  ends(w, b) {
    const [x0, x1] = this.view.x;
    return { x1: this.sx(x0), x2: this.sx(x1), y1: this.sy(w * x0 + b), y2: this.sy(w * x1 + b) };
  }

  /**
   * The line y = w x + b and each dot's miss: a segment straight up or down to the line.
   * @param {number} w
   * @param {number} b
   * @param {number[]} xs
   * @param {number[]} ys
   */
  drawLine(w, b, xs, ys) {
    const n = Math.min(xs.length, ys.length);
    const group = this.misses;
    while (group.childNodes.length > n) group.lastChild?.remove();
    for (let i = 0; i < n; i++) {
      let seg = /** @type {SVGElement | undefined} */ (group.childNodes[i]);
      if (!seg) seg = svgEl("line", { class: "fh-miss" }, group);
      const X = this.sx(xs[i]);
      setAttrs(seg, { x1: X, x2: X, y1: this.sy(ys[i]), y2: this.sy(w * xs[i] + b) });
    }
    setAttrs(this.line, this.ends(w, b));
  }

  /**
   * The best line possible, faint and named (null hides it).
   * @param {{w: number, b: number} | null} best
   */
  drawBest(best) {
    const display = best ? "" : "none";
    this.bestLine.style.display = display;
    this.bestLabel.style.display = display;
    if (!best) return;
    const { w, b } = best;
    const ends = this.ends(w, b);
    setAttrs(this.bestLine, ends);
    // Name the best line near its left end, on the side away from the slope.
    setAttrs(this.bestLabel, { x: ends.x1 + 8, y: clamp(ends.y1 + (w > 0 ? -12 : 22), 14, this.height - 8) });
    this.bestLabel.textContent = "best possible line";
  }

  /** @param {string} text the step drawn, in the corner ("" for none) */
  setStepText(text) {
    if (this.stepText.textContent !== text) this.stepText.textContent = text;
    setAttrs(this.stepText, { x: this.width - MARGIN, y: 28 });
  }
}
