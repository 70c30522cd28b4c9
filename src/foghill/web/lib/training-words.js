// What a training demo says of its run, in one sentence: before Play (its untrained model),
// training, paused, done, or refused.

import { plural } from "./format.js";
import { refusedWords } from "./readout.js";
import { whole } from "./training-controls.js";

/**
 * @param {object} state
 * @param {string} state.status the run's ("idle", "running", "paused" or "done")
 * @param {{step: number} | null} state.drawn the progress drawn (the untrained model's before Play)
 * @param {boolean} state.refused the host refused the settings
 * @param {number} state.total the steps Play trains for (at most)
 * @param {number} state.counted how far the host has trained while nothing is drawn
 * @param {number} state.stepped the step the run stands at
 * @param {string} state.summary the host's closing sentence ("" before the end)
 * @param {{idle: string, before: string}} state.spec the demo's own words
 * @returns {string}
 */
export function demoSentence({ status, drawn, refused, total, counted, stepped, summary, spec }) {
  if (status === "idle" && drawn && !refused) {
    return `Untrained, step 0: ${spec.before} Play trains it for up to ${whole(total)} step${total === 1 ? "" : "s"}.`;
  }
  if (refused) return refusedWords(Boolean(drawn));
  if (status === "running") {
    const step = Math.max(drawn?.step ?? 0, counted);
    return step > 0 ? `Training: step ${whole(step)} of ${whole(total)}…` : "Starting…";
  }
  if (status === "paused") return `Paused after ${plural(stepped)}. Play goes on from here.`;
  if (status === "done") return summary || `Done: ${plural(stepped)}.`;
  return spec.idle;
}
