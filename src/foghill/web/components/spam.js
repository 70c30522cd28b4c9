// <fh-spam>: a filter learns which words make a message look like spam (logistic regression on
// word counts, over messages Foghill wrote itself, made up for teaching). A few messages sit
// on a track from "surely real" to "surely spam", and slide across the border as their spam
// scores move; the count of messages on the wrong side falls; the words that push hardest
// each way are listed. The reader types a message and sees its score. Every number comes
// from the model's host; this element only draws.

import { LIMITS } from "../lib/contract.js";
import { fmt, fmtSig } from "../lib/format.js";
import { htmlEl, uid } from "../lib/svg.js";
import { whole } from "../lib/training-controls.js";
import { TrainingWidget } from "../lib/training-widget.js";

/** Wait after the last key before asking for a typed message's score (ms). */
const TYPE_MS = 250;

/**
 * A spam score in words.
 * @param {number} p the probability of spam
 * @returns {string}
 */
export function spamWords(p) {
  if (p >= 0.9) return "almost surely spam";
  if (p >= 0.5) return "more likely spam than not";
  if (p > 0.1) return "more likely real mail";
  return "almost surely real mail";
}

/** How many of a typed message's words are named. */
const NAMED = 5;

/**
 * A spam score as a percentage: whole, unless that would read 50% for a score off the border
 * (then one decimal, so the side it is on shows).
 * @param {number} p
 * @returns {string}
 */
export function percentWords(p) {
  const rounded = fmt(100 * p, 0);
  return p !== 0.5 && rounded === "50" ? `${fmt(100 * p, 1)}%` : `${rounded}%`;
}

/**
 * Words with how hard they push, as a reader reads them ("free (+1.9), prize (+1.4)").
 * @param {any} list [{word, weight}] or [{word, push}]
 * @returns {string}
 */
function wordList(list) {
  if (!Array.isArray(list) || !list.length) return "none yet";
  return list
    .slice(0, NAMED + 1)
    .map((/** @type {any} */ w) => {
      const push = Number(w.weight ?? w.push);
      // A weight under 0.1 (an untrained filter's) keeps a figure: "+0.0" would hide its sign.
      const size = Math.abs(push) < 0.1 ? fmtSig(push, 1) : fmt(push, 1);
      return Number.isFinite(push) ? `${w.word} (${push > 0 ? "+" : ""}${size})` : String(w.word);
    })
    .join(", ");
}

export class FhSpam extends TrainingWidget {
  constructor() {
    super();
    /** @type {HTMLElement} */ this.track;
    /** @type {Array<{row: HTMLElement, mark: HTMLElement, words: HTMLElement, spam: boolean}>} */
    this.rows = [];
    /** @type {HTMLElement} */ this.wrongWords;
    /** @type {HTMLElement} */ this.spamList;
    /** @type {HTMLElement} */ this.hamList;
    /** @type {HTMLTextAreaElement} */ this.text;
    /** @type {HTMLElement} */ this.score;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.typing = null;
  }

  get spec() {
    return {
      label: "Spam filter",
      intro:
        "This model learns which words make a message look like spam. Press Play and watch the word weights spread " +
        "apart as it learns; then type a message and see how it scores.",
      theta:
        "Here θ is one weight per word (and a starting lean): a message's spam score adds up the weights of its words. " +
        "Which way is downhill: the tilt of how wrong the scores are on a small batch of messages. How big a step: η. " +
        "Then repeat. The messages were made up for teaching.",
      lr: /** @type {[number, number]} */ ([0.01, 20]),
      idle: "Every word starts with a tiny random weight, so every message scores close to 50%: the filter cannot tell yet. Press Play.",
      before:
        "every word starts with a tiny random weight, so every message scores close to 50%: it cannot tell spam from real mail yet.",
    };
  }

  /** @param {HTMLElement} parent */
  buildPicture(parent) {
    htmlEl("h4", { class: "fh-tr-subhead" }, "Messages and their spam scores", parent);
    const ends = htmlEl("div", { class: "fh-tr-ends", "aria-hidden": "true" }, "", parent);
    htmlEl("span", {}, "real mail", ends);
    htmlEl("span", {}, "the border (50%)", ends);
    htmlEl("span", {}, "spam", ends);
    this.track = htmlEl(
      "ul",
      { class: "fh-tr-track", "aria-label": "Messages placed by their spam score" },
      "",
      parent,
    );
    this.wrongWords = htmlEl("p", { class: "fh-tr-note" }, "Press Play to watch the messages move.", parent);
    const lists = htmlEl("div", { class: "fh-tr-lists" }, "", parent);
    const spamBox = htmlEl("div", {}, "", lists);
    htmlEl("h4", { class: "fh-tr-subhead" }, "Words pushing towards spam", spamBox);
    this.spamList = htmlEl("p", { class: "fh-tr-note" }, "none yet", spamBox);
    const hamBox = htmlEl("div", {}, "", lists);
    htmlEl("h4", { class: "fh-tr-subhead" }, "Words pushing towards real mail", hamBox);
    this.hamList = htmlEl("p", { class: "fh-tr-note" }, "none yet", hamBox);
  }

