// Reading a race of optimizers (the /api/race answer): does it answer the inputs held, and
// how long it lasts and how it ends. Every number in it comes from Python.

import { closeTo } from "./close.js";

/**
 * Do a race's runs answer these inputs: the racers in this order, from this start, each at
 * its step size?
 * @param {any[]} runs
 * @param {string[]} names the racing optimizers
 * @param {number[]} start
 * @param {Record<string, number>} rates each optimizer's step size
 * @returns {boolean}
 */
export function runsAnswer(runs, names, start, rates) {
  if (runs.length !== names.length) return false;
  return runs.every((/** @type {any} */ run, /** @type {number} */ i) => {
    const p = run.position[0];
    return (
      run.optimizer === names[i] &&
      closeTo(p[0], start[0]) &&
      closeTo(p[1], start[1]) &&
      closeTo(run.learning_rate, rates[names[i]])
    );
  });
}

/**
 * How many steps a race lasts and how it ends: it ends when its slowest racer does, and that
 * racer's outcome is the race's. Every step counts, a last one that flew off the map included
 * (it is taken, not stored).
 * @param {any[]} runs
 * @returns {{steps: number, outcome: string}} (with no runs, no outcome)
 */
export function raceEnd(runs) {
  const steps = Math.max(0, ...runs.map((/** @type {any} */ r) => r.n_steps));
  const slowest = runs.reduce(
    (/** @type {any} */ a, /** @type {any} */ b) => (b.n_steps > (a?.n_steps ?? -1) ? b : a),
    null,
  );
  return { steps, outcome: slowest?.outcome };
}
