// Drawing a 1-D hill from the side: the curve the server sampled, a ball that hops from one
// computed position to the next, the tangent (the tilt) where the ball stands, its trail,
// and optionally a fog that covers everything but a clear window around the ball.
// Nothing here computes a descent: positions, heights and tilts all come from Python.

import { definedRuns, interpolate, nearestDefinedX } from "./curve.js";
import { heightView } from "./height-view.js";
import { HillFog } from "./hill-fog.js";
import { linearScale, pathThrough, setAttrs, svgEl, ticks, uid } from "./svg.js";
import { fmt } from "./format.js";
import { placeInRows } from "./label-place.js";

/** A valley name's row height and about how wide one of its characters is (12 px), in px. */
const VALLEY_ROW = 14;
const VALLEY_CHAR = 6.6;

export const BALL_R = 9;
const TANGENT_HALF = 38;

/** @typedef {import("./curve.js").Landscape} Landscape */

export class HillPlot {
  /**
   * @param {HTMLElement} parent
   * @param {{fog?: boolean, label?: string}} [options]
   */
  constructor(parent, options = {}) {
    this.hasFog = Boolean(options.fog);
    this.fogLifted = false;
    this.width = 720;
    this.height = 330;
    this.margin = { top: 50, right: 18, bottom: 30, left: 18 };
    /** @type {Landscape | null} */
    this.landscape = null;
    this.sx = linearScale(0, 1, 0, 1);
    /** @type {(h: number) => number} d(warped height)/d(height) at h (1 where drawn true to scale) */
    this.warpSlope = () => 1;
    /** @type {((h: number) => number) & {k: number}} */
    this.sy = linearScale(0, 1, 0, 1);
    const id = uid("fh");
    /** @type {Record<"ground" | "clear" | "mask" | "fog" | "clip", string>} */
    this.ids = {
      ground: `${id}-ground`,
      clear: `${id}-clear`,
      mask: `${id}-mask`,
      fog: `${id}-fog`,
      clip: `${id}-clip`,
    };

    const svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-plot", role: "group", "aria-label": options.label || "A hill" }, parent)
    );
    this.svg = svg;
    const defs = svgEl("defs", {}, svg);
    const ground = svgEl("linearGradient", { id: this.ids.ground, x1: 0, y1: 0, x2: 0, y2: 1 }, defs);
    svgEl("stop", { offset: "0", class: "fh-ground-top" }, ground);
    svgEl("stop", { offset: "1", class: "fh-ground-bottom" }, ground);
    this.clipRect = svgEl("rect", {}, svgEl("clipPath", { id: this.ids.clip }, defs));

    this.axis = svgEl("g", { class: "fh-axis", "aria-hidden": "true" }, svg);
    this.body = svgEl("g", { "clip-path": `url(#${this.ids.clip})` }, svg);
    this.groundPath = svgEl("path", { class: "fh-ground", fill: `url(#${this.ids.ground})` }, this.body);
    this.curvePath = svgEl("path", { class: "fh-curve" }, this.body);
    this.valleys = svgEl("g", { class: "fh-valleys", "aria-hidden": "true" }, svg);
    this.trail = svgEl("g", { class: "fh-trail", "aria-hidden": "true" }, this.body);
    this.trailPath = svgEl("path", { class: "fh-trail-line" }, this.trail);
    this.trailDots = svgEl("g", { class: "fh-trail-dots" }, this.trail);

    /** @type {HillFog | null} */
    this.fog = this.hasFog ? new HillFog(svg, defs, this.ids) : null;
    /** the fog's clear window around the ball, when there is a fog */
    this.fogWindow = this.fog ? this.fog.window : null;

