// The update rule in words (web/lib/rule-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { TERMS, tooFlatToShow, widgetName } from "../../src/foghill/web/lib/rule-words.js";

test("the rule names the widget it follows in the reader's words, never by its tag", () => {
  assert.equal(widgetName({ formula: " x**2 ", dims: 1 }, "fh-hill"), "your hill x**2");
  assert.equal(widgetName({ formula: "x**2 + y**2", dims: 2 }, "fh-surface"), "your map x**2 + y**2");
  assert.equal(widgetName({ title: "The foggy hill" }, "fh-hill"), "the foggy hill");
  assert.doesNotMatch(widgetName({}, "fh-hill"), /fh-/);
  assert.equal(widgetName({}, "fh-unknown"), "the widget");
});

test("a tilt is too flat to show when every part prints as zero", () => {
  assert.equal(tooFlatToShow(0.0004, 3), true);
  assert.equal(tooFlatToShow([0.0004, -0.0001], 3), true);
  assert.equal(tooFlatToShow([0.0004, 0.002], 3), false);
  assert.equal(tooFlatToShow(Number.NaN, 3), false);
});

test("every term of the rule has a symbol and words", () => {
  for (const t of TERMS) assert.ok(t.symbol && t.words && t.say, t.term);
});
