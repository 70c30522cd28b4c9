// The edge demo's sentences (web/lib/edge-words.js), at the edges of what a run can be.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  apart,
  dialWord,
  dialWords,
  edgeFacts,
  edgeVerdict,
  metricWords,
  numberWords,
  sliceWords,
  stepWords,
} from "../../src/foghill/web/lib/edge-words.js";

/** Progress events at steps 0, 10, 20, ... with these sharpnesses (and losses), line 2/η. */
const events = (/** @type {number[]} */ sharp, line = 20, losses = sharp.map((_, i) => 1 / (i + 1))) =>
  sharp.map((s, i) => ({ step: 10 * i, loss: losses[i], sharpness: s, edge: line, learning_rate: 2 / line }));
const end = (/** @type {any[]} */ ps, /** @type {string} */ outcome, extra = {}) => ({
  step: ps[ps.length - 1]?.step ?? 0,
  outcome,
  peak: Math.max(...ps.map((p) => p.sharpness)),
  sharpness: ps[ps.length - 1]?.sharpness,
  edge: ps[ps.length - 1]?.edge,
  ...extra,
});
const verdict = (/** @type {any[]} */ ps, /** @type {string} */ outcome, extra = {}) =>
  edgeVerdict(edgeFacts(ps, end(ps, outcome, extra), 0.1));
const BAD = /NaN|Infinity|undefined|null|—/;

test("no step yet: no verdict with numbers it does not have, and the readout at step 0", () => {
  const facts = edgeFacts([], null, 0.1);
  assert.equal(facts.first, null);
  assert.equal(facts.edge, 20);
  assert.deepEqual(edgeVerdict(facts), { actual: "", happened: "the run ended", because: "" });
  const [p] = events([11.24], 20, [0.4377]);
  assert.equal(numberWords(p), "Step 0: loss 0.438, sharpness 11.2.");
  assert.equal(metricWords(p), "Sharpness 11.2, under its line 2/η = 20.0.");
  assert.equal(
    dialWords(0.1, null, "constant"),
    "Step size η = 0.10, so its line is 2/η = 20.0: on a bowl that curves more sharply than that, these steps fly off. Press Play to see how sharp the network's valley is.",
  );
});

test("flew off at step 1: its very first step, and the sharpness was already past its line", () => {
  const ps = events([30], 1);
  const v = verdict(ps, "flew-off", { step: 1 });
  assert.equal(v.actual, "fly");
  assert.equal(v.happened, "the network flew off");
  assert.equal(
    v.because,
    "Its sharpness was already 30.0, past its line 2/η = 1.00: its very first step overshot so far that its numbers were no longer finite.",
  );
  assert.equal(
    verdict(events([11.2], 20), "flew-off", { step: 1 }).because,
    "Its very first step overshot so far that its numbers were no longer finite (its line was 2/η = 20.0).",
  );
});

test("flying off later: 'further and further' only when the loss grew again from its lowest", () => {
  const grew = verdict(events([11, 19, 900], 4, [0.4, 0.3, 50]), "flew-off", { step: 25 });
  assert.equal(
    grew.because,
    "Its sharpness reached 900, past its line 2/η = 4.00: the steps overshot further and further, and at step 25 its numbers were no longer finite.",
  );
  const fell = verdict(events([11, 3], 4, [0.4, 0.3]), "flew-off", { step: 12, peak: 11 });
  assert.equal(
    fell.because,
    "Its sharpness was already 11.0, past its line 2/η = 4.00: its steps overshot so far that at step 12 its numbers were no longer finite.",
  );
});

test("NaN and infinity are never printed", () => {
  const said = [
    numberWords({ step: 135, loss: null, sharpness: 33 }),
    numberWords({ step: 5, loss: Number.POSITIVE_INFINITY, sharpness: Number.NaN }),
    metricWords({ sharpness: Number.NaN, edge: 20 }),
    metricWords({ sharpness: 12, edge: null }),
    stepWords(0.1, Number.NaN),
    sliceWords({ explained: Number.NaN }),
    sliceWords(null),
  ];
  const ps = [...events([11, 12], 20, [0.4, 0.3]), { step: 30, loss: null, sharpness: null, edge: 20 }];
  for (const outcome of ["edge", "rose", "fell", "same", "flew-off"]) {
    const v = verdict(ps, outcome, { peak: null, sharpness: null, edge: null, step: 31 });
    said.push(v.happened, v.because);
  }
  for (const s of said) assert.doesNotMatch(s, BAD, s);
  assert.equal(said[0], "Step 135: loss no longer finite, sharpness 33.0.");
  assert.equal(said[1], "Step 5: loss no longer finite.");
  assert.equal(said[2], "");
  assert.match(said[5], /the principal components of its path\), with the path/);
  assert.match(said[5], /The ground itself has one direction for each weight, and this map shows only two/);
});

