// Fog over a 1-D hill seen from the side: it covers everything but a clear window around the
// ball, until the reader lifts it (the plot's "fh-fog-lifted" class hides it).

import { clamp, setAttrs, svgEl } from "./svg.js";

/** Where the three wisps sit: centre x, centre y, half-width, half-height, as shares of the plot. */
const WISPS = [
  [0.22, 0.35, 0.3, 0.18],
  [0.62, 0.55, 0.34, 0.2],
  [0.85, 0.28, 0.22, 0.16],
];

export class HillFog {
  /**
   * @param {SVGElement} svg the plot, the fog layer is appended to it
   * @param {SVGElement} defs the plot's definitions
   * @param {{clear: string, mask: string, fog: string}} ids
   */
  constructor(svg, defs, ids) {
    const clear = svgEl("radialGradient", { id: ids.clear }, defs);
    svgEl("stop", { offset: "0", "stop-color": "#000" }, clear);
    svgEl("stop", { offset: "0.45", "stop-color": "#000" }, clear);
    svgEl("stop", { offset: "1", "stop-color": "#fff" }, clear);
    const mask = svgEl("mask", { id: ids.mask, maskUnits: "userSpaceOnUse" }, defs);
    this.maskRect = svgEl("rect", { fill: "#fff" }, mask);
    /** the clear window around the ball */
    this.window = svgEl("ellipse", { fill: `url(#${ids.clear})`, rx: 78, ry: 92 }, mask);
    const fogGrad = svgEl("linearGradient", { id: ids.fog, x1: 0, y1: 0, x2: 0, y2: 1 }, defs);
    svgEl("stop", { offset: "0", class: "fh-fog-top" }, fogGrad);
    svgEl("stop", { offset: "0.6", class: "fh-fog-mid" }, fogGrad);
    svgEl("stop", { offset: "1", class: "fh-fog-bottom" }, fogGrad);
    this.layer = svgEl("g", { class: "fh-fog", mask: `url(#${ids.mask})`, "aria-hidden": "true" }, svg);
    this.rect = svgEl("rect", { fill: `url(#${ids.fog})` }, this.layer);
    this.wisps = [0, 1, 2].map((i) => svgEl("ellipse", { class: `fh-fog-wisp fh-fog-wisp-${i}` }, this.layer));
  }

  /**
   * Fit the fog to the plot's size.
   * @param {number} W width
   * @param {number} H height
   * @param {number} bottom the bottom margin (the axis stays clear)
   */
  layout(W, H, bottom) {
    setAttrs(this.maskRect, { x: 0, y: 0, width: W, height: H });
    setAttrs(this.rect, { x: 0, y: 0, width: W, height: H - bottom + 2 });
    this.wisps.forEach((w, i) => {
      const [cx, cy, rx, ry] = WISPS[i];
      setAttrs(w, { cx: W * cx, cy: (H - bottom) * cy, rx: W * rx, ry: H * ry });
    });
    const r = clamp(W * 0.09, 56, 92);
    setAttrs(this.window, { rx: r, ry: r * 1.15 });
  }
}
