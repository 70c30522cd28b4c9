// <fh-edge>: a small network (two layers of 32 tanh units, 1,153 weights) learns a wavy curve
// through 60 made-up points by plain gradient descent on all of them, and its host measures
// how sharply its valley curves (the sharpness) as it learns. Side by side: the curve over
// the points, the loss by step (log scale), and the sharpness by step against the line 2/η
// that the step size allows. The reader guesses first what the sharpness will do; the end is
// said in words from the run's own numbers (lib/edge-words.js makes every sentence about a
// run). Every number comes from the model's host.

import { SCHEDULES } from "../lib/contract.js";
import {
  dialWords,
  EDGE_GUESSES,
  edgeFacts,
  edgeVerdict,
  isNumber,
  metricWords,
  numberWords,
  SCHEDULE_WORDS,
  sliceWords,
} from "../lib/edge-words.js";
import { Predict } from "../lib/predict.js";
import { bindNumbers } from "../lib/bound.js";
import { ChartWords, describedBy } from "../lib/chart-words.js";
import { ContourMap } from "../lib/contour-map.js";
import { fmtSig } from "../lib/format.js";
import { showStep } from "../lib/playback.js";
import { StepChart } from "../lib/step-chart.js";
import { joinTasks } from "../lib/tasks.js";
import { Timeline } from "../lib/timeline.js";
import { htmlEl, linearScale, svgEl, uid } from "../lib/svg.js";
import { TrainingWidget } from "../lib/training-widget.js";

/** The curve picture, in its own units (it scales with its box). */
const W = 320;
const H = 210;
const PAD = 14;
/** The heights shown: the points lie within ±1.3; a wilder curve is cut at the frame. */
const Y_SPAN = 2;
/** The curve's description before any training. */
const NO_CURVE = "The 60 points the network learns, and no curve yet: it has not been trained.";

export class FhEdge extends TrainingWidget {
  constructor() {
    super();
    /** @type {SVGSVGElement} */ this.curveSvg;
    /** @type {SVGGElement} */ this.dots;
    /** @type {SVGPathElement} */ this.curve;
    /** @type {HTMLElement} */ this.charts;
    /** @type {StepChart} */ this.lossChart;
    /** @type {StepChart} */ this.sharpChart;
    /** @type {HTMLSelectElement} */ this.scheduleSelect;
    /** @type {HTMLElement} */ this.dialWords;
    /** @type {Predict} */ this.predict;
    /** @type {number[]} */ this.steps = [];
    /** @type {Array<number | null>} */ this.lossValues = [];
    /** @type {Array<number | null>} */ this.sharpValues = [];
    /** @type {Array<number | null>} */ this.lines = [];
    /** @type {any[]} each received progress event, for scrubbing back */
    this.events = [];
    /** @type {Timeline} */ this.timeline;
    /** @type {HTMLElement} */ this.sliceBox;
    /** @type {ContourMap} */ this.slice;
    /** @type {HTMLElement} */ this.sliceWords;
  }

  get spec() {
    return {
      label: "Network at the edge",
      intro:
        "A small network learns the wavy curve through these points, one full step at a time. Watch how sharply its " +
        "valley curves as it learns, against the dashed line 2/η: the sharpest a bowl can be before steps of this size fly off it.",
      theta:
        "Here θ is the network's 1,153 weights. Which way is downhill: the tilt of how wrong the curve is on all 60 points. " +
        "How big a step: η. Then repeat. The sharpness is how steeply the valley curves in its steepest direction, measured " +
        "from exact second derivatives. The points were made up for teaching.",
      lr: /** @type {[number, number]} */ ([0.005, 2]),
      idle: "The network starts from random weights, its curve far from the points. Guess what its valley's sharpness will do, then press Play.",
      before:
        "the network starts from random weights, its curve not yet through the points; each chart holds one dot, where it starts. Guess what its valley's sharpness will do.",
    };
  }

