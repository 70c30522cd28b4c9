// Where a walk on a 1-D hill came to rest, said against the whole run: in which valley, and,
// when that is not the deepest, whether the ball ever went over the rise that hides the
// deepest one. Every number is the server's (the run's positions, the hill's drawn curve and
// valleys); this only chooses the words.

import { endingWords } from "./ending.js";
import { finishWords } from "./finish-words.js";
import { fmt, plural } from "./format.js";

/**
 * The top of the rise between two valleys, as the hill is drawn: the highest sample of the
 * curve strictly between a and b (null when the curve has no sample there).
 * @param {any} landscape a /api/landscape answer
 * @param {number} a
 * @param {number} b
 * @returns {number | null}
 */
export function riseBetween(landscape, a, b) {
  const xs = landscape?.curve?.x ?? [];
  const ys = landscape?.curve?.y ?? [];
  const [lo, hi] = a < b ? [a, b] : [b, a];
  let top = null;
  let best = Number.NEGATIVE_INFINITY;
  xs.forEach((/** @type {number} */ x, /** @type {number} */ i) => {
    const y = ys[i];
    if (x > lo && x < hi && typeof y === "number" && y > best) {
      best = y;
      top = x;
    }
  });
  return top;
}

/**
 * The first step at which the walk stood beyond the rise at `rise`, seen from `home` (-1:
 * never).
 * @param {number[]} positions
 * @param {number} home
 * @param {number} rise
 * @returns {number}
 */
export function firstBeyond(positions, home, rise) {
  const side = Math.sign(home - rise);
  return positions.findIndex((p) => Math.sign(p - rise) === -side);
}

/**
 * Where the walk ended, in words (" in the deepest valley, at x = …"), and, in a side valley,
 * what the run did about the deepest: it never went over the rise between them, or it did
 * (from which step, how far) and came back.
 * @param {any} traj a /api/descend answer
 * @param {any} landscape the /api/landscape answer
 * @returns {string}
 */
export function valleyWords(traj, landscape) {
  const valley = traj?.valley;
  if (!valley) return "";
  if (valley.deepest) return ` in the deepest valley, at x = ${fmt(valley.x)}`;
  const here = ` in a side valley at x = ${fmt(valley.x)}, not the lowest ground.`;
  const deepest = (landscape?.minima ?? []).find((/** @type {any} */ m) => m.deepest);
  if (!deepest) return here;
  const rise = riseBetween(landscape, valley.x, deepest.x);
  if (rise === null) return `${here} The deepest valley lies at x = ${fmt(deepest.x)}.`;
  const k = firstBeyond(traj.position, valley.x, rise);
  if (k < 0) {
    return `${here} The deepest valley lies at x = ${fmt(deepest.x)}, beyond a rise at x = ${fmt(rise)} the ball never crossed.`;
  }
  const past =
    Math.sign(traj.position[k] - deepest.x) === Math.sign(deepest.x - valley.x) ? ", past the deepest valley" : "";
  return (
    `${here} The deepest valley lies at x = ${fmt(deepest.x)}, beyond a rise at x = ${fmt(rise)}: ` +
    `at step ${k} the ball was over it, at x = ${fmt(traj.position[k])}${past}, and a later step carried it back.`
  );
}

/**
 * A finished walk on a hill in a sentence, by its status.
 * @param {string} status the playback's status (the run's outcome once it has played)
 * @param {any} traj
 * @param {any} landscape
 * @returns {string}
 */
export function hillEndWords(status, traj, landscape) {
  const n = traj.n_steps;
  const end = (/** @type {string} */ s) => (s.endsWith(".") ? s : `${s}.`);
  switch (status) {
    case "settled":
      return end(`Came to rest after ${plural(n)}${valleyWords(traj, landscape)}`);
    case "zigzag":
      return end(`Bounced across the valley floor for ${plural(n)}${valleyWords(traj, landscape)}`);
    case "crawling":
      return `The ball ${endingWords(traj)}.`;
    case "flew-off":
      return finishWords(traj, "The ball");
    default:
      return "";
  }
}
