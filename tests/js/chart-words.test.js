// What charts say to a screen reader (web/lib/error-chart.js) and what the formula field
// makes of a typed x range (web/lib/formula-field.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { lossWords } from "../../src/foghill/web/lib/error-chart.js";
import { rangeFrom } from "../../src/foghill/web/lib/formula-field.js";

test("an error chart says where it began, where it is and its lowest so far", () => {
  const walk = { loss: [2, 0.5, 0.25, 0.3], best: { loss: 0 } };
  assert.equal(lossWords(walk, 0), "How wrong at the start: 2.00 at step 0.");
  assert.equal(lossWords(walk, 3), "How wrong went from 2.00 at the start to 0.300 at step 3 (lowest so far 0.250).");
  // A training run sends a point every few steps: the step is the run's, not the index.
  assert.match(lossWords({ ...walk, lastStep: 300 }, 3), /at step 300 /);
});

test("the x range is both ends or neither, each a number", () => {
  assert.equal(rangeFrom("", " "), null);
  assert.deepEqual(rangeFrom("-1", "3"), [-1, 3]);
  assert.deepEqual(rangeFrom("\u22122.5", "1e3"), [-2.5, 1000]);
  assert.match(String(rangeFrom("0", "")), /^give both ends of the x range, or neither/);
  assert.equal(rangeFrom("zero", "2"), "the x range's start must be a number (got “zero”)");
  assert.equal(rangeFrom("1", "two"), "the x range's end must be a number (got “two”)");
});
