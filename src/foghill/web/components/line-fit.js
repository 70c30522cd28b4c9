// <fh-line-fit>: a line walks downhill through some dots. Each miss is drawn from its dot to
// the line (line-plot.js), a bar shows how wrong the line is (wrong-meter.js) and shrinks
// with every step, and a small chart plots the error against the step (error-chart.js).
// Dots can be dragged, added and removed (dot-editor.js); the walk then restarts from the
// current line. The Playback plays the walk the model's host computed.

import { OUTCOMES } from "../lib/contract.js";
import { DOT_HELP, DotEditor, formatDots, parseDots, viewAround } from "../lib/dot-editor.js";
import { ErrorChart } from "../lib/error-chart.js";
import { lineFitFacts } from "../lib/facts.js";
import { FitMap } from "../lib/fit-map.js";
import { fmtNum } from "../lib/format.js";
import { lineFitStepWords, lineFitWords, originWords } from "../lib/line-fit-words.js";
import { drawnLine, fitRegimes, lineAt, lineMoves, numberList, round4 } from "../lib/line-fit-walk.js";
import { LinePlot } from "../lib/line-plot.js";
import { PageModel, pageState } from "../lib/page-model.js";
import { RateDial } from "../lib/rate-dial.js";
import { Playback } from "../lib/playback.js";
import { paceFromDistances } from "../lib/player.js";
import { Readout, refusedWords } from "../lib/readout.js";
import { lineFitStep } from "../lib/run-steps.js";
import { htmlEl, uid } from "../lib/svg.js";
import { readParam, stateKey, writeParam } from "../lib/url-state.js";
import { button, makeControls } from "../lib/buttons.js";
import { FhWidget } from "../lib/widget.js";
import { WrongMeter } from "../lib/wrong-meter.js";

