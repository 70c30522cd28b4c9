// A finished walk under its heading, and how a walk flew off (web/lib/finish-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { everyStepHigher, finishWords, flewOffWords } from "../../src/foghill/web/lib/finish-words.js";

const flew = (/** @type {number[]} */ loss) => ({ outcome: "flew-off", n_steps: loss.length, loss, position: loss });

test("every bounce is called higher only when every height rose", () => {
  assert.ok(everyStepHigher(flew([1, 2, 4, 9])));
  assert.ok(!everyStepHigher(flew([1, 0.5, 4, 9])));
  assert.match(flewOffWords(flew([1, 2, 4, 9]), "the ball"), /^every bounce landed higher .* after 4 steps the ball/);
  assert.equal(
    flewOffWords(flew([1, 0.5, 4, 9]), "the ball"),
    "after 4 steps one step was so long that the ball was thrown off the hill",
  );
});

test("a walk that flew off on its first step took 1 step", () => {
  assert.match(flewOffWords(flew([3]), "it"), /^after 1 step it was off the hill/);
});

test("a finished walk opens with the contract's heading, then its own ending", () => {
  const run = {
    outcome: "zigzag",
    n_steps: 9,
    settled: true,
    floor_step: 6,
    moving: false,
    position: [1, -0.5, 0.2, -0.05, 0.01, 0.001, 0, 0, 0, 0],
    loss: [1, 0.25, 0.04, 0.0025, 0.0001, 0, 0, 0, 0, 0],
  };
  assert.equal(
    finishWords(run, "The ball", "each step overshoots."),
    "Zig-zag: each step overshoots. The ball zig-zagged onto the valley floor at x = 0.00 in 6 steps, and came to rest there after 9 steps.",
  );
  assert.match(finishWords(flew([1, 2]), "It"), /^Flew off: every bounce .* it was thrown clean off the hill\.$/);
});
