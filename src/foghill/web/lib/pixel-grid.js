// Small square images drawn cell by cell on a canvas (8×8 digits, weight templates), scaled up
// by CSS with crisp edges. Colours come from the widget's CSS variables (read once per colour
// scheme), so dark mode follows the page.

import { htmlEl } from "./svg.js";

/**
 * A CSS colour as [r, g, b] (0..255), through the canvas's own parser.
 * @param {CanvasRenderingContext2D} ctx
 * @param {string} css
 * @returns {[number, number, number]}
 */
function rgb(ctx, css) {
  ctx.fillStyle = "#000";
  ctx.fillStyle = css || "#000";
  const hex = String(ctx.fillStyle);
  if (hex.startsWith("#")) {
    return [
      Number.parseInt(hex.slice(1, 3), 16),
      Number.parseInt(hex.slice(3, 5), 16),
      Number.parseInt(hex.slice(5, 7), 16),
    ];
  }
  const m = hex.match(/[\d.]+/g) ?? ["0", "0", "0"];
  return [Number(m[0]), Number(m[1]), Number(m[2])];
}

/**
 * The colours a grid mixes, from the element's CSS variables.
 * @typedef {object} Palette
 * @property {[number, number, number]} paper
 * @property {[number, number, number]} ink
 * @property {[number, number, number]} plus
 * @property {[number, number, number]} minus
 */

/** @type {WeakMap<Element, Palette>} colours read so far, by element */
let palettes = new WeakMap();
/** @type {CanvasRenderingContext2D | null} parses CSS colours */
let parser = null;
// Reading computed styles forces the browser to recompute them for the whole page, so each
// element's colours are read once, and again only when the colour scheme changes.
if (typeof matchMedia === "function") {
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => {
    palettes = new WeakMap();
  });
}

/**
 * The colours a grid mixes, from the element's CSS variables (read once per colour scheme).
 * @param {Element} el
 * @returns {Palette}
 */
export function palette(el) {
  const known = palettes.get(el);
  if (known) return known;
  parser ??= /** @type {CanvasRenderingContext2D} */ (document.createElement("canvas").getContext("2d"));
  const ctx = parser;
  const style = getComputedStyle(el);
  const v = (/** @type {string} */ name) => style.getPropertyValue(name).trim();
  const found = {
    paper: rgb(ctx, v("--fh-paper")),
    ink: rgb(ctx, v("--fh-ink")),
    plus: rgb(ctx, v("--fh-curve")),
    minus: rgb(ctx, v("--fh-miss")),
  };
  palettes.set(el, found);
  return found;
}

/**
 * @param {[number, number, number]} a
 * @param {[number, number, number]} b
 * @param {number} t 0..1
 * @returns {[number, number, number]}
 */
function mix(a, b, t) {
  return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];
}

export class PixelGrid {
  /**
   * @param {HTMLElement} parent
   * @param {number} side cells per row (8)
   * @param {string} cls
   */
  constructor(parent, side, cls) {
    this.side = side;
    this.canvas = /** @type {HTMLCanvasElement} */ (
      htmlEl("canvas", { width: side, height: side, class: `fh-tr-pixels ${cls}`, "aria-hidden": "true" }, "", parent)
    );
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.canvas.getContext("2d"));
    this.image = this.ctx.createImageData(side, side);
  }

  /**
   * Ink on paper: each value from 0 (paper) to `top` (ink).
   * @param {ArrayLike<number>} values side*side numbers
   * @param {number} top
   * @param {Palette} colours
   */
  drawInk(values, top, colours) {
    this.paint(values, (v) => mix(colours.paper, colours.ink, Math.max(0, Math.min(1, v / top))));
  }

  /**
   * A template: values 0..255 with 128 as nothing; above leans one way, below the other.
   * The square root lifts small weights into view (most of a template's weights are small).
   * @param {ArrayLike<number>} values
   * @param {Palette} colours
   */
  drawSigned(values, colours) {
    this.paint(values, (v) => {
      const t = Math.sqrt(Math.min(1, Math.abs(v - 128) / 127));
      return v >= 128 ? mix(colours.paper, colours.plus, t) : mix(colours.paper, colours.minus, t);
    });
  }

  /**
   * @param {ArrayLike<number>} values
   * @param {(v: number) => [number, number, number]} colour
   */
  paint(values, colour) {
    const data = this.image.data;
    const n = this.side * this.side;
    for (let i = 0; i < n; i++) {
      const [r, g, b] = colour(Number(values[i]) || 0);
      data[4 * i] = r;
      data[4 * i + 1] = g;
      data[4 * i + 2] = b;
      data[4 * i + 3] = 255;
    }
    this.ctx.putImageData(this.image, 0, 0);
  }
}
