// <fh-sweep>: the learning-rate sweep. About two hundred step sizes, each run from the same
// start by the engine (/api/sweep), drawn side by side: how wrong each run ended, when it
// settled, and how (crawl, settle, zig-zag, fly off), with 1/L and 2/L marked. A cursor moves
// over the rates by pointer or arrow keys and says its rate in words; clicking a rate (or
// Enter) sends it to the widget named by the `for` attribute, which runs it.

import { WIDGETS } from "../lib/contract.js";
import { fmtSig } from "../lib/format.js";
import { OUTCOME_ORDER, markerSwatch } from "../lib/outcome-marks.js";
import { PageModel, pageState } from "../lib/page-model.js";
import { prefersReducedMotion } from "../lib/player.js";
import { Readout, refusedWords } from "../lib/readout.js";
import { SweepChart } from "../lib/sweep-chart.js";
import { legendWords, sweepMarksWords, sweepRateWords, sweepSummary } from "../lib/sweep-words.js";
import { htmlEl, pointerToSvg } from "../lib/svg.js";
import { readNumberParam, stateKey, writeParam } from "../lib/url-state.js";
import { button } from "../lib/buttons.js";
import { FhWidget } from "../lib/widget.js";

export class FhSweep extends FhWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {SweepChart} */ this.chart;
    /** @type {HTMLElement} */ this.note;
    /** @type {HTMLButtonElement} */ this.sendButton;
    /** @type {Readout} */ this.readout;
    /** @type {ResizeObserver} */ this.resizer;
    this.cursor = -1;
    /** words about the last rate sent ("" before any) */
    this.sent = "";
  }

  build() {
    this.replaceChildren();
    const figure = htmlEl("div", { class: "fh-canvas" }, "", this);
    this.chart = new SweepChart(figure, "Step sizes tried: move with the arrow keys, Enter sends the rate");
    const legend = htmlEl("ul", { class: "fh-legend", "aria-label": "What the marks mean" }, "", this);
    for (const outcome of OUTCOME_ORDER) {
      const item = htmlEl("li", {}, "", legend);
      markerSwatch(outcome, item);
      htmlEl("span", {}, legendWords(outcome), item);
    }
    this.note = htmlEl("p", { class: "fh-sweep-note" }, "", this);
    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    this.sendButton = button("Try this step size", "fh-btn-go fh-btn-send", bar);
    this.sendButton.addEventListener("click", () => this.send());
    this.readout = new Readout(this);

    const svg = this.chart.svg;
    svg.addEventListener("keydown", (e) => this.onKey(e));
    svg.addEventListener("pointermove", (e) => this.moveTo(e));
    svg.addEventListener("pointerdown", (e) => this.moveTo(e));
    svg.addEventListener("click", (e) => {
      if (this.moveTo(e)) this.send();
    });
    this.resizer = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width;
      if (width) this.chart.setWidth(width);
    });
    this.resizer.observe(figure);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    return new PageModel(this.localName, state, { seed });
  }

  attach() {
    this.listen("change:sweep", () => this.onSweep());
    this.listen("change:error", () => this.render());
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.render());
    this.onSweep();
  }

  detach() {
    this.readout.cancel();
  }

  /** @returns {any} the sweep answer held, or null */
  get sweep() {
    const s = this.model.get("sweep");
    return s && Array.isArray(s.rates) && s.rates.length ? s : null;
  }

  /** @returns {HTMLElement | null} the widget the `for` attribute names */
  get target() {
    const id = this.getAttribute("for");
    const el = id ? document.getElementById(id) : null;
    return el && "model" in el ? el : null;
  }

  /** @returns {string} the target in words */
  get targetName() {
    const el = this.target;
    if (!el) return "";
    return WIDGETS[/** @type {keyof typeof WIDGETS} */ (el.localName)]?.called ?? "the widget it names";
  }

  onSweep() {
    const sweep = this.sweep;
    if (sweep) {
      const best = typeof sweep.best_rate === "number" ? sweep.rates.indexOf(sweep.best_rate) : -1;
      const start = this.cursor < 0 ? this.sharedRate(sweep.rates) : -1;
      this.cursor =
        this.cursor >= 0 && this.cursor < sweep.rates.length ? this.cursor : start >= 0 ? start : Math.max(best, 0);
      this.dataset.ready = "true";
    } else {
      this.cursor = -1;
    }
    this.chart.draw(sweep, this.model.get("max_steps"), this.cursor);
    this.render();
  }

  /**
   * Page host only: the rate a shared link points at (the nearest one tried), else -1.
   * @param {number[]} rates
   * @returns {number}
   */
  sharedRate(rates) {
    const rate = this.ownsModel ? readNumberParam(stateKey(this, "at")) : null;
    if (rate === null || rate <= 0) return -1;
    let near = 0;
    rates.forEach((r, i) => {
      if (Math.abs(Math.log(r / rate)) < Math.abs(Math.log(rates[near] / rate))) near = i;
    });
    return near;
  }

  /** Page host only: the rate the cursor is on goes into the address, to be shared. */
  remember() {
    const rate = this.sweep?.rates[this.cursor];
    if (this.ownsModel && rate !== undefined) writeParam(stateKey(this, "at"), String(rate));
  }

  /**
   * Move the cursor to rate i (clamped), and say where it is.
   * @param {number} i
   */
  setCursor(i) {
    const sweep = this.sweep;
    if (!sweep) return;
    this.cursor = Math.max(0, Math.min(sweep.rates.length - 1, i));
    this.sent = "";
    this.chart.setCursor(this.cursor);
    this.render();
  }

  /**
   * The cursor to the rate under a pointer; false when there is no sweep to point at.
   * @param {MouseEvent} e
   * @returns {boolean}
   */
  moveTo(e) {
    if (!this.sweep) return false;
    const i = this.chart.indexAt(pointerToSvg(this.chart.svg, e).x);
    if (i !== this.cursor) this.setCursor(i);
    return true;
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const sweep = this.sweep;
    if (!sweep) return;
    const n = sweep.rates.length;
    /** @type {Record<string, number>} */
    const moves = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1, PageDown: -10, PageUp: 10 };
    if (e.key in moves) this.setCursor(this.cursor + moves[e.key]);
    else if (e.key === "Home") this.setCursor(0);
    else if (e.key === "End") this.setCursor(n - 1);
    else if (e.key === "Enter" || e.key === " ") this.send();
    else return;
    e.preventDefault();
    this.remember();
  }

  /** Send the cursor's rate to the target widget, which runs it as its own Go button does. */
  send() {
    const sweep = this.sweep;
    const target = /** @type {any} */ (this.target);
    if (!sweep || this.cursor < 0 || !target?.model) return;
    const rate = sweep.rates[this.cursor];
    this.remember();
    if (typeof target.setRate === "function") {
      target.setRate(rate, true);
    } else {
      target.reset?.();
      target.model.set("learning_rate", rate);
      target.model.save_changes();
      target.go?.();
    }
    target.scrollIntoView({ block: "nearest", behavior: prefersReducedMotion() ? "auto" : "smooth" });
    this.sent = `Sent step size ${fmtSig(rate)} to ${this.targetName}, which runs it now.`;
    this.render();
    this.readout.say(this.sent, true);
  }

  /** What is shown in words and controls, from the model's current state and the cursor. */
  render() {
    const error = this.model.get("error") || "";
    const sweep = this.sweep;
    const svg = this.chart.svg;
    const target = this.target;
    this.sendButton.hidden = !target;
    this.sendButton.disabled = !sweep || Boolean(error);
    if (!sweep || this.cursor < 0) {
      this.note.textContent = "";
      svg.removeAttribute("aria-valuenow");
      svg.setAttribute("aria-valuetext", "no step sizes tried yet");
      const words = error ? refusedWords(false) : "Trying the step sizes…";
      this.readout.show(words, "", error);
      return;
    }
    const rate = sweep.rates[this.cursor];
    const cursorWords = sweepRateWords(sweep, this.cursor, this.chart.logY);
    svg.setAttribute("aria-valuemin", String(sweep.rates[0]));
    svg.setAttribute("aria-valuemax", String(sweep.rates[sweep.rates.length - 1]));
    svg.setAttribute("aria-valuenow", String(rate));
    svg.setAttribute("aria-valuetext", cursorWords);
    this.dataset.rate = String(rate);
    this.sendButton.textContent = target ? `Try ${fmtSig(rate)} on ${this.targetName}` : "";
    const marks = sweepMarksWords(sweep);
    const how = target
      ? `Point at a rate or use the arrow keys on the chart; click or press Enter to try it on ${this.targetName}.`
      : "Point at a rate or use the arrow keys on the chart.";
    this.note.textContent = marks + how;
    const sentence = error ? refusedWords(true) : sweepSummary(sweep, this.model.get("max_steps"));
    this.readout.show(sentence, this.sent ? `${cursorWords} ${this.sent}` : cursorWords, error);
  }
}

if (!customElements.get("fh-sweep")) customElements.define("fh-sweep", FhSweep);
