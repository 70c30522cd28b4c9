// When two numbers from the server count as the same: equal but for the last digits a round
// trip through JSON or a sum in another order may change (a billionth of their size).

/** How far apart two numbers may be, as a share of their size, and still be the same. */
export const SAME_WITHIN = 1e-9;

/**
 * Is a the same number as b, within SAME_WITHIN of b's size (of `floor`, when b is smaller)?
 * @param {number} a
 * @param {number} b
 * @param {number} [floor] the smallest size the share is taken of (1: near 0, a billionth)
 * @returns {boolean}
 */
export function closeTo(a, b, floor = 1) {
  return Math.abs(a - b) <= SAME_WITHIN * Math.max(floor, Math.abs(b));
}
