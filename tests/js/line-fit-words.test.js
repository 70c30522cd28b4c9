// The line fit's sentences (web/lib/line-fit-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  crawlingWords,
  lineFitStepWords,
  lineFitWords,
  originWords,
} from "../../src/foghill/web/lib/line-fit-words.js";

const fit = (/** @type {number[]} */ loss, best = 0.1) => ({
  outcome: "crawling",
  n_steps: loss.length - 1,
  w: loss.map(() => 1),
  b: loss.map(() => 0.5),
  loss,
  best: { w: 1, b: 0.5, loss: best },
});
const settings = { rate: 0.01, maxSteps: 300, optimizer: "adam", heightAt: "", k: 0 };

test("out of steps and short of the best line: said with the digits that show it", () => {
  assert.match(
    crawlingWords(fit([1, 0.5]), ""),
    /^Still walking after 1 step: down to 0\.500, but not yet at the bottom/,
  );
  assert.match(
    crawlingWords(fit([1, 0.10004]), ""),
    /down to 0\.10004, a hair above the best, but not yet at the bottom\. The best any straight line can do here is 0\.10000\./,
  );
  assert.match(crawlingWords(fit([1, 0.1]), ""), /already as good as the best any straight line can do here, 0\.100/);
});

test("the end of a walk by its outcome, and the numbers at a step", () => {
  const done = { ...fit([1, 0.1]), outcome: "settled" };
  assert.equal(
    lineFitWords("settled", done, settings),
    "Settled after 1 step: it now misses by 0.100 on average, squared. The best any straight line can do here is 0.100.",
  );
  assert.equal(
    lineFitStepWords(done, 1, " at x = 3"),
    "Step 1 of 1: slope 1.00, height 0.50 at x = 3, how wrong 0.100.",
  );
  assert.equal(originWords("x", 100, [1, 2]), "Here x is counted from 100, so the line's height is read at x = 100.");
});
