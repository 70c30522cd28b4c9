// What the four training demos share (digits, spam, next word, ratings): the sentence that ties
// the demo to the rule (which way is downhill, how big a step, repeat; θ is now ...), the
// controls, the how-wrong-by-step chart (error-chart.js), the picture of minibatch noise, the
// words, and one TrainingRun. Each demo adds its own picture and what the reader can try.
// Before Play the demo shows its untrained model (the host's "untrained" answer: the model at
// step 0, from the seed Play then trains from) and says what Play will do; nothing trains
// until the reader presses Play.

import { Asks } from "./asks.js";
import { holdRunCode } from "./code-panel.js";
import { WIDGETS } from "./contract.js";
import { ErrorChart } from "./error-chart.js";
import { readLink } from "./link-state.js";
import { attributeName } from "./page-state.js";
import { NoisePicture } from "./noise-picture.js";
import { Readout } from "./readout.js";
import { startSpeed } from "./speed.js";
import { htmlEl } from "./svg.js";
import { batchWords, TrainingControls, WHOLE_SET } from "./training-controls.js";
import { TrainingModel } from "./training-model.js";
import { DemoHooks } from "./training-hooks.js";
import { TrainingRun } from "./training-run.js";
import { demoSentence } from "./training-words.js";
import { TRAIN_SIZES, WEIGHT_COUNTS } from "./train-sizes.js";

/** Kinds of event the host sends (the rest of msg:custom are a kernel's commands). */
const EVENTS = new Set(["start", "progress", "end", "answer", "error", "untrained"]);

/**
 * @param {any} p
 * @returns {p is import("./training-run.js").Progress}
 */
function isProgress(p) {
  return p && typeof p.step === "number";
}

export class TrainingWidget extends DemoHooks {
  constructor() {
    super();
    // Made by build().
    /** @type {TrainingControls} */ this.controls;
    /** @type {TrainingRun} */ this.run;
    /** @type {ErrorChart} */ this.chart;
    /** @type {NoisePicture} */ this.noise;
    /** @type {Readout} */ this.readout;
    /** @type {HTMLElement} */ this.metricBox;
    /** @type {number[]} how wrong on each step's batch, per progress event received */
    this.losses = [];
    /** @type {number[]} the step of each of those */
    this.lossSteps = [];
    /** @type {import("./training-run.js").Progress | null} the picture drawn */
    this.last = null;
    /** how far the host has trained while nothing is drawn (at "instant") */
    this.counted = 0;
    /** @type {any} the facts of the run (the start event's info) */
    this.info = null;
    /** the host's last refusal ("" when fine) */
    this.refusal = "";
    /** the whole training set, once the host has said (0: not yet) */
    this.trainSize = 0;
    /** the reader chose the whole set before its size was known: it is taken at the start */
    this.wholeWanted = false;
    /** the questions on their way, one of each kind */
    this.asks = new Asks((question) => this.run.ask(question));
    /** @type {import("./training-run.js").Untrained | null} the host's last picture before Play */
    this.untrained = null;
  }

  build() {
    this.replaceChildren();
    const spec = this.spec;
    if (spec.intro) htmlEl("p", { class: "fh-tr-intro" }, spec.intro, this);
    const body = htmlEl("div", { class: "fh-tr-body" }, "", this);
    const main = htmlEl("div", { class: "fh-tr-main" }, "", body);
    this.buildPicture(main);
    const side = htmlEl("div", { class: "fh-tr-side" }, "", body);
    this.metricBox = htmlEl("p", { class: "fh-tr-metric" }, "", side);
    this.chart = new ErrorChart(side, `${spec.label}: how wrong on each step's batch, step by step`);
    this.noise = new NoisePicture(side);
    // Both hosts' models can send (anywidget's, and the page's TrainingModel).
    const sender = () => /** @type {import("./training-run.js").RunModel} */ (/** @type {unknown} */ (this.model));
    this.run = new TrainingRun(this, sender, {
      start: (info) => this.onStart(info),
      record: (p) => this.record(p),
      stopped: () => this.drawCurve(),
      draw: (p) => this.onProgress(p),
      counted: (step) => {
        this.counted = step;
        this.render();
      },
      end: (end) => {
        holdRunCode(this, /** @type {any} */ (end)?.code); // "Show the code": this run's step
        this.onEnd(end);
        this.render();
      },
      answer: (a) => {
        this.asks.answered(a?.what);
        this.onAnswer(a);
      },
      refused: (message) => {
        this.asks.drop();
        this.refusal = message;
        this.render();
      },
      say: (now) => this.say(now),
    });
    /** @type {import("./training-controls.js").Choices} */
    const choices = { learning_rate: 0.1, optimizer: "gd", batch_size: 1 };
    if ("hidden" in (WIDGETS[this.localName]?.inputs ?? {})) choices.hidden = 0;
    this.run.speed = startSpeed(this);
    this.dataset.speed = this.run.speed;
    const range = { lr: spec.lr, weights: WEIGHT_COUNTS[this.localName] };
    this.controls = new TrainingControls(this, spec.label, choices, range, this.run.speed, {
      play: () => this.toggle(),
      step: () => this.step(),
      reset: () => this.reset(),
      change: (key, value) => this.change(key, value),
      speed: (speed) => {
        this.dataset.speed = speed;
        this.run.setSpeed(speed);
      },
    });
    this.run.playButton = this.controls.play;
    this.readout = new Readout(this);
    this.buildTry(this);
    // The rule's symbols for this demo wait in a fold: the demo opens with what moves.
    const fold = htmlEl("details", { class: "fh-tr-maps" }, "", this);
    htmlEl("summary", {}, "How it maps to the rule (θ and η)", fold);
    htmlEl("p", { class: "fh-tr-theta" }, spec.theta, fold);
  }

