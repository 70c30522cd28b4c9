// Predict, then go: before a run the reader may commit to a guess (a radio group, or a click
// on the picture where the widget offers one); when the walk comes to its end, the widget's
// judge says in words what happened and why, with the run's own numbers, and the guess is
// marked right or not. A small tally counts the guesses on this page. Skippable: a run
// without a guess is judged by nobody. A widget joins by building a Predict with its choices
// and a judge that reads the fh-run event's facts (playback.js).

import { htmlEl, uid } from "./svg.js";

/**
 * @typedef {object} Choice
 * @property {string} id
 * @property {string} label what the reader picks, in words
 */

/**
 * What happened, as the judge reads it from the walk's facts.
 * @typedef {object} Verdict
 * @property {string} actual the id of the choice that came true ("" for none of them)
 * @property {string[]} [tied] every choice that came true, when several did (a tie)
 * @property {string} happened what happened, in a few words ("it zig-zagged")
 * @property {string} because why, with the run's numbers (one or two sentences)
 */

/**
 * @typedef {object} PredictOptions
 * @property {string} question the legend ("What will the ball do?")
 * @property {(facts: import("./playback.js").Facts) => Verdict} judge
 * @property {string} [pickLabel] a button that lets the reader pick on the picture instead
 * @property {(picking: boolean) => void} [onPicking] told when picking on the picture starts or ends
 * @property {(id: string) => void} [onGuess] told the guess held ("" once it is judged or withdrawn)
 * @property {() => Choice[]} [choices] the choices, asked again whenever the widget holds a
 *   new walk (the fh-walk event): for widgets whose choices come with the walk
 * @property {string} [noChoices] what to say when there is nothing to choose from
 */

/** The guesses judged on this page so far (every widget's), and who shows the count. */
const tally = { right: 0, total: 0 };
/** @type {Set<Predict>} */
const shown = new Set();

/** @returns {string} the tally in words */
export function tallyWords() {
  if (tally.total === 0) return "";
  return `Your guesses on this page so far: ${tally.right} right out of ${tally.total}.`;
}

export class Predict {
  /**
   * @param {HTMLElement} widget the widget whose fh-run events end a guess
   * @param {Element | null} before put the box before this child of the widget (null: at the end)
   * @param {PredictOptions} options
   */
  constructor(widget, before, options) {
    this.widget = widget;
    this.options = options;
    /** @type {Choice[]} */
    this.choices = [];
    /** the id of the choice guessed ("" for none) */
    this.guess = "";
    this.picking = false;
    this.name = uid("fh-guess");
    this.box = htmlEl("fieldset", { class: "fh-predict" }, "");
    widget.insertBefore(this.box, before);
    htmlEl("legend", { class: "fh-predict-legend" }, `Guess first (or skip it): ${options.question}`, this.box);
    this.list = htmlEl("div", { class: "fh-predict-choices" }, "", this.box);
    /** @type {HTMLButtonElement | null} */
    this.pickButton = null;
    if (options.pickLabel) {
      this.pickButton = /** @type {HTMLButtonElement} */ (
        htmlEl(
          "button",
          { type: "button", class: "fh-btn fh-btn-pick", "aria-pressed": "false" },
          options.pickLabel,
          this.box,
        )
      );
      this.pickButton.addEventListener("click", () => this.setPicking(!this.picking));
    }
    this.note = htmlEl("p", { class: "fh-predict-note", role: "status" }, "", this.box);
    this.tallyLine = htmlEl("p", { class: "fh-predict-tally" }, "", this.box);
    this.onRun = (/** @type {Event} */ e) => this.judge(/** @type {CustomEvent} */ (e));
    widget.addEventListener("fh-run", this.onRun);
    this.onWalk = () => {
      this.walkChanged();
      if (options.choices) this.setChoices(options.choices());
    };
    widget.addEventListener("fh-walk", this.onWalk);
    shown.add(this);
  }

