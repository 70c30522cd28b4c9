// A finished walk told under its heading, where step sizes are compared (the step dial, the
// step race's panels): the contract's opening for its outcome ("Zig-zag:"), then the run's
// own ending (ending.js). A walk that flew off says how, from its heights.

import { endingWords } from "./ending.js";
import { plural } from "./format.js";
import { outcomeHeading } from "./outcome-words.js";

/**
 * Did every step of the walk land higher than the one before (h_k > h_(k-1) for every k)?
 * @param {any} run
 * @returns {boolean}
 */
export function everyStepHigher(run) {
  const h = Array.isArray(run?.loss) ? run.loss : [];
  return h.length >= 2 && h.every((/** @type {number} */ v, /** @type {number} */ k) => k === 0 || v > h[k - 1]);
}

/**
 * How a walk left the hill, as a clause: on its first step; after every bounce higher than
 * the one before (only when its heights say so); or after n steps, the last one too long.
 * @param {any} run a walk that flew off
 * @param {string} who "the ball", "it"
 * @returns {string}
 */
export function flewOffWords(run, who) {
  const n = run.n_steps;
  if (n <= 1) return `after 1 step ${who} was off the hill: the very first step was that long`;
  if (everyStepHigher(run)) {
    return `every bounce landed higher than the one before, and after ${plural(n)} ${who} was thrown clean off the hill`;
  }
  return `after ${plural(n)} one step was so long that ${who} was thrown off the hill`;
}

/**
 * A finished walk under its outcome's heading: "Zig-zag: <why> The ball reached …".
 * @param {any} run
 * @param {string} who the walker, as the clause starts ("The ball", "It")
 * @param {string} [why] what the outcome means for this step size, a sentence ("" for none)
 * @returns {string}
 */
export function finishWords(run, who, why = "") {
  const head = `${outcomeHeading(run.outcome)}:`;
  if (run.outcome === "flew-off") return `${head} ${flewOffWords(run, who.toLowerCase())}.`;
  return `${head}${why ? ` ${why}` : ""} ${who} ${endingWords(run)}.`;
}
