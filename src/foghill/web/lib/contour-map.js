// A 2-D landscape seen from above: the filled bands and contour lines of a ContoursResponse
// (the engine's own contours, drawn as they come), the minima, and the axes. The bands and
// lines live in data coordinates under one transform, so a resize only moves the transform;
// callers draw their walks in the `overlay` layer with toView(). Used by <fh-surface>,
// <fh-race>, the line fit's (slope, height) map and the small multiples of the sweep.

import { LABEL_CHAR_WIDTH, labelledTicks } from "./axis-ticks.js";
import { clamp, linearScale, pointerToSvg, setAttrs, svgEl, uid } from "./svg.js";

/** How many colours the sequential palette has (maps.css: .fh-band-0 … .fh-band-7). */
export const PALETTE_SIZE = 8;

/**
 * @typedef {object} Contours
 * @property {number[][]} domain [[xlo, xhi], [ylo, yhi]]
 * @property {number[]} levels
 * @property {{level: number, paths: number[][]}[]} lines
 * @property {{lower: number, upper: number, paths: number[][]}[]} bands
 * @property {{x: number, y: number, loss: number, deepest: boolean}[]} [minima]
 */

/**
 * An SVG path through flat [x0, y0, x1, y1, …] lists, each one a ring or a line.
 * @param {number[][]} paths
 * @param {boolean} closed
 * @returns {string}
 */
export function flatPathD(paths, closed) {
  const parts = [];
  for (const flat of paths) {
    if (flat.length < 4) continue;
    let d = `M${flat[0]} ${flat[1]}`;
    for (let i = 2; i + 1 < flat.length; i += 2) d += `L${flat[i]} ${flat[i + 1]}`;
    parts.push(closed ? `${d}Z` : d);
  }
  return parts.join("");
}

/**
 * The palette colour of band i of n: low ground dark, high ground pale (one hue ramp, so
 * it reads the same to every eye; the lines carry the shape too).
 * @param {number} i
 * @param {number} n
 * @returns {number}
 */
export function bandShade(i, n) {
  return n <= 1 ? 0 : Math.round((i / (n - 1)) * (PALETTE_SIZE - 1));
}

/**
 * @typedef {object} MapOptions
 * @property {string} label what the map shows, for screen readers
 * @property {[string, string]} [axes] the two axis names (default x, y)
 * @property {boolean} [compact] small multiples: fewer ticks, narrow margins
 */

