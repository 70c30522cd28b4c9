// Editing the dots of a line fit by pointer, touch and keyboard: drag a dot, click an empty
// spot to add one, double-click a dot (or press Delete on it) to remove it, arrow keys to
// move it. The editor only proposes new dots; the widget puts them into its model.

import { clamp, pointerToSvg, svgEl } from "./svg.js";
import { fmt, plural } from "./format.js";

/** @typedef {import("./line-plot.js").View} View */
/** @typedef {ReturnType<typeof import("./svg.js").linearScale>} Scale */

/**
 * What the widget does for its dot editor.
 * @typedef {object} DotEditorHost
 * @property {() => number[]} xs the dots' x values, as the model holds them
 * @property {() => number[]} ys the dots' y values
 * @property {(xs: number[], ys: number[], then: "go" | "show") => void} change new dots: play
 *   once the new walk is here, or only show it (while a dot is dragged)
 * @property {() => void} dropped a dragged dot was let go
 * @property {() => {w: number, b: number}} line the line as drawn now
 * @property {(text: string, shown?: boolean) => void} say speak (and with shown, also show) words
 * @property {HTMLElement} fallbackFocus where the focus goes when no dot can take it
 */

/** How to move, add and remove dots, by pointer and by keyboard (shown beside the dots). */
export const DOT_HELP =
  "Drag a dot to move it, click an empty spot to add one, double-click a dot to remove it. " +
  "With a keyboard: Tab to a dot, move it with the arrow keys, remove it with Delete.";

/**
 * A number rounded to two decimals (dots snap to a 0.01 grid).
 * @param {number} v
 * @returns {number}
 */
export function round(v) {
  return Math.round(v * 100) / 100;
}

/**
 * Dots from the address: "x:y,x:y,…".
 * @param {string | null} text
 * @returns {{x: number[], y: number[]} | null}
 */
export function parseDots(text) {
  if (!text) return null;
  const x = [];
  const y = [];
  for (const pair of text.split(",")) {
    const [a, b] = pair.split(":").map(Number);
    if (!Number.isFinite(a) || !Number.isFinite(b)) return null;
    x.push(a);
    y.push(b);
  }
  return x.length >= 2 ? { x, y } : null;
}

/**
 * @param {number[]} x
 * @param {number[]} y
 * @returns {string}
 */
export function formatDots(x, y) {
  return x.map((v, i) => `${round(v)}:${round(y[i])}`).join(",");
}

/**
 * A view box around the dots, padded, with nice round edges.
 * @param {unknown} xs
 * @param {unknown} ys
 * @returns {View}
 */
export function viewAround(xs, ys) {
  /** @param {unknown} v @returns {[number, number]} */
  const span = (v) => {
    const values = Array.isArray(v) ? v.filter(Number.isFinite) : [];
    if (!values.length) return [-2.5, 2.5];
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = Math.max((hi - lo) * 0.18, 0.5);
    return [Math.floor((lo - pad) * 2) / 2, Math.ceil((hi + pad) * 2) / 2];
  };
  return { x: span(xs), y: span(ys) };
}

/**
 * A free spot near the middle of the view, a little above the line (for "Add a dot").
 * @param {number[]} xs
 * @param {number[]} ys
 * @param {{w: number, b: number}} line
 * @param {View} view
 * @returns {{x: number, y: number}}
 */
export function freeSpot(xs, ys, line, view) {
  const { w, b } = line;
  const taken = (/** @type {number} */ x) =>
    xs.some((v, i) => Math.abs(v - x) < 0.15 && Math.abs(ys[i] - (w * x + b + 0.8)) < 0.3);
  let x = (view.x[0] + view.x[1]) / 2;
  for (let tries = 0; tries < 20 && taken(x); tries++) x += 0.3 * (tries % 2 ? -1 : 1) * (tries + 1);
  x = clamp(x, view.x[0], view.x[1]);
  return { x: round(x), y: round(clamp(w * x + b + 0.8, view.y[0], view.y[1])) };
}

