// The buttons widgets share: one button with text, and the Play / Step / Reset row.

import { htmlEl } from "./svg.js";

/**
 * @typedef {object} Controls
 * @property {HTMLElement} bar
 * @property {HTMLButtonElement} play
 * @property {HTMLButtonElement} step
 * @property {HTMLButtonElement} reset
 */

/**
 * @param {string} text
 * @param {string} cls
 * @param {HTMLElement} parent
 * @returns {HTMLButtonElement}
 */
export function button(text, cls, parent) {
  return /** @type {HTMLButtonElement} */ (htmlEl("button", { type: "button", class: `fh-btn ${cls}` }, text, parent));
}

/**
 * The shared button row: Play/Pause, Step, Reset (real buttons with text).
 * @param {HTMLElement} parent
 * @param {{play: () => void, step: () => void, reset: () => void}} actions
 * @param {string} label what these buttons control, for screen readers
 * @returns {Controls}
 */
export function makeControls(parent, actions, label) {
  const bar = htmlEl("div", { class: "fh-controls", role: "group", "aria-label": label }, "", parent);
  const play = button("Play", "fh-btn-play", bar);
  const step = button("Step", "fh-btn-step", bar);
  const reset = button("Reset", "fh-btn-reset", bar);
  play.addEventListener("click", () => actions.play());
  step.addEventListener("click", () => actions.step());
  reset.addEventListener("click", () => actions.reset());
  return { bar, play, step, reset };
}
