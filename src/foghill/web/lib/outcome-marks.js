// How a run's outcome looks wherever several runs are compared (the learning-rate sweep, the
// step sizes racing): a word for it, and a marker shape as well as a colour, so colour is
// never the only sign. The classes fh-out-<outcome> carry the colours (sweep.css).

import { outcomeDoes, outcomeName } from "./outcome-words.js";
import { svgEl } from "./svg.js";

/** Each outcome's marker, in order of step size: timid to bold. */
const SHAPES = /** @type {const} */ ({
  crawling: "square",
  settled: "circle",
  zigzag: "triangle",
  "flew-off": "cross",
});

/**
 * Per outcome (contract.js OUTCOMES): what a run does, in the contract's words, and its marker.
 * @type {Record<string, {verb: string, name: string, shape: "square" | "circle" | "triangle" | "cross"}>}
 */
export const OUTCOME_LOOK = Object.fromEntries(
  Object.entries(SHAPES).map(([o, shape]) => [o, { verb: outcomeDoes(o), name: outcomeName(o), shape }]),
);

/** The outcomes in order of step size: timid to bold. */
export const OUTCOME_ORDER = Object.keys(OUTCOME_LOOK);

/**
 * The SVG path of an outcome's marker centred on (x, y), r about its half-width.
 * @param {string} outcome
 * @param {number} x
 * @param {number} y
 * @param {number} r
 * @returns {string}
 */
export function markerPath(outcome, x, y, r) {
  const f = (/** @type {number} */ v) => v.toFixed(1);
  switch (OUTCOME_LOOK[outcome]?.shape) {
    case "square":
      return `M${f(x - r)},${f(y - r)}h${f(2 * r)}v${f(2 * r)}h${f(-2 * r)}Z`;
    case "triangle": {
      const h = r * 1.25;
      return `M${f(x)},${f(y - h)}L${f(x + h)},${f(y + h * 0.8)}L${f(x - h)},${f(y + h * 0.8)}Z`;
    }
    case "cross":
      return `M${f(x - r)},${f(y - r)}L${f(x + r)},${f(y + r)}M${f(x + r)},${f(y - r)}L${f(x - r)},${f(y + r)}`;
    default: {
      // a circle as two arcs, so every marker is one path
      return `M${f(x - r)},${f(y)}a${f(r)},${f(r)} 0 1,0 ${f(2 * r)},0a${f(r)},${f(r)} 0 1,0 ${f(-2 * r)},0Z`;
    }
  }
}

/**
 * A small legend swatch: the outcome's marker in an SVG of its own (hidden from screen
 * readers: the word beside it says the same).
 * @param {string} outcome
 * @param {Element} parent
 * @returns {SVGElement}
 */
export function markerSwatch(outcome, parent) {
  const svg = svgEl(
    "svg",
    { class: `fh-swatch fh-out-${outcome}`, viewBox: "0 0 14 14", "aria-hidden": "true" },
    parent,
  );
  svgEl("path", { class: "fh-marker", d: markerPath(outcome, 7, 7, 4.5) }, svg);
  return svg;
}

/**
 * Where a rate stands against the valley's 1/L and 2/L, in words ("" when unknown).
 * @param {number} rate
 * @param {number | null} oneJump
 * @param {number | null} flyOff
 * @returns {string}
 */
export function markWords(rate, oneJump, flyOff) {
  if (typeof oneJump !== "number" || typeof flyOff !== "number") return "";
  if (rate < oneJump) return "below 1/L";
  if (rate <= flyOff) return "between 1/L and 2/L";
  return "above 2/L";
}