  build() {
    super.build();
    // Plain steps on all the points: the optimizer and the batch are not the reader's here,
    // and no minibatch noise is drawn. The loss and sharpness charts take the side column.
    for (const control of [this.controls.optimizer, this.controls.batchSlider]) {
      const box = /** @type {HTMLElement | null} */ (control.closest(".fh-tr-field"));
      if (box) box.hidden = true;
    }
    const noise = this.noise.svg.closest("figure");
    if (noise) noise.hidden = true;
    this.chart.box.hidden = true;
    this.chart.box.after(this.charts);
    const dials = /** @type {HTMLElement} */ (this.querySelector(".fh-tr-dials"));
    const id = uid("fh-edge-schedule");
    const box = htmlEl("div", { class: "fh-tr-field" }, "", dials);
    htmlEl("label", { for: id }, "Step size over the run", box);
    this.scheduleSelect = /** @type {HTMLSelectElement} */ (htmlEl("select", { id, class: "fh-tr-select" }, "", box));
    for (const name of SCHEDULES) {
      htmlEl("option", { value: name }, SCHEDULE_WORDS[name] ?? name, this.scheduleSelect);
    }
    this.scheduleSelect.addEventListener("change", () => this.change("schedule", this.scheduleSelect.value));
    this.dialWords = htmlEl("p", { class: "fh-tr-note fh-edge-dial" }, "", dials.parentElement ?? this);
    dials.after(this.dialWords);
    this.buildSlice();
    const bar = this.querySelector(".fh-tr-toolbar");
    this.timeline = new Timeline(this, bar?.nextElementSibling ?? null, (k) => this.seek(k));
    this.predict = new Predict(this, this.readout.message.parentElement, {
      question: "As the network learns, its valley's sharpness will…",
      judge: (facts) => edgeVerdict(facts),
    });
    this.predict.setChoices(EDGE_GUESSES);
  }

  /** The landscape slice, shown once a run has ended (asked of the host then). */
  buildSlice() {
    this.sliceBox = htmlEl("figure", { class: "fh-edge-slice" }, "");
    this.querySelector(".fh-tr-body")?.after(this.sliceBox);
    this.sliceBox.hidden = true;
    htmlEl("h4", { class: "fh-tr-subhead" }, "The network's ground, sliced", this.sliceBox);
    this.slice = new ContourMap(this.sliceBox, {
      label: "The loss over the plane of the path's two main directions, with the path drawn",
      axes: ["first direction", "second direction"],
    });
    this.slice.setSize(480, 300);
    this.sliceWords = htmlEl("figcaption", { class: "fh-tr-note" }, "", this.sliceBox);
    describedBy(this.slice.svg, this.sliceWords);
  }

  /** @param {any} answer */
  onAnswer(answer) {
    if (answer?.what !== "slice" || !answer.contours || this.run.status !== "done") return;
    this.sliceBox.hidden = false;
    this.slice.setContours(answer.contours);
    const points = Array.isArray(answer.path) ? answer.path : [];
    const overlay = this.slice.overlay;
    overlay.replaceChildren();
    svgEl("path", { class: "fh-edge-path", d: this.slice.walkD(points, points.length - 1) }, overlay);
    for (const [i, cls] of /** @type {const} */ ([
      [0, "fh-edge-path-start"],
      [points.length - 1, "fh-edge-path-end"],
    ])) {
      const [X, Y] = this.slice.toView(points[i][0], points[i][1]);
      svgEl("circle", { class: cls, cx: X.toFixed(1), cy: Y.toFixed(1), r: 5 }, overlay);
    }
    this.sliceWords.textContent = sliceWords(answer);
  }

