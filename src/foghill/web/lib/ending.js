// How a walk ended, in words a reader can check against the figures. Every fact comes from
// the engine (foghill.engine.arrival, via the run's answer): floor_step (the step from which
// the walk is on a valley floor as printed, null if it ends on none), moving (still visibly
// going downhill), nearest_floor (where the closest floor is, and how far). These only
// choose the words, and print the extra digits that show a near miss.

import { DISPLAY_DECIMALS } from "./contract.js";
import { fmt, fmtSig, plural } from "./format.js";

/**
 * Did the walk end on a valley floor, as printed (whatever its outcome on the way)?
 * @param {any} run a /api/descend answer
 * @returns {boolean}
 */
export function onFloor(run) {
  return run?.outcome !== "flew-off" && Number.isInteger(run?.floor_step);
}

/**
 * The fewest decimals (at least `from`, the page's unless told) at which a and b print
 * differently; `from` when they print alike even at 8.
 * @param {number} a
 * @param {number} b
 * @param {number} [from]
 * @returns {number}
 */
export function telling(a, b, from = DISPLAY_DECIMALS) {
  for (let d = from; d <= 8; d++) if (fmt(a, d) !== fmt(b, d)) return d;
  return from;
}

/**
 * A place: "x = 0.04" on a hill, "(0.04, 1.50)" on a map.
 * @param {number | number[]} p
 * @param {number} [digits]
 * @returns {string}
 */
export function place(p, digits = DISPLAY_DECIMALS) {
  return Array.isArray(p) ? `(${p.map((v) => fmt(v, digits)).join(", ")})` : `x = ${fmt(p, digits)}`;
}

/**
 * How far from the nearest valley floor a walk ended, with the digits that show it is not
 * on it: "0.043 short of the valley floor at x = 0.00: it stands at x = 0.043, height
 * 0.0019 against the floor's 0.0000".
 * @param {any} run
 * @returns {string}
 */
export function shortWords(run) {
  const last = run.position[run.position.length - 1];
  const height = run.loss[run.loss.length - 1];
  const near = run.nearest_floor;
  if (!near) return `at ${place(last)}, height ${fmt(height)}, on a landscape with no valley floor`;
  const ps = Array.isArray(last) ? last : [last];
  const fs = Array.isArray(near.position) ? near.position : [near.position];
  // The fewest decimals at which the place as a whole prints differently (one coordinate
  // that differs is enough): the page's own when it already does.
  const told = ps.map((v, i) => (fmt(v, 8) === fmt(fs[i], 8) ? Number.POSITIVE_INFINITY : telling(v, fs[i])));
  const dp = Math.min(...told) === Number.POSITIVE_INFINITY ? DISPLAY_DECIMALS : Math.min(...told);
  const dh = telling(height, near.loss);
  return (
    `${fmtSig(near.distance, 2)} short of the valley floor at ${place(near.position, dp)}: ` +
    `it stands at ${place(last, dp)}, height ${fmt(height, dh)} against the floor's ${fmt(near.loss, dh)}`
  );
}

/**
 * The end of a walk as a clause after the walker's name ("Adam …", "the ball …"). A walk on a
 * floor reached it (zig-zagging or not); "crawling" only while it visibly still goes
 * downhill; a walk that stopped short says how far.
 * @param {any} run a /api/descend answer
 * @param {string} [floorName] how the floor is called ("the deepest valley floor")
 * @returns {string}
 */
export function endingWords(run, floorName = "the valley floor") {
  const n = run.n_steps;
  const last = run.position[run.position.length - 1];
  if (run.outcome === "flew-off") return `flew off after ${plural(n)}`;
  if (onFloor(run)) {
    const k = run.floor_step;
    const how = run.outcome === "zigzag" ? "zig-zagged onto" : "reached";
    const rest = run.settled
      ? k < n
        ? `, and came to rest there after ${plural(n)}`
        : ""
      : `; after ${plural(n)} it still shifts there, by less than the printed digits show`;
    return `${how} ${floorName} at ${place(last)} in ${plural(k)}${rest}`;
  }
  const short = shortWords(run);
  if (run.moving) {
    return run.outcome === "zigzag"
      ? `is still zig-zagging after ${plural(n)}, ${short}`
      : `is still crawling downhill after ${plural(n)}, ${short}`;
  }
  switch (run.outcome) {
    case "settled":
      return `came to rest after ${plural(n)}, ${short}`;
    case "zigzag":
      return `zig-zagged for ${plural(n)} and ended ${short}`;
    default:
      return `ran out of steps after ${plural(n)}, its last ones too small to see, ${short}`;
  }
}

/**
 * Who reached a valley floor first, from the race's own verdict (the engine's winners).
 * @param {any} race a /api/race answer
 * @param {(run: any) => string} name the walker's name
 * @returns {string}
 */
export function winnerWords(race, name) {
  const runs = Array.isArray(race?.runs) ? race.runs : [];
  const first = (Array.isArray(race?.winners) ? race.winners : []).map((/** @type {number} */ i) => runs[i]);
  if (!first.length) return "No racer reached a valley floor.";
  const k = first[0].floor_step;
  if (first.length === 1) return `First to a valley floor: ${name(first[0])}, in ${plural(k)}.`;
  const names = first.map(name);
  const list = `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
  return `First to a valley floor, a tie: ${list}, each in ${plural(k)}.`;
}

/**
 * Where the numbers line stands in a walk: "Step 7 of 40". A walk that flew off stored no
 * position for its last step (it left the map), so the steps shown end one short of the
 * steps taken, and the words say so.
 * @param {number} k the step shown
 * @param {number} nSteps the steps taken (the run's n_steps)
 * @param {number} shown how many steps can be shown (positions - 1)
 * @returns {string}
 */
export function stepOfWalk(k, nSteps, shown) {
  return nSteps > shown ? `Step ${k} of ${shown} shown (step ${nSteps} left the map)` : `Step ${k} of ${nSteps}`;
}
