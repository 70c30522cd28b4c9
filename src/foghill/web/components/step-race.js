// <fh-step-race>: three step sizes racing from one start, side by side on one clock. By
// default a timid, a sensible and a bold step, picked from the engine's step-size regimes
// for the valley the start drains into; or any three the reader types in. Each panel shows
// its walk and says how it ended; one Play / Step / Reset drives all three.

import { closeTo } from "../lib/close.js";
import { PageModel, pageState } from "../lib/page-model.js";
import { momentWords, restMoment } from "../lib/race-moment.js";
import { Playback } from "../lib/playback.js";
import { RacePanel } from "../lib/race-panel.js";
import { Readout, refusedWords } from "../lib/readout.js";
import { ballName, raceClockWords, stepRaceWords } from "../lib/step-race-words.js";
import { ownLinked } from "../lib/link-state.js";
import { htmlEl } from "../lib/svg.js";
import { makeControls } from "../lib/buttons.js";
import { FhWidget } from "../lib/widget.js";

/**
 * Three step sizes from a valley's regimes: one that crawls (a quarter of the crawl bound),
 * one that settles (just over half of 1/L) and one that zig-zags for a good while (0.85 of
 * 2/L), each rounded to three significant digits.
 * @param {{crawl_below: number, one_jump: number, fly_off: number}} regimes
 * @returns {number[]}
 */
export function pickRates(regimes) {
  const round = (/** @type {number} */ v) => Number(v.toPrecision(3));
  return [regimes.crawl_below / 4, regimes.one_jump * 0.55, regimes.fly_off * 0.85].map(round);
}

/**
 * Does a race answer these inputs (same start, the same three step sizes)?
 * @param {any} race
 * @param {unknown} start
 * @param {unknown} rates
 * @returns {boolean}
 */
export function raceMatches(race, start, rates) {
  const runs = race?.runs;
  if (!Array.isArray(runs) || !Array.isArray(rates) || runs.length !== rates.length) return false;
  return runs.every((run, i) => {
    const first = run.position?.[0];
    const sameStart = Array.isArray(start)
      ? Array.isArray(first) && closeTo(first[0], start[0]) && closeTo(first[1], start[1])
      : typeof start === "number" && typeof first === "number" && closeTo(first, start);
    return sameStart && typeof rates[i] === "number" && closeTo(run.learning_rate, rates[i]);
  });
}

export class FhStepRace extends FhWidget {
  constructor() {
    super();
    /** @type {RacePanel[]} */ this.panels = [];
    /** @type {Playback} */ this.playback;
    /** @type {Readout} */ this.readout;
    /** @type {HTMLElement} */ this.moment;
    /** @type {any[]} the walks played, one per panel (empty: none) */
    this.runs = [];
    /** the (fractional) step of the race drawn */
    this.t = 0;
  }

