// How a 1-D hill's heights are drawn: true to scale, or with tall walls squeezed so that
// several valleys stay visible dips (the words always print the true heights).

import { defined } from "./curve.js";

/** @typedef {import("./curve.js").Landscape} Landscape */

/** How much room above the valleys (in multiples of their band) is drawn true to scale. */
const WALL_ROOM = 0.5;

/**
 * How heights are drawn. A hill with one valley: the whole curve, true to scale. A hill with
 * several: from the lowest floor up to a little above the highest rise between the valleys
 * (the band b) true to scale, and higher ground, up to the highest of the curve, squeezed as h' = knee + b·ln(1 + (h − knee)/b). So two
 * valleys of very different depth stay two visible dips under tall walls, and every walk on
 * the curve stays in view; the heights printed in words are the true ones.
 * @param {Landscape} ls
 * @returns {{lo: number, hi: number, warp: (h: number) => number, slope: (h: number) => number}}
 */
export function heightView(ls) {
  const known = ls.curve.y.filter(defined);
  const lo = known.length ? Math.min(...known) : 0;
  const hi = known.length ? Math.max(...known) : 1;
  const flat = { lo, hi, warp: (/** @type {number} */ h) => h, slope: () => 1 };
  const minima = Array.isArray(ls.minima) ? ls.minima : [];
  if (minima.length < 2) return flat;
  const xs = minima.map((m) => m.x);
  const [left, right] = [Math.min(...xs), Math.max(...xs)];
  const between = ls.curve.y.filter((y, i) => defined(y) && ls.curve.x[i] >= left && ls.curve.x[i] <= right);
  const floor = Math.min(...minima.map((m) => m.loss));
  const rise = Math.max(floor, .../** @type {number[]} */ (between));
  const band = rise - floor || 1;
  const knee = rise + WALL_ROOM * band;
  if (hi <= knee) return flat;
  return {
    lo,
    hi,
    warp: (h) => (h <= knee ? h : knee + band * Math.log1p((h - knee) / band)),
    slope: (h) => (h <= knee ? 1 : band / (band + h - knee)),
  };
}
