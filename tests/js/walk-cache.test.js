// The walks a page model holds by their request (web/lib/walk-cache.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { WALKS_KEPT, WalkCache } from "../../src/foghill/web/lib/walk-cache.js";

test("a walk is found again by a request with the same inputs", () => {
  const cache = new WalkCache();
  cache.remember({ start: 1, learning_rate: 0.1 }, "walk A");
  assert.equal(cache.get({ start: 1, learning_rate: 0.1 }), "walk A");
  assert.equal(cache.has({ start: 1, learning_rate: 0.1 }), true);
  assert.equal(cache.has({ start: 1, learning_rate: 0.2 }), false);
  assert.equal(cache.get({ start: 2, learning_rate: 0.1 }), undefined);
});

test("only the last walks asked for are kept, a walk asked for again counting as new", () => {
  const cache = new WalkCache();
  for (let i = 0; i < WALKS_KEPT; i++) cache.remember({ start: i }, i);
  cache.remember({ start: 0 }, "again");
  cache.remember({ start: WALKS_KEPT }, WALKS_KEPT);
  assert.equal(cache.walks.size, WALKS_KEPT);
  assert.equal(cache.get({ start: 0 }), "again");
  assert.equal(cache.has({ start: 1 }), false);
  assert.equal(cache.get({ start: WALKS_KEPT }), WALKS_KEPT);
});
