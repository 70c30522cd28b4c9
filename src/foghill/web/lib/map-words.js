// A walk on a map from above, in words: which way is downhill, where a walk ended (a valley
// floor, the deepest one, or flat ground that is no floor at all), what each optimizer's run
// came to. Every number said is one the server gave; these only choose the words.

import { fmt, fmtSig, fmtVector, plural } from "./format.js";

/** Each optimizer's name as the page says it. */
export const OPTIMIZER_WORDS = /** @type {Record<string, string>} */ ({
  gd: "Plain descent",
  momentum: "Momentum",
  nesterov: "Nesterov",
  adagrad: "AdaGrad",
  rmsprop: "RMSProp",
  adam: "Adam",
});

/**
 * @param {string} name
 * @returns {string}
 */
export function optimizerName(name) {
  return OPTIMIZER_WORDS[name] ?? name;
}

/**
 * Which way is downhill on the map, from the tilt (gx, gy): against it, in compass words
 * where right is +x and up is +y.
 * @param {number[]} grad
 * @returns {string}
 */
export function downhillOnMap(grad) {
  const [gx, gy] = grad;
  const size = Math.hypot(gx, gy);
  if (!(size > 5e-4)) return "the ground is flat here";
  const angle = (Math.atan2(-gy, -gx) * 180) / Math.PI; // of the downhill way
  const ways = ["right", "up and right", "up", "up and left", "left", "down and left", "down", "down and right"];
  const way = ways[((Math.round(angle / 45) % 8) + 8) % 8];
  return `downhill is ${way} (steepness ${fmt(size)})`;
}

/**
 * The minimum a point is at (within 3% of the map's span), or null.
 * @param {number[]} p
 * @param {any} contours a ContoursResponse (or the line fit's map)
 * @returns {{x: number, y: number, loss: number, deepest: boolean} | null}
 */
export function minimumAt(p, contours) {
  const minima = Array.isArray(contours?.minima) ? contours.minima : [];
  const [[xlo, xhi], [ylo, yhi]] = contours.domain;
  const near = 0.03 * Math.hypot(xhi - xlo, yhi - ylo);
  let best = null;
  let bestD = near;
  for (const m of minima) {
    const d = Math.hypot(m.x - p[0], m.y - p[1]);
    if (d <= bestD) {
      best = m;
      bestD = d;
    }
  }
  return best;
}

/**
 * Where a walk stopped, in words: "at the deepest valley floor", "in a valley that is not the
 * lowest", or "on flat ground that is no valley floor (a saddle point)".
 * @param {number[]} p the last position
 * @param {any} contours
 * @returns {string}
 */
export function restingWords(p, contours) {
  const m = minimumAt(p, contours);
  if (m) {
    // Several floors may be equally low (Himmelblau's four): none of them is "the" deepest.
    const losses = contours.minima.map((/** @type {any} */ q) => q.loss);
    const lowest = Math.min(...losses);
    const near = (/** @type {number} */ v) => v - lowest <= 1e-9 * Math.max(1, Math.abs(lowest));
    if (!near(m.loss)) return "on a valley floor, though not the lowest one";
    return losses.filter(near).length > 1
      ? "on a valley floor, as low as any on this map"
      : "on the deepest valley floor";
  }
  return "on flat ground that is no valley floor: a saddle, lower ground lies either side";
}

/**
 * One run's outcome in a sentence, from its own numbers (a DescendResponse).
 * @param {any} run
 * @param {any} contours
 * @returns {string}
 */
export function runWords(run, contours) {
  const who = optimizerName(run.optimizer);
  const n = run.n_steps;
  const last = run.position[run.position.length - 1];
  const where = fmtVector(last);
  switch (run.outcome) {
    case "settled":
      return minimumAt(last, contours)
        ? `${who} reached the valley floor at ${where} in ${plural(n)}.`
        : `${who} stopped after ${plural(n)} at ${where}, ${restingWords(last, contours)}.`;
    case "zigzag":
      return `${who} zig-zagged for ${plural(n)} and ended at ${where}, ${
        minimumAt(last, contours) ? "on the valley floor" : "still short of the floor"
      }.`;
    case "crawling":
      return minimumAt(last, contours)
        ? `${who} is still crawling after ${plural(n)}: at ${where} it is close to the valley floor, but its steps have not yet come to rest.`
        : `${who} is still crawling after ${plural(n)}, at ${where} with height ${fmtSig(run.loss[run.loss.length - 1], 2)}.`;
    case "flew-off":
      return `${who} flew off the map after ${plural(n)}: its steps grew too long.`;
    default:
      return "";
  }
}

/**
 * Who reached a valley floor first, in words (from the runs' own step counts).
 * @param {any[]} runs a race's runs
 * @param {any} contours
 * @returns {string}
 */
export function winnerWords(runs, contours) {
  const floor = runs.filter((r) => r.outcome === "settled" && minimumAt(r.position[r.position.length - 1], contours));
  if (!floor.length) return "No racer reached a valley floor.";
  const first = floor.reduce((a, b) => (b.n_steps < a.n_steps ? b : a));
  return `First to a valley floor: ${optimizerName(first.optimizer)}, in ${plural(first.n_steps)}.`;
}
