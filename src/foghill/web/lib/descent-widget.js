// The part <fh-hill> and <fh-step-dial> share: a ball walking a trajectory the model's host
// computed, drawn on a HillPlot, with play / step / pause / reset, the fh-step event and the
// state in words. Subclasses add their controls and their sentences.

import { descentStateFromAttributes, LANDSCAPE_INPUTS, PageModel } from "./page-model.js";
import { HillPlot } from "./hill-plot.js";
import { paceFromDistances, Player, prefersReducedMotion } from "./player.js";
import { clamp, htmlEl } from "./svg.js";
import { downhillWords, fmt, plural } from "./format.js";
import { Announcer, FhWidget } from "./widget.js";

/**
 * Does this trajectory answer the model's current inputs (start, step size, optimizer)?
 * @param {any} traj
 * @param {any} model
 * @returns {boolean}
 */
export function trajectoryMatches(traj, model) {
  if (!traj || !Array.isArray(traj.position) || traj.position.length === 0) return false;
  const start = model.get("start");
  const lr = model.get("learning_rate");
  const first = traj.position[0];
  if (typeof start !== "number" || typeof first !== "number") return false;
  if (Math.abs(first - start) > 1e-9 * Math.max(1, Math.abs(start))) return false;
  if (Math.abs(traj.learning_rate - lr) > 1e-9 * Math.max(1e-6, Math.abs(lr))) return false;
  return (traj.optimizer || "gd") === (model.get("optimizer") || "gd");
}

/**
 * The deepest valley of a landscape, or null.
 * @param {any} landscape
 * @returns {{x: number, loss: number} | null}
 */
export function deepestValley(landscape) {
  const minima = landscape?.minima || [];
  return minima.find((/** @type {any} */ m) => m.deepest) || null;
}

/**
 * Which way the ball leaves the map from stored position k, the last one: the escaping step
 * is not stored, but it goes against the tilt there (exactly so for plain gradient descent,
 * and the best guess we have for the other optimizers). With no tilt, the last step's way.
 * @param {any} traj
 * @param {number} k
 * @returns {1 | -1} +1 off the right edge, -1 off the left
 */
export function exitDirection(traj, k) {
  const g = traj.gradient[k];
  if (typeof g === "number" && g !== 0) return g < 0 ? 1 : -1;
  const last = k > 0 ? traj.position[k] - traj.position[k - 1] : 0;
  return last >= 0 ? 1 : -1;
}

export class DescentWidget extends FhWidget {
  /**
   * The figure: a resizable HillPlot.
   * @param {{fog: boolean, label: string}} options
   */
  buildPlot(options) {
    this.figure = htmlEl("div", { class: "fh-canvas" }, "", this);
    this.plot = new HillPlot(this.figure, options);
    this.t = 0;
    /** @type {any} */
    this.traj = null;
    /** @type {"" | "go" | "step"} */
    this.pending = "";
    this.lastWidth = 0;
    this.player = new Player({
      frame: (t) => this.drawAt(t),
      step: (k, from) => this.onStep(k, from),
      stop: (reason) => this.onStop(reason),
    });
    this.resizer = new ResizeObserver((entries) => this.resize(entries));
    this.resizer.observe(this.figure);
  }

  /** The sentence, the numbers, and a polite live region for screen readers. */
  buildReadout() {
    const readout = htmlEl("div", { class: "fh-readout" }, "", this);
    this.message = htmlEl("p", { class: "fh-message" }, "", readout);
    this.numbers = htmlEl("p", { class: "fh-numbers" }, "", readout);
    const live = htmlEl("p", { class: "fh-live fh-sr-only", "aria-live": "polite" }, "", readout);
    this.announcer = new Announcer(live);
    this.errorBox = htmlEl("p", { class: "fh-error", role: "alert" }, "", this);
    this.errorBox.hidden = true;
  }

  pageModel() {
    const state = descentStateFromAttributes(this);
    this.fromUrl(state);
    return new PageModel("descent", state, { landscapeInputs: this.landscapeInputs() });
  }

  /**
   * The inputs whose change asks the page's server for the landscape again.
   * @returns {string[]}
   */
  landscapeInputs() {
    return LANDSCAPE_INPUTS;
  }

