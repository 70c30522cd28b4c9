// Small drawing helpers: SVG elements, linear scales, paths, unique ids.

export const SVG_NS = "http://www.w3.org/2000/svg";

/**
 * Make an SVG element with attributes, optionally appended to a parent.
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {Element | null} [parent]
 * @returns {SVGElement}
 */
export function svgEl(tag, attrs = {}, parent = null) {
  const el = /** @type {SVGElement} */ (document.createElementNS(SVG_NS, tag));
  setAttrs(el, attrs);
  if (parent) parent.appendChild(el);
  return el;
}

/**
 * Make an HTML element with attributes and optional text.
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 * @param {Element | null} [parent]
 * @returns {HTMLElement}
 */
export function htmlEl(tag, attrs = {}, text = "", parent = null) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  if (text) el.textContent = text;
  if (parent) parent.appendChild(el);
  return el;
}

/**
 * Set many attributes at once (numbers are rounded to 0.01 to keep the DOM light).
 * @param {Element} el
 * @param {Record<string, string | number>} attrs
 */
export function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs)) {
    el.setAttribute(key, typeof value === "number" ? String(round2(value)) : value);
  }
}

/**
 * @param {number} v
 * @returns {number}
 */
export function round2(v) {
  return Math.round(v * 100) / 100;
}

/**
 * A linear map from a data interval to a pixel interval, with its inverse.
 * @param {number} d0
 * @param {number} d1
 * @param {number} r0
 * @param {number} r1
 * @returns {{(v: number): number, invert: (p: number) => number, k: number}}
 */
export function linearScale(d0, d1, r0, r1) {
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  const scale = (/** @type {number} */ v) => r0 + (v - d0) * k;
  scale.invert = (/** @type {number} */ p) => (k === 0 ? d0 : d0 + (p - r0) / k);
  scale.k = k;
  return scale;
}

/**
 * An SVG path through points.
 * @param {number[]} xs pixel x
 * @param {number[]} ys pixel y
 * @returns {string}
 */
export function pathThrough(xs, ys) {
  let d = "";
  for (let i = 0; i < xs.length; i++) {
    d += `${(i ? "L" : "M") + round2(xs[i])},${round2(ys[i])}`;
  }
  return d;
}

let counter = 0;

/**
 * An id unique on this page (several widgets, a notebook with many outputs).
 * @param {string} prefix
 * @returns {string}
 */
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}-${Math.random().toString(36).slice(2, 7)}`;
}

/**
 * Nice round tick values across an interval.
 * @param {number} lo
 * @param {number} hi
 * @param {number} [count]
 * @returns {number[]}
 */
export function ticks(lo, hi, count = 8) {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / mag;
  const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
  }
  return out;
}

/**
 * Where a pointer event lands in an SVG's own coordinates.
 * @param {SVGSVGElement} svg
 * @param {{clientX: number, clientY: number}} event
 * @returns {{x: number, y: number}}
 */
export function pointerToSvg(svg, event) {
  const ctm = svg.getScreenCTM();
  if (!ctm) return { x: 0, y: 0 };
  const p = new DOMPoint(event.clientX, event.clientY).matrixTransform(ctm.inverse());
  return { x: p.x, y: p.y };
}

/**
 * Clamp a number into [lo, hi].
 * @param {number} v
 * @param {number} lo
 * @param {number} hi
 * @returns {number}
 */
export function clamp(v, lo, hi) {
  return Math.min(hi, Math.max(lo, v));
}
