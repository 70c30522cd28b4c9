// What the widgets ask the reader to predict, and how a walk's facts (playback.js's fh-run
// event, filled by facts.js) answer it in words, with the run's numbers: the dial's four
// behaviours, the valley the ball comes to rest in on a hill, who wins a race.

import { fmt, fmtSig, plural } from "./format.js";
import { endingWords, onFloor } from "./ending.js";
import { outcomeName, outcomeSaid } from "./outcome-words.js";
import { optimizerName } from "./map-words.js";
import { Predict } from "./predict.js";

/** The dial's choices, in order of step size: the engine's outcome each one stands for. */
export const BEHAVIOURS = [
  { id: "crawl", outcome: "crawling" },
  { id: "settle", outcome: "settled" },
  { id: "zigzag", outcome: "zigzag" },
  { id: "fly", outcome: "flew-off" },
].map((b) => ({ ...b, label: outcomeName(b.outcome) }));

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isNumber(v) {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * Which of the four behaviours a walk showed, and why, from its step size and the valley's
 * 1/L and 2/L; where the walk ended is said from the walk itself (ending.js) when given.
 * @param {import("./playback.js").Facts} f
 * @param {any} [run] the walk judged (a /api/descend answer)
 * @returns {import("./predict.js").Verdict}
 */
export function dialVerdict(f, run) {
  const choice = BEHAVIOURS.find((b) => b.outcome === f.outcome);
  const n = Number(f.steps);
  const lr = isNumber(f.rate) ? fmtSig(f.rate) : "this step size";
  const one = isNumber(f.one_jump) ? fmtSig(f.one_jump) : "";
  const two = isNumber(f.fly_off) ? fmtSig(f.fly_off) : "";
  /** @type {Record<string, [string, string]>} */
  const words = {
    crawling: [
      run?.outcome === "crawling" ? `it ${endingWords(run)}` : `it was still on its way after ${plural(n)}`,
      isNumber(f.crawl_below)
        ? `${lr} is below ${fmtSig(f.crawl_below)}, where the steps grow too short to come to rest within ${plural(n)}.`
        : `The steps were too short to come to rest within ${plural(n)}.`,
    ],
    settled: [
      `it settled in ${plural(n)}`,
      one
        ? `${lr} is under 1/L = ${one}, so no step carries the ball past the bottom.`
        : "No step carried the ball past the bottom.",
    ],
    zigzag: [
      "it zig-zagged",
      one && two
        ? `${lr} is past 1/L = ${one}, so every step overshoots the bottom; it is still under 2/L = ${two}, so each bounce is smaller than the last.`
        : "Every step overshot the bottom and landed on the far wall.",
    ],
    "flew-off": [
      "it flew off",
      two
        ? `${lr} is past 2/L = ${two}, so every bounce lands higher than the one before, until the ball leaves the hill.`
        : "Every bounce landed higher than the one before, until the ball left the hill.",
    ],
  };
  const [happened, because] = words[String(f.outcome)] || ["it stopped", ""];
  const caveat =
    f.agree === false
      ? " This time the walk did not follow the zones: they describe the curve at the valley floor, and further out this hill bends differently."
      : "";
  return { actual: choice ? choice.id : "", happened, because: because + caveat };
}

/**
 * The valleys of a 1-D landscape as choices: with two, "the deep valley" and "the side
 * valley"; with more, each by where it lies.
 * @param {any} landscape the /api/landscape answer
 * @returns {import("./predict.js").Choice[]}
 */
export function valleyChoices(landscape) {
  const minima = Array.isArray(landscape?.minima) ? landscape.minima : [];
  return minima.map((/** @type {any} */ m, /** @type {number} */ i) => {
    const where = `x = ${fmt(m.x)}`;
    let label = `the valley at ${where}`;
    if (m.deepest) label = minima.length === 2 ? `the deep valley, at ${where}` : `the deepest valley, at ${where}`;
    else if (minima.length === 2) label = `the side valley, at ${where}`;
    return { id: `valley-${i}`, label };
  });
}

/**
 * The choice for the valley nearest to x (a click on the picture), or "".
 * @param {any} landscape
 * @param {number} x
 * @returns {string}
 */
export function nearestValley(landscape, x) {
  const minima = Array.isArray(landscape?.minima) ? landscape.minima : [];
  let best = -1;
  minima.forEach((/** @type {any} */ m, /** @type {number} */ i) => {
    if (best < 0 || Math.abs(m.x - x) < Math.abs(minima[best].x - x)) best = i;
  });
  return best < 0 ? "" : `valley-${best}`;
}

/**
 * Where a walk on a hill ended, and why there, from where it began and its first tilt. "Came
 * to rest" only of a walk that did (settled); one still moving when its steps ran out is
 * said to be still going, in the valley it was in.
 * @param {import("./playback.js").Facts} f
 * @param {any} landscape
 * @param {any} [run] the walk judged (a /api/descend answer)
 * @returns {import("./predict.js").Verdict}
 */
export function hillVerdict(f, landscape, run) {
  const n = Number(f.steps);
  const rested = run ? Boolean(run.settled) && run.outcome !== "flew-off" : f.outcome === "settled";
  if (!isNumber(f.valley_x)) {
    if (f.outcome === "flew-off") {
      return {
        actual: "",
        happened: "it flew off the hill",
        because: "It left the map, so it ended in no valley at all.",
      };
    }
    return rested
      ? {
          actual: "",
          happened: `it came to rest after ${plural(n)}`,
          because: "It stopped where the ground is flat, in no valley at all.",
        }
      : {
          actual: "",
          happened: `it was still on its way after ${plural(n)}`,
          because: "It has not reached any valley yet.",
        };
  }
  const actual = nearestValley(landscape, f.valley_x);
  const label = valleyChoices(landscape).find((c) => c.id === actual)?.label || `x = ${fmt(f.valley_x)}`;
  const way = isNumber(f.tilt) && f.tilt > 0 ? "left" : "right";
  const into = rested
    ? `walked into the nearest hollow that way, in ${plural(n)}`
    : "walked into the nearest hollow that way";
  const because =
    `From x = ${fmt(Number(f.start))} the ground fell to the ${way}, and every step followed the tilt under the ball, ` +
    `so it ${into}.`;
  const happened = rested
    ? `it came to rest in ${label}`
    : `it was still moving in ${label} when its ${plural(n)} ran out`;
  return { actual, happened, because };
}

/**
 * A race's guess: which optimizer reaches a valley floor first. The choices are the racers
 * of the race held; the verdict names the winner and how many steps each one took.
 * @param {HTMLElement & {race?: any, contours?: any}} widget an <fh-race>
 * @returns {Predict}
 */
export function raceGuess(widget) {
  const before = widget.querySelector(":scope > .fh-outcomes") || widget.querySelector(":scope > .fh-readout");
  return new Predict(widget, before, {
    question: "which racer reaches a valley floor first?",
    choices: () =>
      (widget.race?.runs ?? []).map((/** @type {any} */ r) => ({ id: r.optimizer, label: optimizerName(r.optimizer) })),
    judge: () => {
      const race = widget.race;
      const runs = race?.runs ?? [];
      const first = (race?.winners ?? []).map((/** @type {number} */ i) => runs[i]);
      const steps = runs.map((/** @type {any} */ r) => `${optimizerName(r.optimizer)} ${countWords(r)}`).join("; ");
      const because = `Each racer's count: ${steps}.`;
      if (!first.length) return { actual: "", happened: "no racer reached a valley floor", because };
      const names = first.map((/** @type {any} */ r) => optimizerName(r.optimizer));
      const k = plural(first[0].floor_step);
      const happened =
        first.length === 1
          ? `${names[0]} got there first, in ${k}`
          : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]} tied for first, each in ${k}`;
      return {
        actual: first[0].optimizer,
        tied: first.map((/** @type {any} */ r) => r.optimizer),
        happened,
        because,
      };
    },
  });
}

/**
 * One racer's count for a race's verdict: when it reached a floor, else how it ended.
 * @param {any} run
 * @returns {string}
 */
function countWords(run) {
  if (onFloor(run)) {
    const zig = run.outcome === "zigzag" ? ", zig-zagging," : "";
    return `reached a valley floor${zig} in ${plural(run.floor_step)}`;
  }
  if (run.outcome === "flew-off") return `${outcomeSaid(run.outcome)} after ${plural(run.n_steps)}`;
  return `${outcomeSaid(run.outcome)}, on no valley floor after ${plural(run.n_steps)}`;
}