  /**
   * Page host only: override the attribute state with what the address holds.
   * @param {Record<string, any>} _state
   */
  fromUrl(_state) {}

  attach() {
    this.listen("change:landscape", () => this.onLandscape());
    this.listen("change:trajectory", () => this.onTrajectory());
    this.listen("change:error", () => this.showError());
    this.onLandscape();
    this.onTrajectory();
    this.showError();
  }

  detach() {
    this.player.cancel();
    this.plot.land();
  }

  get ready() {
    return Boolean(this.plot.landscape);
  }

  /**
   * @param {number} width
   * @returns {number}
   */
  plotHeight(width) {
    return clamp(width * 0.5, 250, 420);
  }

  /** @param {ResizeObserverEntry[]} [entries] */
  resize(entries) {
    const width = entries?.[entries.length - 1]?.contentRect.width || this.figure.clientWidth;
    if (!width || Math.abs(width - this.lastWidth) < 1) return;
    this.lastWidth = width;
    this.plot.setSize(width, this.plotHeight(width));
    this.layout();
    this.drawAt(this.t);
  }

  /** Place subclass overlays after a resize or a new landscape. */
  layout() {}

  onLandscape() {
    const ls = this.model.get("landscape");
    if (!ls || !Array.isArray(ls.domain)) return;
    this.plot.setLandscape(ls);
    this.landscapeChanged(ls);
    this.layout();
    this.drawAt(this.t);
    if (!this.traj) this.say(true);
    this.dataset.ready = "true";
  }

  /** @param {any} _ls */
  landscapeChanged(_ls) {}

  onTrajectory() {
    const traj = this.model.get("trajectory");
    const fresh = traj && Array.isArray(traj.position) ? traj : null;
    if (this.pending && fresh && !trajectoryMatches(fresh, this.model)) return; // an older answer
    this.traj = fresh;
    this.player.load(fresh ? fresh.position.length - 1 : 0, fresh ? this.durations(fresh) : null);
    this.plot.land();
    delete this.dataset.exit;
    this.plot.clearTrail();
    this.t = 0;
    this.setStep(0);
    this.trajectoryChanged();
    if (fresh && this.pending) {
      const what = this.pending;
      this.pending = "";
      this.drawAt(0);
      if (what === "step") this.step();
      else this.go();
      return;
    }
    if (!this.pending) this.setStatus("idle");
    this.drawAt(0);
    this.say(true);
  }

  trajectoryChanged() {}

  /**
   * How long each hop should take, from how far it moves on screen.
   * @param {any} traj
   * @returns {number[] | null}
   */
  durations(traj) {
    const plot = this.plot;
    if (!plot.landscape) return null;
    const { position: p, loss } = traj;
    const out = [];
    for (let k = 0; k + 1 < p.length; k++) {
      out.push(Math.hypot(plot.sx(p[k + 1]) - plot.sx(p[k]), plot.sy(loss[k + 1]) - plot.sy(loss[k])));
    }
    return paceFromDistances(out);
  }

  /** Back to the first position of the current walk. */
  restart() {
    this.player.seek(0);
    this.plot.land();
    delete this.dataset.exit;
    this.plot.clearTrail();
    this.setStep(0);
  }

  /**
   * Can we play the walk the model holds? If not, ask for it and remember what to do.
   * @param {"go" | "step"} what
   * @returns {boolean}
   */
  readyToPlay(what) {
    if (this.ready && trajectoryMatches(this.traj, this.model)) return true;
    this.pending = what;
    this.setStatus("running");
    this.model.save_changes();
    return false;
  }

  go() {
    if (!this.readyToPlay("go")) return;
    if (this.player.atEnd) this.restart();
    if (this.player.n === 0) {
      this.onStop("end");
      return;
    }
    this.setStatus("running");
    this.say(true);
    this.player.play();
  }

  step() {
    if (!this.readyToPlay("step")) return;
    if (this.player.atEnd) this.restart();
    if (this.player.n === 0) {
      this.onStop("end");
      return;
    }
    this.setStatus("running");
    this.player.step();
  }

  pause() {
    if (this.pending) {
      this.pending = "";
      this.setStatus("idle");
    }
    if (this.player.playing) this.player.pause();
  }

  reset() {
    this.pending = "";
    this.player.cancel();
    this.restart();
    this.t = 0;
    this.setStatus("idle");
    this.drawAt(0);
    this.say(true);
  }

