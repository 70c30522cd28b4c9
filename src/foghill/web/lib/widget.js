// What every Foghill widget shares: finding its model (a notebook's, or one it builds for the
// page from its attributes), listening to it until the element is removed, the commands a
// kernel sends, and the Play / Step / Reset buttons. Widgets that play a run add a Playback
// (playback.js); none computes anything.

import { mountCodePanel } from "./code-panel.js";
import { WIDGETS } from "./contract.js";
import { followLink } from "./link-state.js";
import { readSeed } from "./page-state.js";
import { htmlEl } from "./svg.js";

/**
 * The anywidget model interface the widgets rely on (a notebook's model, or a PageModel).
 * @typedef {object} Model
 * @property {(key: string) => any} get
 * @property {(key: string, value: any) => void} set
 * @property {(name: string, cb: (value: any) => void) => void} on
 * @property {(name?: string | null, cb?: ((value: any) => void) | null) => void} off
 * @property {() => unknown} save_changes
 * @property {(overrides: Record<string, any>) => void} [prefetch] page host only
 */

/**
 * @typedef {object} Controls
 * @property {HTMLElement} bar
 * @property {HTMLButtonElement} play
 * @property {HTMLButtonElement} step
 * @property {HTMLButtonElement} reset
 */

/**
 * @param {string} text
 * @param {string} cls
 * @param {HTMLElement} parent
 * @returns {HTMLButtonElement}
 */
export function button(text, cls, parent) {
  return /** @type {HTMLButtonElement} */ (htmlEl("button", { type: "button", class: `fh-btn ${cls}` }, text, parent));
}

/**
 * The shared button row: Play/Pause, Step, Reset (real buttons with text).
 * @param {HTMLElement} parent
 * @param {{play: () => void, step: () => void, reset: () => void}} actions
 * @param {string} label what these buttons control, for screen readers
 * @returns {Controls}
 */
export function makeControls(parent, actions, label) {
  const bar = htmlEl("div", { class: "fh-controls", role: "group", "aria-label": label }, "", parent);
  const play = button("Play", "fh-btn-play", bar);
  const step = button("Step", "fh-btn-step", bar);
  const reset = button("Reset", "fh-btn-reset", bar);
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

/** How far outside the window a waiting widget starts to build: a screen and a half. */
const NEAR = "150% 0px";

/** @type {Set<() => void>} builds that wait until their widget nears the window, or idleness */
const waiting = new Set();
/** @type {IntersectionObserver | null} */
let watcher = null;
let idleChainStarted = false;

/**
 * Build `el` (with `job`) once it comes near the window, or when the page has nothing else to
 * do: a widget far down the page costs the first screen nothing, and is ready by the time a
 * reader scrolls to it. Jobs left waiting run one per idle period, in document order.
 * @param {Element} el
 * @param {() => void} job
 */
function whenNear(el, job) {
  if (typeof IntersectionObserver === "undefined") {
    inOwnTask(job);
    return;
  }
  const run = () => {
    if (!waiting.delete(run)) return;
    watcher?.unobserve(el);
    inOwnTask(job);
  };
  waiting.add(run);
  watcher ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) /** @type {any} */ (entry.target).fhBuild?.();
      }
    },
    { rootMargin: NEAR },
  );
  /** @type {any} */ (el).fhBuild = run;
  watcher.observe(el);
  if (!idleChainStarted) {
    idleChainStarted = true;
    if (document.readyState === "complete") whenIdle(buildNextWaiting);
    else addEventListener("load", () => whenIdle(buildNextWaiting), { once: true });
  }
}

/**
 * How near the window a widget must come before it asks the server for its first answers:
 * a third of a screen (closer than it is built: building costs the reader nothing, asking
 * costs the wire, and a reader who never scrolls there never pays for it).
 */
const ASK_NEAR = "33% 0px";

/** What a reader does to a widget that makes it ask at once, wherever it is. */
const TOUCHES = ["pointerdown", "focusin", "keydown"];

/** @type {IntersectionObserver | null} */
let asker = null;

/**
 * Run `ask` once, when `el` comes near the window or the reader touches it (whichever is
 * first); at once where the browser cannot tell.
 * @param {Element} el
 * @param {() => void} ask
 */
function whenReached(el, ask) {
  if (typeof IntersectionObserver === "undefined") {
    ask();
    return;
  }
  let asked = false;
  const run = () => {
    if (asked) return;
    asked = true;
    asker?.unobserve(el);
    for (const name of TOUCHES) el.removeEventListener(name, run, true);
    ask();
  };
  for (const name of TOUCHES) el.addEventListener(name, run, true);
  asker ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) /** @type {any} */ (entry.target).fhAsk?.();
      }
    },
    { rootMargin: ASK_NEAR },
  );
  /** @type {any} */ (el).fhAsk = run;
  asker.observe(el);
}

