// A walk on a map from above, in words: which way is downhill, where a walk ended (a valley
// floor, the deepest one, or flat ground that is no floor at all), what each optimizer's run
// came to. Every number said is one the server gave; these only choose the words.

import { closeTo } from "./close.js";
import { OPTIMIZER_WORDS, OUTCOMES } from "./contract.js";
import { endingWords, onFloor, stepOfWalk, winnerWords } from "./ending.js";
import { fmt, fmtVector, plural } from "./format.js";
import { pausedWords, waitsWords } from "./walk-words.js";

/**
 * An optimizer's name as the page says it (the contract's words).
 * @param {string} name
 * @returns {string}
 */
export function optimizerName(name) {
  return /** @type {Record<string, string>} */ (OPTIMIZER_WORDS)[name] ?? name;
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
  const name = floorName(p, contours);
  return name ? `on ${name}` : "on flat ground that is no valley floor: a saddle, lower ground lies either side";
}

/**
 * Which floor a point lies on: "the deepest valley floor", "a valley floor as low as any on
 * this map", "a valley floor that is not the lowest"; "" when it is near none.
 * @param {number[]} p
 * @param {any} contours
 * @returns {string}
 */
function floorName(p, contours) {
  const m = minimumAt(p, contours);
  if (!m) return "";
  // Several floors may be equally low (Himmelblau's four): none of them is "the" deepest.
  const losses = contours.minima.map((/** @type {any} */ q) => q.loss);
  const lowest = Math.min(...losses);
  const near = (/** @type {number} */ v) => closeTo(v, lowest);
  if (!near(m.loss)) return "a valley floor that is not the lowest";
  return losses.filter(near).length > 1 ? "a valley floor as low as any on this map" : "the deepest valley floor";
}

/**
 * One run's outcome in a sentence, from its own facts (a DescendResponse): ending.js says
 * whether it reached a floor, is still going, or stopped short and how far.
 * @param {any} run
 * @param {any} contours
 * @param {string} [who] the walker's name (the optimizer's, unless told)
 * @returns {string}
 */
export function runWords(run, contours, who = optimizerName(run.optimizer)) {
  const last = run.position[run.position.length - 1];
  if (run.outcome === "flew-off") return `${who} ${endingWords(run)}: its steps grew too long and left the map.`;
  if (onFloor(run)) return `${who} ${endingWords(run, floorName(last, contours) || undefined)}.`;
  if (run.outcome === "settled" && !run.moving && !minimumAt(last, contours)) {
    return `${who} came to rest after ${plural(run.n_steps)} at ${fmtVector(last)}, ${restingWords(last, contours)}.`;
  }
  return `${who} ${endingWords(run)}.`;
}

/**
 * Who reached a valley floor first, in words (the race's own winners).
 * @param {any} race a /api/race answer
 * @returns {string}
 */
export function raceWinnerWords(race) {
  return winnerWords(race, (run) => optimizerName(run.optimizer));
}

/**
 * The surface's sentence for where its playback stands: how to drop the ball, that it
 * waits, walks or is paused, and once the walk has played, the walk's own ending (runWords).
 * @param {string} status the playback's status
 * @param {any} traj the walk held (null: none yet)
 * @param {any} contours the map (null: not drawn yet)
 * @param {number} k the step the playback stands at
 * @returns {string}
 */
export function surfaceWords(status, traj, contours, k) {
  if (!contours) return "Drawing the map…";
  if (!traj) {
    return "Click or tap the map to drop the ball there. With a keyboard, focus the drop point (a cross on the map), move it with the arrow keys and press Enter.";
  }
  if (status === "idle") return waitsWords(traj.position[0]);
  if (status === "running") return "Feeling the tilt underfoot and stepping against it…";
  if (status === "paused") return pausedWords(k);
  return OUTCOMES.includes(status) ? runWords(traj, contours, "The ball") : "";
}

/**
 * The numbers line under a walk on a map at step k: the step, where, how high, which way down.
 * @param {any} traj
 * @param {number} k
 * @returns {string}
 */
export function mapStepWords(traj, k) {
  const j = Math.min(k, traj.position.length - 1);
  return (
    `${stepOfWalk(j, traj.n_steps, traj.position.length - 1)}: at ${fmtVector(traj.position[j])}, ` +
    `height ${fmt(traj.loss[j])}; ${downhillOnMap(traj.gradient[j])}.`
  );
}

/**
 * What the lifted fog shows: the valley floors, the deepest named.
 * @param {any} contours
 * @returns {string}
 */
export function liftedWords(contours) {
  const minima = contours?.minima ?? [];
  const list = minima.map((/** @type {any} */ m) => `${fmtVector([m.x, m.y])}${m.deepest ? " (deepest)" : ""}`);
  return `The fog is lifted. Valley floors are marked at ${list.join(", ") || "no point on this map"}.`;
}
