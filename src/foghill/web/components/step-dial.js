// <fh-step-dial>: the one dial that matters, the step size (learning rate). A log-scaled
// slider whose track shows the four zones the engine found for this valley (crawl, settle,
// zig-zag, fly off) with 1/L and 2/L marked, example rates, and a Go button. Moving the
// slider asks for the walk at once, so it is ready before Go is pressed.

import { LIMITS, OUTCOMES } from "../lib/contract.js";
import { DescentWidget, trajectoryMatches } from "../lib/descent-widget.js";
import { endingWords } from "../lib/ending.js";
import { BEHAVIOURS, dialVerdict } from "../lib/guesses.js";
import { Predict } from "../lib/predict.js";
import { clamp, htmlEl, uid } from "../lib/svg.js";
import { fmtSig, plural } from "../lib/format.js";
import { FormulaField } from "../lib/formula-field.js";
import { parseAttribute } from "../lib/page-model.js";
import { readNumberParam, stateKey, writeParam } from "../lib/url-state.js";
import { button, makeControls } from "../lib/widget.js";

/** The four zones, in order of step size. */
export const ZONES = [
  { id: "crawl", name: "crawl", preset: "Tiny" },
  { id: "settle", name: "settle", preset: "Good" },
  { id: "zigzag", name: "zig-zag", preset: "Bold" },
  { id: "fly", name: "fly off", preset: "Too bold" },
];

/**
 * Which zone a step size falls in, given the engine's regimes.
 * @param {unknown} lr
 * @param {{crawl_below: number, one_jump: number, fly_off: number} | null} regimes
 * @returns {number} index into ZONES; -1 without regimes, or for a step size no host takes
 */
export function zoneOf(lr, regimes) {
  if (!regimes || typeof lr !== "number" || !(lr > 0 && lr <= LIMITS.max_learning_rate)) return -1;
  if (lr < regimes.crawl_below) return 0;
  if (lr <= regimes.one_jump) return 1;
  if (lr <= regimes.fly_off) return 2;
  return 3;
}

/**
 * A step size rounded for display and for the address (three significant digits).
 * @param {number} lr
 * @returns {number}
 */
export function roundRate(lr) {
  return Number(lr.toPrecision(3));
}

