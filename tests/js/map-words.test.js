// The surface's sentences (web/lib/map-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { liftedWords, mapStepWords, surfaceWords } from "../../src/foghill/web/lib/map-words.js";

const contours = {
  domain: [
    [-2, 2],
    [-2, 2],
  ],
  minima: [{ x: 0, y: 0, loss: 0, deepest: true }],
};
const walk = {
  outcome: "settled",
  settled: true,
  moving: false,
  n_steps: 2,
  floor_step: 2,
  optimizer: "gd",
  position: [
    [1, 1],
    [0.1, 0.1],
    [0, 0],
  ],
  loss: [2, 0.02, 0],
  gradient: [
    [2, 2],
    [0.2, 0.2],
    [0, 0],
  ],
};

test("the surface tells the walk's own ending, and waits or pauses in the shared words", () => {
  assert.equal(surfaceWords("idle", null, null, 0), "Drawing the map…");
  assert.match(surfaceWords("idle", walk, contours, 0), /^The ball waits at \(1\.00, 1\.00\)\./);
  assert.match(surfaceWords("paused", walk, contours, 1), /^Paused after 1 step\./);
  assert.equal(
    surfaceWords("settled", walk, contours, 2),
    "The ball reached the deepest valley floor at (0.00, 0.00) in 2 steps.",
  );
});

test("the numbers at a step, and the floors the lifted fog shows", () => {
  assert.equal(
    mapStepWords(walk, 0),
    "Step 0 of 2: at (1.00, 1.00), height 2.00; downhill is down and left (steepness 2.83).",
  );
  assert.match(mapStepWords(walk, 2), /the ground is flat here\.$/);
  assert.equal(liftedWords(contours), "The fog is lifted. Valley floors are marked at (0.00, 0.00) (deepest).");
});
