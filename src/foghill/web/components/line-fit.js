// <fh-line-fit>: a line walks downhill through some dots. Each miss is drawn from its dot to
// the line, a bar shows how wrong the line is (the mean squared miss) and shrinks with every
// step, and a small chart plots the error against the step. Dots can be dragged, added and
// removed, by pointer, touch or keyboard; the walk then restarts from the current line.

import { PageModel, numberAttr, numberListAttr } from "../lib/page-model.js";
import { paceFromDistances, Player } from "../lib/player.js";
import { clamp, htmlEl, linearScale, pointerToSvg, setAttrs, svgEl, ticks, uid } from "../lib/svg.js";
import { fmt, plural } from "../lib/format.js";
import { readParam, stateKey, writeParam } from "../lib/url-state.js";
import { Announcer, FhWidget, makeControls } from "../lib/widget.js";

/** Twelve dots with a clear upward trend (fixed, so every reader sees the same puzzle). */
export const DEFAULT_X = [-2.2, -1.8, -1.4, -1.0, -0.6, -0.2, 0.2, 0.6, 1.0, 1.4, 1.8, 2.2];
export const DEFAULT_Y = [-0.74, -1.11, -0.33, -0.4, 0.48, 0.06, 0.74, 0.52, 1.55, 1.38, 2.01, 1.74];

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

/** @param {number} v */
function round(v) {
  return Math.round(v * 100) / 100;
}

/**
 * A view box around the dots, padded, with nice round edges.
 * @param {number[]} xs
 * @param {number[]} ys
 * @returns {{x: [number, number], y: [number, number]}}
 */
export function viewAround(xs, ys) {
  /** @param {number[]} v @returns {[number, number]} */
  const span = (v) => {
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    const pad = Math.max((hi - lo) * 0.18, 0.5);
    return [Math.floor((lo - pad) * 2) / 2, Math.ceil((hi + pad) * 2) / 2];
  };
  return { x: span(xs), y: span(ys) };
}

export class FhLineFit extends FhWidget {
  build() {
    this.replaceChildren();
    const body = htmlEl("div", { class: "fh-lf-body" }, "", this);
    this.canvas = htmlEl("div", { class: "fh-canvas" }, "", body);
    const helpId = uid("fh-lf-help");
    const svg = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-plot fh-lf-plot", role: "group", "aria-label": "Dots and the line through them" }, this.canvas)
    );
    this.svg = svg;
    this.helpId = helpId;
    this.axes = svgEl("g", { class: "fh-axis", "aria-hidden": "true" }, svg);
    this.background = svgEl("rect", { class: "fh-lf-bg", "aria-hidden": "true" }, svg);
    this.bestLine = svgEl("line", { class: "fh-best-line", "aria-hidden": "true" }, svg);
    this.bestLabel = svgEl("text", { class: "fh-best-label", "aria-hidden": "true" }, svg);
    this.missGroup = svgEl("g", { class: "fh-misses", "aria-hidden": "true" }, svg);
    this.line = svgEl("line", { class: "fh-fit-line", "aria-hidden": "true" }, svg);
    this.dotGroup = svgEl("g", { class: "fh-dots" }, svg);
    this.stepText = svgEl("text", { class: "fh-stepcount", "aria-hidden": "true" }, svg);