  /** @param {HTMLElement} parent */
  buildPicture(parent) {
    htmlEl("h4", { class: "fh-tr-subhead" }, "The network's curve through its 60 points", parent);
    this.curveSvg = /** @type {SVGSVGElement} */ (
      svgEl(
        "svg",
        {
          viewBox: `0 0 ${W} ${H}`,
          class: "fh-edge-curve",
          role: "img",
          "aria-label": "The network's curve over the points it learns",
        },
        parent,
      )
    );
    this.curveWords = new ChartWords(this.curveSvg, parent);
    this.curveWords.say(NO_CURVE);
    const clip = uid("fh-edge-clip");
    const defs = svgEl("defs", {}, this.curveSvg);
    svgEl("rect", { x: 0, y: 0, width: W, height: H }, svgEl("clipPath", { id: clip }, defs));
    svgEl("line", { class: "fh-axis-line", x1: PAD, x2: W - PAD, y1: H / 2, y2: H / 2 }, this.curveSvg);
    this.dots = /** @type {SVGGElement} */ (svgEl("g", { class: "fh-edge-points" }, this.curveSvg));
    this.curve = /** @type {SVGPathElement} */ (
      svgEl("path", { class: "fh-edge-fit", "clip-path": `url(#${clip})` }, this.curveSvg)
    );
    const charts = htmlEl("div", { class: "fh-edge-charts" }, "", parent);
    this.charts = charts;
    this.lossChart = new StepChart(charts, {
      title: "loss (how wrong), log scale",
      label: "Network at the edge: the loss by step, on a log scale",
    });
    this.lossChart.options.log = true;
    this.sharpChart = new StepChart(charts, {
      title: "sharpness of the valley",
      label: "Network at the edge: the valley's sharpness by step, and its line 2/η",
      lineName: "line 2/η",
    });
  }

  /** @param {any} info */
  startPicture(info) {
    if (this.dots.childElementCount) return;
    const xs = Array.isArray(info.x) ? info.x : [];
    const ys = Array.isArray(info.y) ? info.y : [];
    const sx = linearScale(-1, 1, PAD, W - PAD);
    const sy = linearScale(-Y_SPAN, Y_SPAN, H - PAD, PAD);
    xs.forEach((/** @type {number} */ x, /** @type {number} */ i) => {
      svgEl("circle", { cx: sx(x).toFixed(1), cy: sy(ys[i]).toFixed(1), r: 3 }, this.dots);
    });
  }

  attach() {
    super.attach();
    // The lesson's task lists and numbers that name this widget follow it now.
    joinTasks(this);
    bindNumbers(this);
  }

  /**
   * Show the received step nearest at or before k (the reader moved the scrubber): a run
   * going on pauses first; Play goes on from the step shown.
   * @param {number} k
   */
  seek(k) {
    if (this.run.status === "running") this.pause();
    let i = this.steps.length - 1;
    while (i > 0 && this.steps[i] > k) i -= 1;
    const p = this.events[i];
    if (!p) return;
    if (this.run.status === "done") this.run.setStatus("paused");
    this.run.step = p.step;
    showStep(this, p.step);
    this.last = p;
    this.drawPicture(p);
    this.render();
  }

  /** Play goes on from the step shown: what was received past it is dropped first. */
  go() {
    if (this.run.status === "paused") this.keep(this.run.step);
    super.go();
  }

  /**
   * Keep what was received up to step k.
   * @param {number} k
   */
  keep(k) {
    let n = this.steps.length;
    while (n > 0 && this.steps[n - 1] > k) n -= 1;
    for (const list of [this.steps, this.lossValues, this.sharpValues, this.lines, this.events]) list.length = n;
    this.drawCharts(n);
  }

  clearRecords() {
    super.clearRecords();
    for (const list of [this.steps, this.lossValues, this.sharpValues, this.lines, this.events]) list.length = 0;
  }

  /** @param {any} p */
  record(p) {
    super.record(p);
    this.events.push(p);
    this.steps.push(p.step);
    this.lossValues.push(isNumber(p.loss) ? p.loss : null);
    this.sharpValues.push(isNumber(p.sharpness) ? p.sharpness : null);
    this.lines.push(isNumber(p.edge) ? p.edge : null);
  }

  drawCurve() {
    super.drawCurve();
    this.keep(this.run.step);
  }

  /** @param {number} n the received progress events to draw */
  drawCharts(n) {
    const total = Number(this.model.get("steps"));
    const steps = this.steps.slice(0, n);
    this.lossChart.draw({ steps, values: this.lossValues.slice(0, n), total });
    this.sharpChart.draw({ steps, values: this.sharpValues.slice(0, n), line: this.lines.slice(0, n), total });
  }

