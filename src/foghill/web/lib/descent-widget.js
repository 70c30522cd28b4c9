// The part <fh-hill> and <fh-step-dial> share: a ball walking a trajectory the model's host
// computed, drawn on a HillPlot and played by a Playback, with the state in words.
// Subclasses add their controls and their sentences; render() is the one place that derives
// what is shown in words and controls from the model's current state.

import { stepOfWalk } from "./ending.js";
import { descentFacts } from "./facts.js";
import { PageModel, pageState } from "./page-model.js";
import { HillPlot } from "./hill-plot.js";
import { Playback } from "./playback.js";
import { paceFromDistances } from "./player.js";
import { Readout, refusedWords } from "./readout.js";
import { clamp, htmlEl } from "./svg.js";
import { downhillWords, fmt } from "./format.js";
import { FhWidget } from "./widget.js";
import { closeTo } from "./close.js";
import { descentStep } from "./run-steps.js";

/**
 * Does this trajectory answer the model's current inputs (start, step size, optimizer)?
 * @param {any} traj
 * @param {import("./widget.js").Model} model
 * @returns {boolean}
 */
export function trajectoryMatches(traj, model) {
  if (!traj || !Array.isArray(traj.position) || traj.position.length === 0) return false;
  const start = model.get("start");
  const lr = model.get("learning_rate");
  const first = traj.position[0];
  if (typeof start !== "number" || typeof first !== "number") return false;
  if (!closeTo(first, start) || !closeTo(traj.learning_rate, lr, 1e-6)) return false;
  return traj.optimizer === model.get("optimizer");
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
  constructor() {
    super();
    // Made by buildPlot() and buildReadout(), once, before the model is attached.
    /** @type {HTMLElement} */ this.figure;
    /** @type {HillPlot} */ this.plot;
    /** @type {Playback} */ this.playback;
    /** @type {Readout} */ this.readout;
    /** @type {ResizeObserver} */ this.resizer;
    /** the (fractional) step drawn */
    this.t = 0;
    /** @type {any} the trajectory played (the /api/descend answer), or null */
    this.traj = null;
    /** @type {import("./formula-field.js").FormulaField | null} "Try your own hill", if mounted */
    this.formulaField = null;
    this.lastWidth = 0;
  }

  /**
   * The figure (a resizable HillPlot) and the playback that walks the ball across it.
   * @param {{fog: boolean, label: string}} options
   */
  buildPlot(options) {
    this.figure = htmlEl("div", { class: "fh-canvas" }, "", this);
    this.plot = new HillPlot(this.figure, options);
    this.playback = new Playback(this, {
      draw: (t) => this.drawAt(t),
      say: (now) => this.say(now),
      detail: (k) => this.stepDetail(k),
      current: () => this.ready && trajectoryMatches(this.traj, this.model),
      refused: () => this.refused,
      ask: () => this.model.save_changes(),
      rewind: () => this.clearWalk(),
      leave: (k, done) => this.leave(k, done),
      facts: (k) => this.facts(k),
    });
    this.resizer = new ResizeObserver((entries) => this.resize(entries));
    this.resizer.observe(this.figure);
  }

  /** The sentence, the numbers, the error note, and a polite live region. */
  buildReadout() {
    this.readout = new Readout(this);
    this.readout.describes(this.plot.svg);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    this.fromUrl(state);
    return new PageModel(this.localName, state, { seed });
  }

  /**
   * Page host only: what the address holds besides the model's inputs (link-state.js reads
   * those).
   * @param {Record<string, any>} _state
   */
  fromUrl(_state) {}

  attach() {
    this.listen("change:landscape", () => this.onLandscape());
    this.listen("change:trajectory", () => this.onTrajectory());
    this.listen("change:error", () => this.onError());
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.render());
    this.onLandscape();
    this.onTrajectory();
    if (this.refused) this.onError();
    this.formulaField?.connect();
  }

  detach() {
    this.playback.cancel();
    this.plot.land();
    this.readout.cancel();
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
    if (this.traj) this.render();
    else this.say(true);
    this.dataset.ready = "true";
  }

  /** @param {any} _ls */
  landscapeChanged(_ls) {}

  onTrajectory() {
    const traj = this.model.get("trajectory");
    const fresh = traj && Array.isArray(traj.position) ? traj : null;
    if (this.playback.pending && fresh && !trajectoryMatches(fresh, this.model)) return; // an older answer
    this.traj = fresh;
    const walk = fresh
      ? { steps: fresh.position.length - 1, outcome: fresh.outcome, durations: this.durations(fresh) }
      : null;
    this.playback.load(walk);
  }

  /** The model's error changed: a refusal stops what runs; words and controls follow. */
  onError() {
    if (this.refused) this.playback.halt();
    this.say(true);
    this.playback.retry();
  }

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

  /** Nothing left over from a played walk: the ball back on the map, no trail. */
  clearWalk() {
    this.plot.land();
    delete this.dataset.exit;
    this.plot.clearTrail();
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
   * The step into position k. Under reduced motion one jump spans several steps; the rule
   * is shown for the last single step of it (k-1 to k), where the ball lands.
   * @param {number} k
   * @returns {import("./playback.js").StepDetail}
   */
  stepDetail(k) {
    return descentStep(this.traj, k);
  }

  /**
   * What holds at position k of the walk, for the page's tasks and predictions.
   * @param {number} k
   * @returns {import("./playback.js").Facts}
   */
  facts(k) {
    return descentFacts(this.traj, this.model.get("landscape"), k);
  }

  /**
   * At the end of a walk that flew off: the ball leaves over the edge it was heading for.
   * @param {number} k
   * @param {() => void} done
   * @returns {boolean}
   */
  leave(k, done) {
    const traj = this.traj;
    if (traj?.outcome !== "flew-off") return false;
    const a = this.plot.restingPoint(traj.position[k], traj.loss[k]);
    const dir = exitDirection(traj, k);
    this.dataset.exit = dir > 0 ? "right" : "left";
    this.plot.flyAway(a, dir, this.playback.still, done);
    return true;
  }

  /**
   * The one place that derives what is shown in words and controls from the model's
   * current state (inputs, outputs, error) and the walk's: called on every change of any.
   */
  render() {
    const error = this.model.get("error") || "";
    const traj = this.traj;
    let numbers = "";
    if (traj) {
      const k = Math.min(this.playback.k, traj.position.length - 1);
      const g = traj.gradient[k];
      numbers =
        `${stepOfWalk(k, traj.n_steps, traj.position.length - 1)}: x = ${fmt(traj.position[k])}, ` +
        `height ${fmt(traj.loss[k])}, tilt ${fmt(g)} (${downhillWords(g)}).`;
    }
    this.renderControls(error);
    const sentence = error ? refusedWords(this.ready) : this.sentence(this.playback.status, traj);
    this.readout.show(sentence, numbers, error);
  }

  /**
   * Show the state in words, and speak it.
   * @param {boolean} now at once (else at most every few seconds)
   */
  say(now) {
    this.render();
    this.readout.announce(now);
  }

  /**
   * The subclass's controls, from the model's current state.
   * @param {string} _error the model's error ("" when its settings were accepted)
   */
  renderControls(_error) {}

  /**
   * @param {string} _status
   * @param {any} _traj
   * @returns {string}
   */
  sentence(_status, _traj) {
    return "";
  }
}
