// A sampled 1-D curve: heights at evenly spaced x, with null where the formula is
// undefined. Reading it between samples, and finding where it is defined.

import { clamp } from "./svg.js";

/**
 * @typedef {object} Landscape
 * @property {string} name
 * @property {string} title
 * @property {string} formula
 * @property {number[]} domain
 * @property {{x: number[], y: Array<number | null>}} curve
 * @property {Array<{x: number, loss: number, curvature: number, deepest: boolean}>} minima
 * @property {{valley: number, curvature: number, crawl_below: number, one_jump: number, fly_off: number} | null} regimes
 */

/**
 * Is this sampled height defined? The server sends null where the formula is undefined.
 * @param {number | null | undefined} y
 * @returns {y is number}
 */
export function defined(y) {
  return typeof y === "number" && Number.isFinite(y);
}

/**
 * Linear interpolation in a sorted sample (xs ascending). NaN where the sample is undefined
 * (a null at either end of the interval x falls in, or no sample at all).
 * @param {number[]} xs
 * @param {Array<number | null>} ys
 * @param {number} x
 * @returns {number}
 */
export function interpolate(xs, ys, x) {
  const n = xs.length;
  if (n === 0) return NaN;
  const at = (/** @type {number} */ i) => {
    const y = ys[i];
    return defined(y) ? y : NaN;
  };
  if (x <= xs[0]) return at(0);
  if (x >= xs[n - 1]) return at(n - 1);
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  if (x === xs[lo]) return at(lo);
  const u = (x - xs[lo]) / (xs[hi] - xs[lo] || 1);
  return at(lo) + u * (at(hi) - at(lo));
}

/**
 * The runs of consecutive defined samples, as [first, last] index pairs.
 * @param {Array<number | null>} ys
 * @returns {Array<[number, number]>}
 */
export function definedRuns(ys) {
  /** @type {Array<[number, number]>} */
  const runs = [];
  let start = -1;
  for (let i = 0; i <= ys.length; i++) {
    const ok = i < ys.length && defined(ys[i]);
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      runs.push([start, i - 1]);
      start = -1;
    }
  }
  return runs;
}

/**
 * The x nearest to x where the sampled curve is defined (x itself when it is).
 * @param {number[]} xs
 * @param {Array<number | null>} ys
 * @param {number} x
 * @returns {number}
 */
export function nearestDefinedX(xs, ys, x) {
  if (Number.isFinite(interpolate(xs, ys, x))) return x;
  let best = x;
  let gap = Infinity;
  for (const [a, b] of definedRuns(ys)) {
    const near = clamp(x, xs[a], xs[b]);
    if (Math.abs(near - x) < gap) {
      gap = Math.abs(near - x);
      best = near;
    }
  }
  return best;
}
