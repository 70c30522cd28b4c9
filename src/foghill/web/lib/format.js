// Numbers as a reader sees them: a true minus sign, a sensible number of digits.

import { DISPLAY_DECIMALS } from "./contract.js";

const MINUS = "\u2212";

/**
 * A number with a fixed count of decimals and a typographic minus sign.
 * @param {number} value
 * @param {number} [digits]
 * @returns {string}
 */
export function fmt(value, digits = DISPLAY_DECIMALS) {
  if (!Number.isFinite(value)) return "—";
  let text = value.toFixed(digits);
  if (Number(text) === 0) text = (0).toFixed(digits);
  return text.startsWith("-") ? MINUS + text.slice(1) : text;
}

/**
 * A number with a few significant digits (for step sizes that span decades).
 * @param {number} value
 * @param {number} [significant]
 * @returns {string}
 */
export function fmtSig(value, significant = 3) {
  if (!Number.isFinite(value)) return "—";
  if (value === 0) return "0";
  const magnitude = Math.floor(Math.log10(Math.abs(value)));
  const digits = Math.max(0, significant - 1 - magnitude);
  return fmt(value, Math.min(digits, 8));
}

/**
 * A number as short as it is exact (2010, 4.5, 0.002), with a typographic minus sign.
 * @param {number} value
 * @returns {string}
 */
export function fmtNum(value) {
  if (!Number.isFinite(value)) return "—";
  const text = String(Number(value.toPrecision(12)));
  return text.startsWith("-") ? MINUS + text.slice(1) : text;
}

/**
 * A pair such as a line's (slope, height) as "(0.52, 1.10)".
 * @param {number[]} values
 * @param {number} [digits]
 * @returns {string}
 */
export function fmtVector(values, digits = DISPLAY_DECIMALS) {
  return `(${values.map((v) => fmt(v, digits)).join(", ")})`;
}

/**
 * Numbers (or a pair) in plain text, whichever was given.
 * @param {number | number[]} value
 * @param {number} [digits]
 * @returns {string}
 */
export function fmtAny(value, digits = DISPLAY_DECIMALS) {
  return Array.isArray(value) ? fmtVector(value, digits) : fmt(value, digits);
}

/**
 * "1 step" / "12 steps".
 * @param {number} n
 * @param {string} [word]
 * @returns {string}
 */
export function plural(n, word = "step") {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * Which way is downhill, in words, for a 1-D tilt.
 * @param {number} grad
 * @returns {string}
 */
export function downhillWords(grad) {
  if (Math.abs(grad) < 5e-4) return "flat here";
  return grad > 0 ? "downhill is to the left" : "downhill is to the right";
}
