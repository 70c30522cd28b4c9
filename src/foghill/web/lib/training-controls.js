// The controls every training demo shares: Play / Pause, Step and Reset (widget.js's row), how
// fast the page shows the run (speed.js's choice, beside them), the learning-rate dial, the optimizer, and the batch-size dial
// from one example to the whole training set (and, for a demo with a hidden layer, its width). They only say what the reader chose; the
// widget sets the model's inputs and decides what follows.

import { LIMITS, OPTIMIZERS } from "./contract.js";
import { optimizerName } from "./map-words.js";
import { fmtSig } from "./format.js";
import { SpeedChoice } from "./speed.js";
import { htmlEl, uid } from "./svg.js";
import { makeControls } from "./buttons.js";

/** Slider positions of the learning-rate dial (even steps on a log scale). */
const TICKS = 100;

/** The batch dial's top: the whole training set, however large the host says it is. */
export const WHOLE_SET = Number.POSITIVE_INFINITY;

/**
 * The batch dial's stops: powers of two below the whole set (below the largest batch the
 * contract allows while the set's size is not known yet), then the whole set.
 * @param {number} total the whole training set (0: not known yet)
 * @returns {number[]}
 */
export function batchStops(total) {
  const top = total > 0 ? total : Number(LIMITS.max_batch_size);
  const stops = [];
  for (let size = 1; size < top; size *= 2) stops.push(size);
  stops.push(WHOLE_SET);
  return stops;
}

/**
 * A whole number as a reader writes it ("1,437").
 * @param {number} n
 * @returns {string}
 */
export function whole(n) {
  return Math.round(n).toLocaleString("en");
}

/**
 * The batch size in words.
 * @param {number} size
 * @param {number} total the whole training set (0: not known yet)
 * @returns {string}
 */
export function batchWords(size, total) {
  if (size === WHOLE_SET)
    return total > 0 ? `all ${whole(total)} examples (the whole set)` : "all examples (the whole set)";
  if (total > 0 && size >= total) return `all ${whole(total)} examples (the whole set)`;
  return size === 1 ? "1 example at a time" : `${whole(size)} examples per step`;
}

/**
 * The hidden-layer dial's stops: none, then 1, 2, 4, ... up to the contract's largest.
 * @returns {number[]}
 */
export function hiddenStops() {
  const top = Number(LIMITS.max_hidden);
  const stops = [0];
  for (let width = 1; width < top; width *= 2) stops.push(width);
  stops.push(top);
  return stops;
}

/**
 * The hidden layer's width in words, with the weights the model then has (when known).
 * @param {number} width
 * @param {number[]} [weights] the model's weights at each width
 * @returns {string}
 */
export function hiddenWords(width, weights) {
  const layer = width === 0 ? "no hidden layer" : width === 1 ? "1 hidden unit" : `${whole(width)} hidden units`;
  const count = weights?.[width];
  return count ? `${layer}: ${whole(count)} weights to learn` : layer;
}

/**
 * @typedef {object} Choices
 * @property {number} learning_rate
 * @property {string} optimizer
 * @property {number} batch_size WHOLE_SET: the whole set, its size not known yet
 * @property {number} [hidden] the hidden layer's width (a demo without one: none)
 */

/**
 * @typedef {object} ControlActions
 * @property {() => void} play Play or Pause
 * @property {() => void} step train a little, then stop
 * @property {() => void} reset back to the untrained start
 * @property {(key: "learning_rate" | "optimizer" | "batch_size" | "hidden", value: number | string) => void} change
 * @property {(speed: import("./player.js").Speed) => void} speed how fast the pictures are shown
 */

/**
 * A labelled field: <label> and the control, in one box.
 * @param {HTMLElement} parent
 * @param {string} text
 * @param {string} id
 * @returns {HTMLElement}
 */
function field(parent, text, id) {
  const box = htmlEl("div", { class: "fh-tr-field" }, "", parent);
  htmlEl("label", { for: id }, text, box);
  return box;
}