  /** @param {any} p */
  drawPicture(p) {
    const curve = Array.isArray(p.view?.curve) ? p.view.curve : [];
    const grid = Array.isArray(this.info?.grid) ? this.info.grid : [];
    const sx = linearScale(-1, 1, PAD, W - PAD);
    const sy = linearScale(-Y_SPAN, Y_SPAN, H - PAD, PAD);
    let d = "";
    let pen = "M";
    grid.forEach((/** @type {number} */ x, /** @type {number} */ i) => {
      const y = curve[i];
      if (!isNumber(y)) {
        pen = "M";
        return;
      }
      d += `${pen}${sx(x).toFixed(1)},${sy(Math.max(-3 * Y_SPAN, Math.min(3 * Y_SPAN, y))).toFixed(1)}`;
      pen = "L";
    });
    this.curve.setAttribute("d", d);
    const loss = isNumber(p.loss) ? `, how wrong ${fmtSig(p.loss, 3)}` : ", how wrong no longer a finite number";
    this.curveWords?.say(`The 60 points and the network's curve after step ${p.step.toLocaleString("en")}${loss}.`);
    const n = this.steps.findIndex((s) => s > p.step);
    this.drawCharts(n < 0 ? this.steps.length : n);
    this.timeline.show(p.step, this.steps[this.steps.length - 1] ?? 0);
    this.showDial(isNumber(p.sharpness) ? p.sharpness : null, isNumber(p.learning_rate) ? p.learning_rate : null);
    if (isNumber(p.sharpness)) this.dataset.sharpness = String(p.sharpness);
  }

  clearPicture() {
    this.steps = [];
    this.lossValues = [];
    this.sharpValues = [];
    this.lines = [];
    this.events = [];
    this.timeline?.show(0, 0);
    if (this.sliceBox) this.sliceBox.hidden = true;
    this.curve?.setAttribute("d", "");
    this.curveWords?.say(NO_CURVE);
    this.drawCharts(0);
    delete this.dataset.sharpness;
    delete this.dataset.outcome;
    this.showDial(null, null);
  }

  /**
   * @param {number | null} sharpness the valley's now
   * @param {number | null} rate the step size now (a schedule's), else the dial's
   */
  showDial(sharpness, rate) {
    const eta = rate ?? Number(this.model.get("learning_rate"));
    const words = dialWords(eta, sharpness, String(this.model.get("schedule")));
    if (this.dialWords.textContent !== words) this.dialWords.textContent = words;
  }

  showChoices() {
    super.showChoices();
    const schedule = String(this.model.get("schedule"));
    if (this.scheduleSelect.value !== schedule) this.scheduleSelect.value = schedule;
    if (!this.last) this.showDial(null, null);
  }

  /** @param {any} p */
  metricWords(p) {
    return metricWords(p);
  }

  /** @param {any} p */
  numberWords(p) {
    return numberWords(p);
  }

  /** @param {any} end */
  onEnd(end) {
    const facts = edgeFacts(this.events, end, Number(this.model.get("learning_rate")));
    if (facts.outcome) this.dataset.outcome = String(facts.outcome);
    // The landscape slice, for a run that did not fly off (its numbers are no longer finite).
    if (facts.outcome && facts.outcome !== "flew-off") this.ask({ what: "slice" });
    // What a lesson's bound numbers read (the notebook's kernel keeps no such trait).
    // With the run's code, for the "Show the code" panel (written by the host; the panel
    // follows this output).
    this.model.set("run", {
      edge: facts.edge,
      sharpness: facts.sharpness,
      peak: facts.peak,
      first: facts.first,
      code: end?.code ?? null,
    });
    this.dispatchEvent(new CustomEvent("fh-run", { detail: { facts } }));
  }

  detach() {
    super.detach();
    this.predict?.remove();
  }
}

if (!customElements.get("fh-edge")) customElements.define("fh-edge", FhEdge);
