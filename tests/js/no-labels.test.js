// No outcome label ("zigzag", "flew-off") and no tag name ("fh-…") reaches a reader: every
// words module is made to tell a walk of each outcome, and what it says is searched.
import assert from "node:assert/strict";
import { test } from "node:test";
import { OUTCOMES, WIDGETS } from "../../src/foghill/web/lib/contract.js";
import { dialWords } from "../../src/foghill/web/lib/dial-words.js";
import { finishWords } from "../../src/foghill/web/lib/finish-words.js";
import { hillEndWords } from "../../src/foghill/web/lib/hill-words.js";
import { lineFitWords } from "../../src/foghill/web/lib/line-fit-words.js";
import { runWords, surfaceWords } from "../../src/foghill/web/lib/map-words.js";
import { OUTCOME_LOOK } from "../../src/foghill/web/lib/outcome-marks.js";
import { BEHAVIOURS } from "../../src/foghill/web/lib/guesses.js";
import { ZONES } from "../../src/foghill/web/lib/rate-dial.js";
import { briefEnding, panelWords, stepRaceWords } from "../../src/foghill/web/lib/step-race-words.js";
import { legendWords, sweepRateWords, sweepSummary } from "../../src/foghill/web/lib/sweep-words.js";

const RAW = /\bzigzag\b|flew-off|\bfh-[a-z]/;

/** A walk of this outcome on a hill (1-D) or a map (2-D). */
function walk(/** @type {string} */ outcome, /** @type {boolean} */ map) {
  const p = (/** @type {number} */ v) => (map ? [v, v] : v);
  return {
    outcome,
    settled: outcome === "settled",
    moving: outcome === "crawling",
    n_steps: 3,
    floor_step: null,
    learning_rate: 0.1,
    optimizer: "gd",
    position: [p(1), p(0.8), p(0.6), p(0.5)],
    loss: [1, 0.64, 0.36, 0.25],
    gradient: [p(2), p(1.6), p(1.2), p(1)],
    nearest_floor: { position: p(0), loss: 0, distance: 0.5 },
    regime: { agree: false },
    valley: null,
  };
}

test("no sentence about a walk of any outcome says a label or a tag", () => {
  const regimes = { crawl_below: 0.01, one_jump: 0.05, fly_off: 0.2 };
  const contours = {
    domain: [
      [-2, 2],
      [-2, 2],
    ],
    minima: [{ x: 0, y: 0, loss: 0, deepest: true }],
  };
  const fit = {
    outcome: "",
    n_steps: 3,
    w: [0, 1, 2, 3],
    b: [0, 0, 0, 0],
    loss: [4, 3, 2, 1],
    best: { w: 3, b: 0, loss: 0.5 },
    steps: { steep: 2, one_jump: 0.5, fly_off: 1, crawl_below: 0.2, suggested: 0.5, steps_needed: 20 },
  };
  for (const outcome of OUTCOMES) {
    const hill = walk(outcome, false);
    const map = walk(outcome, true);
    const sweep = {
      rates: [0.1],
      outcomes: [outcome],
      steps: [3],
      settled_at: [outcome === "settled" ? 3 : null],
      final_loss: [0.25],
      one_jump: 0.05,
      fly_off: 0.2,
      best_rate: null,
    };
    const said = [
      dialWords(outcome, hill, 0.1, regimes, 3),
      finishWords(hill, "The ball"),
      hillEndWords(outcome, hill, { minima: [] }),
      lineFitWords(outcome, { ...fit, outcome }, { rate: 0.1, maxSteps: 3, optimizer: "gd", heightAt: "", k: 3 }),
      runWords(map, contours),
      surfaceWords(outcome, map, contours, 3),
      briefEnding(hill),
      panelWords(hill, 3, outcome),
      stepRaceWords(outcome, { start: 1, rates: [0.1], landscape: { regimes }, runs: [hill], ended: [true], k: 3 }),
      legendWords(outcome),
      sweepRateWords(sweep, 0, true),
      sweepSummary(sweep, 3),
      OUTCOME_LOOK[outcome].verb,
      OUTCOME_LOOK[outcome].name,
    ];
    for (const words of said) {
      assert.ok(words, `${outcome}: nothing said`);
      assert.doesNotMatch(words, RAW, words);
    }
  }
  for (const words of [...BEHAVIOURS.map((b) => b.label), ...ZONES.flatMap((z) => [z.name, z.does])]) {
    assert.doesNotMatch(words, RAW, words);
  }
});

test("every widget is called by words, not by its tag", () => {
  for (const [tag, kind] of Object.entries(WIDGETS)) {
    assert.doesNotMatch(kind.called, RAW, tag);
    assert.match(kind.called, /^the /, tag);
  }
});
