// What a link's text reads as, and whether a widget can take it (web/lib/link-state.js), against
// the contract's own link table (contract.js), under node's own test runner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { WIDGETS } from "../../src/foghill/web/lib/contract.js";
import { allowed, formatLinked, parseLinked, refusedLinkWords } from "../../src/foghill/web/lib/link-state.js";

/**
 * Is this text, read as a widget's link reads it, a value the widget can take?
 * @param {string} tag
 * @param {string} key
 * @param {string} raw
 */
function takes(tag, key, raw) {
  const spec = WIDGETS[tag].link[key];
  return allowed(parseLinked(raw, spec.shape), spec.schema);
}

test("a step size is taken inside its bounds only", () => {
  assert.equal(takes("fh-spam", "learning_rate", "0.2"), true);
  assert.equal(takes("fh-spam", "learning_rate", "100"), true);
  assert.equal(takes("fh-spam", "learning_rate", "0"), false); // above zero, strictly
  assert.equal(takes("fh-spam", "learning_rate", "101"), false);
  assert.equal(takes("fh-spam", "learning_rate", "fast"), false);
  assert.equal(takes("fh-spam", "learning_rate", ""), false);
  assert.equal(takes("fh-spam", "learning_rate", "0.1,0.2"), false);
});

test("whole numbers, names from a list, and lists of a length", () => {
  assert.equal(takes("fh-digits", "batch_size", "8"), true);
  assert.equal(takes("fh-digits", "batch_size", "8.5"), false);
  assert.equal(takes("fh-digits", "optimizer", "adam"), true);
  assert.equal(takes("fh-digits", "optimizer", "sgd"), false);
  assert.equal(takes("fh-race", "optimizers", "gd,adam"), true);
  assert.equal(takes("fh-race", "optimizers", "gd,bogus"), false);
  assert.equal(takes("fh-race", "momentum", "1"), false); // below one, strictly
  assert.equal(takes("fh-step-race", "learning_rates", "0.1,0.2,0.3"), true);
  assert.equal(takes("fh-step-race", "learning_rates", "0.1,0.2"), false); // three of them
  assert.equal(takes("fh-step-race", "learning_rates", "0.1,,0.3"), false);
  assert.equal(takes("fh-edge", "schedule", "warm-up"), true);
  assert.equal(takes("fh-edge", "schedule", "sometimes"), false);
});

test("a drop point is one number on a hill and two on a map", () => {
  assert.deepEqual(parseLinked("-1.5", "start"), -1.5);
  assert.deepEqual(parseLinked("-1.5,2", "start"), [-1.5, 2]);
  assert.equal(takes("fh-hill", "start", "-1.5"), true);
  assert.equal(takes("fh-surface", "start", "-1.5,2"), true);
  assert.equal(takes("fh-surface", "start", "-1.5"), false);
  assert.equal(takes("fh-surface", "start", "1,2,3"), false);
});

test("the edge demo's one optimizer and one batch size are never in a link", () => {
  assert.deepEqual(Object.keys(WIDGETS["fh-edge"].link).sort(), ["learning_rate", "schedule", "seed", "steps"]);
});

test("a value is written back as it reads", () => {
  for (const value of [0.1, 0.30000000000000004, [0.05, 0.45, 0.5], [-1.23, 2]]) {
    const shape = Array.isArray(value) ? "numbers" : "number";
    assert.deepEqual(parseLinked(formatLinked(value), shape), value);
  }
});

test("the sentence says what was refused and what is used instead", () => {
  const spec = WIDGETS["fh-race"].link.learning_rates;
  assert.equal(
    refusedLinkWords("the race", spec, "0.1,x", [0.05, 0.02]),
    "The race cannot take the link's step sizes “0.1,x”, so it starts with its usual step sizes (0.05, 0.02).",
  );
});
