// One walk playback for every widget that plays a run (the hill, the step dial, the line
// fit), used by composition: it owns the Player, the "go" or "step" waiting for the model's
// answer, go / step / pause / reset, the speed choice beside Play (speed.js), the scrubber
// under the widget (timeline.js), the
// data-status and data-step attributes, and the bubbling events: fh-step for each step shown,
// fh-run each time the walk comes to rest (its end, a pause, a scrub) with the widget's facts
// there, which the page's tasks and predictions read. The widget draws and speaks; the
// playback says when.

import { Player, prefersReducedMotion } from "./player.js";
import { SpeedChoice, startSpeed } from "./speed.js";
import { bindNumbers } from "./bound.js";
import { joinTasks } from "./tasks.js";
import { Timeline } from "./timeline.js";

/**
 * The numbers of one true step, as the fh-step event carries them.
 * @typedef {object} StepDetail
 * @property {number | number[]} theta where the step starts
 * @property {number} eta the step size
 * @property {number | number[]} grad the tilt where the step starts
 * @property {number | number[]} next where the step lands
 * @property {number} loss the height where the step starts
 * @property {number} step which step (1 is the first)
 * @property {string} optimizer
 */

/**
 * A computed walk, as far as playing it goes.
 * @typedef {object} Walk
 * @property {number} steps how many steps (positions - 1)
 * @property {string} outcome the status when it has been played to its end
 * @property {number[] | null} durations milliseconds per step (null: an even pace)
 */

/**
 * What the widget does for its playback.
 * @typedef {object} PlaybackHost
 * @property {(t: number) => void} draw draw the walk at (fractional) step t
 * @property {(now: boolean) => void} say show the state in words (now: speak it at once)
 * @property {(k: number) => StepDetail} detail the step into position k
 * @property {() => boolean} current does the walk held answer the model's current inputs?
 * @property {() => boolean} refused is the model's error set (its settings refused)?
 * @property {() => void} ask ask the model's host for the walk
 * @property {() => void} [rewind] clear what a played walk left drawn (trail, fly-away)
 * @property {(k: number, done: () => void) => boolean} [leave] at the end of a walk: an
 *   exit animation from position k; true when it will call done
 * @property {(k: number) => Facts} [facts] what holds at position k, by name, for the page's
 *   tasks and predictions (the fh-run event); the playback adds status, outcome, step, steps
 */

/**
 * What holds where a walk rests, by name (numbers, words, or true/false).
 * @typedef {Record<string, number | string | boolean | null>} Facts
 */

/**
 * A widget's data-status, and the Play button's label that goes with it.
 * @param {HTMLElement} el
 * @param {string} status one of STATUSES (contract.js)
 * @param {HTMLButtonElement | null} [play]
 */
export function showStatus(el, status, play = null) {
  if (el.dataset.status !== status) el.dataset.status = status;
  const text = status === "running" ? "Pause" : "Play";
  if (play && play.textContent !== text) play.textContent = text;
}

/**
 * A widget's data-step.
 * @param {HTMLElement} el
 * @param {number} k
 */
export function showStep(el, k) {
  const text = String(k);
  if (el.dataset.step !== text) el.dataset.step = text;
}

export class Playback {
  /**
   * @param {HTMLElement} el the widget (its data attributes, and where fh-step starts)
   * @param {PlaybackHost} host
   */
  constructor(el, host) {
    this.el = el;
    this.host = host;
    /** @type {HTMLButtonElement | null} the Play/Pause button, relabelled with the status */
    this.play = null;
    /** @type {SpeedChoice | null} the speed choice, beside the Play button */
    this.speedChoice = null;
    /** @type {Walk | null} */
    this.walk = null;
    /** @type {"" | "go" | "step"} a command waiting for the model's answer */
    this.pending = "";
    /** @type {Timeline | null} the scrubber, built with the first walk */
    this.timeline = null;
    this.player = new Player({
      frame: (t) => host.draw(t),
      step: (k) => this.stepped(k),
      stop: (reason) => this.stopped(reason),
    });
  }

