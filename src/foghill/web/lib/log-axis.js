// Logarithmic scales for charts whose numbers span decades (step sizes, how wrong a run
// ends): a map from a positive interval to pixels, ticks at whole powers of ten, and tick
// labels a reader can read (0.01, 1, 100; 10⁻⁶ where plain digits would get long).

import { linearScale } from "./svg.js";
import { fmtSig } from "./format.js";

/**
 * A log10 map from [d0, d1] (both > 0) to [r0, r1], with its inverse.
 * @param {number} d0
 * @param {number} d1
 * @param {number} r0
 * @param {number} r1
 * @returns {{(v: number): number, invert: (p: number) => number}}
 */
export function logScale(d0, d1, r0, r1) {
  const inner = linearScale(Math.log10(d0), Math.log10(d1), r0, r1);
  const scale = (/** @type {number} */ v) => inner(Math.log10(v));
  scale.invert = (/** @type {number} */ p) => 10 ** inner.invert(p);
  return scale;
}

/**
 * The whole powers of ten inside [lo, hi] (lo, hi > 0), thinned to at most `count`
 * (every second, third, ... decade), as exponents.
 * @param {number} lo
 * @param {number} hi
 * @param {number} [count]
 * @returns {number[]}
 */
export function decades(lo, hi, count = 8) {
  const first = Math.ceil(Math.log10(lo) - 1e-9);
  const last = Math.floor(Math.log10(hi) + 1e-9);
  const every = Math.max(1, Math.ceil((last - first + 1) / Math.max(1, count)));
  const out = [];
  for (let e = first; e <= last; e++) if (e % every === 0) out.push(e);
  return out;
}

const SUPERSCRIPT = {
  "-": "\u207b",
  0: "\u2070",
  1: "\u00b9",
  2: "\u00b2",
  3: "\u00b3",
  4: "\u2074",
  5: "\u2075",
  6: "\u2076",
  7: "\u2077",
  8: "\u2078",
  9: "\u2079",
};

/**
 * Ten to the power e, as a reader writes it: plain digits from 0.001 to 1000, else 10 with
 * a raised exponent (10⁻⁶).
 * @param {number} e a whole number
 * @returns {string}
 */
export function powerLabel(e) {
  if (e >= -3 && e <= 3) return fmtSig(10 ** e, 1);
  const raised = [...String(e)].map((c) => SUPERSCRIPT[/** @type {keyof typeof SUPERSCRIPT} */ (c)] ?? c).join("");
  return `10${raised}`;
}

/**
 * A positive number in words for a log chart: a few significant digits, switching to
 * "1.2 × 10⁻⁶" for very small or very large ones.
 * @param {number} v
 * @returns {string}
 */
export function fmtLog(v) {
  if (!Number.isFinite(v)) return "—";
  if (v === 0) return "0";
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -3 && e <= 4) return fmtSig(v, 3);
  const mantissa = v / 10 ** e;
  return `${fmtSig(mantissa, 2)} \u00d7 ${powerLabel(e)}`;
}
