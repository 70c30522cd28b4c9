// Says every run of a JSON file of cases with the page's own sentence-making functions, one
// JSON line per case, for test_words_match_runs.py to check against the runs.
import { readFileSync } from "node:fs";
import { dialWords } from "../../src/foghill/web/lib/dial-words.js";
import {
  dialWords as edgeDialWords,
  EDGE_GUESSES,
  edgeFacts,
  edgeVerdict,
  metricWords,
  NEAR,
  numberWords,
  sliceWords,
} from "../../src/foghill/web/lib/edge-words.js";
import { endingWords } from "../../src/foghill/web/lib/ending.js";
import { descentFacts } from "../../src/foghill/web/lib/facts.js";
import { dialVerdict, hillVerdict } from "../../src/foghill/web/lib/guesses.js";
import { hillEndWords } from "../../src/foghill/web/lib/hill-words.js";
import { lineFitStepWords, lineFitWords } from "../../src/foghill/web/lib/line-fit-words.js";
import { mapStepWords, raceWinnerWords, runWords, surfaceWords } from "../../src/foghill/web/lib/map-words.js";
import { momentWords } from "../../src/foghill/web/lib/race-moment.js";
import { briefEnding, panelWords, stepRaceWords } from "../../src/foghill/web/lib/step-race-words.js";
import { sweepRateWords, sweepSummary } from "../../src/foghill/web/lib/sweep-words.js";

/**
 * What the step race says of these walks once all have ended, and each panel's words.
 * @param {any[]} runs
 */
function stepRace(runs) {
  const last = Math.max(...runs.map((r) => r.position.length - 1));
  const race = { start: runs[0].position[0], rates: runs.map((r) => r.learning_rate), landscape: null, runs };
  return {
    stepRace: stepRaceWords(runs[0].outcome, { ...race, ended: runs.map(() => true), k: last }),
    panels: runs.map((r) => panelWords(r, r.position.length - 1, r.outcome)),
    briefs: runs.map(briefEnding),
  };
}

/**
 * What the edge demo says of a run of its network: the verdict on the guesses, and at each
 * progress event the readout's words and the dial's.
 * @param {any} c the run's progress events, its end, the step size and schedule, its slice
 */
function edge(c) {
  const facts = edgeFacts(c.events, c.end, c.rate);
  return {
    near: NEAR,
    facts,
    verdict: edgeVerdict(facts),
    guesses: EDGE_GUESSES.map((g) => g.id),
    metric: c.events.map(metricWords),
    numbers: c.events.map(numberWords),
    dial: c.events.map((/** @type {any} */ p) => edgeDialWords(p.learning_rate, p.sharpness ?? null, c.schedule)),
    idle: edgeDialWords(c.rate, null, c.schedule),
    slice: c.slice ? sliceWords(c.slice) : "",
  };
}

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = cases.map((/** @type {any} */ c) => {
  if (c.kind === "edge") return edge(c);
  if (c.kind === "race") {
    const names = c.race.runs.map((/** @type {any} */ _, /** @type {number} */ i) => `ball ${i}`);
    return { winner: raceWinnerWords(c.race), moment: momentWords(c.race.runs, names), ...stepRace(c.race.runs) };
  }
  if (c.kind === "linefit") {
    const settings = { rate: c.rate, maxSteps: c.max_steps, optimizer: c.fit.optimizer ?? c.optimizer, heightAt: "" };
    return {
      lineFit: lineFitWords(c.fit.outcome, c.fit, { ...settings, k: c.fit.n_steps }),
      lineFitStep: lineFitStepWords(c.fit, c.k, ""),
    };
  }
  if (c.kind === "sweep") {
    return {
      rate: c.picks.map((/** @type {number} */ i) => sweepRateWords(c.sweep, i, true)),
      summary: sweepSummary(c.sweep, c.max_steps),
    };
  }
  const said = { ending: endingWords(c.run), brief: briefEnding(c.run), ...stepRace([c.run]) };
  if (c.kind === "hill") {
    // The facts a finished walk hands the guesses (playback.js): its outcome and steps shown.
    const last = c.run.position.length - 1;
    const facts = { ...descentFacts(c.run, c.landscape, last), outcome: c.run.outcome, steps: last };
    const verdict = (/** @type {any} */ v) => `${v.happened}. ${v.because}`;
    return {
      ...said,
      hill: hillEndWords(c.run.outcome, c.run, c.landscape),
      valleyGuess: verdict(hillVerdict(facts, c.landscape, c.run)),
      dialGuess: verdict(dialVerdict(facts, c.run)),
      dial: dialWords(c.run.outcome, c.run, c.run.learning_rate, c.landscape.regimes, last),
    };
  }
  return {
    ...said,
    map: runWords(c.run, c.contours),
    surface: surfaceWords(c.run.outcome, c.run, c.contours, c.run.n_steps),
    surfaceStep: mapStepWords(c.run, c.k),
  };
});
process.stdout.write(JSON.stringify(out));
