// What every Foghill widget shares: finding its model (a notebook's, or one it builds for the
// page), its status and step as data attributes, the Play / Step / Reset buttons, a polite
// live readout that does not flood screen readers, and the bubbling fh-step event.

import { htmlEl } from "./svg.js";

/** The statuses a widget can be in (data-status). */
export const STATUSES = ["idle", "running", "paused", "settled", "crawling", "zigzag", "flew-off"];

/** Milliseconds between two announcements while a walk runs. */
export const ANNOUNCE_EVERY_MS = 3000;

/**
 * Speaks through an aria-live="polite" region, at most every few seconds while a walk runs;
 * pauses, ends and errors are said at once.
 */
export class Announcer {
  /** @param {HTMLElement} region */
  constructor(region) {
    this.region = region;
    this.last = -Infinity;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    this.pending = "";
  }

  /**
   * @param {string} text
   * @param {boolean} [now] say it immediately (pause, end, error)
   */
  say(text, now = false) {
    this.pending = text;
    const wait = this.last + ANNOUNCE_EVERY_MS - performance.now();
    if (now || wait <= 0) {
      this.flush();
      return;
    }
    if (this.timer === null) {
      this.timer = setTimeout(() => this.flush(), wait);
    }
  }

  flush() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.last = performance.now();
    if (this.region.textContent !== this.pending) this.region.textContent = this.pending;
  }

  cancel() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}

/**
 * The shared button row: Play/Pause, Step, Reset (real buttons with text).
 * @param {HTMLElement} parent
 * @param {{play: () => void, step: () => void, reset: () => void}} actions
 * @param {string} label what these buttons control, for screen readers
 * @returns {{bar: HTMLElement, play: HTMLButtonElement, step: HTMLButtonElement, reset: HTMLButtonElement}}
 */
export function makeControls(parent, actions, label) {
  const bar = htmlEl("div", { class: "fh-controls", role: "group", "aria-label": label }, "", parent);
  const play = /** @type {HTMLButtonElement} */ (
    htmlEl("button", { type: "button", class: "fh-btn fh-btn-play" }, "Play", bar)
  );
  const step = /** @type {HTMLButtonElement} */ (
    htmlEl("button", { type: "button", class: "fh-btn fh-btn-step" }, "Step", bar)
  );
  const reset = /** @type {HTMLButtonElement} */ (
    htmlEl("button", { type: "button", class: "fh-btn fh-btn-reset" }, "Reset", bar)
  );
  play.addEventListener("click", () => actions.play());
  step.addEventListener("click", () => actions.step());
  reset.addEventListener("click", () => actions.reset());
  return { bar, play, step, reset };
}

/** @type {Array<() => void>} */
const buildQueue = [];

/**
 * Run `job` in a task of its own, after the jobs queued before it (one per task).
 * @param {() => void} job
 */
function inOwnTask(job) {
  buildQueue.push(job);
  if (buildQueue.length === 1) setTimeout(runNext, 0);
}

function runNext() {
  const job = buildQueue.shift();
  if (job) job();
  if (buildQueue.length) setTimeout(runNext, 0);
}

/**
 * The base of every widget element. Subclasses implement build(), pageModel(), attach().
 */
export class FhWidget extends HTMLElement {
  constructor() {
    super();
    /** @type {any} the anywidget-style model (set by a notebook host before connecting) */
    this.model;
    this.ownsModel = false;
    this.saved = false;
    this.built = false;
    /** @type {HTMLElement | null} where errors are shown in words (set by build) */
    this.errorBox = null;
    /** a command ("go" or "step") waiting for the model's answer, or "" */
    this.pending = "";
    /** @type {Array<[string, (value: any) => void]>} */
    this.subscriptions = [];
    /** @type {Announcer | null} */
    this.announcer = null;
    /** @type {{bar: HTMLElement, play: HTMLButtonElement, step: HTMLButtonElement, reset: HTMLButtonElement} | null} */
    this.controls = null;
  }

  connectedCallback() {
    if (!this.built) {
      // Each widget is built in a task of its own, so that a page with several widgets
      // never blocks the main thread for long while it starts.
      if (!this.dataset.status) this.dataset.status = "idle";
      if (!this.dataset.step) this.dataset.step = "0";
      inOwnTask(() => {
        if (!this.isConnected || this.built) return;
        this.built = true;
        this.classList.add("fh-widget");
        this.build();
        this.connect();
      });
      return;
    }
    this.connect();
  }

  /** Find the model, subscribe, draw. */
  connect() {
    if (!this.model) {
      this.model = this.pageModel();
      this.ownsModel = true;
    }
    this.listen("msg:custom", (msg) => this.command(msg));
    this.attach();
    // A page model asks the server once, when the element first connects; a notebook's
    // kernel has already answered by the time the view exists.
    if (this.ownsModel && this.model && !this.saved) {
      this.saved = true;
      this.model.save_changes();
    }
  }

  disconnectedCallback() {
    if (!this.built) return;
    for (const [name, cb] of this.subscriptions) this.model?.off?.(name, cb);
    this.subscriptions = [];
    this.announcer?.cancel();
    this.detach();
  }

  /** Build the light-DOM content once. */
  build() {}

  /**
   * A page model from this element's attributes (page host only).
   * @returns {any}
   */
  pageModel() {
    return null;
  }

  /** Subscribe to the model and draw what it already holds. */
  attach() {}

  /**
   * Say the current state in words (each widget says what it shows).
   * @param {boolean} [_now]
   */
  say(_now) {}

  /** Show the model's error in words; a go or step still waiting for an answer gives up. */
  showError() {
    if (!this.errorBox) return;
    const error = this.model.get("error") || "";
    this.errorBox.textContent = error;
    this.errorBox.hidden = !error;
    if (error && this.pending) {
      this.pending = "";
      this.setStatus("idle");
    }
    if (error) this.say(true);
  }

  /** Stop animations (element removed). */
  detach() {}

  /**
   * Subscribe to a model event; undone when the element is removed.
   * @param {string} name
   * @param {(value: any) => void} cb
   */
  listen(name, cb) {
    if (!this.model) return;
    this.model.on(name, cb);
    this.subscriptions.push([name, cb]);
  }

  /**
   * Commands from a notebook kernel (anywidget custom messages).
   * @param {any} msg
   */
  command(msg) {
    const type = msg && typeof msg === "object" ? msg.type : msg;
    if (type === "go") this.go();
    else if (type === "step") this.step();
    else if (type === "pause") this.pause();
    else if (type === "reset") this.reset();
  }

  go() {}
  step() {}
  pause() {}
  reset() {}

  /** Play if stopped, pause if playing (the Play/Pause button). */
  toggle() {
    if (this.dataset.status === "running") this.pause();
    else this.go();
  }

  /** @param {string} status one of STATUSES */
  setStatus(status) {
    if (this.dataset.status !== status) this.dataset.status = status;
    if (this.controls) {
      const text = status === "running" ? "Pause" : "Play";
      if (this.controls.play.textContent !== text) this.controls.play.textContent = text;
    }
  }

  /** @param {number} k */
  setStep(k) {
    const text = String(k);
    if (this.dataset.step !== text) this.dataset.step = text;
  }

  /**
   * Tell the page (and <fh-rule>) about one drawn step.
   * @param {{theta: number | number[], eta: number, grad: number | number[], next: number | number[], loss: number, step: number}} detail
   */
  emitStep(detail) {
    this.dispatchEvent(
      new CustomEvent("fh-step", {
        bubbles: true,
        composed: true,
        detail: { ...detail, widget: this.localName },
      }),
    );
  }
}
