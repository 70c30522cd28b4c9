// The base of every Foghill widget: finding its model (a notebook's, or one it builds for the
// page from its attributes), listening to it until the element is removed, and the commands a
// kernel sends. When it is built is build-schedule.js's; its buttons are buttons.js's.
// Widgets that play a run add a Playback (playback.js); none computes anything.

import { inOwnTask, whenNear, whenReached } from "./build-schedule.js";
import { mountCodePanel } from "./code-panel.js";
import { WIDGETS } from "./contract.js";
import { followLink } from "./link-state.js";
import { readSeed } from "./page-state.js";

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
