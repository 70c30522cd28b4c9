// <fh-race>: optimizers dropped at one spot on a map from above, racing downhill on one
// clock. Click or tap the map (or move the start cross with the arrow keys and press Enter)
// to start a race there. Each racer has its colour, its dash and its marker shape; a chart
// shows how wrong each one is, step by step; when the race ends each outcome is said in
// words from the run's own numbers. Every number comes from the model's host.

import { pausedWords } from "../lib/walk-words.js";
import { OPTIMIZERS } from "../lib/contract.js";
import { ContourMap } from "../lib/contour-map.js";
import { MapCursor } from "../lib/map-cursor.js";
import { fmtVector, plural } from "../lib/format.js";
import { raceGuess } from "../lib/guesses.js";
import { raceWinnerWords, runWords } from "../lib/map-words.js";
import { PageModel, pageState } from "../lib/page-model.js";
import { Playback } from "../lib/playback.js";
import { RaceChart } from "../lib/race-chart.js";
import { raceEnd, runsAnswer } from "../lib/race-runs.js";
import { markerPath, RaceLegend, slotOf } from "../lib/race-legend.js";
import { Readout, refusedWords } from "../lib/readout.js";
import { descentStep } from "../lib/run-steps.js";
import { clamp, htmlEl, svgEl } from "../lib/svg.js";
import { button, makeControls } from "../lib/buttons.js";
import { FhWidget } from "../lib/widget.js";

/**
 * @typedef {object} Lane one racer on the map: its run and what is drawn of it
 * @property {any} run the DescendResponse
 * @property {SVGElement} trail
 * @property {SVGElement} ball
 * @property {number} upTo the last position the trail holds
 * @property {string} d the trail's path so far
 */

export class FhRace extends FhWidget {
  constructor() {
    super();
    /** @type {HTMLElement} */ this.figure;
    /** @type {ContourMap} */ this.map;
    /** @type {RaceChart} */ this.chart;
    /** @type {RaceLegend} */ this.legend;
    /** @type {Playback} */ this.playback;
    /** @type {Readout} */ this.readout;
    /** @type {HTMLElement} */ this.outcomes;
    /** @type {MapCursor} */ this.cursor;
    /** @type {HTMLButtonElement} */ this.logButton;
    /** @type {any} */ this.contours = null;
    /** @type {any} the race shown (the /api/race answer) */
    this.race = null;
    /** @type {Lane[]} */
    this.lanes = [];
    this.t = 0;
    this.lastWidth = 0;
    /** the momentum changed since the race held was asked for */
    this.momentumChanged = false;
    /** the race whose chart lines are due (a newer race cancels an older one's) */
    this.chartToken = 0;
  }