/** @param {() => void} job */
function whenIdle(job) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(job, { timeout: 2000 });
  else setTimeout(job, 200);
}

function buildNextWaiting() {
  const next = waiting.values().next();
  if (next.done) {
    idleChainStarted = false;
    return;
  }
  next.value();
  whenIdle(buildNextWaiting);
}

/**
 * The base of every widget element. Subclasses implement build(), pageModel(), attach().
 */
export class FhWidget extends HTMLElement {
  constructor() {
    super();
    /** @type {Model} the anywidget-style model (set by a notebook host before connecting) */
    this.model;
    this.ownsModel = false;
    this.saved = false;
    this.built = false;
    /** @type {Array<[string, (value: any) => void]>} */
    this.subscriptions = [];
    /** @type {import("./playback.js").Playback | undefined} the walk playback (widgets that play a run) */
    this.playback;
    /** @type {import("./readout.js").Readout | undefined} the words under the picture */
    this.readout;
  }

  connectedCallback() {
    if (!this.built) {
      // Each widget is built in a task of its own, so that a page with several widgets
      // never blocks the main thread for long while it starts.
      if (!this.dataset.status) this.dataset.status = "idle";
      if (!this.dataset.step) this.dataset.step = "0";
      const job = () => {
        if (!this.isConnected || this.built) return;
        this.built = true;
        this.classList.add("fh-widget");
        this.build();
        this.connect();
      };
      // A notebook's model, or the first answers the page carries: drawn at once. A page
      // widget that must ask the server first waits until it nears the window (or idleness).
      if (this.model || readSeed(this)) inOwnTask(job);
      else whenNear(this, job);
      return;
    }
    this.connect();
  }

  /** Find the model, subscribe, draw. */
  connect() {
    if (!this.model) {
      const model = this.pageModel();
      if (model) this.model = model;
      this.ownsModel = Boolean(model);
    }
    this.listen("msg:custom", (msg) => this.command(msg));
    this.attach();
    if (this.ownsModel) followLink(this); // the settings a reader shares, in the address
    mountCodePanel(this); // "Show the code", for a widget whose answers carry code
    // A page model asks the server once: a widget that carries its first answers at once
    // (only for inputs that differ from them), any other when the reader comes near it or
    // touches it. A notebook's kernel has already answered by the time the view exists.
    if (this.ownsModel && !this.saved) {
      this.saved = true;
      const ask = () => {
        if (this.isConnected) this.model.save_changes();
      };
      if (readSeed(this)) ask();
      else whenReached(this, ask);
    }
  }

  disconnectedCallback() {
    if (!this.built) return;
    for (const [name, cb] of this.subscriptions) this.model?.off(name, cb);
    this.subscriptions = [];
    this.detach();
  }

  /** Build the light-DOM content once. */
  build() {}

  /**
   * A page model from this element's attributes (page host only; null: the widget has none).
   * @returns {Model | null}
   */
  pageModel() {
    return null;
  }

  /** Subscribe to the model and draw what it already holds. */
  attach() {}

  /** Stop animations and pending words (element removed). */
  detach() {
    this.playback?.cancel();
    this.readout?.cancel();
  }

  /** @returns {string[]} the model's inputs for this widget's tag (contract.js) */
  get inputs() {
    return Object.keys(WIDGETS[this.localName]?.inputs ?? {});
  }

  /** @returns {boolean} whether the model's host refused its settings (error is set) */
  get refused() {
    return Boolean(this.model?.get("error"));
  }

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
    else if (type === "step") this.stepTo(typeof msg?.step === "number" ? msg.step : null);
    else if (type === "pause") this.pause();
    else if (type === "reset") this.reset();
  }

  // A widget that plays a run hands the commands to its playback; others override them.
  go() {
    this.playback?.go();
  }

  step() {
    this.playback?.step();
  }

  /**
   * The kernel's step: it says which step it ends on (`k`), so that however many arrive at
   * once the view ends where the kernel does. From the step before, it is played; from
   * anywhere else (a step still on its way, a walk at its end) the view jumps to the step
   * before and plays the last one.
   * @param {number | null} k
   */
  stepTo(k) {
    const playback = this.playback;
    if (k !== null && playback?.walk && (playback.k !== k - 1 || playback.player.playing)) {
      playback.seek(k - 1);
    }
    this.step();
  }

  pause() {
    this.playback?.pause();
  }

  reset() {
    this.playback?.reset();
  }

  toggle() {
    this.playback?.toggle();
  }
}
