// The learning-rate sweep's story: what each outcome means (its legend), what one step
// size's run did (from the sweep's own facts: its outcome, steps, step it settled at, how
// wrong it ended), the whole sweep in a sentence, and where 1/L and 2/L stand. Outcome names
// are the contract's words (outcome-words.js).

import { fmtSig, plural } from "./format.js";
import { fmtLog } from "./log-axis.js";
import { OUTCOME_ORDER, markWords } from "./outcome-marks.js";
import { outcomeDoes, outcomeName } from "./outcome-words.js";

/** What each outcome means, after what the walker does there. A crawl is only said to be
 * not at rest: a sweep holds no more of the walk (with momentum its last step may climb). */
const MEANS = /** @type {Record<string, string>} */ ({
  crawling: "not yet at rest when the steps ran out",
  settled: "comes calmly to rest",
  zigzag: "overshoots from side to side",
  "flew-off": "thrown off the hill",
});

/**
 * An outcome in the legend: "zig-zags: overshoots from side to side".
 * @param {string} outcome
 * @returns {string}
 */
export function legendWords(outcome) {
  const means = MEANS[outcome];
  return means ? `${outcomeDoes(outcome)}: ${means}` : outcomeDoes(outcome);
}

/**
 * Rate i's run in words: "Step size 0.3 (below 1/L): it settles at step 12; how wrong at the
 * end: 0.001."
 * @param {any} sweep a /api/sweep answer
 * @param {number} i
 * @param {boolean} logY is the end drawn as "how wrong" on a log scale (else as a height)
 * @returns {string}
 */
export function sweepRateWords(sweep, i, logY) {
  const rate = sweep.rates[i];
  const outcome = sweep.outcomes[i];
  const loss = sweep.final_loss[i];
  const settledAt = sweep.settled_at[i];
  const n = sweep.steps[i];
  const what = logY ? "how wrong at the end" : "height at the end";
  const wrong = typeof loss === "number" ? `${what}: ${fmtLog(loss)}` : "";
  const does = `it ${outcomeDoes(outcome)}`;
  let how = "";
  if (outcome === "flew-off")
    how = n > 1 ? `${does} the hill after ${plural(n)}` : `${does} the hill on its very first step`;
  else if (outcome === "crawling") how = `${does}: after ${plural(n)} it has not yet come to rest; ${wrong}`;
  else if (outcome === "settled") how = `${does} at step ${settledAt}; ${wrong}`;
  else if (typeof settledAt === "number")
    how = `${does}, then ${outcomeDoes("settled")} at step ${settledAt}; ${wrong}`;
  else how = `${does} and is still bouncing after ${plural(n)}; ${wrong}`;
  const where = markWords(rate, sweep.one_jump, sweep.fly_off);
  return `Step size ${fmtSig(rate)}${where ? ` (${where})` : ""}: ${how}.`;
}

/**
 * The whole sweep in a sentence: how many rates did what, and the quickest to settle.
 * @param {any} sweep
 * @param {number} maxSteps the steps each run was given
 * @returns {string}
 */
export function sweepSummary(sweep, maxSteps) {
  const n = sweep.rates.length;
  const counts = OUTCOME_ORDER.map((o) => [o, sweep.outcomes.filter((/** @type {string} */ x) => x === o).length]);
  const parts = counts.filter(([, c]) => Number(c) > 0).map(([o, c]) => `${c} ${outcomeName(String(o))}`);
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}` : parts[0];
  const span = `from ${fmtSig(sweep.rates[0])} to ${fmtSig(sweep.rates[n - 1])}`;
  const best =
    typeof sweep.best_rate === "number"
      ? ` The quickest to settle was ${fmtSig(sweep.best_rate)}, in ${plural(sweep.settled_at[sweep.rates.indexOf(sweep.best_rate)] ?? 0)}.`
      : " None of them settled.";
  return `Of ${n} step sizes ${span}, ${list}, each given at most ${plural(maxSteps)}.${best}`;
}

/**
 * Where 1/L and 2/L stand, for the note under the chart ("" when the sweep has none).
 * @param {any} sweep
 * @returns {string}
 */
export function sweepMarksWords(sweep) {
  return typeof sweep.one_jump === "number" && typeof sweep.fly_off === "number"
    ? `For the valley this start drains into, 1/L = ${fmtSig(sweep.one_jump)} and 2/L = ${fmtSig(sweep.fly_off)} (the dashed lines). `
    : "";
}
