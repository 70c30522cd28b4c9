// The step into position k of a run (web/lib/run-steps.js), read from the run's answer.
import assert from "node:assert/strict";
import { test } from "node:test";
import { descentStep, stepOf } from "../../src/foghill/web/lib/run-steps.js";

const walk = {
  position: [2, 1.6, 1.28],
  gradient: [4, 3.2, 2.56],
  loss: [4, 2.56, 1.64],
  learning_rate: 0.1,
  optimizer: "gd",
};

test("step k goes from position k-1 to k with the tilt at k-1", () => {
  assert.deepEqual(descentStep(walk, 2), {
    theta: 1.6,
    eta: 0.1,
    grad: 3.2,
    next: 1.28,
    loss: 2.56,
    step: 2,
    optimizer: "gd",
  });
  // At k = 0, the first step's numbers with the start as where it lands.
  assert.equal(descentStep(walk, 0).next, 2);
});

test("stepOf reads a descent or a line fit, and nothing outside the run", () => {
  assert.equal(stepOf(walk, 1, 0.5, "adam")?.eta, 0.1);
  assert.equal(stepOf(walk, 0, 0.1, "gd"), null);
  assert.equal(stepOf(walk, 3, 0.1, "gd"), null);
  const fit = { w: [0, 0.5], b: [0, 0.1], grad_w: [-5, -1], grad_b: [-1, -0.2], loss: [2, 1] };
  assert.deepEqual(stepOf(fit, 1, 0.1, "gd"), {
    theta: [0, 0],
    eta: 0.1,
    grad: [-5, -1],
    next: [0.5, 0.1],
    loss: 2,
    step: 1,
    optimizer: "gd",
  });
});
