// Round numbers along an axis, labelled, and no more of them than fit side by side.

import { fmt } from "./format.js";
import { ticks } from "./svg.js";

/** About how wide one character of a tick label is, in pixels (12px tabular figures). */
export const LABEL_CHAR_WIDTH = 8;
/** How tall a tick label is, with a little air (for labels stacked up a vertical axis). */
const LABEL_HEIGHT = 18;
/** The least space between two labels side by side, in pixels. */
const GAP = 16;

/**
 * Round values across [lo, hi], each with its label (as many decimals as the spacing needs),
 * at most `most` of them and as many as fit in `room` pixels.
 * @param {number} lo
 * @param {number} hi
 * @param {number} room the axis's length on screen
 * @param {"across" | "up"} direction labels side by side (a horizontal axis) or stacked
 * @param {number} [most]
 * @returns {[number, string][]}
 */
export function labelledTicks(lo, hi, room, direction, most = 6) {
  let labelled = label(ticks(lo, hi, most));
  for (let count = most - 1; count >= 2; count--) {
    const widest = Math.max(...labelled.map(([, text]) => text.length));
    const each = direction === "across" ? widest * LABEL_CHAR_WIDTH + GAP : LABEL_HEIGHT;
    if (labelled.length * each <= room) break;
    labelled = label(ticks(lo, hi, count));
  }
  return labelled;
}

/**
 * @param {number[]} values evenly spaced
 * @returns {[number, string][]}
 */
function label(values) {
  const step = values.length > 1 ? Math.abs(values[1] - values[0]) : 1;
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step) + 1e-9)));
  return values.map((t) => [t, fmt(t, digits)]);
}
