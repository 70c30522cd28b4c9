// When two numbers from the server count as the same (web/lib/close.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { closeTo } from "../../src/foghill/web/lib/close.js";

test("numbers a billionth of their size apart are the same", () => {
  assert.equal(closeTo(0.1 + 0.2, 0.3), true);
  assert.equal(closeTo(1e6 + 1e-4, 1e6), true);
  assert.equal(closeTo(-2.5, -2.5), true);
});

test("numbers further apart are not", () => {
  assert.equal(closeTo(1.000001, 1), false);
  assert.equal(closeTo(1e6 + 0.01, 1e6), false);
  assert.equal(closeTo(Number.NaN, 1), false);
});

test("near 0 the share is taken of the floor", () => {
  assert.equal(closeTo(5e-10, 0), true);
  assert.equal(closeTo(5e-10, 0, 1e-6), false);
  assert.equal(closeTo(1e-3 + 1e-16, 1e-3, 1e-6), true);
});
