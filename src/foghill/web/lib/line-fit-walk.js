// Reading a line fit's walk (the /api/linefit answer): the line at a fractional step, the line
// as drawn (its height b moved from x_from to x = 0), and the step into a position in numbers.
// Nothing here computes a descent: every w, b, gradient and loss comes from Python.

/** @typedef {{w: number, b: number}} Line */

/**
 * A number kept to four decimals (a line sent back as the start of a new walk).
 * @param {number} v
 */
export function round4(v) {
  return Math.round(v * 1e4) / 1e4;
}

/**
 * The line at fractional step t of the walk: between two steps, a share of the way.
 * @param {{w: number[], b: number[]}} fit
 * @param {number} t
 * @returns {Line}
 */
export function lineAt(fit, t) {
  const k = Math.min(Math.floor(t), fit.w.length - 1);
  const u = t - k;
  if (u > 0 && k + 1 < fit.w.length) {
    return { w: fit.w[k] + (fit.w[k + 1] - fit.w[k]) * u, b: fit.b[k] + (fit.b[k + 1] - fit.b[k]) * u };
  }
  return { w: fit.w[k], b: fit.b[k] };
}

/**
 * A line of the walk (its b read at xFrom) as y = w x + b with b at x = 0, as drawn.
 * @param {Line} line
 * @param {number} xFrom
 * @returns {Line}
 */
export function drawnLine(line, xFrom) {
  return { w: line.w, b: line.b - line.w * xFrom };
}

/**
 * How far the line moves on screen in each step: the larger move of its two ends.
 * @param {{w: number[], b: number[]}} fit
 * @param {(w: number, b: number) => {y1: number, y2: number}} ends where a drawn line meets the plot's sides
 * @param {number} xFrom
 * @returns {number[]}
 */
export function lineMoves(fit, ends, xFrom) {
  const out = [];
  for (let k = 0; k + 1 < fit.w.length; k++) {
    const a = ends(fit.w[k], fit.b[k] - fit.w[k] * xFrom);
    const b = ends(fit.w[k + 1], fit.b[k + 1] - fit.w[k + 1] * xFrom);
    out.push(Math.max(Math.abs(b.y1 - a.y1), Math.abs(b.y2 - a.y2)));
  }
  return out;
}

/**
 * A list of numbers from the model (an empty list for anything else).
 * @param {unknown} v
 * @returns {number[]}
 */
export function numberList(v) {
  return Array.isArray(v) ? v : [];
}

/**
 * The regimes of plain descent on the walk's dots, in the dial's terms (null for another
 * optimizer, or no walk).
 * @param {any} fit
 * @param {string} optimizer
 */
export function fitRegimes(fit, optimizer) {
  const steps = fit?.steps;
  if (!steps || optimizer !== "gd") return null;
  return { ...steps, curvature: steps.steep };
}
