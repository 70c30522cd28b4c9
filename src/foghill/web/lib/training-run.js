// One training run as a demo shows it: the commands sent to the model's host (train, pause,
// ask), the events it delivers (start, progress, end, answer, error), and the pace at which
// progress is drawn. The host trains as fast as it can; the page draws its pictures in order
// at the speed chosen (speed.js): at "watch" a run's steps are spread over PACE.run_ms (the
// contract's measured pace, so the metric is seen to climb), at "fast" over a share of that,
// and at "instant" only the end's picture is drawn (the words count the steps meanwhile).
// Each animation frame draws the newest picture whose time has come, so the page stays at
// display rate however fast the host trains.
// It keeps the element's data-status ("idle", "running", "paused", "done": how a run ended,
// done, out of time or flown off, is said in the end's words) and data-step (the step of the
// picture drawn). The widget draws and speaks; the run says when.

import { PACE } from "./contract.js";
import { showStatus, showStep } from "./playback.js";
import { timeShare } from "./player.js";

/**
 * A progress event (see train9's protocol): the host's numbers after `step` minibatch steps.
 * @typedef {object} Progress
 * @property {"progress"} type
 * @property {number} step
 * @property {number} epoch
 * @property {number} loss how wrong on the whole training set
 * @property {number | null} [batch_loss] how wrong on the last step's batch (the jagged one)
 * @property {number} heldout_loss
 * @property {number} metric
 * @property {string} metric_name
 * @property {{full: [number, number], batches: Array<[number, number]>}} [noise]
 * @property {any} view what the demo's picture needs now
 */

/**
 * The host's picture before Play (training/stream.py's untrained()).
 * @typedef {object} Untrained
 * @property {"untrained"} type
 * @property {number} steps how many steps Play trains for (at most)
 * @property {Record<string, any>} settings the inputs it was made for
 * @property {any} info the run's start facts
 * @property {Progress} progress the model at step 0
 */

/**
 * What the widget does for its run.
 * @typedef {object} RunHost
 * @property {(info: any) => void} start a run began (static facts for drawing)
 * @property {(p: Progress) => void} record a progress event arrived (drawn or not: the curve
 *   keeps every one)
 * @property {(p: Progress) => void} draw draw one progress event
 * @property {(step: number) => void} counted the host has trained this far, nothing drawn
 * @property {() => void} stopped the run stopped before its end (what arrived past the step
 *   drawn is forgotten)
 * @property {(end: {step: number, reason: string, summary: string}) => void} end
 * @property {(answer: any) => void} answer the reply to an ask
 * @property {(message: string) => void} refused the host refused a setting (one sentence)
 * @property {(now: boolean) => void} say show the state in words (now: speak at once)
 */

/**
 * @typedef {object} RunModel
 * @property {(msg: any) => void} send
 */

export class TrainingRun {
  /**
   * @param {HTMLElement} el the widget (its data-status and data-step)
   * @param {() => RunModel} model
   * @param {RunHost} host
   */
  constructor(el, model, host) {
    this.el = el;
    this.model = model;
    this.host = host;
    /** @type {HTMLButtonElement | null} */
    this.playButton = null;
    this.status = "idle";
    /** the step of the picture drawn */
    this.step = 0;
    /** @type {import("./player.js").Speed} how fast the pictures are shown */
    this.speed = "watch";
    /** how many steps a run takes (the start event says) */
    this.total = 0;
    /** progress events are accepted (between a start and a pause, an end or a reset) */
    this.listening = false;
    /** a train command was sent and its start has not arrived yet */
    this.starting = false;
    /** Step: stop after the next picture */
    this.stopAfterNext = false;
    /** @type {Progress[]} received, not drawn yet */
    this.queue = [];
    /** @type {{step: number, reason: string, summary: string} | null} an end waiting for the queue */
    this.ending = null;
    this.frame = 0;
    this.lastDrawn = -Infinity;
    this.summary = "";
    /** the step the run began (or resumed) from */
    this.from = 0;
    showStatus(el, "idle");
    showStep(el, 0);
  }

  /** @param {string} status */
  setStatus(status) {
    this.status = status;
    showStatus(this.el, status, this.playButton);
  }

  /** Play from where the picture is (the start, after an end or a reset). */
  play() {
    if (this.status === "running") return;
    const from = this.status === "paused" ? this.step : 0;
    this.step = from;
    this.from = from;
    this.queue = [];
    this.ending = null;
    this.summary = "";
    this.lastDrawn = -Infinity;
    this.listening = true;
    this.starting = true;
    this.setStatus("running");
    this.model().send(from > 0 ? { type: "train", from_step: from } : { type: "train" });
    this.host.say(true);
  }

  /** Train until the next picture, then stop. */
  stepOnce() {
    if (this.status === "running") return;
    this.stopAfterNext = true;
    this.play();
  }

  /** Stop the host's work at once; the picture stays at the step drawn. */
  pause() {
    if (this.status !== "running") return;
    this.stop();
    this.setStatus("paused");
    this.host.say(true);
  }