  /** @param {HTMLElement} parent */
  buildTry(parent) {
    const box = htmlEl("div", { class: "fh-tr-try" }, "", parent);
    const id = uid("fh-tr-msg");
    htmlEl("label", { class: "fh-tr-subhead", for: id }, "Type a message for it to score", box);
    this.text = /** @type {HTMLTextAreaElement} */ (
      htmlEl("textarea", { id, class: "fh-tr-text fh-tr-message", rows: 2, maxlength: LIMITS.max_ask_text }, "", box)
    );
    this.text.placeholder = "e.g. You have won a free prize, claim it now";
    this.score = htmlEl("p", { class: "fh-tr-guess", "aria-live": "polite" }, "Nothing typed yet.", box);
    this.text.addEventListener("input", () => {
      if (this.typing !== null) clearTimeout(this.typing);
      this.typing = setTimeout(() => this.askScore(), TYPE_MS);
    });
  }

  /** @param {any} info */
  startPicture(info) {
    const messages = Array.isArray(info.shown) ? info.shown : [];
    if (this.rows.length === messages.length) return;
    this.track.replaceChildren();
    this.rows = messages.map((/** @type {{text: string, spam: boolean}} */ m) => {
      const row = htmlEl("li", { class: "fh-tr-msg", "data-spam": String(Boolean(m.spam)) }, "", this.track);
      const lane = htmlEl("div", { class: "fh-tr-lane", "aria-hidden": "true" }, "", row);
      const mark = htmlEl("span", { class: "fh-tr-mark fh-tr-slide" }, m.spam ? "■" : "●", lane);
      const words = htmlEl("span", { class: "fh-tr-msg-words" }, m.text, row);
      return { row, mark, words, spam: Boolean(m.spam) };
    });
    this.place(this.rows.map(() => 0.5));
  }

  /**
   * Each message's mark at its score, and its words (right or wrong side, in text too).
   * @param {number[]} scores
   */
  place(scores) {
    this.rows.forEach((r, i) => {
      const p = Number(scores[i]);
      const at = Number.isFinite(p) ? p : 0.5;
      // Inset by half a mark, so a message at 0% or 100% stays inside its lane.
      r.mark.style.left = `calc(7px + ${at.toFixed(3)} * (100% - 14px))`;
      const right = at === 0.5 ? null : at > 0.5 === r.spam;
      const kind = r.spam ? "spam" : "real";
      r.row.dataset.right = right === null ? "" : String(right);
      r.mark.title = `${percentWords(at)} spam`;
      const verdict = right === null ? "" : right ? " ✓" : " ✗ wrong side";
      r.words.dataset.label = `(${kind}, ${percentWords(at)}${verdict})`;
    });
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  drawPicture(p) {
    const view = p.view ?? {};
    this.place(Array.isArray(view.scores) ? view.scores : []);
    const wrong = Number(view.misclassified);
    if (Number.isFinite(wrong)) {
      const total = Number(this.info?.heldout_size);
      this.wrongWords.textContent = `On the wrong side of the border: ${whole(wrong)} of the ${whole(total)} messages it never trains on.`;
    }
    this.spamList.textContent = wordList(view.spammy);
    this.hamList.textContent = wordList(view.hammy);
    const text = this.text.value.trim();
    if (text) this.refresh({ what: "score", text });
  }

  clearPicture() {
    this.place(this.rows.map(() => 0.5));
    this.wrongWords.textContent = "Untrained: every message sits on the border. Press Play.";
    this.spamList.textContent = "none yet";
    this.hamList.textContent = "none yet";
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  metricWords(p) {
    return `Held-out accuracy ${fmt(100 * p.metric, 0)}%: the share of messages it never trained on that land on the right side.`;
  }

  askScore() {
    const text = this.text.value.trim();
    if (!text) {
      this.score.textContent = "Nothing typed yet.";
      return;
    }
    this.ask({ what: "score", text });
  }

  /** @param {any} answer */
  onAnswer(answer) {
    if (answer?.what !== "score" || !this.text.value.trim()) return;
    const p = Number(answer.p);
    const known = Array.isArray(answer.words) && answer.words.length;
    const pushed = known
      ? `Words that pushed hardest: ${wordList(answer.words.slice(0, NAMED))}.`
      : "It knows none of these words.";
    this.score.textContent = `Spam score ${fmt(100 * p, 0)}%: ${spamWords(p)}. ${pushed}`;
  }
}

if (!customElements.get("fh-spam")) customElements.define("fh-spam", FhSpam);
