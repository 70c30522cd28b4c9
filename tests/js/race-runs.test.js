// Reading a race of optimizers (web/lib/race-runs.js): does it answer the inputs, how it ends.
import assert from "node:assert/strict";
import { test } from "node:test";

import { raceEnd, runsAnswer } from "../../src/foghill/web/lib/race-runs.js";

const runs = [
  { optimizer: "gd", position: [[1, 2]], learning_rate: 0.1, n_steps: 40, outcome: "settled" },
  { optimizer: "adam", position: [[1, 2]], learning_rate: 0.05, n_steps: 120, outcome: "crawling" },
];

test("a race answers the racers in order, from the start, each at its step size", () => {
  const rates = { gd: 0.1, adam: 0.05 };
  assert.equal(runsAnswer(runs, ["gd", "adam"], [1, 2], rates), true);
  // The same numbers but for their last digits still answer.
  assert.equal(runsAnswer(runs, ["gd", "adam"], [1 + 1e-12, 2], rates), true);
  assert.equal(runsAnswer(runs, ["adam", "gd"], [1, 2], rates), false);
  assert.equal(runsAnswer(runs, ["gd", "adam"], [1, 2.01], rates), false);
  assert.equal(runsAnswer(runs, ["gd", "adam"], [1, 2], { gd: 0.2, adam: 0.05 }), false);
  assert.equal(runsAnswer(runs, ["gd"], [1, 2], rates), false);
});

test("a race lasts as long as its slowest racer and ends as it does", () => {
  assert.deepEqual(raceEnd(runs), { steps: 120, outcome: "crawling" });
  assert.deepEqual(raceEnd([]), { steps: 0, outcome: undefined });
});