export class DotEditor {
  /**
   * @param {SVGSVGElement} svg the plot (pointer events)
   * @param {SVGElement} group where the dots are drawn
   * @param {string} helpId the id of the help text every dot is described by
   * @param {DotEditorHost} host
   */
  constructor(svg, group, helpId, host) {
    this.svg = svg;
    this.group = group;
    this.helpId = helpId;
    this.host = host;
    this.selected = -1;
    /** @type {Scale | null} */
    this.sx = null;
    /** @type {Scale | null} */
    this.sy = null;
    /** @type {View} */
    this.view = { x: [-2.6, 2.6], y: [-2.6, 2.6] };
    /** @type {{index: number, id: number, moved: boolean, x0: number, y0: number} | null} */
    this.drag = null;
    /** @type {{x: number, y: number} | null} */
    this.press = null;
    this.lastAdded = 0;

    svg.addEventListener("pointerdown", (e) => this.onPointerDown(e));
    svg.addEventListener("pointermove", (e) => this.onPointerMove(e));
    svg.addEventListener("pointerup", (e) => this.onPointerUp(e));
    svg.addEventListener("pointercancel", () => this.endDrag(false));
    svg.addEventListener("dblclick", (e) => this.onDoubleClick(e));
    // A finger on a dot drags the dot, not the page (touch-action is ignored inside SVG).
    /** @param {TouchEvent} e */
    const holdPage = (e) => {
      if (this.drag || this.dotIndex(e.target) >= 0) e.preventDefault();
    };
    group.addEventListener("touchstart", holdPage, { passive: false });
    group.addEventListener("touchmove", holdPage, { passive: false });
    group.addEventListener("keydown", (e) => this.onKey(/** @type {KeyboardEvent} */ (e)));
    group.addEventListener("focusin", (e) => this.select(this.dotIndex(e.target)));
  }

  /**
   * Where data meets the screen (after a resize or new dots).
   * @param {Scale} sx
   * @param {Scale} sy
   * @param {View} view
   */
  setFrame(sx, sy, view) {
    this.sx = sx;
    this.sy = sy;
    this.view = view;
  }

  /** The dots as focusable, draggable points (as many as there are pairs of numbers). */
  draw() {
    const { sx, sy } = this;
    if (!sx || !sy) return;
    const xs = this.host.xs();
    const ys = this.host.ys();
    const n = Math.min(xs.length, ys.length);
    const group = this.group;
    while (group.childNodes.length > n) group.lastChild?.remove();
    for (let i = 0; i < n; i++) {
      let dot = /** @type {SVGElement | undefined} */ (group.childNodes[i]);
      if (!dot) {
        dot = svgEl(
          "g",
          {
            class: "fh-dot",
            tabindex: "0",
            role: "button",
            "aria-roledescription": "movable dot",
            "aria-describedby": this.helpId,
          },
          group,
        );
        svgEl("circle", { class: "fh-dot-hit", r: 18 }, dot);
        svgEl("circle", { class: "fh-dot-ring", r: 12 }, dot);
        svgEl("circle", { class: "fh-dot-mark", r: 6.5 }, dot);
      }
      dot.setAttribute("transform", `translate(${round(sx(xs[i]))},${round(sy(ys[i]))})`);
      dot.setAttribute("aria-label", `Dot ${i + 1} of ${n}, at x ${fmt(xs[i])}, y ${fmt(ys[i])}`);
      dot.dataset.index = String(i);
      dot.classList.toggle("fh-selected", i === this.selected);
    }
  }

  /**
   * @param {EventTarget | null} target
   * @returns {number} the index of the dot the target belongs to, or -1
   */
  dotIndex(target) {
    const dot = target instanceof Element ? target.closest(".fh-dot") : null;
    return dot instanceof SVGElement && dot.dataset.index !== undefined ? Number(dot.dataset.index) : -1;
  }

  /** @param {number} i */
  select(i) {
    this.selected = i;
    for (const dot of /** @type {SVGElement[]} */ ([...this.group.children])) {
      dot.classList.toggle("fh-selected", Number(dot.dataset.index) === i);
    }
  }

  /**
   * @param {number} X
   * @param {number} Y
   * @returns {{x: number, y: number}}
   */
  toData(X, Y) {
    const { sx, sy, view } = this;
    if (!sx || !sy) return { x: 0, y: 0 };
    return {
      x: round(clamp(sx.invert(X), view.x[0], view.x[1])),
      y: round(clamp(sy.invert(Y), view.y[0], view.y[1])),
    };
  }

