// <fh-edge>: a small network (two layers of 32 tanh units, 1,153 weights) learns a wavy curve
// through 60 made-up points by plain gradient descent on all of them, and its host measures
// how sharply its valley curves (the sharpness) as it learns. Side by side: the curve over
// the points, the loss by step (log scale), and the sharpness by step against the line 2/η
// that the step size allows. The reader guesses first what the sharpness will do; the end is
// said in words from the run's own numbers. Every number comes from the model's host.

import { SCHEDULES } from "../lib/contract.js";
import { fmtSig } from "../lib/format.js";
import { Predict } from "../lib/predict.js";
import { bindNumbers } from "../lib/bound.js";
import { ContourMap } from "../lib/contour-map.js";
import { showStep } from "../lib/playback.js";
import { StepChart } from "../lib/step-chart.js";
import { joinTasks } from "../lib/tasks.js";
import { Timeline } from "../lib/timeline.js";
import { htmlEl, linearScale, svgEl, uid } from "../lib/svg.js";
import { whole } from "../lib/training-controls.js";
import { TrainingWidget } from "../lib/training-widget.js";

/** The curve picture, in its own units (it scales with its box). */
const W = 320;
const H = 210;
const PAD = 14;
/** The heights shown: the points lie within ±1.3; a wilder curve is cut at the frame. */
const Y_SPAN = 2;

/** The schedules as the select names them. */
export const SCHEDULE_WORDS = {
  constant: "constant",
  "warm-up": "warm-up",
  decay: "decay",
};

/** What each schedule does to the step, said under the dial. */
const SCHEDULE_SAID = {
  constant: "",
  "warm-up": "With warm-up the step grows from a tenth of η to all of it over the first quarter of the run.",
  decay: "With decay the step shrinks steadily to a quarter of η by the end of the run.",
};

/** What the reader may guess the sharpness will do. */
export const EDGE_GUESSES = [
  { id: "same", label: "stay the same" },
  { id: "fall", label: "fall" },
  { id: "edge", label: "rise until it meets the line, and stay there" },
  { id: "fly", label: "rise past the line, and fly off" },
];

/** The host's outcome (training/edge.py) -> the guess it makes true ("" for none). */
const GUESS_OF = /** @type {Record<string, string>} */ ({
  same: "same",
  fell: "fall",
  edge: "edge",
  "flew-off": "fly",
  rose: "",
});

/**
 * @param {unknown} v
 * @returns {v is number}
 */
