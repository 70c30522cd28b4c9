// The learning-rate sweep's sentences (web/lib/sweep-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { legendWords, sweepMarksWords, sweepRateWords, sweepSummary } from "../../src/foghill/web/lib/sweep-words.js";

const sweep = {
  rates: [0.001, 0.1, 0.8, 1.5, 3],
  outcomes: ["crawling", "settled", "zigzag", "zigzag", "flew-off"],
  steps: [300, 40, 90, 300, 1],
  settled_at: [null, 40, 90, null, null],
  final_loss: [2.5, 0, 0, 0.01, null],
  one_jump: 0.5,
  fly_off: 1,
  best_rate: 0.1,
};

test("each rate's run in the contract's verbs, with its own steps", () => {
  assert.match(sweepRateWords(sweep, 0, true), /^Step size 0\.00100 \(below 1\/L\): it crawls: after 300 steps/);
  assert.match(sweepRateWords(sweep, 1, false), /it settles at step 40; height at the end: 0\.$/);
  assert.match(sweepRateWords(sweep, 2, true), /it zig-zags, then settles at step 90;/);
  assert.match(sweepRateWords(sweep, 3, true), /it zig-zags and is still bouncing after 300 steps;/);
  assert.match(sweepRateWords(sweep, 4, true), /\(above 2\/L\): it flies off the hill on its very first step\.$/);
});

test("the summary counts every outcome by its name, and the legend says each", () => {
  assert.equal(
    sweepSummary(sweep, 300),
    "Of 5 step sizes from 0.00100 to 3.00, 1 crawl, 1 settle, 2 zig-zag and 1 fly off, each given at most 300 steps. The quickest to settle was 0.100, in 40 steps.",
  );
  assert.equal(legendWords("flew-off"), "flies off: thrown off the hill");
  assert.match(sweepMarksWords(sweep), /1\/L = 0\.500 and 2\/L = 1\.00/);
  assert.equal(sweepMarksWords({ ...sweep, one_jump: null }), "");
});
