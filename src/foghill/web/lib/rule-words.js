// The update rule in words: what each of its terms means, what the rule calls the widget it
// follows, and why a step whose tilt prints as zero barely moves.

import { WIDGETS } from "./contract.js";

/** What each term means, in words (the glossary under the formula). */
export const TERMS = [
  {
    term: "next",
    symbol: "θ",
    words: "the next guess",
    say: "The new value of θ: where the ball stands, or the line's slope and height, after this step.",
  },
  { term: "becomes", symbol: "←", words: "becomes", say: "“Replace with”: the old guess is thrown away." },
  { term: "theta", symbol: "θ", words: "the current guess", say: "θ (theta), the guess we hold right now." },
  { term: "minus", symbol: "−", words: "minus", say: "Go the opposite way: the tilt points uphill, we want down." },
  { term: "eta", symbol: "η", words: "the step size", say: "η (eta), the step size: the dial, the learning rate." },
  {
    term: "grad",
    symbol: "∇L",
    words: "the uphill tilt",
    say: "∇L (the gradient of L): which way the error L grows fastest, and how steeply.",
  },
];

/**
 * What the rule calls the widget it follows, in the reader's words: a typed formula as
 * "your hill …", a built-in hill or map by its title ("the foggy hill"), else by its kind.
 * Never a tag name.
 * @param {{formula?: any, title?: any, dims?: any}} ground what the widget walks on
 * @param {string} tag
 * @returns {string}
 */
export function widgetName(ground, tag) {
  const { formula, title, dims } = ground;
  const called = WIDGETS[/** @type {keyof typeof WIDGETS} */ (tag)]?.called;
  if (tag === "fh-line-fit" && called) return called;
  if (typeof formula === "string" && formula.trim()) return `your ${dims === 2 ? "map" : "hill"} ${formula.trim()}`;
  if (typeof title === "string" && title) return title.replace(/^(The|A|An) /, (w) => w.toLowerCase());
  return called || "the widget";
}

/** Said under a step whose tilt is too small to print: why its numbers do not change. */
export const FLAT_WORDS =
  "Here the tilt is smaller than the printed digits can show, so this step barely moves it: the ground is flat under it. Step back along the timeline to see a step that moves.";

/**
 * @param {number | number[]} grad
 * @param {number} digits
 * @returns {boolean} does every part of the tilt print as zero at this many decimals?
 */
export function tooFlatToShow(grad, digits) {
  const parts = Array.isArray(grad) ? grad : [grad];
  return parts.every((g) => Number.isFinite(g) && Math.abs(g) < 0.5 * 10 ** -digits);
}
