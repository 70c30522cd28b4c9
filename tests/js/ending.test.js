// How a walk that stopped short of a floor says how far (web/lib/ending.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { shortWords } from "../../src/foghill/web/lib/ending.js";

test("a place is printed with the fewest digits at which it differs from the floor", () => {
  const run = {
    position: [
      [-3, 1],
      [-3.2491603, 1e-7],
    ],
    loss: [10, 10.56],
    nearest_floor: { position: [0, 0], loss: 0, distance: 3.25 },
  };
  // x already differs at two decimals: y's tiny offset needs no seven-digit print.
  assert.match(shortWords(run), /at \(0\.00, 0\.00\): it stands at \(−3\.25, 0\.00\), height 10\.56/);
  const near = { ...run, position: [[0.001, 0.004]], loss: [0.00002], nearest_floor: { position: [0, 0], loss: 0 } };
  near.nearest_floor.distance = 0.004;
  assert.match(shortWords(near), /it stands at \(0\.001, 0\.004\)/);
});