  /** Back to the untrained start (the widget clears its pictures). */
  reset() {
    if (this.status === "running") this.stop();
    this.step = 0;
    showStep(this.el, 0);
    this.setStatus("idle");
  }

  /** Tell the host to stop and forget what it sent but was not drawn. */
  stop() {
    this.listening = false;
    this.starting = false;
    this.stopAfterNext = false;
    this.queue = [];
    this.ending = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.model().send({ type: "pause" });
    this.host.stopped();
  }

  /**
   * Ask the host about the model at the step drawn.
   * @param {Record<string, any>} question
   */
  ask(question) {
    this.model().send({ type: "ask", ...question, step: this.step });
  }

  /**
   * An event from the host.
   * @param {any} msg
   */
  receive(msg) {
    switch (msg?.type) {
      case "start":
        if (!this.listening) return;
        this.starting = false;
        this.total = Number(msg.steps) || 0;
        this.host.start(msg.info ?? {});
        break;
      case "progress":
        // The first progress of a run is its starting point (step 0, or where it resumes).
        if (!this.listening || this.starting || msg.step < this.step) return;
        this.queue.push(msg);
        this.host.record(msg);
        this.schedule();
        break;
      case "end":
        if (!this.listening) return;
        this.ending = msg;
        this.schedule();
        break;
      case "answer":
        this.host.answer(msg);
        break;
      case "error":
        this.refuse(String(msg.message ?? ""));
        break;
    }
  }

  /**
   * The host refused a setting: what runs stops, the last good picture stays.
   * @param {string} message
   */
  refuse(message) {
    if (this.status === "running") {
      this.listening = false;
      this.queue = [];
      this.ending = null;
      this.setStatus(this.step > 0 ? "paused" : "idle");
    }
    this.host.refused(message);
    this.host.say(true);
  }

  schedule() {
    if (!this.frame) this.frame = requestAnimationFrame((now) => this.tick(now));
  }

  /**
   * Milliseconds a step of the run is shown for at the speed chosen (0: no waiting).
   * @returns {number}
   */
  msPerStep() {
    return this.total > 0 ? (PACE.run_ms * timeShare(this.speed)) / this.total : 0;
  }

  /**
   * How many of the queued pictures are due at `now`: a picture k steps past the one drawn
   * last is due k steps' time after it was drawn (the first of a run at once, alone).
   * @param {number} now
   * @returns {number}
   */
  due(now) {
    if (this.lastDrawn === -Infinity) return Math.min(1, this.queue.length);
    const each = this.msPerStep();
    let n = 0;
    while (n < this.queue.length && this.lastDrawn + (this.queue[n].step - this.step) * each <= now) n += 1;
    return n;
  }

  /**
   * One animation frame: draw the newest picture whose time has come (at "instant" none but
   * the end's, or a Step's), then the end once nothing is left to draw.
   * @param {number} now
   */
  tick(now) {
    this.frame = 0;
    const instant = this.speed === "instant";
    const ready = instant ? (this.ending || this.stopAfterNext ? this.queue.length : 0) : this.due(now);
    if (ready > 0) {
      const next = newest(this.queue.slice(0, ready));
      this.queue = this.queue.slice(ready);
      this.lastDrawn = now;
      this.step = next.step;
      this.host.draw(next);
      showStep(this.el, next.step);
      this.host.say(false);
      if (this.stopAfterNext && next.step > this.from) {
        this.pause();
        return;
      }
    } else if (instant && this.queue.length) {
      // Nothing is drawn before the end: the words say how far the run has come.
      const last = this.queue[this.queue.length - 1];
      this.host.counted(last.step);
    }
    if (this.queue.length && !instant) {
      this.schedule();
    } else if (this.ending) {
      const end = this.ending;
      this.ending = null;
      this.finish(end);
    }
  }

  /**
   * Show the pictures at another speed from now on.
   * @param {import("./player.js").Speed} speed
   */
  setSpeed(speed) {
    this.speed = speed;
    if (this.queue.length || this.ending) this.schedule();
  }

  /** @param {{step: number, reason: string, summary: string}} end */
  finish(end) {
    this.listening = false;
    if (end.reason === "paused") return;
    this.summary = end.summary ?? "";
    this.stopAfterNext = false;
    this.setStatus("done");
    this.host.end(end);
    this.host.say(true);
  }

  cancel() {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    if (this.status === "running") this.stop();
  }
}

/**
 * The newest of the progress events that arrived since the last frame, carrying the newest
 * noise picture among them when it has none of its own (the noise comes only now and then:
 * skipping the event that held it must not lose it).
 * @param {Progress[]} queue
 * @returns {Progress}
 */
function newest(queue) {
  const last = queue[queue.length - 1];
  if (last.noise) return last;
  for (let i = queue.length - 2; i >= 0; i--) {
    const noise = queue[i].noise;
    if (noise) return { ...last, noise };
  }
  return last;
}
