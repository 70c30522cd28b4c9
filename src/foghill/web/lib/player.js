// The animation player: walks through a trajectory that Python already computed, one step
// at a time, tweening between steps at display rate. Like TensorFlow Playground's Player,
// every loop carries a timer index: starting, pausing or resetting bumps the index, and a
// loop that finds itself out of date stops on its own. With prefers-reduced-motion there
// is no tweening: the drawing jumps from step to step at a calm pace.

/** @returns {boolean} */
export function prefersReducedMotion() {
  return typeof matchMedia === "function" && matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * Milliseconds per step: unhurried for a short walk, quicker for a long one, so a walk of
 * any length takes a few seconds.
 * @param {number} n number of steps
 * @returns {number}
 */
export function paceMs(n) {
  return Math.min(380, Math.max(28, 4200 / Math.max(1, n)));
}

/** How long a still frame lasts under reduced motion, and how many still frames at most. */
export const CALM_MS = 420;
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
    /** @type {(n: number) => number} */
    this.pace = paceMs;
  }

  /**
   * A new walk of n steps, at its start.
   * @param {number} n
   */
  load(n) {
    this.cancel();
    this.n = n;
    this.k = 0;
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
    const reduced = prefersReducedMotion();
    const stride = reduced && !single ? Math.max(1, Math.ceil(this.n / CALM_FRAMES)) : 1;
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
        begin(now);
        if (reduced && (this.atEnd || single)) {
          finish(this.atEnd ? "end" : "pause");
          return;
        }
      }
      const duration = reduced ? CALM_MS : this.pace(this.n);
      const u = (now - segStart) / duration;
      if (!reduced) this.hooks.frame(from + (to - from) * ease(Math.min(1, u)));
      if (u >= 1) {
        if (!reduced) this.k = to;
        if (this.atEnd) {
          finish("end");
          return;
        }
        if (single) {
          finish("pause");
          return;
        }
        // Begin the next step in this same frame, carrying the time left over.
        const carry = Math.min(now - segStart - duration, duration);
        begin(now - (reduced ? 0 : carry));
        if (reduced && this.atEnd) {
          finish("end");
          return;
        }
        if (!reduced) {
          const v = (now - segStart) / this.pace(this.n);
          this.hooks.frame(from + (to - from) * ease(Math.min(1, v)));
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }
}