  build() {
    this.replaceChildren();
    const body = htmlEl("div", { class: "fh-race-body" }, "", this);
    this.figure = htmlEl("div", { class: "fh-canvas" }, "", body);
    this.map = new ContourMap(this.figure, { label: "The race, seen from above" });
    const side = htmlEl("div", { class: "fh-race-side" }, "", body);
    htmlEl("h3", {}, "The racers", side);
    this.legend = new RaceLegend(side, {
      toggled: (name, on) => this.toggleRacer(name, on),
      rate: (name, value) => this.setRate(name, value),
      momentum: (value) => this.setInput("momentum", value),
    });
    this.chart = new RaceChart(side);

    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    const controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "The race",
    );
    this.logButton = button("Log scale", "fh-btn-toggle", bar);
    this.logButton.setAttribute("aria-pressed", "true");
    this.logButton.addEventListener("click", () => {
      this.chart.setLog(!this.chart.log);
      this.logButton.setAttribute("aria-pressed", String(this.chart.log));
    });
    this.readout = new Readout(this);
    this.readout.describes(this.map.svg);
    this.cursor = new MapCursor(this.map, (text) => this.readout.say(text), {
      label: (where) => `Start the race at ${where}. Arrow keys move this point; Enter starts.`,
      said: (where) => `Start at ${where}.`,
      chosen: (p) => this.startAt(p),
      ahead: (start) => this.model.prefetch?.({ start }),
    });
    this.outcomes = htmlEl("ul", { class: "fh-outcomes", "aria-label": "How each racer did" }, "", this);
    this.playback = new Playback(this, {
      draw: (t) => this.drawAt(t),
      say: (now) => this.say(now),
      detail: (k) => this.detail(k),
      current: () => !this.momentumChanged && this.answersInputs(this.race),
      refused: () => this.refused,
      ask: () => this.model.save_changes(),
      rewind: () => this.rewind(),
    });
    this.playback.playButton = controls.play;
    raceGuess(this);
    new ResizeObserver((entries) => this.resize(entries)).observe(this.figure);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    return new PageModel(this.localName, state, { seed });
  }

  attach() {
    this.listen("change:contours", () => this.onContours());
    this.listen("change:race", () => this.onRace());
    this.listen("change:error", () => {
      if (this.refused) this.playback.halt();
      this.say(true);
      this.playback.retry();
    });
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.render());
    // A run does not say its momentum: a race held from before a change of it is not current.
    this.listen("change:momentum", () => {
      this.momentumChanged = true;
    });
    this.onContours();
    this.onRace();
  }

  /** @param {ResizeObserverEntry[]} entries */
  resize(entries) {
    const width = entries[entries.length - 1]?.contentRect.width || this.figure.clientWidth;
    if (!width || Math.abs(width - this.lastWidth) < 1) return;
    this.lastWidth = width;
    this.map.setSize(width, clamp(width * 0.8, 260, 520));
    this.cursor.layout();
    this.rewind();
    this.drawAt(this.t);
  }

  /** @returns {string[]} the racing optimizers */
  get running() {
    const names = this.model.get("optimizers");
    return Array.isArray(names) ? names : [...OPTIMIZERS];
  }

  /** @returns {Record<string, number>} each optimizer's step size: the widget's, or the map's */
  get rates() {
    /** @type {Record<string, number>} */
    const out = {};
    for (const r of this.contours?.racers ?? []) out[r.optimizer] = r.learning_rate;
    const own = this.model.get("learning_rates");
    if (Array.isArray(own)) {
      this.running.forEach((name, i) => {
        out[name] = own[i];
      });
    }
    return out;
  }

  /**
   * @param {string} key
   * @param {any} value
   */
  setInput(key, value) {
    this.model.set(key, value);
    this.model.save_changes();
  }

  /**
   * @param {string} name
   * @param {boolean} on
   */
  toggleRacer(name, on) {
    const rates = this.rates;
    const names = OPTIMIZERS.filter((n) => (n === name ? on : this.running.includes(n)));
    if (!names.length) {
      this.legend.show(this.running, rates, this.model.get("momentum"));
      this.readout.say("At least one racer has to run.");
      return;
    }
    const own = this.model.get("learning_rates");
    this.model.set("optimizers", names);
    if (Array.isArray(own))
      this.model.set(
        "learning_rates",
        names.map((n) => rates[n]),
      );
    this.model.save_changes();
  }

  /**
   * @param {string} name
   * @param {number} value
   */
  setRate(name, value) {
    const rates = { ...this.rates, [name]: value };
    this.setInput(
      "learning_rates",
      this.running.map((n) => rates[n]),
    );
  }

  onContours() {
    const c = this.model.get("contours");
    if (!c || !Array.isArray(c.domain)) return;
    this.contours = c;
    this.map.setContours(c);
    const start = this.model.get("start");
    const p = Array.isArray(start) ? start : c.start;
    this.cursor.moveTo(p);
    this.cursor.layout();
    this.dataset.ready = "true";
    this.onRace();
  }

  /**
   * Does this race answer the model's current inputs (start, racers)? (Not named matches:
   * that would hide the element's own matches(selector), which axe and the DOM call.)
   * @param {any} race
   * @returns {boolean}
   */
  answersInputs(race) {
    const runs = race?.runs;
    const start = this.model.get("start");
    if (!Array.isArray(runs) || !Array.isArray(start) || !this.contours) return false;
    return runsAnswer(runs, this.running, start, this.rates);
  }

  onRace() {
    const race = this.model.get("race");
    const fresh = race && Array.isArray(race.runs) && this.contours ? race : null;
    if (this.playback.pending && fresh && !this.answersInputs(fresh)) return; // an older answer
    this.race = fresh;
    const runs = fresh ? fresh.runs : [];
    this.lanes = runs.map((/** @type {any} */ run) => {
      const slot = slotOf(run.optimizer);
      const trail = svgEl("path", { class: `fh-racer-trail fh-racer-${slot}` });
      const ball = svgEl("path", { class: `fh-racer-ball fh-racer-${slot}`, d: markerPath(slot) });
      return { run, trail, ball, upTo: -1, d: "" };
    });
    this.map.overlay.replaceChildren(...this.lanes.map((l) => l.trail), ...this.lanes.map((l) => l.ball));
    const floor = this.contours?.loss_range?.[0] ?? 0;
    const lines = runs.map((/** @type {any} */ run) => ({
      slot: slotOf(run.optimizer),
      loss: run.loss,
      name: run.optimizer,
    }));
    // The chart's whole lines are drawn after the balls' first frame: a click moves them first.
    const token = ++this.chartToken;
    this.chart.setRace([], floor);
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        if (token === this.chartToken) this.chart.setRace(lines, floor);
      }),
    );
    const end = raceEnd(runs);
    if (fresh) this.momentumChanged = false;
    // A newer race while one plays (its settings changed meanwhile): play the new one.
    const resume = this.playback.status === "running";
    const walk = fresh ? { steps: end.steps, outcome: end.outcome, durations: null } : null;
    this.playback.load(walk, resume);
  }

  /** Nothing of a played race left drawn. */
  rewind() {
    for (const lane of this.lanes) {
      lane.upTo = -1;
      lane.d = "";
    }
  }

  /**
   * Draw every racer at (fractional) step t: only what changed since the last frame.
   * @param {number} t
   */
  drawAt(t) {
    this.t = t;
    this.chart.show(t);
    for (const lane of this.lanes) {
      const pos = lane.run.position;
      const last = pos.length - 1;
      const tt = Math.min(t, last);
      const i = Math.floor(tt);
      if (i < lane.upTo) this.rewindLane(lane);
      for (let k = lane.upTo + 1; k <= i; k++) {
        const [X, Y] = this.map.toView(pos[k][0], pos[k][1]);
        lane.d += `${k ? "L" : "M"}${X.toFixed(1)},${Y.toFixed(1)}`;
      }
      lane.upTo = Math.max(lane.upTo, i);
      const a = this.map.toView(pos[i][0], pos[i][1]);
      const u = tt - i;
      const b = i < last ? this.map.toView(pos[i + 1][0], pos[i + 1][1]) : a;
      const X = a[0] + (b[0] - a[0]) * u;
      const Y = a[1] + (b[1] - a[1]) * u;
      lane.trail.setAttribute("d", u > 0 ? `${lane.d}L${X.toFixed(1)},${Y.toFixed(1)}` : lane.d);
      lane.ball.setAttribute("transform", `translate(${X.toFixed(1)} ${Y.toFixed(1)})`);
      // Once its step off the map is under way, a racer that flew off is no longer on it.
      const gone = lane.run.outcome === "flew-off" && t > last;
      lane.ball.style.display = gone ? "none" : "";
      lane.ball.classList.toggle("fh-gone", gone);
    }
  }

  /** @param {Lane} lane */
  rewindLane(lane) {
    lane.upTo = -1;
    lane.d = "";
  }

  /**
   * The first racer's step into position k, for <fh-rule>.
   * @param {number} k
   * @returns {import("../lib/playback.js").StepDetail}
   */
  detail(k) {
    const run = this.race.runs[0];
    return descentStep(run, Math.min(k, run.position.length - 1));
  }

  /**
   * Start a race at p (the runs are computed by the model's host).
   * @param {number[]} p
   */
  startAt(p) {
    if (!this.contours) return;
    const start = this.cursor.rounded(p);
    this.cursor.moveTo(start);
    this.playback.cancel();
    this.playback.pending = "go";
    this.model.set("start", start);
    this.model.save_changes();
    if (!this.playback.pending) return;
    if (this.answersInputs(this.race)) {
      this.playback.pending = "";
      this.playback.restart();
      this.playback.go();
      return;
    }
    this.playback.setStatus("running");
    this.playback.setStep(0);
  }

  go() {
    if (this.contours && !Array.isArray(this.model.get("start"))) this.startAt(this.cursor.point);
    else this.playback.go();
  }

  /**
   * The one place that derives words, legend and outcomes from the model's state.
   * @returns {string} when the race is over, everything to say about it ("" otherwise)
   */
  render() {
    const error = this.model.get("error") || "";
    this.legend.show(this.running, this.rates, this.model.get("momentum"));
    const race = this.race;
    const status = this.playback.status;
    const ended = race && !["idle", "running", "paused"].includes(status);
    /** @type {string[]} */
    const words = ended ? race.runs.map((/** @type {any} */ run) => runWords(run, this.contours)) : [];
    const items = words.map((w) => htmlEl("li", {}, w));
    if (this.outcomes.textContent !== words.join("")) this.outcomes.replaceChildren(...items);
    let sentence = "";
    if (error) sentence = refusedWords(Boolean(this.contours));
    else if (!this.contours) sentence = "Drawing the map…";
    else if (!race)
      sentence =
        "Click or tap the map to start the race there, or press Play to start it at the cross. With a keyboard, focus the cross, move it with the arrow keys and press Enter.";
    else if (status === "running")
      sentence = `The race is on: ${plural(race.runs.length, "racer")} from ${fmtVector(race.runs[0].position[0])}…`;
    else if (status === "paused") sentence = pausedWords(this.playback.k);
    else if (status === "idle")
      sentence = `${plural(race.runs.length, "racer")} wait at ${fmtVector(race.runs[0].position[0])}. Press Play.`;
    else sentence = `The race is over after ${plural(this.playback.k)}. ${raceWinnerWords(this.race)}`;
    this.readout.show(sentence, "", error);
    return ended ? `${sentence} ${words.join(" ")}` : "";
  }

  /** @param {boolean} now */
  say(now) {
    // While the race runs its words do not change from one step to the next: no work then.
    if (!now && this.playback.status === "running") return;
    const all = this.render();
    if (all) this.readout.say(all, now);
    else this.readout.announce(now);
  }
}

if (!customElements.get("fh-race")) customElements.define("fh-race", FhRace);
