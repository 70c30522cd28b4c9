// <fh-digits>: a model learns to read handwritten digits (scikit-learn's bundled 8×8 scans)
// while the reader watches. Its ten weight templates sharpen as it learns, a few digits it
// never trained on flip from wrong guesses to right ones, the held-out accuracy climbs, and
// the reader can draw a digit on a pad and see what the model makes of it, at any step.
// Every number comes from the model's host (training-run.js); this element only draws.

import { describedBy } from "../lib/chart-words.js";
import { fmt } from "../lib/format.js";
import { DrawingPad } from "../lib/drawing-pad.js";
import { PixelGrid, palette } from "../lib/pixel-grid.js";
import { htmlEl } from "../lib/svg.js";
import { button } from "../lib/buttons.js";
import { WEIGHT_COUNTS } from "../lib/train-sizes.js";
import { TrainingWidget } from "../lib/training-widget.js";

/**
 * How sure a probability sounds.
 * @param {number} p
 * @returns {string}
 */
export function sureWords(p) {
  if (p >= 0.9) return "very sure";
  if (p >= 0.6) return "fairly sure";
  if (p >= 0.3) return "unsure";
  return "guessing";
}

/**
 * What θ is for this width of hidden layer, and the rest of the rule, in words.
 * @param {number} hidden
 * @returns {string}
 */
export function thetaWords(hidden) {
  const rest =
    "Which way is downhill: the tilt of how wrong it is on a small batch of scans. How big a step: η, the dial " +
    "below. Then repeat, batch after batch.";
  if (!hidden) {
    return (
      "Here θ, the guess being walked downhill, is ten 8×8 templates, one per digit: the digit whose template " +
      `best matches a scan is the model's guess. ${rest}`
    );
  }
  const count = WEIGHT_COUNTS["fh-digits"]?.[hidden];
  const units = hidden === 1 ? "1 hidden unit" : `${hidden} hidden units`;
  return (
    `Here θ, the guess being walked downhill, is a small network's ${count ? `${count.toLocaleString("en")} ` : ""}` +
    `weights: from the 64 pixels to ${units}, and from those to ten scores, one per digit (the templates show roughly what ` +
    `each score looks for in the pixels). ${rest}`
  );
}

/**
 * What the templates' colours mean for this width of hidden layer: without one, exactly
 * what ink does to a digit's score; with one, what it does while the hidden units stay in
 * their straight middle (the templates are then W1 W2), which the bends past it can undo.
 * @param {number} hidden
 * @returns {string}
 */
export function templateWords(hidden) {
  if (!hidden) return "Green: ink here makes this digit more likely. Red: ink here makes it less likely.";
  return (
    "Green: ink here makes this digit more likely, red less, as long as the hidden units stay near their " +
    "straight middle; past it they bend, and a scan can read otherwise than its template suggests."
  );
}

export class FhDigits extends TrainingWidget {
  constructor() {
    super();
    /** @type {PixelGrid[]} */ this.templates = [];
    /** @type {HTMLElement} */ this.templateWords;
    /** @type {HTMLElement} */ this.watchBox;
    /** @type {HTMLElement} */ this.watchWords;
    /** @type {Array<{grid: PixelGrid, caption: HTMLElement, label: number}>} */
    this.watched = [];
    /** @type {DrawingPad} */ this.pad;
    /** @type {HTMLElement} */ this.guess;
  }

  get spec() {
    return {
      label: "Digit reader",
      intro:
        "This model learns to read small scanned digits. Press Play and watch its held-out accuracy climb as its " +
        "ten templates take shape; then draw a digit on the pad and see what it reads.",
      theta: thetaWords(0),
      lr: /** @type {[number, number]} */ ([0.01, 20]),
      idle:
        Number(this.model?.get("hidden")) > 0
          ? "Its weights start at random, so its first guesses are noise. Press Play to let it learn from the scanned digits."
          : "Its templates start as random speckle, so every guess is about a coin toss among ten digits. Press Play to let it learn from the scanned digits.",
      before:
        (Number(this.model?.get("hidden")) > 0
          ? "its weights start at random"
          : "its templates start as random speckle") +
        ", so it reads about one scan in ten right, as blind guessing would.",
    };
  }

  attach() {
    super.attach();
    // θ is what the hidden-layer dial makes it: the fold says so.
    const theta = this.querySelector(".fh-tr-theta");
    const say = () => {
      const hidden = Number(this.model.get("hidden")) || 0;
      if (theta) theta.textContent = thetaWords(hidden);
      this.templateWords.textContent = templateWords(hidden);
    };
    this.listen("change:hidden", say);
    say();
  }

