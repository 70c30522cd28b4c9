// The animation player: walks through a trajectory that Python already computed, one step
// at a time, tweening between steps at display rate. Like TensorFlow Playground's Player,
// every loop carries a timer index: starting, pausing or resetting bumps the index, and a
// loop that finds itself out of date stops on its own. It plays at a speed (speed.js):
// "watch" at the pace the contract measured, "fast" in a share of that time, "instant" jumps
// to the end at once. A reader who prefers reduced motion and still picks a pace sees no
// tweening: the drawing jumps from step to step at a calm pace.

import { PACE } from "./contract.js";

/** @typedef {"watch" | "fast" | "instant"} Speed */

/** @returns {boolean} */
export function prefersReducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * Milliseconds per step of an even walk at "watch": each step of a short walk gets PACE.step_ms,
 * a long walk shares PACE.walk_ms.
 * @param {number} n number of steps
 * @returns {number}
 */
export function paceMs(n) {
  return Math.min(PACE.step_ms, PACE.walk_ms / Math.max(1, n));
}

/**
 * Milliseconds for each step at "watch", from how far it moves on screen: a long hop takes
 * its time, and no step of a short walk passes quicker than an even walk's (so each one is
 * seen); the whole walk ends within PACE.walk_ms.
 * @param {number[]} distances pixels moved by each step
 * @returns {number[]}
 */
export function paceFromDistances(distances) {
  const least = paceMs(distances.length);
  const raw = distances.map((d) => Math.max(least, Math.min(380, 5 + 34 * Math.sqrt(Math.max(0, d)))));
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= PACE.walk_ms) return raw;
  const k = PACE.walk_ms / total;
  return raw.map((v) => Math.max(1, v * k));
}

/**
 * How much of the "watch" time a step takes at a speed (0: no time, the end at once).
 * @param {Speed} speed
 * @returns {number}
 */
export function timeShare(speed) {
  return speed === "watch" ? 1 : speed === "fast" ? PACE.fast_share : 0;
}

/** At most this many steps are finished within one frame (keeps every frame short). */
export const MAX_STEPS_PER_FRAME = 40;

/** How long a still frame lasts under reduced motion, and how many still frames at most. */
export const CALM_MS = 420;

/** How far ahead the first frame of a walk is drawn: one display frame at 60 Hz (ms). */
export const LEAD_MS = 1000 / 60;
export const CALM_FRAMES = 16;

/**
 * @typedef {object} PlayerHooks
 * @property {(t: number) => void} frame draw the walk at (fractional) step t
 * @property {(k: number, from: number) => void} step a step from `from` to `k` begins
 * @property {(reason: "end" | "pause") => void} stop the walk stopped (at its end, or paused)
 */

/** Smooth start and stop within one step, so each step reads as one hop. */
function ease(/** @type {number} */ u) {
  return u < 0.5 ? 2 * u * u : 1 - 2 * (1 - u) * (1 - u);
}

export class Player {
  /** @param {PlayerHooks} hooks */
  constructor(hooks) {
    this.hooks = hooks;
    this.n = 0;
    this.k = 0;
    this.timer = 0;
    this.playing = false;
    /** @type {number[] | null} milliseconds per step at "watch" (index k: into position k+1) */
    this.durations = null;
    /** @type {Speed} how fast a walk plays (it may change while one plays) */
    this.speed = "watch";
  }

  /**
   * How long the step from position k to k+1 takes.
   * @param {number} k
   * @returns {number}
   */
  pace(k) {
    const d = this.durations;
    return (d && k < d.length ? d[k] : paceMs(this.n)) * timeShare(this.speed);
  }

  /**
   * A new walk of n steps, at its start.
   * @param {number} n
   * @param {number[] | null} [durations] milliseconds per step (default: an even pace)
   */
  load(n, durations = null) {
    this.cancel();
    this.n = n;
    this.k = 0;
    this.durations = durations;
  }

  /**
   * Play at another speed: a walk playing goes on at it (at "instant", to its end at once).
   * @param {Speed} speed
   */
  setSpeed(speed) {
    this.speed = speed;
    if (speed === "instant" && this.playing) {
      this.cancel();
      this._run(false);
    }
  }

  /** Stop any running loop without telling anyone (reset, new trajectory). */
  cancel() {
    this.timer += 1;
    this.playing = false;
  }

  /** @returns {boolean} */
  get atEnd() {
    return this.k >= this.n;
  }

  /** Play from the current step to the end. */
  play() {
    if (this.playing || this.atEnd) return;
    this._run(false);
  }

  /** One step, then stop. */
  step() {
    if (this.atEnd) return;
    if (this.playing) this.cancel();
    this._run(true);
  }

  /** Stop where we are. */
  pause() {
    if (!this.playing) return;
    this.cancel();
    this.hooks.frame(this.k);
    this.hooks.stop("pause");
  }

  /**
   * Jump to step k without animation.
   * @param {number} k
   */
  seek(k) {
    this.cancel();
    this.k = Math.max(0, Math.min(this.n, Math.round(k)));
    this.hooks.frame(this.k);
  }

  /** @param {boolean} single */
  _run(single) {
    const id = ++this.timer;
    this.playing = true;
    // At "instant" a walk jumps to its end in one move (one step: no tweening either).
    const instant = this.speed === "instant";
    const reduced = instant || prefersReducedMotion();
    const stride = instant && !single ? this.n : reduced && !single ? Math.max(1, Math.ceil(this.n / CALM_FRAMES)) : 1;
    let segStart = -1;
    let from = this.k;
    let to = this.k;
    /** @param {number} now */
    const begin = (now) => {
      from = this.k;
      to = Math.min(this.n, this.k + stride);
      segStart = now;
      this.hooks.step(to, from);
      if (reduced) {
        this.k = to;
        this.hooks.frame(to);
      }
    };
    /** @param {"end" | "pause"} reason */
    const finish = (reason) => {
      this.playing = false;
      this.timer += 1;
      this.hooks.stop(reason);
    };
    /** @param {number} now */
    const tick = (now) => {
      if (id !== this.timer) return;
      if (segStart < 0) {
        // The first frame after a press already shows the ball on its way (as if the walk
        // had started a frame earlier): one frame sooner to the first visible move.
        begin(reduced ? now : now - LEAD_MS);
        if (reduced && (this.atEnd || single)) {
          finish(this.atEnd ? "end" : "pause");
          return;
        }
      }
      // Finish every step whose time is up (tiny hops can take less than a frame), then draw.
      for (let guard = 0; ; guard++) {
        const duration = reduced ? CALM_MS * Math.max(timeShare(this.speed), 0.25) : this.pace(from);
        const u = (now - segStart) / duration;
        if (u < 1 || guard >= MAX_STEPS_PER_FRAME) {
          if (!reduced) this.hooks.frame(from + (to - from) * ease(Math.min(1, u)));
          break;
        }
        if (!reduced) this.k = to;
        if (this.atEnd || single) {
          if (!reduced) this.hooks.frame(to);
          finish(this.atEnd ? "end" : "pause");
          return;
        }
        begin(reduced ? now : segStart + duration);
        if (reduced) {
          if (this.atEnd) {
            finish("end");
            return;
          }
          break;
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
}