  /**
   * Draw the walk at fractional step t (between two steps the ball is in the air).
   * @param {number} t
   */
  drawAt(t) {
    this.t = t;
    const plot = this.plot;
    const traj = this.traj;
    if (!plot.landscape) return;
    if (!traj) {
      plot.hideBall();
      plot.setStepText("");
      return;
    }
    const pos = traj.position;
    const loss = traj.loss;
    const grad = traj.gradient;
    const last = pos.length - 1;
    const i = Math.min(last, Math.floor(t));
    const u = t - i;
    const a = plot.restingPoint(pos[i], loss[i]);
    if (u > 0 && i < last) {
      plot.hop(a, plot.restingPoint(pos[i + 1], loss[i + 1]), u);
    } else {
      plot.placeBall(a.x, a.y);
    }
    plot.drawTangent(pos[i], loss[i], grad[i]);
    plot.drawTrail(pos, loss, i);
    plot.setStepText(i === 0 ? "start" : `step ${i}`);
  }

  /**
   * A jump from `from` to k begins. Under reduced motion one jump spans several steps; the
   * rule is shown for the last single step of it (k-1 to k), where the ball lands.
   * @param {number} k
   * @param {number} _from
   */
  onStep(k, _from) {
    const traj = this.traj;
    const j = Math.max(0, k - 1);
    this.setStep(k);
    this.emitStep({
      theta: traj.position[j],
      eta: traj.learning_rate,
      grad: traj.gradient[j],
      next: traj.position[k],
      loss: traj.loss[j],
      step: k,
      optimizer: traj.optimizer || "gd",
    });
    this.say(false);
  }

  /** @param {"end" | "pause"} reason */
  onStop(reason) {
    const traj = this.traj;
    if (!traj) return;
    if (reason === "pause") {
      this.setStatus("paused");
      this.say(true);
      return;
    }
    if (traj.outcome === "flew-off") {
      const k = this.player.k;
      const a = this.plot.restingPoint(traj.position[k], traj.loss[k]);
      const dir = exitDirection(traj, k);
      this.dataset.exit = dir > 0 ? "right" : "left";
      this.plot.flyAway(a, dir, prefersReducedMotion(), () => this.finish());
      return;
    }
    this.finish();
  }

  finish() {
    this.setStatus(this.traj.outcome);
    this.setStep(this.player.k);
    this.say(true);
  }

  /**
   * The state in words: a sentence and the numbers where the ball stands.
   * @param {boolean} now say it immediately (else at most every few seconds)
   */
  say(now) {
    const traj = this.traj;
    const status = this.dataset.status || "idle";
    let numbers = "";
    if (traj) {
      const k = Math.min(this.player.k, traj.position.length - 1);
      const g = traj.gradient[k];
      numbers =
        `Step ${k} of ${traj.n_steps}: x = ${fmt(traj.position[k])}, ` +
        `height ${fmt(traj.loss[k])}, tilt ${fmt(g)} (${downhillWords(g)}).`;
    }
    const sentence = this.sentence(status, traj);
    if (this.message.textContent !== sentence) this.message.textContent = sentence;
    if (this.numbers.textContent !== numbers) this.numbers.textContent = numbers;
    this.announcer?.say(`${sentence} ${numbers}`.trim(), now);
  }

  /**
   * @param {string} _status
   * @param {any} _traj
   * @returns {string}
   */
  sentence(_status, _traj) {
    return "";
  }

  /**
   * Where the walk ended, in words ("in the deepest valley, at x = …").
   * @param {any} traj
   * @returns {string}
   */
  valleyWords(traj) {
    const valley = traj?.valley;
    if (!valley) return "";
    if (valley.deepest) return ` in the deepest valley, at x = ${fmt(valley.x)}`;
    const deepest = deepestValley(this.model.get("landscape"));
    const other = deepest
      ? ` The deepest valley lies at x = ${fmt(deepest.x)}, beyond a rise the ball never felt`
      : "";
    return ` in a side valley at x = ${fmt(valley.x)}, not the lowest ground.${other}`;
  }

  /**
   * @param {number} k
   * @returns {string}
   */
  pausedWords(k) {
    return `Paused after ${plural(k)}. Play goes on; Step takes one more.`;
  }
}
