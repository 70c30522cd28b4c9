// Labels that never overlap: each label beside its point, at the first of a few spots
// around it (right, left, above, below) where it overlaps no label placed before it and
// stays inside the picture; a label with no free spot is left out (its point keeps its name
// in a tooltip), never drawn over another.

/**
 * @typedef {object} Box
 * @property {number} x left
 * @property {number} y top
 * @property {number} w
 * @property {number} h
 */

/**
 * @param {Box} a
 * @param {Box} b
 * @returns {boolean}
 */
export function overlaps(a, b) {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Where each label goes: its box (top-left, as placed) and the anchor to draw it with, or
 * null when it has no free spot. Points are placed in order, so earlier ones win.
 * @param {Array<{x: number, y: number, w: number, h: number}>} labels each point and its label's size
 * @param {Box} inside the picture's box
 * @param {Box[]} [taken] boxes already in use (the points themselves, say)
 * @param {number} [gap] space between point and label
 * @returns {Array<{box: Box, anchor: "start" | "end" | "middle"} | null>}
 */
export function placeLabels(labels, inside, taken = [], gap = 5) {
  /** @type {Box[]} */
  const used = [...taken];
  return labels.map(({ x, y, w, h }) => {
    /** @type {Array<[Box, "start" | "end" | "middle"]>} */
    const spots = [
      [{ x: x + gap, y: y - h / 2, w, h }, "start"],
      [{ x: x - gap - w, y: y - h / 2, w, h }, "end"],
      [{ x: x - w / 2, y: y - gap - h, w, h }, "middle"],
      [{ x: x - w / 2, y: y + gap, w, h }, "middle"],
    ];
    for (const [box, anchor] of spots) {
      const fits =
        box.x >= inside.x &&
        box.y >= inside.y &&
        box.x + box.w <= inside.x + inside.w &&
        box.y + box.h <= inside.y + inside.h;
      if (fits && !used.some((b) => overlaps(b, box))) {
        used.push(box);
        return { box, anchor };
      }
    }
    return null;
  });
}

/**
 * Names over stretches of an axis (bands of a chart), in rows above it: each name centred
 * over its stretch where it fits between lo and hi, in the first row where it overlaps no
 * name placed before it; null when no row has room.
 * @param {Array<{x: number, w: number, rows?: number[]}>} labels each name's centre and width
 *   (and its own rows, when they differ from the shared ones)
 * @param {number[]} rows the rows' baselines, the preferred one first
 * @param {number} lo
 * @param {number} hi
 * @param {number} h a row's height
 * @returns {Array<{x: number, y: number} | null>} each name's centre and baseline
 */
export function placeInRows(labels, rows, lo, hi, h) {
  /** @type {Box[]} */
  const used = [];
  return labels.map(({ x, w, rows: own }) => {
    const cx = Math.min(Math.max(x, lo + w / 2), hi - w / 2);
    for (const y of own ?? rows) {
      const box = { x: cx - w / 2, y: y - h, w, h };
      if (!used.some((b) => overlaps(b, box))) {
        used.push(box);
        return { x: cx, y };
      }
    }
    return null;
  });
}
