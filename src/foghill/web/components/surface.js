// <fh-surface>: a 2-D surface seen from above. Click or tap the map (or move the drop cursor
// with the arrow keys and press Enter) to drop the ball; it walks downhill one step at a
// time, the arrow at the ball pointing the way down. Fog hides the map except where the ball
// has stood, until the reader lifts it; then the valley floors are marked. Every number comes
// from the model (the server on the page, the kernel in a notebook).

import { ContourMap } from "../lib/contour-map.js";
import { closeTo } from "../lib/close.js";
import { MapFog } from "../lib/fog.js";
import { MapCursor } from "../lib/map-cursor.js";
import { liftedWords, mapStepWords, surfaceWords } from "../lib/map-words.js";
import { PageModel, pageState } from "../lib/page-model.js";
import { Playback } from "../lib/playback.js";
import { paceFromDistances } from "../lib/player.js";
import { Readout, refusedWords } from "../lib/readout.js";
import { clamp, htmlEl, setAttrs, svgEl } from "../lib/svg.js";
import { readParam, stateKey, writeParam } from "../lib/url-state.js";
import { button, makeControls } from "../lib/buttons.js";
import { FhWidget } from "../lib/widget.js";
import { descentStep } from "../lib/run-steps.js";

/** Length of the downhill arrow at the ball, in pixels. */
const ARROW = 30;
/** A tilt smaller than this is flat ground: no arrow (as the words say, map-words.js). */
const FLAT = 5e-4;

/**
 * Does this walk answer the model's current inputs (start, step size, optimizer)?
 * @param {any} traj
 * @param {import("../lib/widget.js").Model} model
 * @returns {boolean}
 */
export function walkMatches(traj, model) {
  const start = model.get("start");
  const first = traj?.position?.[0];
  if (!Array.isArray(start) || !Array.isArray(first)) return false;
  return (
    closeTo(first[0], start[0]) &&
    closeTo(first[1], start[1]) &&
    closeTo(traj.learning_rate, model.get("learning_rate")) &&
    traj.optimizer === model.get("optimizer")
  );
}