  /**
   * The choices offered (a new hill may bring other valleys). When they change, whatever was
   * said about the old ones goes: a guess held is withdrawn (and the reader told so), and a
   * verdict about a run on the old choices is cleared. With no choices, the box says so.
   * @param {Choice[]} choices
   */
  setChoices(choices) {
    const same =
      choices.length === this.choices.length &&
      choices.every((c, i) => c.id === this.choices[i].id && c.label === this.choices[i].label);
    if (same) return;
    const hadGuess = this.guess !== "";
    this.choices = choices;
    if (this.pickButton) this.pickButton.hidden = choices.length === 0;
    this.list.replaceChildren();
    for (const choice of choices) {
      const label = htmlEl("label", { class: "fh-predict-choice" }, "", this.list);
      const input = /** @type {HTMLInputElement} */ (
        htmlEl("input", { type: "radio", name: this.name, value: choice.id }, "", label)
      );
      input.checked = choice.id === this.guess;
      input.addEventListener("change", () => {
        if (input.checked) this.commit(choice.id);
      });
      htmlEl("span", {}, choice.label, label);
    }
    this.commit(""); // withdraws the guess and clears a verdict
    if (!choices.length) this.note.textContent = this.options.noChoices || "There is nothing to guess here.";
    else if (hadGuess) this.note.textContent = "The choices changed, so your guess was cleared: guess again.";
  }

  /** A new walk is held (other settings): a verdict about the last one no longer stands. */
  walkChanged() {
    if (!this.box.dataset.verdict) return;
    delete this.box.dataset.verdict;
    this.note.textContent = "";
  }

  /**
   * Commit to a guess ("" withdraws it). The next walk to reach its end is judged.
   * @param {string} id
   */
  commit(id) {
    this.guess = id;
    this.setPicking(false);
    for (const input of /** @type {HTMLInputElement[]} */ ([...this.list.querySelectorAll("input")])) {
      input.checked = input.value === id;
    }
    const choice = this.choices.find((c) => c.id === id);
    this.box.dataset.guess = id;
    delete this.box.dataset.verdict;
    this.note.textContent = choice ? `Your guess: ${choice.label}. Now run it and see.` : "";
    this.options.onGuess?.(id);
  }

  /**
   * Picking on the picture (the widget routes a click there to pick()).
   * @param {boolean} on
   */
  setPicking(on) {
    if (this.picking === on) return;
    this.picking = on;
    this.pickButton?.setAttribute("aria-pressed", String(on));
    if (on) this.note.textContent = "Click or tap the picture where you think it will stop.";
    this.options.onPicking?.(on);
  }

  /** @param {CustomEvent} e the fh-run event: at the end of a walk, a guess is judged */
  judge(e) {
    const facts = e.detail?.facts;
    if (!this.guess || !facts?.outcome) return;
    const verdict = this.options.judge(facts);
    const guessed = this.choices.find((c) => c.id === this.guess);
    const right = verdict.actual === this.guess || Boolean(verdict.tied?.includes(this.guess));
    tally.total += 1;
    if (right) tally.right += 1;
    const head = right
      ? `Right: you guessed ${guessed?.label}, and ${verdict.happened}.`
      : `Not this time: you guessed ${guessed?.label}, but ${verdict.happened}.`;
    this.guess = "";
    for (const input of /** @type {HTMLInputElement[]} */ ([...this.list.querySelectorAll("input")])) {
      input.checked = false;
    }
    delete this.box.dataset.guess;
    this.box.dataset.verdict = right ? "right" : "wrong";
    this.note.textContent = `${head} ${verdict.because}`;
    this.options.onGuess?.("");
    for (const p of shown) p.tallyLine.textContent = tallyWords();
  }

  /** The widget left the page. */
  remove() {
    this.widget.removeEventListener("fh-run", this.onRun);
    this.widget.removeEventListener("fh-walk", this.onWalk);
    shown.delete(this);
  }
}