export class FhLineFit extends FhWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {HTMLElement} */ this.canvas;
    /** @type {LinePlot} */ this.plot;
    /** @type {WrongMeter} */ this.meter;
    /** @type {ErrorChart} */ this.chart;
    /** @type {FitMap} */ this.fitMap;
    /** @type {Readout} */ this.readout;
    /** @type {Playback} */ this.playback;
    /** @type {DotEditor} */ this.editor;
    /** @type {ResizeObserver} */ this.resizer;
    /** @type {HTMLElement} why x is counted from somewhere else than 0 */ this.origin;
    /** @type {RateDial} the step size, with the zones of these dots' bowl */ this.dial;
    /** @type {any} the step sizes the dial's zones were drawn for */ this.zonesFor = null;
    /** the (fractional) step drawn */
    this.t = 0;
    /** @type {any} the walk played (the /api/linefit answer), or null */
    this.fit = null;
    this.lastWidth = 0;
    /** @type {import("../lib/line-plot.js").View} the part of the plane shown */
    this.view = { x: [-2.6, 2.6], y: [-2.6, 2.6] };
    /** @type {{w: number, b: number} | null} the line the widget began with (Reset) */
    this.initialLine = null;
    /** a request is queued for the next frame */
    this.saveQueued = false;
    /** the walk held is older than the dots (an answer is on its way) */
    this.awaiting = false;
    /** @type {{x: unknown, y: unknown} | null} the dots of the walk held */
    this.goodDots = null;
    /** the address key of the dots ("" with no page model) */
    this.urlKey = "";
  }

  build() {
    this.replaceChildren();
    const body = htmlEl("div", { class: "fh-lf-body" }, "", this);
    this.canvas = htmlEl("div", { class: "fh-canvas" }, "", body);
    this.plot = new LinePlot(this.canvas);
    const side = htmlEl("div", { class: "fh-lf-side" }, "", body);
    this.meter = new WrongMeter(side);
    this.fitMap = new FitMap(side);
    this.chart = new ErrorChart(side);
    const helpId = uid("fh-lf-help");
    htmlEl("p", { class: "fh-lf-help", id: helpId }, DOT_HELP, side);
    this.origin = htmlEl("p", { class: "fh-lf-origin" }, "", side);

    this.dial = new RateDial(this, { walker: "the line", set: (lr, andGo) => this.setRate(lr, andGo) });
    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    const controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "Line walking downhill",
    );
    const addButton = button("Add a dot", "fh-btn-add", bar);
    addButton.addEventListener("click", () => this.editor.add(null));
    this.readout = new Readout(this);
    this.readout.describes(this.plot.svg, this.fitMap.map.svg);

    this.playback = new Playback(this, {
      draw: (t) => this.drawAt(t),
      say: (now) => this.say(now),
      detail: (k) => this.stepDetail(k),
      current: () => true,
      refused: () => this.refused,
      ask: () => this.model.save_changes(),
      facts: (k) => lineFitFacts(this.fit, k),
    });
    this.playback.playButton = controls.play;
    this.editor = new DotEditor(this.plot.svg, this.plot.dots, helpId, {
      xs: () => this.xs,
      ys: () => this.ys,
      change: (xs, ys, then) => this.changeDots(xs, ys, then),
      dropped: () => {
        this.remember();
        this.restartWalk();
      },
      line: () => this.drawn(this.currentLine()),
      say: (text, shown) => {
        if (shown) this.readout.message.textContent = text;
        this.readout.say(text);
      },
      fallbackFocus: addButton,
    });
    this.resizer = new ResizeObserver((entries) => this.resize(entries));
    this.resizer.observe(this.canvas);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    this.view = viewAround(state.x, state.y);
    this.urlKey = stateKey(this, "dots");
    const fromUrl = parseDots(readParam(this.urlKey));
    if (fromUrl) Object.assign(state, fromUrl);
    this.initialLine = { w: state.w, b: state.b };
    return new PageModel(this.localName, state, { seed });
  }

  attach() {
    if (!this.initialLine) this.initialLine = { w: this.model.get("w") ?? 0, b: this.model.get("b") ?? 0 };
    if (!this.ownsModel) this.view = viewAround(this.model.get("x"), this.model.get("y"));
    this.listen("change:fit", () => this.onFit());
    this.listen("change:error", () => this.onError());
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.render());
    this.onFit();
    if (this.refused) this.onError();
  }

  /** @returns {number[]} the dots' x values (while refused, those of the walk shown) */
  get xs() {
    return numberList(this.refused && this.goodDots ? this.goodDots.x : this.model.get("x"));
  }

  /** @returns {number[]} */
  get ys() {
    return numberList(this.refused && this.goodDots ? this.goodDots.y : this.model.get("y"));
  }

  /** @param {ResizeObserverEntry[]} [entries] */
  resize(entries) {
    const width = entries?.[entries.length - 1]?.contentRect.width || this.canvas.clientWidth;
    if (!width || Math.abs(width - this.lastWidth) < 1) return;
    this.lastWidth = width;
    this.plot.setFrame(width, this.view);
    this.editor.setFrame(this.plot.sx, this.plot.sy, this.view);
    this.editor.draw();
    this.drawAt(this.t);
  }

  /** The regimes of plain descent on these dots (null for another optimizer, or no walk). */
  regimes() {
    return fitRegimes(this.fit, this.model.get("optimizer"));
  }

  /** The dial's zones, for the dots of the walk held. */
  drawZones() {
    const r = this.regimes();
    const key = r ? `${r.crawl_below} ${r.one_jump} ${r.fly_off}` : "";
    if (key === this.zonesFor) return;
    this.zonesFor = key;
    this.dial.setRegimes(r, null, this.model.get("learning_rate"), "these dots");
  }

  /**
   * A step size from the dial: back to the start, and the walk for it asked for at once.
   * @param {number} lr
   * @param {boolean} andGo play it once it is here
   */
  setRate(lr, andGo) {
    const playback = this.playback;
    playback.reset();
    if (lr === this.model.get("learning_rate")) {
      if (andGo) playback.go();
      return;
    }
    if (andGo) {
      playback.pending = "go";
      playback.setStatus("running");
    }
    this.model.set("learning_rate", lr);
    this.model.save_changes();
  }

  /** Where x is counted from: the walk's b is the line's height there. */
  get xFrom() {
    return Number(this.model.get("x_from")) || 0;
  }

  /** @param {{w: number, b: number}} line a line of the walk (b read at x_from), as drawn (b at x = 0) */
  drawn(line) {
    return drawnLine(line, this.xFrom);
  }

  /** What x and y stand for, on the plot and the map; where x is counted from, in words. */
  nameAxes() {
    const x = String(this.model.get("x_label") || "x");
    const y = String(this.model.get("y_label") || "y");
    const from = this.xFrom;
    this.plot.setNames(x, y);
    this.fitMap.setNames("slope", `height${this.heightAt()}`);
    this.origin.hidden = !from;
    this.origin.textContent = from ? originWords(x, from, this.xs) : "";
  }

  /** Where the line's height b is read, as words to follow "height" ("" at x = 0). */
  heightAt() {
    const from = this.xFrom;
    return from ? ` at ${this.model.get("x_label") || "x"} = ${fmtNum(from)}` : "";
  }

  /** The line at the drawn step, in the walk's own terms (b at x_from). */
  currentLine() {
    const fit = this.fit;
    if (!fit) return { w: Number(this.model.get("w")) || 0, b: Number(this.model.get("b")) || 0 };
    return lineAt(fit, this.t);
  }

  onFit() {
    const fit = this.model.get("fit");
    this.fit = fit && Array.isArray(fit.w) && fit.w.length ? fit : null;
    // The dots this walk was made for: still drawn if later dots are refused.
    if (this.fit) this.goodDots = { x: this.model.get("x"), y: this.model.get("y") };
    if (this.fit) this.meter.max = Math.max(this.meter.max, this.fit.loss[0]);
    this.fitMap.setFit(this.fit);
    this.drawZones();
    this.dataset.ready = this.fit ? "true" : this.dataset.ready || "";
    // A newer answer while the line walks (a dot moved meanwhile): walk the new one.
    const resume = this.playback.status === "running";
    this.awaiting = this.saveQueued;
    const walk = this.fit
      ? { steps: this.fit.w.length - 1, outcome: this.fit.outcome, durations: this.durations(this.fit) }
      : null;
    this.playback.load(walk, resume);
  }

  /** The model's error changed: a refusal stops what runs; words follow. */
  onError() {
    if (this.refused) this.playback.halt();
    this.say(true);
    this.playback.retry();
  }

  /**
   * How long each step should take, from how far the line's ends move on screen.
   * @param {any} fit
   * @returns {number[]}
   */
  durations(fit) {
    return paceFromDistances(lineMoves(fit, (w, b) => this.plot.ends(w, b), this.xFrom));
  }

  /**
   * Draw the walk at fractional step t: the line between two steps, the misses, the meter,
   * the chart, and once the walk has ended the best line possible.
   * @param {number} t
   */
  drawAt(t) {
    this.t = t;
    const fit = this.fit;
    const { w, b } = this.drawn(this.currentLine());
    this.plot.drawLine(w, b, this.xs, this.ys);
    const status = this.playback.status;
    const done = fit && OUTCOMES.includes(status) && status !== "flew-off";
    this.plot.drawBest(done ? this.drawn(fit.best) : null);
    this.drawMeter();
    this.chart.draw(fit, t);
    this.fitMap.draw(fit, t);
  }

  /** How wrong the line drawn is (judged in words unless refused), and its step. */
  drawMeter() {
    const fit = this.fit;
    const k = fit ? Math.min(Math.floor(this.t), fit.loss.length - 1) : 0;
    this.meter.show(fit ? fit.loss[k] : null, fit ? fit.best.loss : 0, !this.refused);
    this.plot.setStepText(!fit ? "" : k === 0 ? "start" : `step ${k}`);
  }

  /**
   * The step into position k (under reduced motion, the last single step of a jump).
   * @param {number} k
   * @returns {import("../lib/playback.js").StepDetail}
   */
  stepDetail(k) {
    return lineFitStep(this.fit, k, this.model.get("learning_rate"), this.model.get("optimizer"));
  }

  /** Back to the starting line (the one the widget began with), keeping the dots. */
  reset() {
    this.playback.reset();
    const { w, b } = this.initialLine || { w: 0, b: 0 };
    if (this.model.get("w") !== w || this.model.get("b") !== b) {
      this.meter.max = 0;
      this.model.set("w", w);
      this.model.set("b", b);
      this.model.save_changes();
    }
  }

  /**
   * The dots changed: the walk starts again from the line as it is now.
   * @param {number[]} xs
   * @param {number[]} ys
   * @param {"go" | "show"} then play once the new walk is here, or just show it
   */
  changeDots(xs, ys, then) {
    const { w, b } = this.currentLine();
    const playback = this.playback;
    playback.cancel();
    playback.setStatus(then === "go" ? "running" : "paused");
    playback.pending = then === "go" ? "go" : "";
    this.awaiting = true;
    this.model.set("w", round4(w));
    this.model.set("b", round4(b));
    this.model.set("x", xs);
    this.model.set("y", ys);
    this.queueSave();
    if (then === "go") this.remember();
  }

  /** Page host only: the dots go into the address, to be shared. */
  remember() {
    if (this.ownsModel && this.urlKey) writeParam(this.urlKey, formatDots(this.xs, this.ys));
  }

  /** At most one request per frame while a dot is dragged (a newer one aborts the older). */
  queueSave() {
    if (this.saveQueued) return;
    this.saveQueued = true;
    requestAnimationFrame(() => {
      this.saveQueued = false;
      this.model.save_changes();
    });
  }

  /** After an edit: play the walk from the current line once it is here. */
  restartWalk() {
    if (this.fit && !this.awaiting && !this.saveQueued) {
      this.playback.restart();
      this.playback.go();
    } else {
      this.playback.pending = "go";
      this.playback.setStatus("running");
    }
  }

  /**
   * The one place that derives what is shown from the model's current state: the dots, the
   * line and its misses, the meter's words, the sentence, the numbers and the error note.
   * Called on every change of an input, an output or the error.
   */
  render() {
    this.nameAxes();
    this.dial.show(this.model.get("learning_rate"), this.regimes(), this.model.get("error") || "");
    this.editor.draw();
    const { w, b } = this.drawn(this.currentLine());
    this.plot.drawLine(w, b, this.xs, this.ys);
    this.drawMeter();
    const fit = this.fit;
    const error = this.model.get("error") || "";
    const numbers = fit ? lineFitStepWords(fit, this.playback.k, this.heightAt()) : "";
    const sentence = error ? refusedWords(Boolean(fit)) : fit ? this.sentence(fit) : "Waiting for the line…";
    this.readout.show(sentence, numbers, error);
  }

  /**
   * The walk in one sentence, for the status it is in.
   * @param {any} fit
   * @returns {string}
   */
  sentence(fit) {
    return lineFitWords(this.playback.status, fit, {
      rate: this.model.get("learning_rate"),
      maxSteps: this.model.get("max_steps"),
      optimizer: this.model.get("optimizer"),
      heightAt: this.heightAt(),
      k: this.playback.k,
    });
  }

  /**
   * Show the state in words, and speak it.
   * @param {boolean} now at once (else at most every few seconds)
   */
  say(now) {
    this.render();
    this.readout.announce(now);
  }
}

if (!customElements.get("fh-line-fit")) customElements.define("fh-line-fit", FhLineFit);
