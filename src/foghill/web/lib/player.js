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

/** The longest a whole walk may take when every hop gets its natural duration (ms). */
export const WALK_MAX_MS = 6500;

/**
 * Milliseconds for each step from how far it moves on screen: a long hop takes its time, a
 * hop too small to see passes in about a frame. Capped so that a walk ends within seconds.
 * @param {number[]} distances pixels moved by each step
 * @returns {number[]}
 */
export function paceFromDistances(distances) {
  const raw = distances.map((d) => Math.min(380, 5 + 34 * Math.sqrt(Math.max(0, d))));
  const total = raw.reduce((a, b) => a + b, 0);
  if (total <= WALK_MAX_MS) return raw;
  const k = WALK_MAX_MS / total;
  return raw.map((v) => Math.max(4, v * k));
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
    /** @type {number[] | null} milliseconds per step (index k: the step into position k+1) */
    this.durations = null;
  }

  /**
   * How long the step from position k to k+1 takes.
   * @param {number} k
   * @returns {number}
   */
  pace(k) {
    const d = this.durations;
    return d && k < d.length ? d[k] : paceMs(this.n);
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
        const duration = reduced ? CALM_MS : this.pace(from);
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
