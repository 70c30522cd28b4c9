// Reading a line fit's walk (web/lib/line-fit-walk.js) and its steps (run-steps.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  drawnLine,
  fitRegimes,
  lineAt,
  lineMoves,
  numberList,
  round4,
} from "../../src/foghill/web/lib/line-fit-walk.js";
import { lineFitStep } from "../../src/foghill/web/lib/run-steps.js";

const fit = {
  w: [0, 1, 1.5],
  b: [2, 1, 0.5],
  grad_w: [-10, -5, -1],
  grad_b: [10, 5, 1],
  loss: [9, 4, 1],
  steps: { crawl_below: 0.01, one_jump: 0.1, fly_off: 0.2, steep: 10 },
};

test("between two steps the line is that share of the way", () => {
  assert.deepEqual(lineAt(fit, 0), { w: 0, b: 2 });
  assert.deepEqual(lineAt(fit, 0.5), { w: 0.5, b: 1.5 });
  assert.deepEqual(lineAt(fit, 1.25), { w: 1.125, b: 0.875 });
  // Past the end: the last line.
  assert.deepEqual(lineAt(fit, 7), { w: 1.5, b: 0.5 });
});

test("a line whose height is read at x_from is drawn with its height at 0", () => {
  assert.deepEqual(drawnLine({ w: 2, b: 5 }, 0), { w: 2, b: 5 });
  assert.deepEqual(drawnLine({ w: 2, b: 5 }, 10), { w: 2, b: -15 });
});

test("each step moves the line by the larger move of its two ends", () => {
  const ends = (/** @type {number} */ w, /** @type {number} */ b) => ({ y1: b - w, y2: b + w });
  assert.deepEqual(lineMoves(fit, ends, 0), [2, 1]);
  assert.deepEqual(lineMoves({ w: [1], b: [0] }, ends, 0), []);
});

test("the step into position k carries the numbers of the step before", () => {
  assert.deepEqual(lineFitStep(fit, 2, 0.1, "gd"), {
    theta: [1, 1],
    eta: 0.1,
    grad: [-5, 5],
    next: [1.5, 0.5],
    loss: 4,
    step: 2,
    optimizer: "gd",
  });
  assert.deepEqual(lineFitStep(fit, 0, 0.1, "gd").next, [0, 2]);
  assert.equal(lineFitStep({ ...fit, optimizer: "adam" }, 1, 0.1, "gd").optimizer, "adam");
});

test("the dial's zones are plain descent's only", () => {
  assert.deepEqual(fitRegimes(fit, "gd"), { ...fit.steps, curvature: 10 });
  assert.equal(fitRegimes(fit, "adam"), null);
  assert.equal(fitRegimes(null, "gd"), null);
});

test("numbers kept to four decimals, and lists from the model", () => {
  assert.equal(round4(0.123456), 0.1235);
  assert.equal(round4(-2.00004), -2);
  assert.deepEqual(numberList([1, 2]), [1, 2]);
  assert.deepEqual(numberList(null), []);
});