    this.tangent = svgEl("g", { class: "fh-tangent", "aria-hidden": "true" }, svg);
    this.tangentLine = svgEl("line", {}, this.tangent);
    this.downhill = svgEl("path", { class: "fh-downhill" }, this.tangent);
    this.ball = svgEl("circle", { class: "fh-ball", r: BALL_R, "aria-hidden": "true" }, svg);
    this.stepText = svgEl("text", { class: "fh-stepcount", "aria-hidden": "true" }, svg);
    this.offMap = svgEl("text", { class: "fh-offmap", "aria-hidden": "true" }, svg);
    this.offMap.style.display = "none";
    this.flyToken = 0;
    this.hideBall();
  }

  /**
   * @param {number} width
   * @param {number} height
   */
  setSize(width, height) {
    this.width = Math.max(200, Math.round(width));
    this.height = Math.max(160, Math.round(height));
    this.margin.left = this.margin.right = this.width < 480 ? 10 : 18;
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    this.redraw();
  }

  /** @param {Landscape | null} landscape */
  setLandscape(landscape) {
    this.landscape = landscape;
    this.redraw();
  }

  /** Recompute scales and draw the static parts (curve, axis, fog, valleys). */
  redraw() {
    const { width: W, height: H, margin: m } = this;
    setAttrs(this.clipRect, { x: 0, y: 0, width: W, height: H - m.bottom });
    const ls = this.landscape;
    if (!ls) return;
    const xs = ls.curve.x;
    const ys = ls.curve.y;
    const [lo, hi] = ls.domain;
    // Undefined heights (null) are left out of the range and break the curve.
    const view = heightView(ls);
    let [ymin, ymax] = [view.lo, view.warp(view.hi)];
    const pad = (ymax - ymin || 1) * 0.08;
    ymin -= pad * 1.5;
    ymax += pad * 0.5;
    this.sx = linearScale(lo, hi, m.left, W - m.right);
    const lin = linearScale(ymin, ymax, H - m.bottom, m.top);
    this.sy = Object.assign((/** @type {number} */ h) => lin(view.warp(h)), { k: lin.k });
    this.warpSlope = view.slope;
    const base = H - m.bottom;
    let line = "";
    let ground = "";
    for (const [a, b] of definedRuns(ys)) {
      const px = xs.slice(a, b + 1).map(this.sx);
      const py = /** @type {number[]} */ (ys.slice(a, b + 1)).map(this.sy);
      const piece = pathThrough(px, py);
      line += piece;
      ground += `${piece}L${px[px.length - 1]},${base}L${px[0]},${base}Z`;
    }
    this.curvePath.setAttribute("d", line);
    this.groundPath.setAttribute("d", ground);
    this.drawAxis(lo, hi);
    this.drawValleys();
    this.fog?.layout(W, H, m.bottom);
  }

  /**
   * @param {number} lo
   * @param {number} hi
   */
  drawAxis(lo, hi) {
    const g = this.axis;
    g.replaceChildren();
    const base = this.height - this.margin.bottom;
    svgEl("line", { class: "fh-axis-line", x1: this.sx(lo), x2: this.sx(hi), y1: base, y2: base }, g);
    const count = this.width < 480 ? 4 : 8;
    for (const t of ticks(lo, hi, count)) {
      const x = this.sx(t);
      svgEl("line", { class: "fh-tick", x1: x, x2: x, y1: base, y2: base + 5 }, g);
      const label = svgEl("text", { class: "fh-tick-label", x, y: base + 19 }, g);
      label.textContent = fmt(t, Number.isInteger(t) ? 0 : 1);
    }
  }

  drawValleys() {
    const g = this.valleys;
    g.replaceChildren();
    const ls = this.landscape;
    if (!ls || ls.minima.length < 2) return; // one valley needs no name
    const base = this.height - this.margin.bottom;
    // The deepest valley is named first, so it keeps its name when valleys crowd together;
    // each name goes under its floor, a row lower when the first row is taken.
    const order = ls.minima
      .map((_, i) => i)
      .sort((i, j) => Number(ls.minima[j].deepest) - Number(ls.minima[i].deepest));
    const names = order.map((i) => {
      const m = ls.minima[i];
      const y = this.sy(m.loss);
      const word = m.deepest ? "deepest valley" : "side valley";
      const rows = [y + 22, y + 22 + VALLEY_ROW].map((r) => Math.min(r, base - 5));
      return { x: this.sx(m.x), y, w: word.length * VALLEY_CHAR + 4, rows, word };
    });
    const spots = placeInRows(names, [], this.margin.left, this.width - this.margin.right, VALLEY_ROW);
    names.forEach(({ x, y, word }, i) => {
      svgEl("line", { class: "fh-valley-tick", x1: x, x2: x, y1: y + 4, y2: y + 9 }, g);
      const spot = spots[i];
      if (spot) svgEl("text", { class: "fh-valley-label", x: spot.x, y: spot.y }, g).textContent = word;
    });
  }

  /**
   * Height of the drawn curve at x (for the drop marker; the ball uses the server's losses).
   * @param {number} x
   * @returns {number}
   */
  heightAt(x) {
    const ls = this.landscape;
    return ls ? interpolate(ls.curve.x, ls.curve.y, x) : 0;
  }

  /**
   * The nearest x where the drawn curve is defined (x itself when it is).
   * @param {number} x
   * @returns {number}
   */
  definedX(x) {
    const ls = this.landscape;
    return ls ? nearestDefinedX(ls.curve.x, ls.curve.y, x) : x;
  }

  /**
   * Screen slope dy/dx of the drawn curve at x, used to sit the ball on the ground.
   * @param {number} x
   * @returns {number}
   */
  screenSlope(x) {
    const ls = this.landscape;
    if (!ls) return 0;
    const [lo, hi] = ls.domain;
    const h = (hi - lo) / 400;
    // One-sided next to an undefined stretch; flat when nothing around x is defined.
    const y0 = this.heightAt(x);
    let left = x - h;
    let right = x + h;
    let yl = this.heightAt(left);
    let yr = this.heightAt(right);
    if (!Number.isFinite(yl)) [left, yl] = [x, y0];
    if (!Number.isFinite(yr)) [right, yr] = [x, y0];
    if (!Number.isFinite(yl) || !Number.isFinite(yr) || right === left) return 0;
    const dy = this.sy(yr) - this.sy(yl);
    const dx = this.sx(right) - this.sx(left);
    return dx ? dy / dx : 0;
  }

  /**
   * Where the ball's centre sits when it rests on the ground at (x, height).
   * @param {number} x
   * @param {number} height
   * @returns {{x: number, y: number}}
   */
  restingPoint(x, height) {
    const X = this.sx(x);
    const Y = this.sy(height);
    const s = this.screenSlope(x);
    const norm = Math.hypot(s, 1);
    return { x: X + (BALL_R * s) / norm, y: Y - BALL_R / norm };
  }

  /**
   * Put the ball in the air between two resting points (u in [0, 1]), on a low hop.
   * @param {{x: number, y: number}} a
   * @param {{x: number, y: number}} b
   * @param {number} u
   */
  hop(a, b, u) {
    const lift = Math.min(70, 0.3 * Math.abs(b.x - a.x) + 4) * 4 * u * (1 - u);
    this.placeBall(a.x + (b.x - a.x) * u, a.y + (b.y - a.y) * u - lift);
  }

  /**
   * @param {number} X screen x
   * @param {number} Y screen y
   */
  placeBall(X, Y) {
    setAttrs(this.ball, { cx: X, cy: Y });
    this.ball.style.display = "";
    if (this.fogWindow) setAttrs(this.fogWindow, { cx: X, cy: Y + 10 });
  }

  hideBall() {
    this.ball.style.display = "none";
    this.tangent.style.display = "none";
  }

  /**
   * The tilt where the ball stands: a short tangent and an arrow pointing downhill.
   * @param {number} x
   * @param {number} height
   * @param {number} grad d(height)/dx from the server
   */
  drawTangent(x, height, grad) {
    const X = this.sx(x);
    const Y = this.sy(height);
    // slope in screen units: dy_screen/dx_screen
    const s = (grad * this.sy.k * this.warpSlope(height)) / (this.sx.k || 1);
    const norm = Math.hypot(1, s);
    const dx = (TANGENT_HALF / norm) * 1;
    const dy = (TANGENT_HALF * s) / norm;
    setAttrs(this.tangentLine, { x1: X - dx, y1: Y - dy, x2: X + dx, y2: Y + dy });
    const dir = grad > 0 ? -1 : 1; // downhill is against the gradient
    if (Math.abs(grad) < 1e-3) {
      this.downhill.setAttribute("d", "");
    } else {
      const tx = X + dir * dx;
      const ty = Y + dir * dy;
      const ux = (dir * dx) / TANGENT_HALF;
      const uy = (dir * dy) / TANGENT_HALF;
      const back = 8;
      const wing = 4.5;
      const p1 = [tx - ux * back - uy * wing, ty - uy * back + ux * wing];
      const p2 = [tx - ux * back + uy * wing, ty - uy * back - ux * wing];
      this.downhill.setAttribute(
        "d",
        `M${p1[0].toFixed(1)},${p1[1].toFixed(1)}L${tx.toFixed(1)},${ty.toFixed(1)}L${p2[0].toFixed(1)},${p2[1].toFixed(1)}Z`,
      );
    }
    this.tangent.style.display = "";
  }

  /**
   * The steps taken so far (positions 0..upto), as dots and, optionally, a connecting line.
   * @param {number[]} positions
   * @param {number[]} losses
   * @param {number} upto
   */
  drawTrail(positions, losses, upto) {
    const n = Math.min(upto, positions.length - 1);
    const dots = this.trailDots;
    while (dots.childNodes.length > n + 1) dots.lastChild?.remove();
    let d = "";
    for (let i = 0; i <= n; i++) {
      const X = this.sx(positions[i]);
      const Y = this.sy(losses[i]);
      d += `${(i ? "L" : "M") + X.toFixed(1)},${Y.toFixed(1)}`;
      if (i >= dots.childNodes.length) svgEl("circle", { class: "fh-trail-dot", cx: X, cy: Y, r: 3 }, dots);
      else setAttrs(/** @type {Element} */ (dots.childNodes[i]), { cx: X, cy: Y });
    }
    this.trailPath.setAttribute("d", positions.length ? d : "");
  }

  clearTrail() {
    this.trailDots.replaceChildren();
    this.trailPath.setAttribute("d", "");
  }

  /**
   * @param {string} text
   */
  setStepText(text) {
    if (this.stepText.textContent !== text) this.stepText.textContent = text;
    setAttrs(this.stepText, { x: this.width - this.margin.right, y: 15 });
  }

  /**
   * The ball leaves the picture: an arc up and out over the edge it was heading for.
   * @param {{x: number, y: number}} from
   * @param {number} dir +1 to the right, -1 to the left
   * @param {boolean} reduced no motion: jump straight to the sign at the edge
   * @param {() => void} done
   */
  flyAway(from, dir, reduced, done) {
    const token = ++this.flyToken;
    const W = this.width;
    const edgeX = dir > 0 ? W - this.margin.right - 4 : this.margin.left + 4;
    this.offMap.setAttribute("x", String(edgeX));
    this.offMap.setAttribute("y", "42");
    this.offMap.setAttribute("text-anchor", dir > 0 ? "end" : "start");
    this.offMap.textContent = dir > 0 ? "off the map \u2192" : "\u2190 off the map";
    const end = () => {
      this.ball.style.display = "none";
      this.tangent.style.display = "none";
      this.offMap.style.display = "";
      done();
    };
    if (reduced) {
      end();
      return;
    }
    this.tangent.style.display = "none";
    const target = { x: dir > 0 ? W + 40 : -40, y: -30 };
    const peak = Math.min(from.y, 0) - 40;
    const t0 = performance.now();
    const duration = 700;
    /** @param {number} now */
    const tick = (now) => {
      if (token !== this.flyToken) return;
      const u = Math.min(1, (now - t0) / duration);
      const x = from.x + (target.x - from.x) * u;
      const y = (1 - u) * (1 - u) * from.y + 2 * u * (1 - u) * peak + u * u * target.y;
      this.placeBall(x, y);
      if (u < 1) requestAnimationFrame(tick);
      else end();
    };
    requestAnimationFrame(tick);
  }

  /** Undo flyAway (reset, a new walk). */
  land() {
    this.flyToken += 1;
    this.offMap.style.display = "none";
  }

  /** @param {boolean} lifted */
  setFogLifted(lifted) {
    this.fogLifted = lifted;
    this.svg.classList.toggle("fh-fog-lifted", lifted);
  }
}
