// A moment of a race, in words computed from the walks at that moment: when the first ball
// comes to rest, where each other ball stands at that same step (its height, how much of
// its way down it has covered, whether it still visibly moves). Nothing here is said of a
// walk that its numbers at that step do not show.

import { DISPLAY_DECIMALS } from "./contract.js";
import { place } from "./ending.js";
import { fmt, plural } from "./format.js";

/**
 * The first walk to come to rest, and the step it does: {i, k}, or null when none does.
 * @param {any[]} runs
 * @returns {{i: number, k: number} | null}
 */
export function restMoment(runs) {
  /** @type {{i: number, k: number} | null} */
  let best = null;
  runs.forEach((run, i) => {
    if (run.settled && run.outcome !== "flew-off" && (!best || run.n_steps < best.k)) best = { i, k: run.n_steps };
  });
  return best;
}

/**
 * The biggest change of any coordinate between two positions.
 * @param {number | number[]} a
 * @param {number | number[]} b
 * @returns {number}
 */
function moved(a, b) {
  const as = Array.isArray(a) ? a : [a];
  const bs = Array.isArray(b) ? b : [b];
  return Math.max(...as.map((v, i) => Math.abs(v - bs[i])));
}

/**
 * Where one walk stands at step k, as a clause after its name.
 * @param {any} run
 * @param {number} k
 * @returns {string}
 */
export function standing(run, k) {
  const last = run.position.length - 1;
  if (run.outcome === "flew-off" && k >= run.n_steps) return `had already flown off, at step ${run.n_steps}`;
  if (k >= last) {
    const end = `at ${place(run.position[last])}, height ${fmt(run.loss[last])}`;
    return run.settled
      ? `had already come to rest, after ${plural(last)}, ${end}`
      : `had ended its ${plural(last)} ${end}`;
  }
  const h0 = run.loss[0];
  const hk = run.loss[k];
  const floor = run.nearest_floor?.loss ?? run.valley?.loss;
  const drop = typeof floor === "number" && h0 - floor > 0 ? Math.round((100 * (h0 - hk)) / (h0 - floor)) : null;
  const down = drop === null ? `from a start at height ${fmt(h0)}` : `${drop}% of its way down from height ${fmt(h0)}`;
  const ahead = moved(run.position[k + 1], run.position[k]) >= 10 ** -DISPLAY_DECIMALS;
  const back =
    k > 0 &&
    !Array.isArray(run.position[k]) &&
    (run.position[k + 1] - run.position[k]) * (run.position[k] - run.position[k - 1]) < 0;
  const going = !ahead
    ? "creeping on in steps too small to see one at a time"
    : back
      ? "still bouncing"
      : "still on its way";
  return `is at ${place(run.position[k])}, height ${fmt(hk)}: ${down}, ${going}`;
}

/**
 * The race at the moment the first ball comes to rest, in one sentence ("" when none does).
 * @param {any[]} runs
 * @param {string[]} names each walk's name ("the timid ball")
 * @returns {string}
 */
export function momentWords(runs, names) {
  const m = restMoment(runs);
  if (!m || runs.length < 2) return "";
  const others = runs.flatMap((run, j) => (j === m.i ? [] : [`${names[j]} ${standing(run, m.k)}`]));
  const list = others.length > 1 ? `${others.slice(0, -1).join("; ")}; and ${others[others.length - 1]}` : others[0];
  return `When ${names[m.i]} comes to rest, at step ${m.k}, ${list}.`;
}
