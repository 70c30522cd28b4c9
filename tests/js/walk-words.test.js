// What every widget that plays a walk says while it waits or is paused (web/lib/walk-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { pausedWords, waitsWords } from "../../src/foghill/web/lib/walk-words.js";

test("paused and waiting, on a hill and on a map", () => {
  assert.equal(pausedWords(1), "Paused after 1 step. Play goes on; Step takes one more.");
  assert.equal(waitsWords(-1.5), "The ball waits at x = −1.50. Press Play, or drop it somewhere else.");
  assert.match(waitsWords([0.5, 2]), /^The ball waits at \(0\.50, 2\.00\)\./);
});