export class TrainingControls {
  /**
   * @param {HTMLElement} parent
   * @param {string} label what these controls train, for screen readers
   * @param {Choices} choices the model's inputs to start from
   * @param {{lr: [number, number], weights?: number[]}} range the learning-rate dial's ends;
   *   the model's weights at each hidden-layer width (said beside that dial)
   * @param {import("./player.js").Speed} speed how fast the pictures are shown at first
   * @param {ControlActions} actions
   */
  constructor(parent, label, choices, range, speed, actions) {
    this.actions = actions;
    this.lr = range.lr;
    /** the whole training set, once the host has said (0: not yet) */
    this.batchMax = 0;
    this.stops = batchStops(0);
    const bar = htmlEl("div", { class: "fh-toolbar fh-tr-toolbar" }, "", parent);
    const buttons = makeControls(bar, actions, label);
    this.play = buttons.play;
    this.stepButton = buttons.step;
    this.resetButton = buttons.reset;
    this.stepButton.textContent = "Step";
    this.stepButton.setAttribute("aria-label", "Step: train a little, then stop");
    this.speed = new SpeedChoice(bar, speed, actions.speed);

    const dials = htmlEl(
      "div",
      { class: "fh-tr-dials", role: "group", "aria-label": `${label}: settings` },
      "",
      parent,
    );
    const lrId = uid("fh-tr-lr");
    const lrBox = field(dials, "Step size η", lrId);
    this.lrSlider = /** @type {HTMLInputElement} */ (
      htmlEl("input", { id: lrId, type: "range", min: 0, max: TICKS, step: 1, class: "fh-tr-slider" }, "", lrBox)
    );
    this.lrText = htmlEl("output", { for: lrId, class: "fh-tr-value" }, "", lrBox);
    this.lrSlider.addEventListener("input", () => this.changed("learning_rate", this.lrFromTick(this.lrSlider)));

    const optId = uid("fh-tr-opt");
    this.optimizer = /** @type {HTMLSelectElement} */ (
      htmlEl("select", { id: optId, class: "fh-tr-select" }, "", field(dials, "Optimizer", optId))
    );
    for (const name of OPTIMIZERS) {
      htmlEl("option", { value: name }, optimizerName(name), this.optimizer);
    }
    this.optimizer.addEventListener("change", () => this.changed("optimizer", this.optimizer.value));

    const batchId = uid("fh-tr-batch");
    const batchBox = field(dials, "Examples per step", batchId);
    this.batchSlider = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        { id: batchId, type: "range", min: 0, max: this.stops.length - 1, step: 1, class: "fh-tr-slider" },
        "",
        batchBox,
      )
    );
    this.batchText = htmlEl("output", { for: batchId, class: "fh-tr-value" }, "", batchBox);
    this.batchSlider.addEventListener("input", () => this.changed("batch_size", this.batchFromTick(this.batchSlider)));

    this.weights = range.weights;
    this.hiddenStops = hiddenStops();
    /** @type {HTMLInputElement | null} */
    this.hiddenSlider = null;
    /** @type {HTMLElement | null} */
    this.hiddenText = null;
    if (choices.hidden !== undefined) {
      const hiddenId = uid("fh-tr-hidden");
      const hiddenBox = field(dials, "Hidden units", hiddenId);
      const slider = /** @type {HTMLInputElement} */ (
        htmlEl(
          "input",
          { id: hiddenId, type: "range", min: 0, max: this.hiddenStops.length - 1, step: 1, class: "fh-tr-slider" },
          "",
          hiddenBox,
        )
      );
      this.hiddenText = htmlEl("output", { for: hiddenId, class: "fh-tr-value" }, "", hiddenBox);
      slider.addEventListener("input", () => this.changed("hidden", this.hiddenStops[Number(slider.value)] ?? 0));
      this.hiddenSlider = slider;
    }
    this.show(choices);
  }

  /**
   * @param {"learning_rate" | "optimizer" | "batch_size" | "hidden"} key
   * @param {number | string} value
   */
  changed(key, value) {
    this.actions.change(key, value);
  }

  /**
   * The learning rate at a slider position: even steps on a log scale between the ends.
   * @param {HTMLInputElement} slider
   * @returns {number}
   */
  lrFromTick(slider) {
    const [lo, hi] = this.lr;
    const value = lo * (hi / lo) ** (Number(slider.value) / TICKS);
    return Number(fmtSig(value, 2));
  }

  /**
   * The batch size at a slider position: 1, 2, 4, ... and the whole set at the top (its size
   * once the host has said it; WHOLE_SET before).
   * @param {HTMLInputElement} slider
   * @returns {number}
   */
  batchFromTick(slider) {
    const size = this.stops[Number(slider.value)] ?? WHOLE_SET;
    return size === WHOLE_SET && this.batchMax > 0 ? this.batchMax : size;
  }

  /**
   * The whole training set, once the host has said how large it is.
   * @param {number} total
   * @param {number} current the batch size the model holds
   */
  setBatchMax(total, current) {
    if (!(total >= 1) || total === this.batchMax) return;
    this.batchMax = total;
    this.stops = batchStops(total);
    this.batchSlider.max = String(this.stops.length - 1);
    this.showBatch(current);
  }

  /**
   * Show the model's current choices.
   * @param {Choices} choices
   */
  show(choices) {
    const [lo, hi] = this.lr;
    const lr = choices.learning_rate;
    this.lrSlider.value = String(Math.round((TICKS * Math.log(lr / lo)) / Math.log(hi / lo)));
    const lrWords = fmtSig(lr, 2);
    this.lrText.textContent = lrWords;
    this.lrSlider.setAttribute("aria-valuetext", lrWords);
    if (this.optimizer.value !== choices.optimizer) this.optimizer.value = choices.optimizer;
    this.showBatch(choices.batch_size);
    if (choices.hidden !== undefined) this.showHidden(choices.hidden);
  }

  /** @param {number} width the hidden layer's (a notebook may hold any width: the nearest stop) */
  showHidden(width) {
    if (!this.hiddenSlider || !this.hiddenText) return;
    let tick = 0;
    this.hiddenStops.forEach((stop, i) => {
      if (Math.abs(stop - width) < Math.abs(this.hiddenStops[tick] - width)) tick = i;
    });
    this.hiddenSlider.value = String(tick);
    const words = hiddenWords(width, this.weights);
    this.hiddenText.textContent = words;
    this.hiddenSlider.setAttribute("aria-valuetext", words);
  }

  /** @param {number} size */
  showBatch(size) {
    const top = this.batchMax;
    const last = this.stops.length - 1;
    // The stop nearest the size on a log scale (a notebook may hold any whole number).
    let tick = last;
    if (size !== WHOLE_SET && !(top > 0 && size >= top)) {
      tick = Math.min(last - 1, Math.max(0, Math.round(Math.log2(Math.max(1, size)))));
    }
    this.batchSlider.value = String(tick);
    const words = batchWords(size, top);
    this.batchText.textContent = words;
    this.batchSlider.setAttribute("aria-valuetext", words);
  }
}
