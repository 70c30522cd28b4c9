// The line fit's own landscape, beside the line: every line (slope w, height b) is a point of
// a map from above, shaded by how wrong that line is (the server's `fit.map`). The walk the
// line takes is a ball rolling on this map, drawn in step with the line; the least-squares
// line is the floor, marked with a cross. Dragging a dot brings a new map with the new walk.

import { ContourMap } from "./contour-map.js";
import { fmtVector } from "./format.js";
import { htmlEl, setAttrs, svgEl } from "./svg.js";

export class FitMap {
  /** @param {HTMLElement} parent */
  constructor(parent) {
    this.box = htmlEl("div", { class: "fh-lf-map" }, "", parent);
    this.map = new ContourMap(this.box, {
      label: "Every line as a point, from above: slope across, height up, shaded by how wrong it is",
      axes: ["slope", "height"],
    });
    const overlay = this.map.overlay;
    this.halo = svgEl("path", { class: "fh-walk-halo" }, overlay);
    this.trail = svgEl("path", { class: "fh-walk" }, overlay);
    this.ball = svgEl("circle", { class: "fh-map-ball", r: 6 }, overlay);
    /** @type {any} the map drawn */
    this.drawn = null;
    /** @type {any} the walk drawn (a LineFitResponse) */
    this.fit = null;
    this.t = 0;
    this.width = 0;
    new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width;
      if (!width || Math.abs(width - this.width) < 1) return;
      this.width = width;
      this.map.setSize(width, Math.max(180, Math.min(300, width * 0.75)));
      this.draw(this.fit, this.t);
    }).observe(this.box);
  }

  /**
   * Name the map's axes (the line's two knobs).
   * @param {string} across
   * @param {string} up
   */
  setNames(across, up) {
    if (this.map.axes[0] === across && this.map.axes[1] === up) return;
    this.map.axes = [across, up];
    this.map.layout();
  }

  /**
   * A new walk (and, when it carries a new map, the new map with its floor marked).
   * @param {any} fit
   */
  setFit(fit) {
    this.fit = fit;
    const map = fit?.map;
    if (map && map !== this.drawn && Array.isArray(map.domain)) {
      this.drawn = map;
      const floor = { x: fit.best.w, y: fit.best.b, loss: fit.best.loss, deepest: true };
      this.map.setContours({ ...map, minima: [floor] });
      this.map.svg.dataset.floor = fmtVector([fit.best.w, fit.best.b], 3);
    }
    this.box.hidden = !map;
  }

  /**
   * The ball at (fractional) step t of the walk, its trail behind it.
   * @param {any} fit
   * @param {number} t
   */
  draw(fit, t) {
    this.fit = fit;
    this.t = t;
    if (!fit || !this.drawn) {
      this.ball.style.display = "none";
      this.trail.setAttribute("d", "");
      this.halo.setAttribute("d", "");
      return;
    }
    const last = fit.w.length - 1;
    const k = Math.min(last, Math.floor(t));
    const u = Math.min(1, t - k);
    const w = k < last ? fit.w[k] + (fit.w[k + 1] - fit.w[k]) * u : fit.w[k];
    const b = k < last ? fit.b[k] + (fit.b[k + 1] - fit.b[k]) * u : fit.b[k];
    let d = "";
    for (let i = 0; i <= k; i++) {
      const [X, Y] = this.map.toView(fit.w[i], fit.b[i]);
      d += `${i ? "L" : "M"}${X.toFixed(1)},${Y.toFixed(1)}`;
    }
    const [X, Y] = this.map.toView(w, b);
    if (u > 0) d += `L${X.toFixed(1)},${Y.toFixed(1)}`;
    this.trail.setAttribute("d", d);
    this.halo.setAttribute("d", d);
    this.ball.style.display = "";
    setAttrs(this.ball, { cx: X, cy: Y });
    this.ball.dataset.at = fmtVector([w, b], 3);
  }
}
