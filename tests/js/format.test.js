// Numbers as a reader sees them (web/lib/format.js), under node's own test runner.
import assert from "node:assert/strict";
import { test } from "node:test";
import { downhillWords, fmt, fmtSig, fmtVector, plural } from "../../src/foghill/web/lib/format.js";

const MINUS = "\u2212";

test("fmt uses a true minus sign and never prints a negative zero", () => {
  assert.equal(fmt(-1.5), `${MINUS}1.50`);
  assert.equal(fmt(-0.001), "0.00");
  assert.equal(fmt(2.345, 1), "2.3");
  assert.equal(fmt(Number.NaN), "—");
  assert.equal(fmt(Number.POSITIVE_INFINITY), "—");
});

test("fmtSig keeps three significant digits across decades", () => {
  assert.equal(fmtSig(0.0123456), "0.0123");
  assert.equal(fmtSig(123.456), "123");
  assert.equal(fmtSig(-4.5678), `${MINUS}4.57`);
  assert.equal(fmtSig(0), "0");
});

test("a pair reads as (a, b) and counts read as words", () => {
  assert.equal(fmtVector([0.5, -1]), `(0.50, ${MINUS}1.00)`);
  assert.equal(plural(1), "1 step");
  assert.equal(plural(0), "0 steps");
  assert.equal(plural(3, "dot"), "3 dots");
});

test("downhill is against the tilt, and a tiny tilt is flat", () => {
  assert.equal(downhillWords(2), "downhill is to the left");
  assert.equal(downhillWords(-2), "downhill is to the right");
  assert.equal(downhillWords(1e-4), "flat here");
});
