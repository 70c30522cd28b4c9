// How fast a widget plays its runs, and the control that chooses it: "Speed: Watch / Fast /
// Instant", radio buttons beside Play (one click, arrow keys move between them). A widget
// starts at its speed attribute (speed="fast"), else the page's (data-fh-speed on <html>),
// else "watch"; a reader who prefers reduced motion starts at "instant" (the end at once,
// the story in words), and may still pick a pace.

import { SPEEDS } from "./contract.js";
import { prefersReducedMotion } from "./player.js";
import { htmlEl, uid } from "./svg.js";

/** @typedef {import("./player.js").Speed} Speed */

/** Each speed as the control names it. */
export const SPEED_WORDS = { watch: "Watch", fast: "Fast", instant: "Instant" };

/**
 * @param {string | null | undefined} value
 * @returns {value is Speed}
 */
function isSpeed(value) {
  return typeof value === "string" && SPEEDS.includes(value);
}

/**
 * The speed a widget starts at.
 * @param {HTMLElement} el
 * @returns {Speed}
 */
export function startSpeed(el) {
  if (prefersReducedMotion()) return "instant";
  const own = el.getAttribute("speed");
  if (isSpeed(own)) return own;
  const page = document.documentElement?.dataset.fhSpeed;
  return isSpeed(page) ? page : /** @type {Speed} */ (SPEEDS[0]);
}

export class SpeedChoice {
  /**
   * @param {HTMLElement} parent where the control goes (a widget's toolbar)
   * @param {Speed} speed the speed chosen at first
   * @param {(speed: Speed) => void} chosen the reader picked another
   */
  constructor(parent, speed, chosen) {
    this.box = htmlEl("fieldset", { class: "fh-speed" }, "", parent);
    htmlEl("legend", { class: "fh-speed-legend" }, "Speed", this.box);
    const name = uid("fh-speed");
    /** @type {Record<string, HTMLInputElement>} */
    this.inputs = {};
    for (const value of SPEEDS) {
      const label = htmlEl("label", { class: "fh-speed-option" }, "", this.box);
      const input = /** @type {HTMLInputElement} */ (htmlEl("input", { type: "radio", name, value }, "", label));
      htmlEl("span", {}, SPEED_WORDS[/** @type {Speed} */ (value)], label);
      input.addEventListener("change", () => {
        if (input.checked && isSpeed(input.value)) chosen(input.value);
      });
      this.inputs[value] = input;
    }
    this.show(speed);
  }

  /**
   * Show a speed as chosen (without telling anyone).
   * @param {Speed} speed
   */
  show(speed) {
    const input = this.inputs[speed];
    if (input && !input.checked) input.checked = true;
  }
}