  /** @returns {Record<string, any>} what the page's requests carry besides the inputs */
  pageExtra() {
    return {};
  }

  pageModel() {
    const tag = this.localName;
    /** @type {Record<string, any>} */
    const state = { ...(WIDGETS[tag]?.inputs ?? {}) };
    for (const key of Object.keys(state)) {
      const attr = this.getAttribute(attributeName(key));
      if (attr === null) continue;
      state[key] = typeof state[key] === "number" ? Number(attr) : attr;
    }
    readLink(this, state);
    return new TrainingModel(tag, state, { extra: this.pageExtra() });
  }

  attach() {
    this.listen("change:error", () => {
      this.refusal = this.model.get("error") || "";
      this.render();
    });
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.showChoices());
    this.showChoices();
    this.look();
    // A built-in demo's set size is known before any run (the dial's top says it).
    const known = TRAIN_SIZES[this.localName] ?? 0;
    if (known >= 1 && !this.trainSize) {
      this.trainSize = known;
      this.controls.setBatchMax(known, Number(this.model.get("batch_size")));
    }
    this.render();
  }

  detach() {
    this.run.cancel();
    this.readout.cancel();
    if (this.ownsModel && this.model instanceof TrainingModel) this.model.close();
  }

  /** @param {any} msg */
  command(msg) {
    if (msg?.type === "untrained") this.onUntrained(msg);
    else if (msg && typeof msg === "object" && EVENTS.has(msg.type)) this.run.receive(msg);
    else super.command(msg);
  }

  /**
   * Ask the host for the untrained model of the inputs as they are. The page's model asks by
   * itself when saved (as the reader comes near, and on every change); a notebook's kernel is
   * asked here.
   */
  look() {
    if (this.model instanceof TrainingModel) return;
    /** @type {import("./training-run.js").RunModel} */ (/** @type {unknown} */ (this.model)).send({ type: "look" });
  }

  /**
   * Whether the host's picture before Play is of the inputs as they are now.
   * @param {import("./training-run.js").Untrained | null} u
   * @returns {u is import("./training-run.js").Untrained}
   */
  isCurrent(u) {
    if (!u?.progress || !u.settings) return false;
    return this.inputs.every((key) => !(key in u.settings) || String(u.settings[key]) === String(this.model.get(key)));
  }

  /**
   * The host's untrained model arrived: shown while nothing has been trained (a run going on,
   * paused or ended keeps its picture; an answer for inputs changed since is dropped).
   * @param {import("./training-run.js").Untrained} u
   */
  onUntrained(u) {
    if (!this.isCurrent(u)) return;
    this.untrained = u;
    this.refusal = "";
    if (this.run.status === "idle" && this.run.step === 0) this.showUntrained(u);
  }

  /** @param {import("./training-run.js").Untrained} u */
  showUntrained(u) {
    this.info = u.info;
    const size = Number(u.info?.train_size);
    if (size >= 1 && !this.wholeWanted) {
      this.trainSize = size;
      this.controls.setBatchMax(size, Number(this.model.get("batch_size")));
    }
    this.startPicture(u.info);
    this.clearRecords();
    this.record(u.progress);
    this.onProgress(u.progress);
  }

  /** Forget the curve's points (a run from the start, or the untrained picture, begins). */
  clearRecords() {
    this.losses = [];
    this.lossSteps = [];
  }

  showChoices() {
    this.controls.show({
      learning_rate: Number(this.model.get("learning_rate")),
      optimizer: String(this.model.get("optimizer")),
      batch_size: this.wholeWanted ? WHOLE_SET : Number(this.model.get("batch_size")),
      hidden: this.inputs.includes("hidden") ? Number(this.model.get("hidden")) : undefined,
    });
  }

  /**
   * The reader turned a dial: the model takes it, and training starts again from scratch.
   * @param {string} key
   * @param {number | string} value
   */
  change(key, value) {
    if (key === "batch_size") this.wholeWanted = value === WHOLE_SET;
    // The whole set before its size is known: the next run starts, learns the size, and
    // starts again with it (see onStart).
    if (!this.wholeWanted) {
      this.model.set(key, value);
      this.model.save_changes();
      this.look();
    }
    this.showChoices();
    this.refusal = "";
    const running = this.run.status === "running";
    this.reset();
    if (running) this.go();
  }

  /** @param {any} info */
  onStart(info) {
    this.info = info;
    this.refusal = "";
    const size = Number(info?.train_size);
    if (size >= 1) {
      this.trainSize = size;
      if (this.wholeWanted) {
        this.wholeWanted = false;
        this.model.set("batch_size", size);
        this.model.save_changes();
        this.controls.setBatchMax(size, size);
        this.reset();
        this.go();
        return;
      }
      this.controls.setBatchMax(size, Number(this.model.get("batch_size")));
    }
    // A run from the start sends the step-0 picture again: the curve begins with it.
    if (this.run.from === 0) this.clearRecords();
    this.startPicture(info);
    this.render();
  }

  /**
   * Keep the batch's loss of every progress event for the curve (the pictures show only the
   * newest each frame, the curve every point the host sent).
   * @param {import("./training-run.js").Progress} p
   */
  record(p) {
    const loss = p.batch_loss ?? p.loss;
    if (typeof loss !== "number" || !Number.isFinite(loss)) return;
    this.losses.push(loss);
    this.lossSteps.push(p.step);
  }

  /** The curve up to the step drawn (what was received past it is dropped on a pause). */
  drawCurve() {
    const k = this.run.step;
    let n = this.lossSteps.length;
    while (n > 0 && this.lossSteps[n - 1] > k) n -= 1;
    this.losses.length = n;
    this.lossSteps.length = n;
    const walk = n ? { loss: this.losses, best: { loss: 0 }, lastStep: k } : null;
    this.chart.draw(walk, n - 1);
  }

  /** @param {import("./training-run.js").Progress} p */
  onProgress(p) {
    if (!isProgress(p)) return;
    this.last = p;
    this.chart.draw({ loss: this.losses, best: { loss: 0 }, lastStep: p.step }, this.losses.length - 1);
    const batch = batchWords(Number(this.model.get("batch_size")), this.trainSize);
    if (p.noise) this.noise.draw(p.noise, batch, p.step === 0);
    this.drawPicture(p);
    this.render();
  }

  /**
   * Ask the host about the model drawn (one question of a kind at a time: asks.js).
   * @param {Record<string, any>} question with its kind in `what`
   */
  ask(question) {
    this.asks.ask(question);
  }

  /**
   * Ask again as the model trains (at most every REASK_MS, never over one on its way).
   * @param {Record<string, any>} question
   */
  refresh(question) {
    this.asks.refresh(question);
  }

  /** Play on from a pause, or train from scratch (after an end, the last run's pictures go). */
  go() {
    if (this.run.status === "done") this.reset();
    this.run.play();
  }

  step() {
    if (this.run.status === "done") this.reset();
    this.run.stepOnce();
  }

  pause() {
    this.run.pause();
  }

  toggle() {
    if (this.run.status === "running") this.pause();
    else this.go();
  }

  /** Back to the untrained model: the step at 0, its picture the host's (once it has come). */
  reset() {
    this.run.reset();
    holdRunCode(this, null);
    this.clearRecords();
    this.last = null;
    this.counted = 0;
    this.chart.draw(null, 0);
    this.noise.clear();
    this.clearPicture();
    if (this.isCurrent(this.untrained)) this.showUntrained(this.untrained);
    this.render();
  }

  /** The state in words: the sentence, the numbers, a refusal. */
  render() {
    const p = this.last;
    const sentence = demoSentence({
      status: this.run.status,
      drawn: p,
      refused: Boolean(this.refusal),
      total: Number(this.model.get("steps")),
      counted: this.counted,
      stepped: this.run.step,
      summary: this.run.summary,
      spec: this.spec,
    });
    const metric = p ? this.metricWords(p) : "";
    if (this.metricBox.textContent !== metric) this.metricBox.textContent = metric;
    const numbers = p ? this.numberWords(p) : "";
    this.readout.show(sentence, numbers, this.refusal);
  }

  /** @param {boolean} now */
  say(now) {
    this.render();
    const metric = this.metricBox.textContent ?? "";
    this.readout.say(`${this.readout.message.textContent} ${metric}`.trim(), now);
  }
}