    const side = htmlEl("div", { class: "fh-lf-side" }, "", body);
    const wrong = htmlEl("div", { class: "fh-wrong" }, "", side);
    const wrongHead = htmlEl("p", { class: "fh-wrong-head" }, "", wrong);
    htmlEl("span", { class: "fh-wrong-title" }, "How wrong", wrongHead);
    this.wrongValue = htmlEl("span", { class: "fh-wrong-value" }, "—", wrongHead);
    const barTrack = htmlEl("div", { class: "fh-bar-track", "aria-hidden": "true" }, "", wrong);
    this.bar = htmlEl("div", { class: "fh-bar" }, "", barTrack);
    this.bestTick = htmlEl("div", { class: "fh-bar-best" }, "", barTrack);
    this.wrongWords = htmlEl("p", { class: "fh-wrong-words" }, "", wrong);
    htmlEl("p", { class: "fh-wrong-note" }, "The average of the squared misses: the line's height on its hill. The dashed mark is the best any straight line can do.", wrong);
    const chartBox = htmlEl("div", { class: "fh-lf-chart" }, "", side);
    this.chart = /** @type {SVGSVGElement} */ (
      svgEl("svg", { class: "fh-error-chart", role: "img", "aria-label": "How wrong the line is, step by step" }, chartBox)
    );
    this.chartPath = svgEl("path", { class: "fh-error-line" }, this.chart);
    this.chartDot = svgEl("circle", { class: "fh-error-dot", r: 3.5 }, this.chart);
    this.chartAxis = svgEl("g", { class: "fh-axis" }, this.chart);
    htmlEl(
      "p",
      { class: "fh-lf-help", id: helpId },
      "Drag a dot to move it, click an empty spot to add one, double-click a dot to remove it. With a keyboard: Tab to a dot, move it with the arrow keys, remove it with Delete.",
      side,
    );

    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    this.controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "Line walking downhill",
    );
    this.addButton = htmlEl("button", { type: "button", class: "fh-btn fh-btn-add" }, "Add a dot", bar);
    this.addButton.addEventListener("click", () => this.addDot(null));

    const readout = htmlEl("div", { class: "fh-readout" }, "", this);
    this.message = htmlEl("p", { class: "fh-message" }, "", readout);
    this.numbers = htmlEl("p", { class: "fh-numbers" }, "", readout);
    const live = htmlEl("p", { class: "fh-live fh-sr-only", "aria-live": "polite" }, "", readout);
    this.announcer = new Announcer(live);
    this.errorBox = htmlEl("p", { class: "fh-error", role: "alert" }, "", this);
    this.errorBox.hidden = true;

    this.player = new Player({
      frame: (t) => this.drawAt(t),
      step: (k, from) => this.onStep(k, from),
      stop: (reason) => this.onStop(reason),
    });
    this.t = 0;
    /** @type {any} */
    this.fit = null;
    /** @type {"" | "go" | "step" | "show"} */
    this.pending = "";
    this.width = 560;
    this.height = 400;
    this.barMax = 0;
    this.selected = -1;
    this.sx = linearScale(0, 1, 0, 1);
    this.sy = linearScale(0, 1, 0, 1);
    /** @type {{x: [number, number], y: [number, number]}} */
    this.view = { x: [-2.6, 2.6], y: [-2.6, 2.6] };
    /** @type {{index: number, id: number, moved: boolean, x0: number, y0: number} | null} */
    this.drag = null;
    /** @type {{x: number, y: number} | null} */
    this.press = null;
    this.saveQueued = false;
    this.awaiting = false;
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
    this.dotGroup.addEventListener("touchstart", holdPage, { passive: false });
    this.dotGroup.addEventListener("touchmove", holdPage, { passive: false });
    this.dotGroup.addEventListener("keydown", (e) => this.onDotKey(/** @type {KeyboardEvent} */ (e)));
    this.dotGroup.addEventListener("focusin", (e) => this.select(this.dotIndex(e.target)));

    this.resizer = new ResizeObserver((entries) => this.resize(entries));
    this.resizer.observe(this.canvas);
    this.chartWidth = 240;
    this.chartObserver = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width;
      if (width) this.chartWidth = Math.max(160, Math.round(width));
      this.drawChart(this.t);
    });
    this.chartObserver.observe(chartBox);
  }

  pageModel() {
    let x = numberListAttr(this, "x");
    let y = numberListAttr(this, "y");
    if (!x || !y || x.length !== y.length || x.length < 2) {
      x = DEFAULT_X.slice();
      y = DEFAULT_Y.slice();
    }
    this.view = viewAround(x, y);
    this.urlKey = stateKey(this, "dots");
    const fromUrl = parseDots(readParam(this.urlKey));
    if (fromUrl) {
      x = fromUrl.x;
      y = fromUrl.y;
    }
    this.initialLine = { w: numberAttr(this, "w", 0), b: numberAttr(this, "b", 0) };
    return new PageModel("linefit", {
      x,
      y,
      w: this.initialLine.w,
      b: this.initialLine.b,
      learning_rate: numberAttr(this, "learning-rate", 0.05),
      max_steps: numberAttr(this, "max-steps", 300),
      fit: null,
      error: "",
    });
  }

  attach() {
    if (!this.initialLine) this.initialLine = { w: this.model.get("w") ?? 0, b: this.model.get("b") ?? 0 };
    if (!this.ownsModel) this.view = viewAround(this.model.get("x") || [0, 1], this.model.get("y") || [0, 1]);
    this.listen("change:fit", () => this.onFit());
    this.listen("change:x", () => this.drawDots());
    this.listen("change:y", () => this.drawDots());
    this.listen("change:error", () => this.showError());
    this.onFit();
    this.showError();
    this.drawDots();
  }

  detach() {
    this.player.cancel();
  }

  /** @returns {number[]} */
  get xs() {
    return this.model.get("x") || [];
  }

  /** @returns {number[]} */
  get ys() {
    return this.model.get("y") || [];
  }

  /** @param {ResizeObserverEntry[]} [entries] */
  resize(entries) {
    const width = entries?.[entries.length - 1]?.contentRect.width || this.canvas.clientWidth;
    if (!width || Math.abs(width - this.width) < 1) return;
    this.width = Math.round(width);
    this.height = Math.round(clamp(width * 0.72, 240, 440));
    this.svg.setAttribute("viewBox", `0 0 ${this.width} ${this.height}`);
    this.drawAxes();
    this.drawDots();
    this.drawAt(this.t);
  }

  drawAxes() {
    const W = this.width;
    const H = this.height;
    const m = 14;
    this.sx = linearScale(this.view.x[0], this.view.x[1], m, W - m);
    this.sy = linearScale(this.view.y[0], this.view.y[1], H - m, m);
    setAttrs(this.background, { x: 0, y: 0, width: W, height: H });
    const g = this.axes;
    g.replaceChildren();
    for (const t of ticks(this.view.x[0], this.view.x[1], 6)) {
      svgEl("line", { class: t === 0 ? "fh-grid fh-grid-zero" : "fh-grid", x1: this.sx(t), x2: this.sx(t), y1: m, y2: H - m }, g);
    }
    for (const t of ticks(this.view.y[0], this.view.y[1], 6)) {
      svgEl("line", { class: t === 0 ? "fh-grid fh-grid-zero" : "fh-grid", x1: m, x2: W - m, y1: this.sy(t), y2: this.sy(t) }, g);
    }
  }

  /** The dots as focusable, draggable points. */
  drawDots() {
    const xs = this.xs;
    const ys = this.ys;
    const group = this.dotGroup;
    while (group.childNodes.length > xs.length) group.lastChild?.remove();
    for (let i = 0; i < xs.length; i++) {
      let dot = /** @type {SVGElement | undefined} */ (group.childNodes[i]);
      if (!dot) {
        dot = svgEl(
          "g",
          { class: "fh-dot", tabindex: "0", role: "button", "aria-roledescription": "movable dot", "aria-describedby": this.helpId },
          group,
        );
        svgEl("circle", { class: "fh-dot-hit", r: 18 }, dot);
        svgEl("circle", { class: "fh-dot-ring", r: 12 }, dot);
        svgEl("circle", { class: "fh-dot-mark", r: 6.5 }, dot);
      }
      dot.setAttribute("transform", `translate(${round(this.sx(xs[i]))},${round(this.sy(ys[i]))})`);
      dot.setAttribute("aria-label", `Dot ${i + 1} of ${xs.length}, at x ${fmt(xs[i])}, y ${fmt(ys[i])}`);
      dot.dataset.index = String(i);
      dot.classList.toggle("fh-selected", i === this.selected);
    }
    this.drawMisses();
  }

  /** @param {EventTarget | null} target */
  dotIndex(target) {
    const dot = target instanceof Element ? target.closest(".fh-dot") : null;
    return dot instanceof SVGElement && dot.dataset.index !== undefined ? Number(dot.dataset.index) : -1;
  }

  /** @param {number} i */
  select(i) {
    this.selected = i;
    for (const dot of /** @type {SVGElement[]} */ ([...this.dotGroup.children])) {
      dot.classList.toggle("fh-selected", Number(dot.dataset.index) === i);
    }
  }

  /** The line at the drawn step, in data units. */
  currentLine() {
    const fit = this.fit;
    if (!fit) return { w: this.model.get("w") ?? 0, b: this.model.get("b") ?? 0 };
    const k = Math.min(Math.floor(this.t), fit.w.length - 1);
    const u = this.t - k;
    if (u > 0 && k + 1 < fit.w.length) {
      return { w: fit.w[k] + (fit.w[k + 1] - fit.w[k]) * u, b: fit.b[k] + (fit.b[k + 1] - fit.b[k]) * u };
    }
    return { w: fit.w[k], b: fit.b[k] };
  }

  /** Each miss: a segment from the dot straight up or down to the line. */
  drawMisses() {
    const { w, b } = this.currentLine();
    const xs = this.xs;
    const ys = this.ys;
    const group = this.missGroup;
    while (group.childNodes.length > xs.length) group.lastChild?.remove();
    for (let i = 0; i < xs.length; i++) {
      let seg = /** @type {SVGElement | undefined} */ (group.childNodes[i]);
      if (!seg) seg = svgEl("line", { class: "fh-miss" }, group);
      const X = this.sx(xs[i]);
      setAttrs(seg, { x1: X, x2: X, y1: this.sy(ys[i]), y2: this.sy(w * xs[i] + b) });
    }
    const [x0, x1] = this.view.x;
    setAttrs(this.line, { x1: this.sx(x0), x2: this.sx(x1), y1: this.sy(w * x0 + b), y2: this.sy(w * x1 + b) });
  }

  onFit() {
    const fit = this.model.get("fit");
    this.fit = fit && Array.isArray(fit.w) && fit.w.length ? fit : null;
    this.player.load(this.fit ? this.fit.w.length - 1 : 0, this.fit ? this.durations(this.fit) : null);
    this.t = 0;
    this.setStep(0);
    if (this.fit) this.barMax = Math.max(this.barMax, this.fit.loss[0]);
    this.dataset.ready = this.fit ? "true" : this.dataset.ready || "";
    const wasRunning = this.dataset.status === "running";
    this.awaiting = this.saveQueued;
    const what = this.pending || (wasRunning ? "go" : "");
    this.pending = "";
    this.drawAt(0);
    if (this.fit && what === "go") {
      this.go();
      return;
    }
    if (this.fit && what === "step") {
      this.step();
      return;
    }
    if (!what || what === "show") this.setStatus("idle");
    this.say(true);
  }

  /**
   * How long each step should take, from how far the line's ends move on screen.
   * @param {any} fit
   * @returns {number[]}
   */
  durations(fit) {
    const [x0, x1] = this.view.x;
    const out = [];
    for (let k = 0; k + 1 < fit.w.length; k++) {
      const a = Math.abs(this.sy(fit.w[k + 1] * x0 + fit.b[k + 1]) - this.sy(fit.w[k] * x0 + fit.b[k]));
      const b = Math.abs(this.sy(fit.w[k + 1] * x1 + fit.b[k + 1]) - this.sy(fit.w[k] * x1 + fit.b[k]));
      out.push(Math.max(a, b));
    }
    return paceFromDistances(out);
  }

  /** @param {number} t */
  drawAt(t) {
    this.t = t;
    this.drawMisses();
    const fit = this.fit;
    const k = Math.min(Math.floor(t), fit ? fit.loss.length - 1 : 0);
    const status = this.dataset.status;
    const done = fit && (status === "settled" || status === "zigzag" || status === "crawling");
    if (fit && done) {
      const [x0, x1] = this.view.x;
      const { w, b } = fit.best;
      setAttrs(this.bestLine, { x1: this.sx(x0), x2: this.sx(x1), y1: this.sy(w * x0 + b), y2: this.sy(w * x1 + b) });
      // Name the best line near its left end, on the side away from the slope.
      const ly = this.sy(w * x0 + b);
      setAttrs(this.bestLabel, { x: this.sx(x0) + 8, y: clamp(ly + (w > 0 ? -12 : 22), 14, this.height - 8) });
      this.bestLabel.textContent = "best possible line";
    }
    this.bestLine.style.display = done ? "" : "none";
    this.bestTick.style.display = fit ? "" : "none";
    this.bestLabel.style.display = done ? "" : "none";
    if (fit) {
      const loss = fit.loss[k];
      const share = this.barMax > 0 ? clamp(loss / this.barMax, 0, 1) : 0;
      this.bar.style.width = `${(share * 100).toFixed(2)}%`;
      this.bestTick.style.left = `${(clamp(fit.best.loss / (this.barMax || 1), 0, 1) * 100).toFixed(2)}%`;
      this.wrongValue.textContent = fmt(loss, loss < 10 ? 3 : 1);
      const words = compareWithBest(loss, fit.best.loss);
      if (this.wrongWords.textContent !== words) this.wrongWords.textContent = words;
      const text = k === 0 ? "start" : `step ${k}`;
      if (this.stepText.textContent !== text) this.stepText.textContent = text;
      setAttrs(this.stepText, { x: this.width - 14, y: 28 });
    }
    this.drawChart(t);
  }

  /** @param {number} t */
  drawChart(t) {
    const fit = this.fit;
    const W = this.chartWidth; // from the ResizeObserver: reading layout here would force it
    const H = 110;
    this.chart.setAttribute("viewBox", `0 0 ${W} ${H}`);
    this.chartDot.style.display = fit ? "" : "none";
    if (!fit) return;
    const n = fit.loss.length - 1;
    const k = Math.min(Math.floor(t), n);
    const left = 8;
    const bottom = H - 22;
    const sx = linearScale(0, Math.max(1, n), left, W - 8);
    const top = Math.max(fit.loss[0], fit.best.loss * 1.5, 1e-9);
    const sy = linearScale(0, top, bottom, 22);
    const y = (/** @type {number} */ i) => sy(Math.min(fit.loss[i], top * 1.1)).toFixed(1);
    let d = "";
    for (let i = 0; i <= k; i++) d += (i ? "L" : "M") + sx(i).toFixed(1) + "," + y(i);
    this.chartPath.setAttribute("d", d);
    setAttrs(this.chartDot, { cx: sx(k), cy: Number(y(k)) });
    const g = this.chartAxis;
    g.replaceChildren();
    svgEl("line", { class: "fh-axis-line", x1: left, x2: W - 8, y1: bottom, y2: bottom }, g);
    const a = svgEl("text", { class: "fh-tick-label fh-start-label", x: left, y: H - 6 }, g);
    a.textContent = "step 0";
    const b = svgEl("text", { class: "fh-tick-label fh-end-label", x: W - 8, y: H - 6 }, g);
    b.textContent = `step ${n}`;
    const c = svgEl("text", { class: "fh-tick-label fh-start-label", x: left + 2, y: 12 }, g);
    c.textContent = "how wrong, step by step";
  }

  /**
   * A jump from `from` to k begins. Under reduced motion one jump spans several steps; the
   * rule is shown for the last single step of it (k-1 to k), where the line lands.
   * @param {number} k
   * @param {number} _from
   */
  onStep(k, _from) {
    const fit = this.fit;
    const j = Math.max(0, k - 1);
    this.setStep(k);
    this.emitStep({
      theta: [fit.w[j], fit.b[j]],
      eta: this.model.get("learning_rate"),
      grad: [fit.grad_w[j], fit.grad_b[j]],
      next: [fit.w[k], fit.b[k]],
      loss: fit.loss[j],
      step: k,
      optimizer: fit.optimizer || this.model.get("optimizer") || "gd",
    });
    this.say(false);
  }

  /** @param {"end" | "pause"} reason */
  onStop(reason) {
    if (!this.fit) return;
    this.setStatus(reason === "pause" ? "paused" : this.fit.outcome);
    this.setStep(this.player.k);
    this.drawAt(this.player.k);
    this.say(true);
  }

  go() {
    if (!this.readyToMove("go")) return;
    this.drawAt(this.player.k);
    this.say(true);
    this.player.play();
  }

  step() {
    if (this.readyToMove("step")) this.player.step();
  }

  /**
   * Before a go or a step: with no walk yet, ask for one and do `what` when it comes;
   * at the end of a walk, start it over. True when the player may move now.
   * @param {"go" | "step"} what
   * @returns {boolean}
   */
  readyToMove(what) {
    if (!this.fit) {
      this.pending = what;
      if (what === "go") this.setStatus("running");
      this.model.save_changes();
      return false;
    }
    if (this.player.atEnd) this.player.seek(0);
    if (this.player.n === 0) {
      this.onStop("end");
      return false;
    }
    this.setStatus("running");
    return true;
  }

  pause() {
    this.pending = "";
    if (this.player.playing) this.player.pause();
  }

  /** Back to the starting line (the one the widget began with), keeping the dots. */
  reset() {
    this.player.cancel();
    this.pending = "";
    const { w, b } = this.initialLine || { w: 0, b: 0 };
    this.setStatus("idle");
    if (this.model.get("w") !== w || this.model.get("b") !== b) {
      this.barMax = 0;
      this.pending = "show";
      this.model.set("w", w);
      this.model.set("b", b);
      this.model.save_changes();
    }
    this.player.seek(0);
    this.setStep(0);
    this.drawAt(0);
    this.say(true);
  }

  /**
   * The dots changed: the walk starts again from the line as it is now.
   * @param {number[]} xs
   * @param {number[]} ys
   * @param {"go" | "show"} then play once the new walk is here, or just show it
   */
  changeDots(xs, ys, then) {
    const { w, b } = this.currentLine();
    this.player.cancel();
    this.setStatus(then === "go" ? "running" : "paused");
    this.pending = then;
    this.awaiting = true;
    this.model.set("w", round4(w));
    this.model.set("b", round4(b));
    this.model.set("x", xs);
    this.model.set("y", ys);
    this.queueSave();
    if (then === "go") this.remember();
  }

  /** Page host only: the dots go into the address, to be shared. */
  remember() {
    if (this.ownsModel && this.urlKey) writeParam(this.urlKey, formatDots(this.xs, this.ys));
  }

  /** At most one request per frame while a dot is dragged (a newer one aborts the older). */
  queueSave() {
    if (this.saveQueued) return;
    this.saveQueued = true;
    requestAnimationFrame(() => {
      this.saveQueued = false;
      this.model.save_changes();
    });
  }

  /**
   * @param {number} X
   * @param {number} Y
   * @returns {{x: number, y: number}}
   */
  toData(X, Y) {
    return {
      x: round(clamp(this.sx.invert(X), this.view.x[0], this.view.x[1])),
      y: round(clamp(this.sy.invert(Y), this.view.y[0], this.view.y[1])),
    };
  }

  /** @param {PointerEvent} e */
  onPointerDown(e) {
    if (e.button !== 0) return;
    const i = this.dotIndex(e.target);
    if (i >= 0) {
      e.preventDefault();
      this.select(i);
      const dot = /** @type {SVGElement} */ (this.dotGroup.children[i]);
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
    const xs = this.xs.slice();
    const ys = this.ys.slice();
    xs[drag.index] = d.x;
    ys[drag.index] = d.y;
    this.changeDots(xs, ys, "show");
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
    this.addDot(this.toData(p.x, p.y));
  }

  /** @param {boolean} moved */
  endDrag(moved) {
    this.drag = null;
    if (!moved) return;
    this.remember();
    this.restartWalk();
  }

  /** After an edit: play the walk from the current line once it is here. */
  restartWalk() {
    if (this.fit && !this.awaiting && !this.saveQueued) {
      this.player.seek(0);
      this.go();
    } else {
      this.pending = "go";
      this.setStatus("running");
    }
  }

  /** @param {MouseEvent} e */
  onDoubleClick(e) {
    const i = this.dotIndex(e.target);
    if (i >= 0 && performance.now() - this.lastAdded > 600) this.removeDot(i);
  }

  /**
   * Add a dot (at a spot, or with null somewhere free near the middle) and focus it.
   * @param {{x: number, y: number} | null} at
   */
  addDot(at) {
    const xs = this.xs.slice();
    const ys = this.ys.slice();
    let spot = at;
    if (!spot) {
      const { w, b } = this.currentLine();
      const cx = (this.view.x[0] + this.view.x[1]) / 2;
      let x = cx;
      for (let tries = 0; tries < 20 && xs.some((v, i) => Math.abs(v - x) < 0.15 && Math.abs(ys[i] - (w * x + b + 0.8)) < 0.3); tries++) {
        x += 0.3 * (tries % 2 ? -1 : 1) * (tries + 1);
      }
      x = clamp(x, this.view.x[0], this.view.x[1]);
      spot = { x: round(x), y: round(clamp(w * x + b + 0.8, this.view.y[0], this.view.y[1])) };
    }
    xs.push(spot.x);
    ys.push(spot.y);
    this.lastAdded = performance.now();
    this.selected = xs.length - 1;
    this.changeDots(xs, ys, "go");
    const dot = /** @type {SVGElement | undefined} */ (this.dotGroup.children[xs.length - 1]);
    if (!at) dot?.focus();
    this.announcer?.say(`Added dot ${xs.length} at x ${fmt(spot.x)}, y ${fmt(spot.y)}.`, true);
  }

  /** @param {number} i */
  removeDot(i) {
    const xs = this.xs.slice();
    const ys = this.ys.slice();
    if (xs.length <= 2) {
      this.announcer?.say("A line needs at least two dots, so this one stays.", true);
      this.message.textContent = "A line needs at least two dots, so this one stays.";
      return;
    }
    xs.splice(i, 1);
    ys.splice(i, 1);
    this.selected = -1;
    this.changeDots(xs, ys, "go");
    const next = /** @type {SVGElement | undefined} */ (this.dotGroup.children[Math.min(i, xs.length - 1)]);
    if (next) next.focus();
    else this.addButton.focus();
    this.announcer?.say(`Removed a dot; ${plural(xs.length, "dot")} left.`, true);
  }

  /** @param {KeyboardEvent} e */
  onDotKey(e) {
    const i = this.dotIndex(e.target);
    if (i < 0) return;
    if (e.key === "Delete" || e.key === "Backspace") {
      e.preventDefault();
      this.removeDot(i);
      return;
    }
    const stepX = ((this.view.x[1] - this.view.x[0]) / 50) * (e.shiftKey ? 5 : 1);
    const stepY = ((this.view.y[1] - this.view.y[0]) / 50) * (e.shiftKey ? 5 : 1);
    const moves = /** @type {Record<string, [number, number]>} */ ({
      ArrowLeft: [-stepX, 0],
      ArrowRight: [stepX, 0],
      ArrowUp: [0, stepY],
      ArrowDown: [0, -stepY],
    });
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const xs = this.xs.slice();
    const ys = this.ys.slice();
    xs[i] = round(clamp(xs[i] + move[0], this.view.x[0], this.view.x[1]));
    ys[i] = round(clamp(ys[i] + move[1], this.view.y[0], this.view.y[1]));
    this.changeDots(xs, ys, "go");
    this.announcer?.say(`Dot ${i + 1} at x ${fmt(xs[i])}, y ${fmt(ys[i])}.`, true);
  }

  /**
   * @param {boolean} now
   */
  say(now) {
    const fit = this.fit;
    const status = this.dataset.status || "idle";
    let numbers = "";
    let sentence = "";
    if (fit) {
      const k = Math.min(this.player.k, fit.loss.length - 1);
      numbers = `Step ${k} of ${fit.n_steps}: slope ${fmt(fit.w[k])}, height ${fmt(fit.b[k])}, how wrong ${fmt(fit.loss[k], 3)}.`;
      const n = fit.n_steps;
      const best = `The best any straight line can do here is ${fmt(fit.best.loss, 3)}.`;
      sentence = {
        idle: `A line with slope ${fmt(fit.w[0])} and height ${fmt(fit.b[0])}. Press Play to let it walk downhill towards the dots.`,
        running: "Nudging the line, a little at a time, to miss by less…",
        paused: `Paused after ${plural(this.player.k)}.`,
        settled: `Settled after ${plural(n)}: it now misses by ${fmt(fit.loss[n], 3)} on average, squared. ${best}`,
        crawling: `Still walking after ${plural(n)}: down to ${fmt(fit.loss[n], 3)}, but not yet at the bottom. ${best}`,
        zigzag: `Zig-zagged for ${plural(n)}, ending at ${fmt(fit.loss[n], 3)}. ${best}`,
        "flew-off": `The steps were too bold for these dots: the line flew off after ${plural(n)}.`,
      }[status] || "";
    } else {
      sentence = this.model.get("error") ? "No walk to show: the note below says why." : "Waiting for the line…";
    }
    if (this.message.textContent !== sentence) this.message.textContent = sentence;
    if (this.numbers.textContent !== numbers) this.numbers.textContent = numbers;
    this.announcer?.say(`${sentence} ${numbers}`.trim(), now);
  }
}

/**
 * How wrong the line is, in words, next to the best any straight line can do.
 * @param {number} loss
 * @param {number} best
 * @returns {string}
 */
export function compareWithBest(loss, best) {
  if (!Number.isFinite(loss)) return "Off the scale.";
  if (best < 1e-12) return loss < 1e-9 ? "A perfect fit: the dots lie on one line." : "The dots lie on one line: a perfect fit is possible.";
  const ratio = loss / best;
  if (ratio <= 1.001) return "As low as any straight line can go.";
  if (ratio < 1.1) return "Within a tenth of the best a straight line can do.";
  const times = ratio >= 10 ? String(Math.round(ratio)) : ratio.toFixed(1);
  return `${times} times the best a straight line can do.`;
}

/** @param {number} v */
function round4(v) {
  return Math.round(v * 1e4) / 1e4;
}

if (!customElements.get("fh-line-fit")) customElements.define("fh-line-fit", FhLineFit);
