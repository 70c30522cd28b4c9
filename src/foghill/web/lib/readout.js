// A widget's state in words: a sentence, the numbers where the walk stands, a polite live
// region that does not flood screen readers, and the error note (a refusal, in words).

import { describedBy } from "./chart-words.js";
import { htmlEl } from "./svg.js";

/** Milliseconds between two announcements while a walk runs. */
export const ANNOUNCE_EVERY_MS = 3000;

/**
 * Speaks through an aria-live="polite" region, at most every few seconds while a walk runs;
 * pauses, ends and errors are said at once.
 */
export class Announcer {
  /** @param {HTMLElement} region */
  constructor(region) {
    this.region = region;
    this.last = -Infinity;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    this.pending = "";
  }

  /**
   * @param {string} text
   * @param {boolean} [now] say it immediately (pause, end, error)
   */
  say(text, now = false) {
    this.pending = text;
    const wait = this.last + ANNOUNCE_EVERY_MS - performance.now();
    if (now || wait <= 0) {
      this.flush();
      return;
    }
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  flush() {
    this.cancel();
    this.last = performance.now();
    if (this.region.textContent !== this.pending) this.region.textContent = this.pending;
  }

  cancel() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * @param {HTMLElement} el
 * @param {string} text
 */
function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}

/** The words under a widget: what is shown is set in one call, and spoken on request. */
export class Readout {
  /** @param {HTMLElement} parent */
  constructor(parent) {
    const box = htmlEl("div", { class: "fh-readout" }, "", parent);
    this.message = htmlEl("p", { class: "fh-message" }, "", box);
    this.numbers = htmlEl("p", { class: "fh-numbers" }, "", box);
    const live = htmlEl("p", { class: "fh-live fh-sr-only", "aria-live": "polite" }, "", box);
    this.announcer = new Announcer(live);
    this.errorBox = htmlEl("p", { class: "fh-error", role: "alert" }, "", parent);
    this.errorBox.hidden = true;
  }

  /**
   * These pictures are described by the readout's sentence and numbers (they say what the
   * picture shows now).
   * @param {...Element} charts
   */
  describes(...charts) {
    for (const chart of charts) describedBy(chart, this.message, this.numbers);
  }

  /**
   * Show the sentence, the numbers and the error note ("" hides it).
   * @param {string} sentence
   * @param {string} numbers
   * @param {string} error
   */
  show(sentence, numbers, error) {
    setText(this.message, sentence);
    setText(this.numbers, numbers);
    setText(this.errorBox, error);
    if (this.errorBox.hidden !== !error) this.errorBox.hidden = !error;
  }

  /**
   * Speak what is shown.
   * @param {boolean} now at once (else at most every few seconds)
   */
  announce(now) {
    this.say(`${this.message.textContent} ${this.numbers.textContent}`.trim(), now);
  }

  /**
   * Speak other words (a dot added, the drop point moved).
   * @param {string} text
   * @param {boolean} [now]
   */
  say(text, now = true) {
    this.announcer.say(text, now);
  }

  cancel() {
    this.announcer.cancel();
  }
}

/**
 * The sentence while the model's host refuses its settings: it names no setting and
 * classifies nothing; the error note says what was refused.
 * @param {boolean} drawn whether the picture still shows the last settings that worked
 * @returns {string}
 */
export function refusedWords(drawn) {
  return drawn
    ? "These settings were refused, so nothing new was computed: the note below says why. The picture still shows the last settings that worked."
    : "These settings were refused, so there is nothing to show: the note below says why.";
}