export class FhStepDial extends DescentWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {HTMLElement} */ this.output;
    /** @type {HTMLElement} */ this.marks;
    /** @type {HTMLElement} */ this.zones;
    /** @type {HTMLInputElement} */ this.slider;
    /** @type {HTMLElement} */ this.zoneLabels;
    /** @type {HTMLElement} */ this.scaleNote;
    /** @type {HTMLElement} */ this.presetBar;
    /** @type {HTMLButtonElement} */ this.goButton;
    /** @type {ResizeObserver} */ this.labelObserver;
    /** the slider's range, as powers of ten */
    this.range = { min: -3, max: 0.5 };
    /** @type {number[]} the example step sizes offered */
    this.presets = [];
    this.trackWidth = 0;
    /** the address key of the step size ("" with no page model) */
    this.urlKey = "";
  }

  build() {
    this.replaceChildren();
    this.buildPlot({ fog: false, label: "The hill the step size is tried on" });
    this.plot.svg.classList.add("fh-show-trail");

    const dial = htmlEl("div", { class: "fh-dial" }, "", this);
    const id = uid("fh-rate");
    const head = htmlEl("div", { class: "fh-dial-head" }, "", dial);
    htmlEl("label", { for: id, class: "fh-dial-label" }, "Step size (learning rate)", head);
    this.output = htmlEl("output", { for: id, class: "fh-dial-value" }, "", head);

    const track = htmlEl("div", { class: "fh-dial-track" }, "", dial);
    this.marks = htmlEl("div", { class: "fh-marks", "aria-hidden": "true" }, "", track);
    this.zones = htmlEl("div", { class: "fh-zones", "aria-hidden": "true" }, "", track);
    this.slider = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        { type: "range", id, class: "fh-slider", min: "-3", max: "0.5", step: "0.01", value: "-1" },
        "",
        track,
      )
    );
    this.zoneLabels = htmlEl("div", { class: "fh-zone-labels", "aria-hidden": "true" }, "", track);
    this.scaleNote = htmlEl("p", { class: "fh-dial-note" }, "", dial);
    this.presetBar = htmlEl(
      "div",
      { class: "fh-presets", role: "group", "aria-label": "Example step sizes" },
      "",
      dial,
    );

    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    this.goButton = button("Go", "fh-btn-go", bar);
    this.goButton.addEventListener("click", () => this.goFromStart());
    const controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "Ball on the step-size hill",
    );
    this.playback.playButton = controls.play;
    this.buildReadout();
    const predict = new Predict(this, this.readout.message.parentElement, {
      question: "what will the ball do with this step size?",
      judge: (facts) => dialVerdict(facts, this.traj),
    });
    predict.setChoices(BEHAVIOURS);
    this.formulaField = new FormulaField(this);

    this.slider.addEventListener("input", () => this.onSlide());
    this.labelObserver = new ResizeObserver((entries) => {
      this.trackWidth = entries[entries.length - 1]?.contentRect.width || 0;
      this.placeZoneLabels();
    });
    this.labelObserver.observe(track);
  }

  /** @param {Record<string, any>} state */
  fromUrl(state) {
    this.urlKey = stateKey(this, "rate");
    const lr = readNumberParam(this.urlKey);
    if (lr !== null && lr > 0 && lr <= LIMITS.max_learning_rate) state.learning_rate = lr;
  }

  /**
   * @param {number} width
   * @returns {number}
   */
  plotHeight(width) {
    return clamp(width * 0.42, 220, 360);
  }

  /** @param {any} ls */
  landscapeChanged(ls) {
    const r = ls.regimes;
    const raw = this.getAttribute("learning-rates");
    const given = raw === null ? null : parseAttribute(raw, []);
    this.presets =
      Array.isArray(given) && given.length
        ? given
        : r
          ? [r.crawl_below / 4, r.one_jump * 0.55, r.one_jump * 1.5, r.fly_off * 1.12].map(roundRate)
          : [];
    const logs = this.presets.map(Math.log10);
    const lr = this.model.get("learning_rate");
    if (typeof lr === "number" && lr > 0) logs.push(Math.log10(lr));
    let min = r ? Math.log10(r.crawl_below) - 0.8 : -3;
    let max = r ? Math.log10(r.fly_off) + 0.55 : 0.5;
    if (logs.length) {
      min = Math.min(min, Math.min(...logs) - 0.2);
      max = Math.max(max, Math.max(...logs) + 0.2);
    }
    this.range = { min: Math.floor(min * 20) / 20, max: Math.ceil(max * 20) / 20 };
    this.slider.min = String(this.range.min);
    this.slider.max = String(this.range.max);
    this.drawZones(r);
    this.drawPresets(r);
  }

  /**
   * Position on the track, 0..100 %, of a step size.
   * @param {number} lr
   * @returns {number}
   */
  percent(lr) {
    const { min, max } = this.range;
    return clamp(((Math.log10(lr) - min) / (max - min)) * 100, 0, 100);
  }

  /** @param {any} r regimes */
  drawZones(r) {
    this.zones.replaceChildren();
    this.marks.replaceChildren();
    this.zoneLabels.replaceChildren();
    this.scaleNote.textContent = "";
    if (!r) return;
    const edges = [10 ** this.range.min, r.crawl_below, r.one_jump, r.fly_off, 10 ** this.range.max];
    ZONES.forEach((zone, i) => {
      const left = this.percent(edges[i]);
      const right = this.percent(edges[i + 1]);
      const band = htmlEl("div", { class: `fh-zone fh-zone-${zone.id}` }, "", this.zones);
      band.style.left = `${left}%`;
      band.style.width = `${Math.max(0, right - left)}%`;
      const label = htmlEl("span", { class: `fh-zone-label fh-zone-label-${zone.id}` }, zone.name, this.zoneLabels);
      label.style.left = `${(left + right) / 2}%`;
    });
    for (const [name, value] of [
      ["1/L", r.one_jump],
      ["2/L", r.fly_off],
    ]) {
      const mark = htmlEl("span", { class: "fh-mark" }, "", this.marks);
      mark.style.left = `${this.percent(Number(value))}%`;
      htmlEl("span", { class: "fh-mark-label" }, String(name), mark);
    }
    this.scaleNote.textContent =
      `For this valley (curvature L = ${fmtSig(r.curvature)}): 1/L = ${fmtSig(r.one_jump)} and 2/L = ${fmtSig(r.fly_off)}. ` +
      `Below ${fmtSig(r.crawl_below)} the ball crawls; up to 1/L it settles; up to 2/L it zig-zags; beyond 2/L it flies off. The scale is logarithmic.`;
    this.placeZoneLabels();
  }

  /** Put zone labels on a second row where they would overlap (narrow screens). */
  placeZoneLabels() {
    const width = this.trackWidth - 24; // the labels' box is inset by half a thumb each side
    if (width <= 0) return;
    /** @type {number[]} */
    const rowEnd = [-Infinity, -Infinity];
    for (const label of /** @type {HTMLElement[]} */ ([...this.zoneLabels.children])) {
      const center = (parseFloat(label.style.left) / 100) * width;
      const half = (label.textContent || "").length * 3.8 + 6;
      const row = center - half >= rowEnd[0] ? 0 : 1;
      label.classList.toggle("fh-row-2", row === 1);
      rowEnd[row] = center + half;
    }
  }

  /** @param {any} r regimes */
  drawPresets(r) {
    this.presetBar.replaceChildren();
    for (const lr of this.presets) {
      const zone = zoneOf(lr, r);
      const name = zone >= 0 ? ZONES[zone].preset : "Try";
      const button = htmlEl(
        "button",
        { type: "button", class: "fh-btn fh-btn-preset", "data-rate": String(lr) },
        `${name}: ${fmtSig(lr)}`, // the value it sets, to the digit (roundRate keeps three)
        this.presetBar,
      );
      button.addEventListener("click", () => this.setRate(lr, true));
    }
  }

  /**
   * The model's step size on the slider, its value and its zone. While the model's settings
   * are refused, no zone is named: the value is shown as it is, and called refused.
   * @param {string} error
   */
  renderControls(error) {
    const lr = this.model.get("learning_rate");
    if (typeof lr === "number" && lr > 0) {
      const log = Math.log10(lr);
      if (Math.abs(Number(this.slider.value) - log) > 0.006) this.slider.value = String(log);
    }
    const zone = error ? -1 : zoneOf(lr, this.model.get("landscape")?.regimes || null);
    const text = typeof lr === "number" ? fmtSig(lr) : String(lr);
    if (this.output.textContent !== text) this.output.textContent = text;
    const zoneWords = ["crawls", "settles", "zig-zags", "flies off"];
    const valuetext = zone >= 0 ? `${text}: the ball ${zoneWords[zone]}` : error ? `${text}: refused` : text;
    if (this.slider.getAttribute("aria-valuetext") !== valuetext) this.slider.setAttribute("aria-valuetext", valuetext);
    this.dataset.zone = zone >= 0 ? ZONES[zone].id : "";
    for (const b of /** @type {HTMLElement[]} */ ([...this.presetBar.children])) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.rate) === lr));
    }
  }

  onSlide() {
    this.setRate(roundRate(10 ** Number(this.slider.value)), false);
  }

  /**
   * A new step size: stop, go back to the start, and ask for the walk right away.
   * @param {number} lr
   * @param {boolean} andGo play once the walk is here
   */
  setRate(lr, andGo) {
    this.playback.reset();
    this.model.set("learning_rate", lr);
    if (this.ownsModel && this.urlKey) writeParam(this.urlKey, String(lr));
    this.model.save_changes();
    if (andGo) this.goFromStart();
    else this.say(true);
  }

  /** The Go button: from the start, with the step size on the dial. */
  goFromStart() {
    if (this.playback.status !== "idle" || this.playback.k > 0) this.playback.reset();
    this.playback.go();
  }

  /**
   * @param {string} status
   * @param {any} traj
   * @returns {string}
   */
  sentence(status, traj) {
    const lr = this.model.get("learning_rate");
    const rate = typeof lr === "number" ? fmtSig(lr) : String(lr);
    const zone = zoneOf(lr, this.model.get("landscape")?.regimes || null);
    const named = zone >= 0 ? `, in the “${ZONES[zone].name}” zone` : "";
    // A walk for other settings (the answer for these is on its way) is not described.
    if (!traj || !trajectoryMatches(traj, this.model)) return `Step size ${rate}${named}. Press Go to try it.`;
    const n = traj.n_steps;
    const final = OUTCOMES.includes(status);
    const regime = traj.regime;
    const caveat =
      final && regime && !regime.agree && zone >= 0
        ? ` The track said “${ZONES[zone].name}”: its zones come from the curve at the valley floor, and further out this hill bends differently.`
        : "";
    return this.outcomeWords(status, traj, rate, named, n) + caveat;
  }

  /**
   * @param {string} status
   * @param {any} traj
   * @param {string} rate the step size, as shown
   * @param {string} named its zone, in words ("" for none)
   * @param {number} n
   * @returns {string}
   */
  outcomeWords(status, traj, rate, named, n) {
    switch (status) {
      case "idle":
        return named
          ? `Step size ${rate}${named}. Press Go to see if the dial is right.`
          : `Step size ${rate}. Press Go.`;
      case "running":
        return `Walking with steps of size ${rate}…`;
      case "paused":
        return this.pausedWords(this.playback.k);
      case "crawling":
        return `Crawling: steps this timid only inch down the slope. The ball ${endingWords(traj)}.`;
      case "settled":
        return `Settled: steps of a sensible size walk calmly down without overshooting. The ball ${endingWords(traj)}.`;
      case "zigzag":
        return `Zig-zag: each step overshoots the bottom and lands on the far wall. The ball ${endingWords(traj)}.`;
      case "flew-off":
        return n <= 1
          ? "Flew off: the very first leap overshot the valley so far that the ball sailed off the hill."
          : `Flew off: every bounce landed higher than the one before, and after ${plural(n)} the ball was thrown clean off the hill.`;
      default:
        return "";
    }
  }
}

if (!customElements.get("fh-step-dial")) customElements.define("fh-step-dial", FhStepDial);