function isNumber(v) {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * What a bowl as sharp as `sharpness` does under steps of `rate`, in the dial's words.
 * @param {number} rate
 * @param {number} sharpness
 * @returns {string}
 */
export function dialWord(rate, sharpness) {
  const bend = rate * sharpness;
  if (bend >= 2) return "fly off";
  if (bend > 1) return "zig-zag";
  if (bend < 0.05) return "crawl";
  return "settle";
}

/**
 * The step size in the dial's language, with the valley's sharpness now when known.
 * @param {number} rate
 * @param {number | null} sharpness
 * @returns {string}
 */
export function stepWords(rate, sharpness) {
  const line = `Step size η = ${fmtSig(rate, 2)}, so its line is 2/η = ${fmtSig(2 / rate, 3)}: on a bowl that curves more sharply than that, these steps fly off.`;
  if (!isNumber(sharpness)) return `${line} Press Play to see how sharp the network's valley is.`;
  return `${line} On a bowl as sharp as the valley is now (${fmtSig(sharpness, 3)}) they would ${dialWord(rate, sharpness)}.`;
}

/**
 * The verdict on a run, from its facts: what the sharpness did, and why, with its numbers.
 * @param {any} f the fh-run facts: outcome, first, peak, sharpness (the last), edge, lossFirst, lossLast, steps
 * @returns {import("../lib/predict.js").Verdict}
 */
export function edgeVerdict(f) {
  const line = `2/η = ${fmtSig(f.edge, 3)}`;
  const losses =
    isNumber(f.lossFirst) && isNumber(f.lossLast)
      ? ` while the loss went from ${fmtSig(f.lossFirst, 2)} to ${fmtSig(f.lossLast, 2)}`
      : "";
  /** @type {Record<string, [string, string]>} */
  const words = {
    edge:
      f.first > 0.85 * f.edge
        ? [
            `the sharpness began at ${fmtSig(f.first, 3)}, at or over its line ${line}, and was held near it`,
            `It ended at ${fmtSig(f.sharpness, 3)}${losses}: whenever the valley grew sharper than the line, the steps overshot and carried the network somewhere flatter.`,
          ]
        : [
            `the sharpness rose from ${fmtSig(f.first, 3)} to its line ${line} and stayed there`,
            `It reached ${fmtSig(f.peak, 3)} at most and ended at ${fmtSig(f.sharpness, 3)}${losses}: whenever the valley grew sharper than the line, the steps overshot and carried the network somewhere flatter.`,
          ],
    rose: [
      `the sharpness rose from ${fmtSig(f.first, 3)} to ${fmtSig(f.sharpness, 3)} but stayed under its line ${line}`,
      `With a step this small the line is far above: the network sharpened its valley as it learned${losses}, and never got there in ${whole(f.steps)} steps.`,
    ],
    fell: [
      `the sharpness fell from ${fmtSig(f.first, 3)} to ${fmtSig(f.sharpness, 3)}`,
      `Its line was ${line}${losses}.`,
    ],
    same: [`the sharpness stayed about the same, ${fmtSig(f.sharpness, 3)}`, `Its line was ${line}${losses}.`],
    "flew-off": [
      "the network flew off",
      isNumber(f.peak) && f.peak > f.edge
        ? `Its sharpness reached ${fmtSig(f.peak, 3)}, past its line ${line}: each step overshot further than the last, until the numbers were no longer finite.`
        : `Each step overshot further than the last, until the numbers were no longer finite (its line was ${line}).`,
    ],
  };
  const [happened, because] = words[f.outcome] ?? ["the run ended", ""];
  return { actual: GUESS_OF[f.outcome] ?? "", happened, because };
}

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
      htmlEl(
        "option",
        { value: name },
        SCHEDULE_WORDS[/** @type {keyof SCHEDULE_WORDS} */ (name)] ?? name,
        this.scheduleSelect,
      );
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
    const share = Math.round(100 * Number(answer.explained));
    this.sliceWords.textContent =
      `A slice through the network's ground: the loss over the flat plane through the two directions its path moved along most ` +
      `(the principal components of its path, ${share}% of its movement), with the path from its start (open circle) to its end (filled). ` +
      `The ground itself has ${whole(Number(answer.weights))} directions, one for each weight, and this map shows only two, ` +
      "so the path's own heights need not match the map's.";
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
    const schedule = /** @type {keyof SCHEDULE_SAID} */ (String(this.model.get("schedule")));
    const words = `${stepWords(eta, sharpness)} ${SCHEDULE_SAID[schedule] ?? ""}`.trim();
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
    if (!isNumber(p.sharpness) || !isNumber(p.edge)) return "";
    const share = p.sharpness / p.edge;
    const where = Math.abs(share - 1) <= 0.15 ? "on its line" : share < 1 ? "under its line" : "over its line";
    return `Sharpness ${fmtSig(p.sharpness, 3)}, ${where} 2/η = ${fmtSig(p.edge, 3)}.`;
  }

  /** @param {any} p */
  numberWords(p) {
    const sharp = isNumber(p.sharpness) ? `, sharpness ${fmtSig(p.sharpness, 3)}` : "";
    return `Step ${whole(p.step)}: loss ${fmtSig(p.loss, 3)}${sharp}.`;
  }

  /** @param {any} end */
  onEnd(end) {
    const found = this.sharpValues.filter(isNumber);
    const losses = this.lossValues.filter(isNumber);
    const step = Number(end?.step ?? this.run.step);
    const facts = {
      outcome: String(end?.outcome ?? ""),
      first: found.length ? found[0] : null,
      peak: isNumber(end?.peak) ? end.peak : found.length ? Math.max(...found) : null,
      sharpness: isNumber(end?.sharpness) ? end.sharpness : (found[found.length - 1] ?? null),
      edge: isNumber(end?.edge) ? end.edge : 2 / Number(this.model.get("learning_rate")),
      lossFirst: losses[0],
      lossLast: losses[losses.length - 1],
      step,
      steps: step,
    };
    if (facts.outcome) this.dataset.outcome = facts.outcome;
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