  /** @returns {HTMLButtonElement | null} */
  get playButton() {
    return this.play;
  }

  /**
   * The Play/Pause button: the speed choice goes right after the group that holds it.
   * @param {HTMLButtonElement | null} button
   */
  set playButton(button) {
    this.play = button;
    const group = button?.parentElement;
    if (this.speedChoice || !group?.parentElement) return;
    this.player.speed = startSpeed(this.el);
    this.el.dataset.speed = this.player.speed;
    this.speedChoice = new SpeedChoice(group.parentElement, this.player.speed, (speed) => this.setSpeed(speed));
    group.after(this.speedChoice.box);
  }

  /**
   * Play at another speed from now on (at "instant" a walk that plays jumps to its end).
   * @param {import("./player.js").Speed} speed
   */
  setSpeed(speed) {
    this.el.dataset.speed = speed;
    this.speedChoice?.show(speed);
    this.player.setSpeed(speed);
  }

  /** @returns {boolean} no motion is wanted: the speed is "instant", or the reader prefers so */
  get still() {
    return this.player.speed === "instant" || prefersReducedMotion();
  }

  /** @returns {string} */
  get status() {
    return this.el.dataset.status || "idle";
  }

  /** @returns {number} the step the walk stands at */
  get k() {
    return this.player.k;
  }

  /** @param {string} status */
  setStatus(status) {
    showStatus(this.el, status, this.play);
  }

  /** @param {number} k */
  setStep(k) {
    showStep(this.el, k);
    this.timeline?.show(k, this.walk ? this.walk.steps : 0);
  }

  /**
   * The scrubber goes right under the widget's toolbar (the one holding its Play button, so
   * that Tab reaches Play first), or at the end of the widget when it has none.
   */
  mountTimeline() {
    if (this.timeline) return;
    const bar = this.play?.closest(".fh-toolbar") || this.el.querySelector(".fh-toolbar");
    const before = bar && bar.parentElement === this.el ? bar.nextElementSibling : null;
    this.timeline = new Timeline(this.el, before, (k) => this.seek(k));
    // The task lists and numbers that name this widget (by id, or by tag in its section)
    // follow it now.
    joinTasks(this.el);
    bindNumbers(this.el);
  }

  /**
   * A new walk from the model (or none): at its start, and a waiting command is carried out.
   * @param {Walk | null} walk
   * @param {boolean} [resume] play it when the previous walk was playing
   */
  load(walk, resume = false) {
    this.walk = walk;
    this.mountTimeline();
    // A new walk is held (its choices may differ: who races, which valleys).
    this.el.dispatchEvent(new CustomEvent("fh-walk"));
    this.player.load(walk ? walk.steps : 0, walk ? walk.durations : null);
    this.host.rewind?.();
    this.setStep(0);
    const what = this.pending || (resume && walk ? "go" : "");
    if (walk && what) {
      this.pending = "";
      this.host.draw(0);
      if (what === "step") this.step();
      else this.go();
      return;
    }
    if (!this.pending) this.setStatus("idle");
    this.host.draw(0);
    this.host.say(true);
  }

  /** Play from where the walk stands to its end (from the start when it is over). */
  go() {
    if (!this.canMove("go")) return;
    this.setStatus("running");
    this.host.draw(this.player.k);
    this.host.say(true);
    this.player.play();
  }

  /** One step, then pause. */
  step() {
    if (!this.canMove("step")) return;
    this.setStatus("running");
    this.player.step();
  }

  /** Stop where the walk stands (a command still waiting is dropped). */
  pause() {
    if (this.pending) {
      this.pending = "";
      this.setStatus("idle");
    }
    if (this.player.playing) this.player.pause();
  }

  /** Back to the start of the walk, nothing playing. */
  reset() {
    this.pending = "";
    this.restart();
    this.setStatus("idle");
    this.host.draw(0);
    this.host.say(true);
  }

