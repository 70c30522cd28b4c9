// A point chosen on a map from above, by pointer or by keyboard: a cross the arrow keys move
// (Shift for bigger moves) and Enter or Space chooses, and a click target over the map.
// <fh-surface> drops its ball with it, <fh-race> starts its race there.

import { fmtVector } from "./format.js";
import { setAttrs, svgEl } from "./svg.js";

/** How long the mouse rests over a point before its walk is asked for ahead (ms). */
const AHEAD_MS = 40;

/**
 * A point rounded to a thousandth of the map's span (asking ahead and choosing then agree).
 * @param {number[]} p
 * @param {number[][]} domain
 * @returns {[number, number]}
 */
export function roundedPoint(p, domain) {
  const r = (/** @type {number} */ v, /** @type {number[]} */ d) => {
    const unit = 10 ** Math.floor(Math.log10((d[1] - d[0]) / 1000));
    return Number((Math.round(v / unit) * unit).toPrecision(12));
  };
  return [r(p[0], domain[0]), r(p[1], domain[1])];
}

/**
 * @typedef {object} CursorHooks
 * @property {(where: string) => string} label the cross's accessible name, for a point
 * @property {(p: [number, number]) => void} chosen a point was chosen (click, Enter)
 * @property {(p: [number, number]) => void} [ahead] a point is likely to be chosen soon: the
 *   mouse rested over it, or a key moved the cross there (ask for its walk ahead of time)
 * @property {(where: string) => string} [said] what to say when a key moves the cross
 */

export class MapCursor {
  /**
   * @param {import("./contour-map.js").ContourMap} map
   * @param {(text: string) => void} say speak (a polite live region)
   * @param {CursorHooks} hooks
   */
  constructor(map, say, hooks) {
    this.map = map;
    this.hooks = hooks;
    this.say = say;
    /** @type {[number, number]} */
    this.point = [0, 0];
    this.hit = svgEl("rect", { class: "fh-hit" }, map.body);
    map.body.insertBefore(this.hit, map.overlay);
    this.el = svgEl("g", { class: "fh-map-cursor", tabindex: "0", role: "button" }, map.svg);
    this.mark = svgEl("path", { class: "fh-map-cursor-mark" }, this.el);
    this.ring = svgEl("circle", { class: "fh-map-cursor-ring", r: 15 }, this.el);
    this.el.style.display = "none";
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
    /** @type {[number, number] | null} where the mouse last rested, asked for ahead */
    this.rested = null;
    this.hit.addEventListener("pointermove", (e) => {
      if (e.pointerType !== "mouse" || !map.contours || !hooks.ahead) return;
      const p = this.rounded(map.fromEvent(e));
      clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.rested = p;
        hooks.ahead?.(p);
      }, AHEAD_MS);
    });
    this.hit.addEventListener("click", (e) => {
      if (!map.contours) return;
      const p = this.rounded(map.fromEvent(e));
      // A click where the mouse rested (the page may have moved a pixel since) chooses
      // exactly the point whose walk was asked for ahead.
      const r = this.rested;
      const near = r && Math.hypot(map.sx(r[0]) - map.sx(p[0]), map.sy(r[1]) - map.sy(p[1])) < 2;
      this.choose(near && r ? r : p);
    });
    this.el.addEventListener("click", () => this.choose(this.point));
    this.el.addEventListener("keydown", (e) => this.onKey(/** @type {KeyboardEvent} */ (e)));
  }

  /**
   * A point chosen: nothing more is asked for ahead.
   * @param {[number, number]} p
   */
  choose(p) {
    clearTimeout(this.timer);
    this.rested = null;
    this.hooks.chosen(p);
  }

  /**
   * @param {number[]} p
   * @returns {[number, number]}
   */
  rounded(p) {
    const c = this.map.contours;
    const q = this.map.inside(p[0], p[1]);
    return c ? roundedPoint(q, c.domain) : q;
  }

  /** Fit the click target to the map (after a resize or new contours). */
  layout() {
    const a = this.map.area;
    setAttrs(this.hit, { x: a.left, y: a.top, width: a.right - a.left, height: a.bottom - a.top });
    if (this.map.contours) this.el.style.display = "";
    this.moveTo(this.point);
  }

  /**
   * Put the cross at p (inside the map).
   * @param {number[]} p
   */
  moveTo(p) {
    if (!this.map.contours) return;
    this.point = this.map.inside(p[0], p[1]);
    const [X, Y] = this.map.toView(...this.point);
    this.mark.setAttribute(
      "d",
      `M${X - 11},${Y}H${X - 4}M${X + 4},${Y}H${X + 11}M${X},${Y - 11}V${Y - 4}M${X},${Y + 4}V${Y + 11}`,
    );
    setAttrs(this.ring, { cx: X, cy: Y });
    this.el.setAttribute("aria-label", this.hooks.label(fmtVector(this.point)));
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const c = this.map.contours;
    if (!c) return;
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      this.choose(this.point);
      return;
    }
    const [[xlo, xhi], [ylo, yhi]] = c.domain;
    const f = e.shiftKey ? 0.1 : 0.025;
    const moves = /** @type {Record<string, [number, number]>} */ ({
      ArrowLeft: [-(xhi - xlo) * f, 0],
      ArrowRight: [(xhi - xlo) * f, 0],
      ArrowUp: [0, (yhi - ylo) * f],
      ArrowDown: [0, -(yhi - ylo) * f],
    });
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    this.moveTo(this.rounded([this.point[0] + move[0], this.point[1] + move[1]]));
    this.say(`${this.hooks.said?.(fmtVector(this.point)) ?? fmtVector(this.point)}`);
    this.hooks.ahead?.(this.point);
  }
}
