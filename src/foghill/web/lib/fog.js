// Fog over a map seen from above: it hides the whole map except a small clear patch around
// every place the ball has stood, until the reader lifts it. The ball only ever knows the
// tilt where it stands; the fog shows the reader exactly that much.

import { setAttrs, svgEl, uid } from "./svg.js";

/** A new patch is cleared only this far (pixels) from the last one, to keep the mask small. */
const PATCH_GAP = 6;

export class MapFog {
  /** @param {import("./contour-map.js").ContourMap} map */
  constructor(map) {
    this.map = map;
    this.lifted = false;
    const id = uid("fh-fog");
    const soft = svgEl("radialGradient", { id: `${id}-soft` }, map.defs);
    svgEl("stop", { offset: "0", "stop-color": "#000" }, soft);
    svgEl("stop", { offset: "0.55", "stop-color": "#000" }, soft);
    svgEl("stop", { offset: "1", "stop-color": "#fff", "stop-opacity": "0" }, soft);
    this.softId = `${id}-soft`;
    const mask = svgEl("mask", { id: `${id}-mask`, maskUnits: "userSpaceOnUse" }, map.defs);
    this.maskRect = svgEl("rect", { fill: "#fff" }, mask);
    this.patches = svgEl("g", {}, mask);
    this.cover = svgEl("rect", { class: "fh-map-fog", mask: `url(#${id}-mask)` }, map.veil);
    /** @type {[number, number][]} the clear places, in data coordinates */
    this.places = [];
    /** @type {[number, number] | null} the last patch, in pixels */
    this.last = null;
  }

  /** The patch radius in pixels: about a tenth of the map's shorter side. */
  get radius() {
    const a = this.map.area;
    return Math.max(16, Math.min(a.right - a.left, a.bottom - a.top) * 0.09);
  }

  /** Fit the fog to the map's size (the patches are placed again). */
  layout() {
    const { width, height } = this.map;
    setAttrs(this.maskRect, { x: 0, y: 0, width, height });
    setAttrs(this.cover, { x: 0, y: 0, width, height });
    const places = this.places;
    this.clear();
    for (const [x, y] of places) this.reveal(x, y);
  }

  /** Every patch covered again (a new walk). */
  clear() {
    this.places = [];
    this.last = null;
    this.patches.replaceChildren();
  }

  /**
   * Clear a patch where the ball stands (data coordinates).
   * @param {number} x
   * @param {number} y
   */
  reveal(x, y) {
    const [X, Y] = this.map.toView(x, y);
    if (!Number.isFinite(X) || !Number.isFinite(Y)) return;
    const last = this.last;
    if (last && Math.hypot(X - last[0], Y - last[1]) < PATCH_GAP) return;
    this.last = [X, Y];
    this.places.push([x, y]);
    svgEl("circle", { cx: X, cy: Y, r: this.radius, fill: `url(#${this.softId})` }, this.patches);
  }

  /** @param {boolean} lifted */
  setLifted(lifted) {
    this.lifted = lifted;
    this.cover.style.display = lifted ? "none" : "";
  }
}