  build() {
    this.replaceChildren();
    const row = htmlEl("div", { class: "fh-race-row" }, "", this);
    for (let i = 0; i < 3; i++) this.panels.push(new RacePanel(row, i, (k, v) => this.setRate(k, v)));
    /** what the walks show at the moment the first ball rests, once the race gets there */
    this.moment = htmlEl("p", { class: "fh-race-moment", hidden: "" }, "", this);
    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    this.playback = new Playback(this, {
      draw: (t) => this.drawAt(t),
      say: (now) => this.say(now),
      detail: (k) => this.stepDetail(k),
      current: () => raceMatches(this.model.get("race"), this.start, this.rates),
      refused: () => this.refused,
      ask: () => this.model.save_changes(),
      rewind: () => {
        for (const p of this.panels) p.rewind();
      },
    });
    const controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "The three walks",
    );
    this.playback.playButton = controls.play;
    this.readout = new Readout(this);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    return new PageModel(this.localName, state, { seed });
  }

  attach() {
    this.listen("change:landscape", () => this.onLandscape());
    this.listen("change:race", () => this.onRace());
    this.listen("change:error", () => this.onError());
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.render());
    this.onLandscape();
    this.onRace();
    if (this.refused) this.onError();
  }

  /** The hill (or surface) arrived: draw it; pick the step sizes and the start if unset. */
  onLandscape() {
    const ls = this.model.get("landscape");
    if (!ls || !Array.isArray(ls.domain)) return;
    for (const p of this.panels) p.setLandscape(ls);
    let asked = false;
    // On the page the widget picks what is unset; a notebook's kernel picks them itself
    // (the engine's race.three_rates, the same rule for a 1-D hill) and answers with them.
    if (this.ownsModel && this.model.get("start") === null && Array.isArray(ls.start)) {
      this.model.set("start", ls.start);
      asked = true;
    }
    if (this.ownsModel && this.model.get("learning_rates") === null && ls.regimes) {
      this.model.set("learning_rates", pickRates(ls.regimes));
      asked = true;
    }
    if (asked) {
      ownLinked(this, ["start", "learning_rates"]); // picked by the widget: no link needs them
      this.model.save_changes();
    }
    this.dataset.ready = "true";
    this.drawAt(this.t);
    this.say(true);
  }

  onRace() {
    const race = this.model.get("race");
    // Three walks, for three step sizes of the widget's own (never another line-up).
    const three = Array.isArray(race?.runs) && race.runs.length === 3 && Array.isArray(this.ratesOf(race));
    const runs = three ? race.runs : [];
    // An older answer while a newer one is awaited is not played.
    if (this.playback.pending && runs.length && !raceMatches(race, this.startOf(race), this.ratesOf(race))) {
      return;
    }
    this.runs = runs;
    if (!runs.length) {
      this.playback.load(null);
      return;
    }
    // The race is over when its longest walk is; that walk's outcome is the widget's status.
    let longest = runs[0];
    for (const run of runs) if (run.position.length > longest.position.length) longest = run;
    this.playback.load({ steps: longest.position.length - 1, outcome: longest.outcome, durations: null });
  }

  /** @returns {boolean} do the walks held answer the current inputs? */
  get current() {
    return raceMatches({ runs: this.runs }, this.start, this.rates);
  }

  /**
   * The step sizes raced: the model's own, or when it has none, those of a race of three
   * plain-descent walks its host answered with (a notebook's kernel picks them itself).
   * @param {any} race
   * @returns {any[] | null}
   */
  ratesOf(race) {
    const given = this.model.get("learning_rates");
    if (Array.isArray(given) || this.ownsModel) return Array.isArray(given) ? given : null;
    const runs = race?.runs;
    const three = Array.isArray(runs) && runs.length === 3 && runs.every((r) => r.optimizer === "gd");
    return three ? runs.map((r) => r.learning_rate) : null;
  }

  /**
   * Where the balls start: the model's start, or the one its host's race started from.
   * @param {any} race
   * @returns {any}
   */
  startOf(race) {
    const given = this.model.get("start");
    if (given !== null) return given;
    return this.ratesOf(race) ? (race.runs[0].position?.[0] ?? null) : null;
  }

  /** @returns {any[] | null} */
  get rates() {
    return this.ratesOf(this.model.get("race"));
  }

  /** @returns {any} */
  get start() {
    return this.startOf(this.model.get("race"));
  }

  onError() {
    if (this.refused) this.playback.halt();
    this.say(true);
    this.playback.retry();
  }

  /**
   * A step size typed into panel i: the race goes back to its start and asks again.
   * @param {number} i
   * @param {number | string} value
   */
  setRate(i, value) {
    const rates = this.rates;
    const next = rates ? rates.slice() : [null, null, null];
    next[i] = value;
    this.playback.reset();
    this.model.set("learning_rates", next);
    // Ask only once every panel has a step size (a surface starts with none).
    if (!next.includes(null)) this.model.save_changes();
    this.say(true);
  }

  /** @returns {boolean} are there three step sizes to race (else say what is missing)? */
  get runnable() {
    const rates = this.rates;
    const ok = Array.isArray(rates) && !rates.includes(null) && this.start !== null;
    if (!ok) this.say(true);
    return ok;
  }

  go() {
    if (this.runnable) this.playback.go();
  }

  step() {
    if (this.runnable) this.playback.step();
  }

  toggle() {
    if (this.playback.status === "running" || this.runnable) this.playback.toggle();
  }

  /** @param {number} t */
  drawAt(t) {
    this.t = t;
    const status = this.playback.status;
    this.panels.forEach((p, i) => {
      p.draw(this.runs[i] ?? null, t, status);
    });
  }

  /**
   * The step into position k of the middle walk (the sensible one), for <fh-rule>.
   * @param {number} k
   * @returns {import("../lib/playback.js").StepDetail}
   */
  stepDetail(k) {
    const run = this.runs[1] ?? this.runs[0];
    const last = run.position.length - 1;
    const to = Math.min(k, last);
    const j = Math.max(0, to - 1);
    return {
      theta: run.position[j],
      eta: run.learning_rate,
      grad: run.gradient[j],
      next: run.position[to],
      loss: run.loss[j],
      step: to,
      optimizer: run.optimizer,
    };
  }

  /**
   * How the race stands, in one sentence.
   * @param {string} status
   * @returns {string}
   */
  sentence(status) {
    const current = this.current;
    return stepRaceWords(status, {
      start: this.start,
      rates: this.rates,
      landscape: this.model.get("landscape"),
      runs: current ? this.runs : null,
      ended: this.runs.map((run, i) => this.panels[i].status === run.outcome),
      k: this.playback.k,
    });
  }

  /** Words and fields from the model's current state and the race's. */
  render() {
    const error = this.model.get("error") || "";
    const rates = this.rates;
    this.panels.forEach((p, i) => {
      p.showRate(Array.isArray(rates) ? rates[i] : null);
    });
    const numbers = this.runs.length && this.current ? raceClockWords(this.runs, this.playback.k) : "";
    const sentence = error ? refusedWords(this.runs.length > 0) : this.sentence(this.playback.status);
    this.readout.show(sentence, numbers, error);
    this.showMoment(error);
  }

  /**
   * Once the race has reached the step its first ball rests at, say where the others stand
   * at that same step.
   * @param {string} error
   */
  showMoment(error) {
    const m = this.current && !error ? restMoment(this.runs) : null;
    const words =
      m && this.playback.k >= m.k
        ? momentWords(
            this.runs,
            this.runs.map((r, i) => this.ballName(r, i)),
          )
        : "";
    this.moment.textContent = words;
    this.moment.hidden = !words;
  }

  /**
   * A ball's name: "the timid ball" when the three are the engine's picks for this valley,
   * else by its step size.
   * @param {any} run
   * @param {number} i
   * @returns {string}
   */
  ballName(run, i) {
    const regimes = this.model.get("landscape")?.regimes;
    const picks = regimes ? pickRates(regimes) : [];
    return ballName(
      run,
      i,
      this.runs.every((r, j) => r.learning_rate === picks[j]),
    );
  }

  /** @param {boolean} now */
  say(now) {
    this.render();
    this.readout.announce(now);
  }
}

if (!customElements.get("fh-step-race")) customElements.define("fh-step-race", FhStepRace);
