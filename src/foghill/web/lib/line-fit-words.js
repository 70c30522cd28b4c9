// The line fit's story: the walk of a line through dots, in words made from the walk's own
// facts (its slopes, heights and how wrong at each step, the best line possible) and the
// bowl's regimes (the step sizes that walk in, crawl or fly off for these dots). Where x is
// counted from, in words true of the dots.

import { stepOfWalk, telling } from "./ending.js";
import { fmt, fmtNum, fmtSig, plural } from "./format.js";
import { pausedWords } from "./walk-words.js";

/**
 * What to say about the step size, from the bowl's own regimes (the answer's `steps`): only
 * for plain descent, whose regimes they are. Each part starts with a space, or is empty.
 * @param {any} fit
 * @param {number} rate the step size walked
 * @param {number} maxSteps
 * @param {string} optimizer
 * @returns {{limits: string, flewOff: string, crawling: string}}
 */
export function stepAdvice(fit, rate, maxSteps, optimizer) {
  const steps = fit?.steps;
  if (!steps || optimizer !== "gd") return { limits: "", flewOff: "", crawling: "" };
  const good = fmtSig(steps.suggested, 2);
  const edge = fmtSig(steps.fly_off, 2);
  const enough = steps.steps_needed <= maxSteps;
  const walk = enough
    ? `a step of ${good} walks straight in`
    : `a step of ${good} walks straight in, but needs about ${plural(steps.steps_needed)} (more than the ${maxSteps} allowed)`;
  return {
    limits: ` For these dots ${walk}; above ${edge} the line flies off.`,
    flewOff: ` For these dots any step above ${edge} flies off; try ${good}.`,
    crawling:
      rate < steps.crawl_below && enough
        ? ` Steps under ${fmtSig(steps.crawl_below, 2)} run out before the bottom here; try ${good}.`
        : enough
          ? ""
          : ` These dots need about ${plural(steps.steps_needed)} at a step of ${good}: allow more steps.`,
  };
}

/**
 * Why x is counted from `from`, in words true of these dots: "among the dots" only when it
 * lies between the least and the greatest x, and the reason only when 0 lies outside them.
 * @param {string} x what x stands for
 * @param {number} from
 * @param {number[]} xs
 * @returns {string}
 */
export function originWords(x, from, xs) {
  const at = `Here ${x} is counted from ${fmtNum(from)}, so the line's height is read at ${x} = ${fmtNum(from)}`;
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  if (!(lo <= from && from <= hi)) return `${at}.`;
  if (lo <= 0 && 0 <= hi) return `${at}, among the dots.`;
  return (
    `${at}, among the dots. Counted from 0, outside them, a small turn of the slope would ` +
    `swing the line a long way at the dots, and the walk would need far more steps.`
  );
}

/**
 * @typedef {object} LineFitSettings what the line fit's sentence needs beside the walk
 * @property {number} rate the step size walked
 * @property {number} maxSteps
 * @property {string} optimizer
 * @property {string} heightAt where the height is read, after "height" ("" at x = 0)
 * @property {number} k the step the playback stands at
 */

/**
 * The walk in one sentence, for the status the playback is in.
 * @param {string} status
 * @param {any} fit a /api/linefit answer
 * @param {LineFitSettings} settings
 * @returns {string}
 */
export function lineFitWords(status, fit, settings) {
  const n = fit.n_steps;
  const end = fmt(fit.loss[fit.loss.length - 1], 3);
  const best = `The best any straight line can do here is ${fmt(fit.best.loss, 3)}.`;
  const advice = stepAdvice(fit, settings.rate, settings.maxSteps, settings.optimizer);
  switch (status) {
    case "idle":
      return `A line with slope ${fmt(fit.w[0])} and height ${fmt(fit.b[0])}${settings.heightAt}. Press Play to let it walk downhill towards the dots.${advice.limits}`;
    case "running":
      return "Nudging the line, a little at a time, to miss by less…";
    case "paused":
      return pausedWords(settings.k);
    case "settled":
      return `Settled after ${plural(n)}: it now misses by ${end} on average, squared. ${best}`;
    case "crawling":
      return crawlingWords(fit, advice.crawling);
    case "zigzag":
      return `Zig-zagged for ${plural(n)}, ending at ${end}. ${best}`;
    case "flew-off":
      return `The steps were too bold for these dots: the line flew off after ${plural(n)}.${advice.flewOff}`;
    default:
      return "";
  }
}

/**
 * A walk whose steps ran out before it came to rest: how wrong it ended against the best
 * line, with the digits that show the gap (how wrong is printed with 3 decimals); one that
 * matches the best to every digit shown is not said to be short of the bottom.
 * @param {any} fit
 * @param {string} advice what to try instead ("" for nothing)
 * @returns {string}
 */
export function crawlingWords(fit, advice) {
  const n = fit.n_steps;
  const end = fit.loss[fit.loss.length - 1];
  const best = fit.best.loss;
  if (fmt(end, 8) === fmt(best, 8)) {
    return `Still walking after ${plural(n)}, but already as good as the best any straight line can do here, ${fmt(best, 3)}, to every digit shown.`;
  }
  const d = telling(end, best, 3);
  const close = d > 3 ? ", a hair above the best" : "";
  return (
    `Still walking after ${plural(n)}: down to ${fmt(end, d)}${close}, but not yet at the bottom. ` +
    `The best any straight line can do here is ${fmt(best, d)}.${advice}`
  );
}

/**
 * The numbers line at step k: the step, the line's slope and height, how wrong it is.
 * @param {any} fit
 * @param {number} k
 * @param {string} heightAt where the height is read ("" at x = 0)
 * @returns {string}
 */
export function lineFitStepWords(fit, k, heightAt) {
  const j = Math.min(k, fit.loss.length - 1);
  return (
    `${stepOfWalk(j, fit.n_steps, fit.w.length - 1)}: slope ${fmt(fit.w[j])}, height ${fmt(fit.b[j])}${heightAt}, ` +
    `how wrong ${fmt(fit.loss[j], 3)}.`
  );
}
