// One training run as a demo shows it: the commands sent to the model's host (train, pause,
// ask), the events it delivers (start, progress, end, answer, error), and the pace at which
// progress is drawn. Progress is drawn on the next animation frame, only the newest when
// several arrive between two frames, so the page stays at display rate however fast the host
// trains; at a slower speed the pictures are shown in order, one every so many milliseconds.
// It keeps the element's data-status ("idle", "running", "paused", "done": how a run ended,
// done, out of time or flown off, is said in the end's words) and data-step (the step of the
// picture drawn). The widget draws and speaks; the run says when.

import { showStatus, showStep } from "./playback.js";

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
 * What the widget does for its run.
 * @typedef {object} RunHost
 * @property {(info: any) => void} start a run began (static facts for drawing)
 * @property {(p: Progress) => void} record a progress event arrived (drawn or not: the curve
 *   keeps every one)
 * @property {(p: Progress) => void} draw draw one progress event
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
    /** least milliseconds between two drawn pictures (0: the newest, each frame) */
    this.interval = 0;
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
   * One animation frame: draw the newest progress (or, at a slower speed, the next in order
   * once its time has come), then the end once nothing is left to draw.
   * @param {number} now
   */
  tick(now) {
    this.frame = 0;
    if (this.queue.length && now - this.lastDrawn >= this.interval) {
      const next = this.interval > 0 ? /** @type {Progress} */ (this.queue.shift()) : newest(this.queue);
      if (this.interval === 0) this.queue = [];
      this.lastDrawn = now;
      this.step = next.step;
      this.host.draw(next);
      showStep(this.el, next.step);
      this.host.say(false);
      if (this.stopAfterNext && next.step > this.from) {
        this.pause();
        return;
      }
    }
    if (this.queue.length) {
      this.schedule();
    } else if (this.ending) {
      const end = this.ending;
      this.ending = null;
      this.finish(end);
    }
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
