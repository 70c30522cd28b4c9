// <fh-next-word>: a tiny model learns which word tends to follow which, from the text of this
// very page. Its surprise (how many yes-or-no questions, in bits, each next word costs it)
// falls as it trains; for a word the reader picks, the likeliest next words and their
// chances shift; a button lets the model write a few words of its own. Every number comes
// from the model's host; this element only draws.

import { LIMITS } from "../lib/contract.js";
import { fmt } from "../lib/format.js";
import { htmlEl, uid } from "../lib/svg.js";
import { whole } from "../lib/training-controls.js";
import { button } from "../lib/buttons.js";
import { TrainingWidget } from "../lib/training-widget.js";

/** How many next words are shown. */
const SHOWN = 6;

/**
 * @param {any} list [{word, p}]
 * @returns {Array<{word: string, p: number}>}
 */
function pairs(list) {
  if (!Array.isArray(list)) return [];
  return list.map((/** @type {any} */ w) => ({ word: String(w.word), p: Number(w.p) }));
}

export class FhNextWord extends TrainingWidget {
  constructor() {
    super();
    /** @type {HTMLInputElement} */ this.wordInput;
    /** @type {HTMLElement} */ this.bars;
    /** @type {HTMLElement} */ this.barWords;
    /** @type {HTMLElement} */ this.written;
    /** @type {HTMLElement} */ this.choices;
  }

  get spec() {
    return {
      label: "Next-word guesser",
      intro:
        "This model learns from the page you are reading. Press Play and watch its guesses of the next word " +
        "sharpen; then pick a word and see what it thinks comes after it.",
      theta:
        "Here θ is a table with a score for every pair of words on " +
        "this page: the higher the score, the likelier the second word follows the first. Which way is downhill: the " +
        "tilt of its surprise on a small batch of word pairs. How big a step: η. Then repeat.",
      lr: /** @type {[number, number]} */ ([0.005, 20]),
      idle: "Every score starts tiny and random, so every word on the page is about as likely as any other to come next. Press Play.",
      before:
        "every score starts tiny and random, so every word on the page is about as likely as any other to come next.",
    };
  }

  /** @param {HTMLElement} parent */
  buildPicture(parent) {
    const id = uid("fh-tr-word");
    const pick = htmlEl("div", { class: "fh-tr-pick" }, "", parent);
    htmlEl("label", { for: id, class: "fh-tr-subhead" }, "After the word", pick);
    this.wordInput = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        {
          id,
          class: "fh-tr-text",
          type: "text",
          maxlength: LIMITS.max_word_length,
          autocomplete: "off",
          spellcheck: "false",
        },
        "",
        pick,
      )
    );
    const show = button("Show its next words", "fh-tr-show", pick);
    show.addEventListener("click", () => this.pickWord());
    this.wordInput.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.pickWord();
    });
    this.choices = htmlEl("p", { class: "fh-tr-note" }, "", parent);
    this.bars = htmlEl("ol", { class: "fh-tr-bars", "aria-label": "The likeliest next words" }, "", parent);
    this.barWords = htmlEl("p", { class: "fh-tr-note fh-sr-only", "aria-live": "polite" }, "", parent);
  }

  /** @param {HTMLElement} parent */
  buildTry(parent) {
    const box = htmlEl("div", { class: "fh-tr-try" }, "", parent);
    htmlEl("h4", { class: "fh-tr-subhead" }, "Let it write", box);
    const write = button("Write a few words", "fh-tr-write", box);
    write.addEventListener("click", () => this.ask({ what: "write", prompt: this.word(), count: 8 }));
    this.written = htmlEl(
      "p",
      { class: "fh-tr-guess", "aria-live": "polite" },
      "Press the button to let the model write, one likely word after another.",
      box,
    );
  }

  attach() {
    super.attach();
    this.wordInput.value = this.word();
  }

  /** @returns {string} the word whose next words are watched */
  word() {
    return String(this.model.get("word") ?? "");
  }

  /** The reader picked a word: the picture follows it from the step it is at. */
  pickWord() {
    const word = this.wordInput.value.trim().toLowerCase();
    if (!word || word === this.word()) {
      if (word) this.ask({ what: "next", word });
      return;
    }
    this.model.set("word", word);
    this.model.save_changes();
    this.refusal = "";
    // The word changes what is shown, not the walk: a running run goes on from its step.
    if (this.run.status === "running") {
      this.run.pause();
      this.run.play();
    } else {
      this.ask({ what: "next", word });
    }
  }

  /** @param {any} info */
  startPicture(info) {
    const vocab = Number(info.vocabulary_size);
    const count = Number(info.train_size);
    this.choices.textContent =
      `It learns from ${whole(count)} pairs of neighbouring words on this page, ` +
      `${whole(vocab)} different words in all (words the page uses only once count as one).`;
  }

  /**
   * Bars for the likeliest next words.
   * @param {Array<{word: string, p: number}>} next
   * @param {string} word
   */
  drawBars(next, word) {
    const shown = next.slice(0, SHOWN);
    while (this.bars.children.length < shown.length) {
      const li = htmlEl("li", { class: "fh-tr-bar" }, "", this.bars);
      htmlEl("span", { class: "fh-tr-bar-word" }, "", li);
      const track = htmlEl("span", { class: "fh-tr-bar-track", "aria-hidden": "true" }, "", li);
      htmlEl("span", { class: "fh-tr-bar-fill fh-tr-slide" }, "", track);
      htmlEl("span", { class: "fh-tr-bar-p" }, "", li);
    }
    while (this.bars.children.length > shown.length) this.bars.lastElementChild?.remove();
    shown.forEach((w, i) => {
      const li = /** @type {HTMLElement} */ (this.bars.children[i]);
      const [name, track, p] = /** @type {HTMLElement[]} */ ([...li.children]);
      // The token that stands for every word the page uses once reads as what it is.
      name.textContent = w.word === this.info?.rare ? "(a rare word)" : w.word;
      /** @type {HTMLElement} */ (track.firstElementChild).style.width = `${(100 * w.p).toFixed(1)}%`;
      p.textContent = `${fmt(100 * w.p, 1)}%`;
    });
    const words = shown.map((w) => `${w.word} ${fmt(100 * w.p, 0)}%`).join(", ");
    this.barWords.textContent = shown.length ? `After “${word}” it expects: ${words}.` : "";
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  drawPicture(p) {
    const view = p.view ?? {};
    this.drawBars(pairs(view.next), String(view.word ?? this.word()));
  }

  clearPicture() {
    this.drawBars([], this.word());
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  metricWords(p) {
    // One quantity in two units: say how they are one number, so no reader counts two.
    return (
      `Surprise ${fmt(Number(p.metric), 2)} bits per word on a part of the page it does not train on ` +
      `(fewer bits: fewer surprises). It is the held-out “how wrong” below, ${fmt(Number(p.heldout_loss), 3)}, ` +
      "counted in bits: divided by ln 2 ≈ 0.693."
    );
  }

  /** @param {any} answer */
  onAnswer(answer) {
    if (answer?.what === "write") this.written.textContent = `It writes: “${String(answer.text ?? "")}”`;
    else if (answer?.what === "next") this.drawBars(pairs(answer.next), String(answer.word ?? this.word()));
  }
}

if (!customElements.get("fh-next-word")) customElements.define("fh-next-word", FhNextWord);