  /**
   * Show position k of the walk, nothing playing (the scrubber): the drawing, the words, the
   * step's numbers (fh-step: the step that landed there, or from the start the first step to
   * come) follow; at the last position the status is the walk's outcome, before it paused.
   * @param {number} k
   */
  seek(k) {
    const walk = this.walk;
    if (!walk) return;
    this.pending = "";
    this.player.cancel();
    this.host.rewind?.();
    this.player.seek(k);
    const at = this.player.k;
    this.setStatus(at >= walk.steps ? walk.outcome : at === 0 ? "idle" : "paused");
    this.setStep(at);
    if (walk.steps > 0) this.tell(Math.max(1, at));
    this.host.say(false);
    this.rested();
  }

  /** Play if stopped, pause if playing (the Play/Pause button). */
  toggle() {
    if (this.status === "running") this.pause();
    else this.go();
  }

  /** Stop any animation without a word (the widget changes what is shown itself). */
  cancel() {
    this.player.cancel();
  }

  /** The model's host refused its settings: nothing runs or waits any more. */
  halt() {
    const moving = this.pending !== "" || this.player.playing || this.status === "running";
    this.pending = "";
    if (!moving) return;
    this.player.cancel();
    this.host.draw(this.player.k);
    this.setStatus("idle");
  }

  /** The settings are accepted again: a command remembered meanwhile is carried out. */
  retry() {
    const what = this.pending;
    if (!what || this.host.refused()) return;
    this.pending = "";
    if (what === "step") this.step();
    else this.go();
  }

  /** The first position of the walk, with nothing left over from playing it. */
  restart() {
    this.player.cancel();
    this.host.rewind?.();
    this.player.seek(0);
    this.setStep(0);
  }

  /**
   * Before a go or a step: true when the player may move now. Without a walk for the current
   * inputs, ask for one and carry out `what` when it comes; while the settings are refused,
   * only remember it (an answer may still be on its way).
   * @param {"go" | "step"} what
   * @returns {boolean}
   */
  canMove(what) {
    if (this.host.refused()) {
      this.pending = what;
      this.host.say(true);
      return false;
    }
    if (!this.walk || !this.host.current()) {
      this.pending = what;
      this.setStatus("running");
      this.host.ask();
      return false;
    }
    if (this.player.atEnd) this.restart();
    if (this.player.n === 0) {
      this.stopped("end");
      return false;
    }
    return true;
  }

  /**
   * A jump to position k begins: tell the page (and <fh-rule>) about its last single step.
   * @param {number} k
   */
  stepped(k) {
    this.setStep(k);
    this.tell(k);
    this.host.say(false);
  }

  /**
   * The fh-step event for the step into position k.
   * @param {number} k
   */
  tell(k) {
    this.el.dispatchEvent(
      new CustomEvent("fh-step", {
        bubbles: true,
        composed: true,
        detail: { ...this.host.detail(k), widget: this.el.localName },
      }),
    );
  }

  /** The walk rests where it stands (its end, a pause, a scrub): the fh-run event says so. */
  rested() {
    const walk = this.walk;
    if (!walk) return;
    const k = this.player.k;
    /** @type {Facts} */
    const facts = {
      ...(this.host.facts?.(k) ?? {}),
      status: this.status,
      outcome: k >= walk.steps ? walk.outcome : "",
      step: k,
      steps: walk.steps,
    };
    this.el.dispatchEvent(
      new CustomEvent("fh-run", { bubbles: true, composed: true, detail: { widget: this.el.localName, facts } }),
    );
  }

  /** @param {"end" | "pause"} reason */
  stopped(reason) {
    if (!this.walk) return;
    if (reason === "pause") {
      this.setStatus("paused");
      this.setStep(this.player.k);
      this.host.draw(this.player.k);
      this.host.say(true);
      this.rested();
      return;
    }
    if (this.host.leave?.(this.player.k, () => this.finish(false))) return;
    this.finish(true);
  }

  /** @param {boolean} draw draw the last position (not after an exit animation) */
  finish(draw) {
    if (!this.walk) return;
    this.setStatus(this.walk.outcome);
    this.setStep(this.player.k);
    if (draw) this.host.draw(this.player.k);
    this.host.say(true);
    this.rested();
  }
}