test("a valley exactly at the line: its steps zig-zag, they do not fly off; the digits show any gap", () => {
  assert.equal(dialWord(0.1, 20), "zig-zag");
  assert.equal(dialWord(0.1, 20.004), "fly off");
  assert.match(stepWords(0.1, 20), /2\/η = 20\.0: .* now \(20\.0\) they would zig-zag\.$/);
  assert.match(stepWords(0.1, 20.004), /2\/η = 20\.000: .* now \(20\.004\) they would fly off\.$/);
  assert.equal(metricWords({ sharpness: 20, edge: 20 }), "Sharpness 20.0, on its line 2/η = 20.0.");
  assert.equal(apart(20.004, 20), 5);
  assert.equal(apart(20, 20), 3);
});

test("a run that ended exactly at its line: held near it, and never past it", () => {
  const v = verdict(events([10, 14, 18, 20, 20, 20]), "edge");
  assert.equal(v.actual, "edge");
  assert.equal(v.happened, "the sharpness rose from 10.0 to its line 2/η = 20.0 and stayed near it");
  assert.match(v.because, /^It reached 20\.0 at most and ended at 20\.0 while the loss went from 1\.0 to 0\.17; /);
  assert.match(v.because, /over the last third of the run it stayed within 15% of the line, and never went past it\.$/);
  const over = verdict(events([10, 14, 23, 19, 21, 20]), "edge");
  assert.match(over.because, /: whenever the valley grew sharper than the line, the steps overshot/);
});

test("began at its line: over it, or within 15% of it, as the digits show", () => {
  assert.equal(
    verdict(events([20.02, 19, 20]), "edge").happened,
    "the sharpness began at 20.02, over its line 2/η = 20.00, and was held near it",
  );
  assert.equal(
    verdict(events([18, 19, 20]), "edge").happened,
    "the sharpness began at 18.0, already within 15% of its line 2/η = 20.0, and was held near it",
  );
});

test("rose but not held: under the line, far under it, near it, or over it at times", () => {
  const far = verdict(events([5, 6, 8], 80), "rose");
  assert.equal(far.actual, "");
  assert.equal(far.happened, "the sharpness rose from 5.00 to 8.00, staying under its line 2/η = 80.0");
  assert.match(far.because, /^With a step this small the line is far above: .* and never got there in 20 steps\.$/);
  const short = verdict(events([11, 14, 16.5]), "rose");
  assert.match(short.because, /^The network sharpened .*, but in 20 steps it never came within 15% of the line\.$/);
  const near = verdict(events([11, 18, 14]), "rose");
  assert.match(near.because, /^It reached 18\.0 at most.*; it came within 15% of the line, but did not stay there/);
  const over = verdict(events([11, 24, 14]), "rose");
  assert.equal(
    over.happened,
    "the sharpness rose from 11.0 to 14.0, went over its line 2/η = 20.0 at times, but did not stay near it",
  );
  const close = verdict(events([11, 14, 19.996]), "rose");
  assert.match(close.happened, /to 19\.996, staying under its line 2\/η = 20\.000$/);
});

test("about the same: said so only if it stayed so, else where it went on the way", () => {
  assert.equal(verdict(events([11, 11.5, 11.2]), "same").happened, "the sharpness stayed about the same, 11.2");
  assert.equal(
    verdict(events([11, 15, 11.2]), "same").happened,
    "the sharpness ended about where it began, at 11.2 from 11.0, after going from 11.0 to 15.0 on the way",
  );
  assert.equal(verdict(events([11, 7]), "fell").happened, "the sharpness fell from 11.0 to 7.00");
});

test("the slice's caption and the schedule's words", () => {
  assert.match(
    sliceWords({ explained: 0.976, weights: 1153 }),
    /its path, 98% of its movement\).*has 1,153 directions/,
  );
  assert.match(dialWords(0.1, 12, "decay"), /they would zig-zag\. With decay the step shrinks/);
  assert.match(stepWords(0.105, null), /^Step size η = 0\.105, so its line is 2\/η = 19\.0:/);
});

test("a run held at its line makes true the guess of what its sharpness did to get there", () => {
  // Rose from under its line: "rise until it meets the line, and stay there".
  assert.equal(verdict(events([10, 14, 18, 20, 19.5, 20.2]), "edge").actual, "edge");
  // Began over its line and was pushed down to it: it fell.
  assert.equal(verdict(events([30, 26, 23, 21, 20.4, 20.1]), "edge").actual, "fall");
  // ...also when it fell less than a seventh of the way (η 0.2: 11.2 to 9.99 against 10).
  assert.equal(verdict(events([22.4, 21, 20.5, 20.2, 19.9, 19.98]), "edge").actual, "fall");
  // Began near its line and stayed: the same.
  assert.equal(verdict(events([19, 20, 19.6, 20.3, 19.8, 20]), "edge").actual, "same");
});