export class FhSurface extends FhWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {HTMLElement} */ this.figure;
    /** @type {ContourMap} */ this.map;
    /** @type {MapFog} */ this.fog;
    /** @type {Playback} */ this.playback;
    /** @type {Readout} */ this.readout;
    /** @type {SVGElement} */ this.trail;
    /** @type {SVGElement} */ this.trailHalo;
    /** @type {SVGElement} */ this.ball;
    /** @type {SVGElement} */ this.arrow;
    /** @type {MapCursor} */ this.cursor;
    /** @type {HTMLButtonElement} */ this.fogButton;
    /** @type {ResizeObserver} */ this.resizer;
    /** @type {any} the walk played (the /api/descend answer), or null */
    this.traj = null;
    /** @type {any} the contours shown */
    this.contours = null;
    this.t = 0;
    /** the last position whose fog patch is cleared */
    this.fogUpTo = -1;
    this.lastWidth = 0;
  }

  build() {
    this.replaceChildren();
    this.figure = htmlEl("div", { class: "fh-canvas" }, "", this);
    this.map = new ContourMap(this.figure, { label: "The surface seen from above" });
    this.fog = new MapFog(this.map);
    const overlay = this.map.overlay;
    this.trailHalo = svgEl("path", { class: "fh-walk-halo" }, overlay);
    this.trail = svgEl("path", { class: "fh-walk" }, overlay);
    this.arrow = svgEl("path", { class: "fh-map-arrow" }, overlay);
    this.ball = svgEl("circle", { class: "fh-map-ball", r: 7 }, overlay);

    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    const controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "Ball on the surface",
    );
    this.fogButton = button("Lift the fog", "fh-btn-fog", bar);
    this.fogButton.setAttribute("aria-pressed", "false");
    this.fogButton.addEventListener("click", () => this.setFog(!this.fog.lifted, true));
    this.readout = new Readout(this);
    this.readout.describes(this.map.svg);
    this.cursor = new MapCursor(this.map, (text) => this.readout.say(text), {
      label: (where) => `Drop the ball at ${where}. Arrow keys move this point; Enter drops.`,
      said: (where) => `Drop point at ${where}.`,
      chosen: (p) => this.dropAt(p),
      ahead: (start) => this.model.prefetch?.({ start }),
    });
    this.playback = new Playback(this, {
      draw: (t) => this.drawAt(t),
      say: (now) => this.say(now),
      detail: (k) => this.detail(k),
      current: () => Boolean(this.contours) && walkMatches(this.traj, this.model),
      refused: () => this.refused,
      ask: () => this.model.save_changes(),
      rewind: () => {
        this.fog.clear();
        this.fogUpTo = -1;
      },
    });
    this.playback.playButton = controls.play;
    this.setFog(false, false);

    this.resizer = new ResizeObserver((entries) => this.resize(entries));
    this.resizer.observe(this.figure);
  }

  pageModel() {
    const { state, seed } = pageState(this);
    if (readParam(stateKey(this, "fog")) === "lifted") this.setFog(true, false);
    return new PageModel(this.localName, state, { seed });
  }

  attach() {
    this.listen("change:contours", () => this.onContours());
    this.listen("change:trajectory", () => this.onTrajectory());
    this.listen("change:error", () => {
      if (this.refused) this.playback.halt();
      this.say(true);
      this.playback.retry();
    });
    for (const key of this.inputs) this.listen(`change:${key}`, () => this.render());
    this.onContours();
    this.onTrajectory();
  }

  /** @param {ResizeObserverEntry[]} entries */
  resize(entries) {
    const width = entries[entries.length - 1]?.contentRect.width || this.figure.clientWidth;
    if (!width || Math.abs(width - this.lastWidth) < 1) return;
    this.lastWidth = width;
    this.map.setSize(width, clamp(width * 0.72, 280, 520));
    this.layout();
  }

  layout() {
    this.fog.layout();
    this.cursor.layout();
    this.drawAt(this.t);
  }

  onContours() {
    const c = this.model.get("contours");
    if (!c || !Array.isArray(c.domain)) return;
    this.contours = c;
    this.map.setContours(c);
    const start = this.model.get("start");
    const p = Array.isArray(start) ? start : c.start;
    this.cursor.point = this.map.inside(p[0], p[1]);
    this.fog.clear();
    this.fogUpTo = -1;
    this.layout();
    this.dataset.ready = "true";
    if (this.traj) this.onTrajectory();
    else this.say(true);
  }

  onTrajectory() {
    const traj = this.model.get("trajectory");
    const fresh = traj && Array.isArray(traj.position) ? traj : null;
    if (this.playback.pending && fresh && !walkMatches(fresh, this.model)) return; // an older answer
    this.traj = fresh;
    if (fresh) this.cursor.moveTo(fresh.position[0]);
    this.playback.load(
      fresh ? { steps: fresh.position.length - 1, outcome: fresh.outcome, durations: this.durations(fresh) } : null,
    );
  }

  /**
   * @param {any} traj
   * @returns {number[] | null} milliseconds per hop, from how far it moves on screen
   */
  durations(traj) {
    if (!this.contours) return null;
    const p = traj.position.map((/** @type {number[]} */ q) => this.map.toView(q[0], q[1]));
    const out = [];
    for (let k = 0; k + 1 < p.length; k++) out.push(Math.hypot(p[k + 1][0] - p[k][0], p[k + 1][1] - p[k][1]));
    return paceFromDistances(out);
  }

  /**
   * Drop the ball at p and let it walk (the walk is computed by the model's host).
   * @param {number[]} p
   */
  dropAt(p) {
    if (!this.contours) return;
    const start = this.cursor.rounded(p);
    const playback = this.playback;
    playback.cancel();
    this.cursor.moveTo(start);
    playback.pending = "go";
    this.model.set("start", start);
    this.model.save_changes();
    if (!playback.pending) return; // answered at once: walking
    if (walkMatches(this.traj, this.model)) {
      playback.pending = "";
      playback.restart();
      playback.go();
      return;
    }
    playback.setStatus("running");
    playback.setStep(0);
    this.fog.clear();
    this.fogUpTo = -1;
    this.trail.setAttribute("d", "");
    this.trailHalo.setAttribute("d", "");
    this.arrow.setAttribute("d", "");
    const [X, Y] = this.map.toView(start[0], start[1]);
    setAttrs(this.ball, { cx: X, cy: Y });
    this.ball.style.display = "";
  }

  go() {
    if (this.contours && !Array.isArray(this.model.get("start"))) this.dropAt(this.cursor.point);
    else this.playback.go();
  }

  /** Play without a drop walks from where the cursor stands (the map's own start). */
  toggle() {
    if (this.playback.status === "running") this.playback.pause();
    else this.go();
  }

  step() {
    if (this.contours && !Array.isArray(this.model.get("start"))) {
      this.dropAt(this.cursor.point);
      this.playback.pending = "step";
    } else this.playback.step();
  }

  /**
   * @param {boolean} lifted
   * @param {boolean} remember write it to the address
   */
  setFog(lifted, remember) {
    this.fog.setLifted(lifted);
    this.map.setMinimaShown(lifted);
    this.fogButton.setAttribute("aria-pressed", String(lifted));
    this.dataset.fog = lifted ? "lifted" : "down";
    if (remember && this.ownsModel) writeParam(stateKey(this, "fog"), lifted ? "lifted" : null);
    if (remember)
      this.readout.say(
        lifted ? liftedWords(this.contours) : "The fog is back: only where the ball has stood is clear.",
      );
  }

  /**
   * Draw the walk at fractional step t: trail, ball, the downhill arrow, the cleared fog.
   * @param {number} t
   */
  drawAt(t) {
    this.t = t;
    const traj = this.traj;
    if (!traj || !this.contours) {
      this.ball.style.display = "none";
      this.arrow.setAttribute("d", "");
      return;
    }
    const pos = traj.position;
    const last = pos.length - 1;
    const i = Math.min(last, Math.floor(t));
    const u = Math.min(1, t - i);
    const a = this.map.toView(pos[i][0], pos[i][1]);
    const b = i < last ? this.map.toView(pos[i + 1][0], pos[i + 1][1]) : a;
    const X = a[0] + (b[0] - a[0]) * u;
    const Y = a[1] + (b[1] - a[1]) * u;
    const d = this.map.walkD(pos, i) + (u > 0 ? `L${X.toFixed(1)},${Y.toFixed(1)}` : "");
    this.trail.setAttribute("d", d);
    this.trailHalo.setAttribute("d", d);
    this.ball.style.display = "";
    setAttrs(this.ball, { cx: X, cy: Y });
    for (let k = this.fogUpTo + 1; k <= i; k++) this.fog.reveal(pos[k][0], pos[k][1]);
    this.fogUpTo = Math.max(this.fogUpTo, i);
    // The way down where the ball stands: against the tilt, drawn in the map's pixels.
    const [gx, gy] = traj.gradient[i];
    const dx = -gx * this.map.sx.k;
    const dy = -gy * this.map.sy.k;
    const len = Math.hypot(dx, dy);
    if (u === 0 && Math.hypot(gx, gy) > FLAT && len > 0) {
      const ex = a[0] + (dx / len) * ARROW;
      const ey = a[1] + (dy / len) * ARROW;
      const hx = (-dx / len) * 7;
      const hy = (-dy / len) * 7;
      this.arrow.setAttribute(
        "d",
        `M${a[0].toFixed(1)},${a[1].toFixed(1)}L${ex.toFixed(1)},${ey.toFixed(1)}` +
          `M${(ex + hx - hy * 0.6).toFixed(1)},${(ey + hy + hx * 0.6).toFixed(1)}L${ex.toFixed(1)},${ey.toFixed(1)}` +
          `L${(ex + hx + hy * 0.6).toFixed(1)},${(ey + hy - hx * 0.6).toFixed(1)}`,
      );
    } else {
      this.arrow.setAttribute("d", "");
    }
  }

  /**
   * The step into position k, for <fh-rule> (numbers in 2-D are pairs).
   * @param {number} k
   * @returns {import("../lib/playback.js").StepDetail}
   */
  detail(k) {
    return descentStep(this.traj, k);
  }

  /** The one place that derives the words from the model's state and the walk's. */
  render() {
    const error = this.model.get("error") || "";
    const traj = this.traj;
    const numbers = traj && !error ? mapStepWords(traj, this.playback.k) : "";
    const sentence = error ? refusedWords(Boolean(this.contours)) : this.sentence(this.playback.status, traj);
    this.readout.show(sentence, numbers, error);
  }

  /** @param {boolean} now */
  say(now) {
    this.render();
    this.readout.announce(now);
  }

  /**
   * @param {string} status
   * @param {any} traj
   * @returns {string}
   */
  sentence(status, traj) {
    return surfaceWords(status, traj, this.contours, this.playback.k);
  }
}

if (!customElements.get("fh-surface")) customElements.define("fh-surface", FhSurface);
