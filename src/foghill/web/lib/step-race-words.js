// The step race's story: what is missing before three step sizes can race, how the race
// stands, each panel's words (waiting, at step k, or its walk's ending under its heading),
// and each ball's name. Every fact is the race's own (its start, step sizes and walks) or
// the valley's regimes; race-moment.js says the moment the first ball rests.

import { endingWords } from "./ending.js";
import { finishWords } from "./finish-words.js";
import { fmt, fmtAny, fmtSig, plural } from "./format.js";
import { markWords } from "./outcome-marks.js";
import { outcomeSaid } from "./outcome-words.js";

/** The three racers' names, in order, when they are the engine's picks. */
export const RACER_NAMES = ["timid", "sensible", "bold"];

/**
 * A walk's ending in a short clause after its step size: "settled in 40 steps", "flew off
 * after 3 steps"; a crawl, or a zig-zag still visibly going, as ending.js tells it.
 * @param {any} run
 * @returns {string}
 */
export function briefEnding(run) {
  const n = run.n_steps;
  switch (run.outcome) {
    case "settled":
      return `${outcomeSaid("settled")} in ${plural(n)}`;
    case "zigzag":
      if (run.settled) return `${outcomeSaid("zigzag")}, settling in ${plural(n)}`;
      return run.moving
        ? `was still zig-zagging after ${plural(n)}`
        : `${outcomeSaid("zigzag")} for ${plural(n)} without coming to rest`;
    case "flew-off":
      return `${outcomeSaid("flew-off")} after ${plural(n)}`;
    default:
      return endingWords(run);
  }
}

/**
 * @typedef {object} StepRace what the step race's sentence is made from
 * @property {unknown} start where the balls start (null: not set)
 * @property {unknown[] | null} rates the three step sizes (null: none picked yet)
 * @property {any} landscape the hill or surface (its regimes, its dims)
 * @property {any[] | null} runs the walks for these start and rates (null: none yet)
 * @property {boolean[]} ended per walk, whether its panel shows it finished
 * @property {number} k the step the race stands at
 */

/**
 * How the step race stands, in one sentence.
 * @param {string} status the race's playback status
 * @param {StepRace} race
 * @returns {string}
 */
export function stepRaceWords(status, race) {
  const { start, rates, landscape, runs } = race;
  if (start === null) return "No drop point yet: set where the three balls start.";
  if (!Array.isArray(rates)) {
    if (landscape?.dims === 2) return "On a surface, three step sizes must be given: type one into each panel.";
    if (landscape && !landscape.regimes) {
      return "This valley gives no landmarks to pick step sizes from (its floor has no clear curve): type one into each panel.";
    }
    return "Picking three step sizes for this valley…";
  }
  const missing = rates.filter((v) => v === null).length;
  if (missing) return `Type a step size into each panel: ${missing} more to go.`;
  const from = `from ${fmtAny(/** @type {number | number[]} */ (start))}`;
  if (!runs) return `Three step sizes ${from}: press Play to race them.`;
  const regimes = landscape?.regimes;
  const named = runs.map((run, i) => {
    const where = regimes ? markWords(run.learning_rate, regimes.one_jump, regimes.fly_off) : "";
    const ending = race.ended[i] ? ` ${briefEnding(run)}` : "";
    return `step size ${fmtSig(run.learning_rate)}${where ? ` (${where})` : ""}${ending}`;
  });
  if (status === "idle")
    return `Three balls wait ${from}, one for each step size: ${named.join("; ")}. Press Play to race them on one clock.`;
  if (status === "running") return `Racing ${from}…`;
  if (status === "paused") return `Paused at step ${race.k}: ${named.join("; ")}. Play goes on; Step takes one more.`;
  return `All three started ${from}: ${named.join("; ")}.`;
}

/**
 * Where the race's clock stands: "Step 7 of 40." (40: the longest walk's positions).
 * @param {any[]} runs
 * @param {number} k
 * @returns {string}
 */
export function raceClockWords(runs, k) {
  const longest = runs.reduce((m, r) => Math.max(m, r.position.length - 1), 0);
  return `Step ${Math.min(k, longest)} of ${longest}.`;
}

/**
 * One panel's words: waiting for its walk, ready, at step k, or (finished) its ending under
 * its outcome's heading.
 * @param {any} run the panel's walk (null: not here yet)
 * @param {number} k the step shown
 * @param {string} status the panel's status (idle, running, paused, or the walk's outcome)
 * @returns {string}
 */
export function panelWords(run, k, status) {
  if (!run) return "Waiting for its walk.";
  if (status === run.outcome) return finishWords(run, "it");
  if (status === "idle") return "Ready at the start.";
  return `Step ${k}: at ${fmtAny(run.position[k])}, height ${fmt(run.loss[k])}.`;
}

/**
 * A ball's name: "the timid ball" when the three are the engine's picks for this valley,
 * else by its step size.
 * @param {any} run
 * @param {number} i
 * @param {boolean} picked are the three step sizes the engine's picks
 * @returns {string}
 */
export function ballName(run, i, picked) {
  return picked ? `the ${RACER_NAMES[i]} ball` : `the ball with step size ${fmtSig(run.learning_rate)}`;
}
