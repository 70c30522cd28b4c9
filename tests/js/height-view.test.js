// How a 1-D hill's heights are drawn (web/lib/height-view.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { heightView } from "../../src/foghill/web/lib/height-view.js";

const x = [-3, -2, -1, 0, 1, 2, 3];

test("a hill with one valley is drawn true to scale", () => {
  const view = heightView({ curve: { x, y: [9, 4, 1, 0, 1, 4, 9] }, minima: [{ x: 0, loss: 0 }] });
  assert.equal(view.lo, 0);
  assert.equal(view.hi, 9);
  assert.equal(view.warp(7), 7);
  assert.equal(view.slope(7), 1);
});

test("tall walls over several valleys are squeezed, the valleys' band is not", () => {
  const y = [100, 1, 0, 2, 0.5, 3, 100];
  const view = heightView({
    curve: { x, y },
    minima: [
      { x: -1, loss: 0 },
      { x: 1, loss: 0.5 },
    ],
  });
  // Band: floor 0 to the rise 2 between the valleys; true to scale up to 2 + 0.5 * 2 = 3.
  assert.equal(view.warp(2.5), 2.5);
  assert.ok(view.warp(100) < 20);
  assert.ok(view.slope(100) < 0.05);
  // Still rising: higher ground is drawn higher.
  assert.ok(view.warp(100) > view.warp(50));
});

test("undefined heights are left out of the range", () => {
  const view = heightView({ curve: { x, y: [null, 4, 1, 0, 1, 4, null] }, minima: [] });
  assert.deepEqual([view.lo, view.hi], [0, 4]);
});