  /** @param {PointerEvent} e */
  onPointerDown(e) {
    if (e.button !== 0) return;
    const i = this.dotIndex(e.target);
    if (i >= 0) {
      e.preventDefault();
      this.select(i);
      const dot = /** @type {SVGElement} */ (this.group.children[i]);
      dot.focus({ preventScroll: true });
      // Capture on the dot itself, so a click and a double-click still land on the dot.
      dot.setPointerCapture(e.pointerId);
      this.drag = { index: i, id: e.pointerId, moved: false, x0: e.clientX, y0: e.clientY };
      return;
    }
    this.press = { x: e.clientX, y: e.clientY };
  }

  /** @param {PointerEvent} e */
  onPointerMove(e) {
    const drag = this.drag;
    if (!drag || e.pointerId !== drag.id) return;
    if (!drag.moved && Math.hypot(e.clientX - drag.x0, e.clientY - drag.y0) < 3) return;
    drag.moved = true;
    const p = pointerToSvg(this.svg, e);
    const d = this.toData(p.x, p.y);
    const xs = this.host.xs().slice();
    const ys = this.host.ys().slice();
    xs[drag.index] = d.x;
    ys[drag.index] = d.y;
    this.host.change(xs, ys, "show");
  }

  /** @param {PointerEvent} e */
  onPointerUp(e) {
    if (this.drag) {
      this.endDrag(this.drag.moved);
      return;
    }
    const press = this.press;
    this.press = null;
    if (!press || Math.hypot(e.clientX - press.x, e.clientY - press.y) > 6) return;
    if (this.dotIndex(e.target) >= 0) return;
    const p = pointerToSvg(this.svg, e);
    this.add(this.toData(p.x, p.y));
  }

  /** @param {boolean} moved */
  endDrag(moved) {
    this.drag = null;
    if (moved) this.host.dropped();
  }

  /** @param {MouseEvent} e */
  onDoubleClick(e) {
    const i = this.dotIndex(e.target);
    if (i >= 0 && performance.now() - this.lastAdded > 600) this.remove(i);
  }

  /**
   * Add a dot (at a spot, or with null somewhere free near the middle) and focus it.
   * @param {{x: number, y: number} | null} at
   */
  add(at) {
    const xs = this.host.xs().slice();
    const ys = this.host.ys().slice();
    const spot = at ?? freeSpot(xs, ys, this.host.line(), this.view);
    xs.push(spot.x);
    ys.push(spot.y);
    this.lastAdded = performance.now();
    this.selected = xs.length - 1;
    this.host.change(xs, ys, "go");
    const dot = /** @type {SVGElement | undefined} */ (this.group.children[xs.length - 1]);
    if (!at) dot?.focus();
    this.host.say(`Added dot ${xs.length} at x ${fmt(spot.x)}, y ${fmt(spot.y)}.`);
  }

  /** @param {number} i */
  remove(i) {
    const xs = this.host.xs().slice();
    const ys = this.host.ys().slice();
    if (xs.length <= 2) {
      this.host.say("A line needs at least two dots, so this one stays.", true);
      return;
    }
    xs.splice(i, 1);
    ys.splice(i, 1);
    this.selected = -1;
    this.host.change(xs, ys, "go");
    const next = /** @type {SVGElement | undefined} */ (this.group.children[Math.min(i, xs.length - 1)]);
    if (next) next.focus();
    else this.host.fallbackFocus.focus();
    this.host.say(`Removed a dot; ${plural(xs.length, "dot")} left.`);
  }

  /** @param {KeyboardEvent} e */
  onKey(e) {
    const i = this.dotIndex(e.target);
    if (i < 0) return;
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      this.remove(i);
      return;
    }
    const view = this.view;
    const stepX = ((view.x[1] - view.x[0]) / 50) * (e.shiftKey ? 5 : 1);
    const stepY = ((view.y[1] - view.y[0]) / 50) * (e.shiftKey ? 5 : 1);
    const moves = /** @type {Record<string, [number, number]>} */ ({
      ArrowLeft: [-stepX, 0],
      ArrowRight: [stepX, 0],
      ArrowUp: [0, stepY],
      ArrowDown: [0, -stepY],
    });
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const xs = this.host.xs().slice();
    const ys = this.host.ys().slice();
    xs[i] = round(clamp(xs[i] + move[0], view.x[0], view.x[1]));
    ys[i] = round(clamp(ys[i] + move[1], view.y[0], view.y[1]));
    this.host.change(xs, ys, "go");
    this.host.say(`Dot ${i + 1} at x ${fmt(xs[i])}, y ${fmt(ys[i])}.`);
  }
}
