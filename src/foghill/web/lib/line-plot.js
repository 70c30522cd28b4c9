// Drawing the line fit's plane: a grid, the dots' layer (the dot editor fills it), the line,
// each miss from its dot to the line, and, once a walk is over, the best line possible.
// Nothing here computes a fit: the lines come from Python.

import { LABEL_CHAR_WIDTH, labelledTicks } from "./axis-ticks.js";
import { clamp, linearScale, setAttrs, svgEl, uid } from "./svg.js";

/** @typedef {{x: [number, number], y: [number, number]}} View */

/** Margin around the grid, in pixels (more on the left and below, for the numbers and names). */
const MARGIN = 14;
/** Below the grid: the tick numbers, then the axis name. */
const BOTTOM = 46;

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
    // Lines and misses stop at the grid's edge (a line far off the dots runs out of view).
    const clipId = uid("fh-lf-clip");
    this.clipRect = svgEl("rect", {}, svgEl("clipPath", { id: clipId }, svgEl("defs", {}, this.svg)));
    const inside = svgEl("g", { "clip-path": `url(#${clipId})`, ...hidden }, this.svg);
    this.bestLine = svgEl("line", { class: "fh-best-line" }, inside);
    this.bestLabel = svgEl("text", { class: "fh-best-label", ...hidden }, this.svg);
    this.misses = svgEl("g", { class: "fh-misses" }, inside);
    this.line = svgEl("line", { class: "fh-fit-line" }, inside);
    this.dots = svgEl("g", { class: "fh-dots" }, this.svg);
    this.stepText = svgEl("text", { class: "fh-stepcount", ...hidden }, this.svg);
    this.width = 560;
    this.height = 400;
    this.sx = linearScale(0, 1, 0, 1);
    this.sy = linearScale(0, 1, 0, 1);
    /** @type {View} */
    this.view = { x: [-2.6, 2.6], y: [-2.6, 2.6] };
    /** what x and y stand for, named along their axes */
    this.names = ["x", "y"];
  }

  /**
   * Name the axes (a redraw follows with the next frame).
   * @param {string} x
   * @param {string} y
   */
  setNames(x, y) {
    const changed = x !== this.names[0] || y !== this.names[1];
    this.names = [x, y];
    if (changed) this.setFrame(this.width, this.view);
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
    const bottom = H - BOTTOM;
    const yTicks = labelledTicks(view.y[0], view.y[1], bottom - m, "up");
    const widest = Math.max(...yTicks.map(([, text]) => text.length));
    const left = m + 22 + widest * LABEL_CHAR_WIDTH;
    const xTicks = labelledTicks(view.x[0], view.x[1], W - m - left, "across");
    this.svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
    this.sx = linearScale(view.x[0], view.x[1], left, W - m);
    this.sy = linearScale(view.y[0], view.y[1], bottom, m);
    const area = { x: left, y: m, width: W - m - left, height: bottom - m };
    setAttrs(this.background, area);
    setAttrs(this.clipRect, area);
    const g = this.axes;
    g.replaceChildren();
    for (const [t, text] of xTicks) {
      const x = this.sx(t);
      const cls = t === 0 ? "fh-grid fh-grid-zero" : "fh-grid";
      svgEl("line", { class: cls, x1: x, x2: x, y1: m, y2: bottom }, g);
      svgEl("text", { class: "fh-tick-label", x, y: bottom + 16 }, g).textContent = text;
    }
    for (const [t, text] of yTicks) {
      const y = this.sy(t);
      const cls = t === 0 ? "fh-grid fh-grid-zero" : "fh-grid";
      svgEl("line", { class: cls, x1: left, x2: W - m, y1: y, y2: y }, g);
      const label = svgEl("text", { class: "fh-tick-label fh-tick-end", x: left - 6, y: y + 4 }, g);
      label.textContent = text;
    }
    const middle = (bottom + m) / 2;
    const xName = svgEl("text", { class: "fh-axis-name", x: (left + W - m) / 2, y: H - 8 }, g);
    xName.textContent = this.names[0];
    const yName = svgEl("text", { class: "fh-axis-name", x: m, y: middle }, g);
    yName.setAttribute("transform", `rotate(-90 ${m} ${middle.toFixed(1)})`);
    yName.textContent = this.names[1];
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
