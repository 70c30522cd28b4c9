// What a widget that plays a walk says while the walk waits or stands still part-way: the
// same sentence in every widget, from the step the playback stands at.

import { place } from "./ending.js";
import { plural } from "./format.js";

/**
 * A walk paused at step k: "Paused after 3 steps. Play goes on; Step takes one more."
 * @param {number} k the steps played
 * @returns {string}
 */
export function pausedWords(k) {
  return `Paused after ${plural(k)}. Play goes on; Step takes one more.`;
}

/**
 * A ball dropped and not yet walking: "The ball waits at x = 1.50. Press Play, or drop it
 * somewhere else."
 * @param {number | number[]} start where it was dropped
 * @returns {string}
 */
export function waitsWords(start) {
  return `The ball waits at ${place(start)}. Press Play, or drop it somewhere else.`;
}