export class ContourMap {
  /**
   * @param {HTMLElement} parent
   * @param {MapOptions} options
   */
  constructor(parent, options) {
    this.axes = options.axes ?? ["x", "y"];
    this.compact = Boolean(options.compact);
    this.width = 480;
    this.height = 360;
    this.margin = this.compact
      ? { top: 6, right: 6, bottom: 20, left: 26 }
      : { top: 10, right: 12, bottom: 36, left: 44 };
    /** @type {Contours | null} */
    this.contours = null;
    this.sx = linearScale(0, 1, 0, 1);
    this.sy = linearScale(0, 1, 0, 1);
    this.minimaShown = true;
    const id = uid("fh-map");
    this.clipId = `${id}-clip`;
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-map", role: "group", "aria-label": options.label }, parent)
    );
    this.defs = svgEl("defs", {}, this.svg);
    this.clipRect = svgEl("rect", {}, svgEl("clipPath", { id: this.clipId }, this.defs));
    this.axis = svgEl("g", { class: "fh-map-axis", "aria-hidden": "true" }, this.svg);
    /** the part of the drawing inside the plot area */
    this.body = svgEl("g", { "clip-path": `url(#${this.clipId})` }, this.svg);
    this.frame = svgEl("rect", { class: "fh-map-frame" }, this.body);
    this.ground = svgEl("g", { class: "fh-map-ground", "aria-hidden": "true" }, this.body);
    this.bands = svgEl("g", { class: "fh-map-bands" }, this.ground);
    this.lines = svgEl("g", { class: "fh-map-lines" }, this.ground);
    /** between the ground and the walks: a fog, say (fog.js) */
    this.veil = svgEl("g", { class: "fh-map-veil", "aria-hidden": "true" }, this.body);
    this.minima = svgEl("g", { class: "fh-map-minima", "aria-hidden": "true" }, this.body);
    /** where callers draw walks and balls, in pixels (toView) */
    this.overlay = svgEl("g", { class: "fh-map-overlay", "aria-hidden": "true" }, this.body);
  }

  /** @returns {{left: number, right: number, top: number, bottom: number}} the plot area */
  get area() {
    const m = this.margin;
    return { left: m.left, right: this.width - m.right, top: m.top, bottom: this.height - m.bottom };
  }

  /**
   * @param {number} width
   * @param {number} height
   */
  setSize(width, height) {
    this.width = Math.max(120, Math.round(width));
    this.height = Math.max(100, Math.round(height));
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    this.layout();
  }

  /**
   * Draw new contours (the map's shapes are built once here; a resize only moves them).
   * @param {Contours} contours
   */
  setContours(contours) {
    this.contours = contours;
    const n = contours.bands.length;
    const bandEls = contours.bands.map((band, i) => {
      const el = svgEl("path", { class: `fh-band fh-band-${bandShade(i, n)}`, "fill-rule": "evenodd" });
      el.setAttribute("d", flatPathD(band.paths, true));
      return el;
    });
    this.bands.replaceChildren(...bandEls);
    const lineEls = contours.lines.map((line) => {
      const el = svgEl("path", { class: "fh-contour", "vector-effect": "non-scaling-stroke" });
      el.setAttribute("d", flatPathD(line.paths, false));
      return el;
    });
    this.lines.replaceChildren(...lineEls);
    this.layout();
  }

  /** Scales, the ground's transform, axes and minima for the current size and contours. */
  layout() {
    const c = this.contours;
    if (c) {
      // The left margin holds the widest height label (and, beside it, the axis name).
      const [lo, hi] = c.domain[1];
      const widest = Math.max(...this.tickLabels(lo, hi, "up").map(([, text]) => text.length));
      const room = widest * LABEL_CHAR_WIDTH + (this.compact ? 8 : 26);
      this.margin.left = Math.max(this.compact ? 26 : 44, room);
    }
    const a = this.area;
    setAttrs(this.clipRect, { x: a.left, y: a.top, width: a.right - a.left, height: a.bottom - a.top });
    setAttrs(this.frame, { x: a.left, y: a.top, width: a.right - a.left, height: a.bottom - a.top });
    if (!c) return;
    const [[xlo, xhi], [ylo, yhi]] = c.domain;
    this.sx = linearScale(xlo, xhi, a.left, a.right);
    this.sy = linearScale(ylo, yhi, a.bottom, a.top);
    // Data to pixels in one matrix: x' = kx*x + ex, y' = ky*y + ey.
    const kx = this.sx.k;
    const ky = this.sy.k;
    this.ground.setAttribute("transform", `matrix(${kx} 0 0 ${ky} ${this.sx(0)} ${this.sy(0)})`);
    this.drawAxes(xlo, xhi, ylo, yhi);
    this.drawMinima();
  }

  /**
   * @param {number} xlo
   * @param {number} xhi
   * @param {number} ylo
   * @param {number} yhi
   */
  drawAxes(xlo, xhi, ylo, yhi) {
    const g = this.axis;
    g.replaceChildren();
    const a = this.area;
    for (const [t, text] of this.tickLabels(xlo, xhi, "across")) {
      const x = this.sx(t);
      svgEl("line", { class: "fh-tick", x1: x, x2: x, y1: a.bottom, y2: a.bottom + 4 }, g);
      const label = svgEl("text", { class: "fh-tick-label", x, y: a.bottom + 15, "text-anchor": "middle" }, g);
      label.textContent = text;
    }
    for (const [t, text] of this.tickLabels(ylo, yhi, "up")) {
      const y = this.sy(t);
      svgEl("line", { class: "fh-tick", x1: a.left - 4, x2: a.left, y1: y, y2: y }, g);
      const label = svgEl("text", { class: "fh-tick-label fh-tick-end", x: a.left - 6, y: y + 4 }, g);
      label.textContent = text;
    }
    if (this.compact) return;
    const xName = svgEl("text", { class: "fh-axis-name", x: (a.left + a.right) / 2, y: a.bottom + 31 }, g);
    xName.textContent = this.axes[0];
    const yName = svgEl("text", { class: "fh-axis-name", x: 12, y: (a.top + a.bottom) / 2 }, g);
    yName.setAttribute("transform", `rotate(-90 12 ${((a.top + a.bottom) / 2).toFixed(1)})`);
    yName.textContent = this.axes[1];
  }

  /**
   * The round values marked along one axis, each with its label, as many as fit.
   * @param {number} lo
   * @param {number} hi
   * @param {"across" | "up"} direction
   * @returns {[number, string][]}
   */
  tickLabels(lo, hi, direction) {
    const m = this.margin;
    const room = direction === "across" ? this.width - m.left - m.right : this.height - m.top - m.bottom;
    return labelledTicks(lo, hi, room, direction, this.compact ? 2 : 6);
  }

  /** A ring and a cross on every minimum (a filled star-like mark on the deepest). */
  drawMinima() {
    const g = this.minima;
    g.replaceChildren();
    const list = this.contours?.minima ?? [];
    for (const m of list) {
      const [X, Y] = this.toView(m.x, m.y);
      const mark = svgEl("g", { class: `fh-minimum${m.deepest ? " fh-minimum-deepest" : ""}` }, g);
      svgEl("circle", { cx: X, cy: Y, r: m.deepest ? 7 : 5.5 }, mark);
      svgEl("path", { d: `M${X - 4},${Y - 4}L${X + 4},${Y + 4}M${X - 4},${Y + 4}L${X + 4},${Y - 4}` }, mark);
    }
    this.setMinimaShown(this.minimaShown);
  }

  /** @param {boolean} shown */
  setMinimaShown(shown) {
    this.minimaShown = shown;
    this.minima.style.display = shown ? "" : "none";
  }

  /**
   * A data point in the view's pixels.
   * @param {number} x
   * @param {number} y
   * @returns {[number, number]}
   */
  toView(x, y) {
    return [this.sx(x), this.sy(y)];
  }

  /**
   * Where a pointer event points, in data coordinates, kept inside the domain.
   * @param {{clientX: number, clientY: number}} event
   * @returns {[number, number]}
   */
  fromEvent(event) {
    const p = pointerToSvg(this.svg, event);
    return this.inside(this.sx.invert(p.x), this.sy.invert(p.y));
  }

  /**
   * A point moved just inside the domain.
   * @param {number} x
   * @param {number} y
   * @returns {[number, number]}
   */
  inside(x, y) {
    if (!this.contours) return [x, y];
    const [[xlo, xhi], [ylo, yhi]] = this.contours.domain;
    const ix = (xhi - xlo) * 0.002;
    const iy = (yhi - ylo) * 0.002;
    return [clamp(x, xlo + ix, xhi - ix), clamp(y, ylo + iy, yhi - iy)];
  }

  /**
   * A walk's path in pixels up to position k: an SVG path string.
   * @param {number[][]} points [[x, y], …]
   * @param {number} k last position included
   * @returns {string}
   */
  walkD(points, k) {
    let d = "";
    const last = Math.min(k, points.length - 1);
    for (let i = 0; i <= last; i++) {
      const [X, Y] = this.toView(points[i][0], points[i][1]);
      d += `${i ? "L" : "M"}${X.toFixed(1)},${Y.toFixed(1)}`;
    }
    return d;
  }
}