  /** @param {HTMLElement} parent */
  buildPicture(parent) {
    htmlEl("h4", { class: "fh-tr-subhead" }, "Its ten templates", parent);
    const row = htmlEl(
      "div",
      { class: "fh-tr-templates", role: "img", "aria-label": "The ten templates, 0 to 9" },
      "",
      parent,
    );
    for (let d = 0; d < 10; d++) {
      const fig = htmlEl("div", { class: "fh-tr-template" }, "", row);
      this.templates.push(new PixelGrid(fig, 8, "fh-tr-template-img"));
      htmlEl("span", { class: "fh-tr-template-label", "aria-hidden": "true" }, String(d), fig);
    }
    this.templateWords = htmlEl("p", { class: "fh-tr-note" }, templateWords(0), parent);
    describedBy(row, this.templateWords);
    htmlEl("h4", { class: "fh-tr-subhead" }, "Digits it never trains on", parent);
    this.watchBox = htmlEl("div", { class: "fh-tr-watch" }, "", parent);
    this.watchWords = htmlEl(
      "p",
      { class: "fh-tr-note" },
      "Press Play to see its guesses for a few scans kept aside.",
      parent,
    );
  }

  /** @param {HTMLElement} parent */
  buildTry(parent) {
    const box = htmlEl("div", { class: "fh-tr-try" }, "", parent);
    htmlEl("h4", { class: "fh-tr-subhead" }, "Draw a digit for it to read", box);
    const row = htmlEl("div", { class: "fh-tr-try-row" }, "", box);
    this.pad = new DrawingPad(row, {
      changed: () => this.askGuess(),
      moved: (words) => this.readout.say(words),
    });
    const side = htmlEl("div", { class: "fh-tr-try-side" }, "", row);
    this.guess = htmlEl("p", { class: "fh-tr-guess", "aria-live": "polite" }, "Nothing drawn yet.", side);
    const clear = button("Clear the pad", "fh-tr-clear", side);
    clear.addEventListener("click", () => {
      this.pad.clear();
      this.guess.textContent = "Nothing drawn yet.";
    });
  }

  /** @param {any} info */
  startPicture(info) {
    const colours = palette(this);
    const watch = Array.isArray(info.watched) ? info.watched : [];
    if (this.watched.length === watch.length) return;
    this.watchBox.replaceChildren();
    this.watched = watch.map((/** @type {{image: number[], label: number}} */ w) => {
      const fig = htmlEl("div", { class: "fh-tr-watched" }, "", this.watchBox);
      const grid = new PixelGrid(fig, 8, "fh-tr-watched-img");
      grid.drawInk(w.image, 16, colours);
      const caption = htmlEl("span", { class: "fh-tr-watched-words" }, `a ${w.label}`, fig);
      return { grid, caption, label: Number(w.label) };
    });
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  drawPicture(p) {
    const colours = palette(this);
    const view = p.view ?? {};
    const templates = Array.isArray(view.templates) ? view.templates : [];
    templates.forEach((/** @type {number[]} */ t, /** @type {number} */ d) => {
      this.templates[d]?.drawSigned(t, colours);
    });
    const guesses = Array.isArray(view.guesses) ? view.guesses : [];
    let right = 0;
    this.watched.forEach((w, i) => {
      const g = Number(guesses[i]?.guess);
      const ok = g === w.label;
      if (ok) right += 1;
      w.caption.textContent = `a ${w.label}: read as ${g} ${ok ? "✓" : "✗"}`;
      w.caption.parentElement?.setAttribute("data-right", String(ok));
    });
    if (this.watched.length) {
      this.watchWords.textContent = `It reads ${right} of these ${this.watched.length} right.`;
    }
    if (!this.pad.empty) this.refresh(this.guessQuestion());
  }

  clearPicture() {
    const colours = palette(this);
    const blank = new Array(64).fill(128);
    for (const t of this.templates) t.drawSigned(blank, colours);
    for (const w of this.watched) {
      w.caption.textContent = `a ${w.label}`;
      w.caption.parentElement?.removeAttribute("data-right");
    }
    this.watchWords.textContent = this.watched.length
      ? "Untrained again: press Play to watch its guesses."
      : "Press Play to see its guesses for a few scans kept aside.";
    if (!this.pad.empty) this.askGuess();
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  metricWords(p) {
    return `Held-out accuracy ${fmt(100 * p.metric, 0)}%: it reads that share of digits it has never trained on correctly.`;
  }

  /** @returns {Record<string, any>} what the model reads on the pad */
  guessQuestion() {
    return { what: "guess", image: [...this.pad.values] };
  }

  /** Ask what the model, as drawn now, reads on the pad. */
  askGuess() {
    if (this.pad.empty) this.guess.textContent = "Nothing drawn yet.";
    else this.ask(this.guessQuestion());
  }

  /** @param {any} answer */
  onAnswer(answer) {
    if (answer?.what !== "guess") return;
    /** @type {number[]} */
    const probs = Array.isArray(answer.probabilities) ? answer.probabilities.map(Number) : [];
    const order = probs.map((p, d) => [p, d]).sort((a, b) => b[0] - a[0]);
    if (order.length >= 2 && !this.pad.empty) {
      const [[p1, d1], [p2, d2]] = order;
      this.guess.textContent =
        `It reads a ${answer.guess ?? d1}: ${sureWords(p1)} (${fmt(100 * p1, 0)}%). ` +
        `Next best: ${d2} (${fmt(100 * p2, 0)}%).`;
    }
  }
}

if (!customElements.get("fh-digits")) customElements.define("fh-digits", FhDigits);
