// The step race's sentences (web/lib/step-race-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { ballName, briefEnding, panelWords, stepRaceWords } from "../../src/foghill/web/lib/step-race-words.js";

const run = (/** @type {any} */ over) => ({
  learning_rate: 0.1,
  n_steps: 4,
  settled: false,
  moving: false,
  floor_step: null,
  position: [1, -0.9, 0.8, -0.7, 0.6],
  loss: [1, 0.81, 0.64, 0.49, 0.36],
  nearest_floor: { position: 0, loss: 0, distance: 0.6 },
  ...over,
});

test("a zig-zag is 'still zig-zagging' only while it visibly goes on", () => {
  assert.equal(briefEnding(run({ outcome: "zigzag", moving: true })), "was still zig-zagging after 4 steps");
  assert.equal(briefEnding(run({ outcome: "zigzag" })), "zig-zagged for 4 steps without coming to rest");
  assert.equal(briefEnding(run({ outcome: "zigzag", settled: true })), "zig-zagged, settling in 4 steps");
  assert.equal(briefEnding(run({ outcome: "flew-off", n_steps: 1 })), "flew off after 1 step");
});

test("what is missing is said before any race", () => {
  const base = { start: 1, rates: [0.1, null, null], landscape: null, runs: null, ended: [], k: 0 };
  assert.equal(stepRaceWords("idle", base), "Type a step size into each panel: 2 more to go.");
  assert.equal(stepRaceWords("idle", { ...base, start: null }), "No drop point yet: set where the three balls start.");
  assert.equal(
    stepRaceWords("idle", { ...base, rates: null, landscape: { dims: 2 } }),
    "On a surface, three step sizes must be given: type one into each panel.",
  );
});

test("once over, each step size is named with its own ending", () => {
  const runs = [run({ outcome: "settled", settled: true, learning_rate: 0.2 })];
  const said = stepRaceWords("settled", { start: 1, rates: [0.2], landscape: null, runs, ended: [true], k: 4 });
  assert.equal(said, "All three started from 1.00: step size 0.200 settled in 4 steps.");
  assert.match(panelWords(runs[0], 4, "settled"), /^Settled: it came to rest after 4 steps/);
  assert.equal(panelWords(runs[0], 2, "paused"), "Step 2: at 0.80, height 0.64.");
  assert.equal(ballName(runs[0], 2, true), "the bold ball");
  assert.equal(ballName(runs[0], 2, false), "the ball with step size 0.200");
});
