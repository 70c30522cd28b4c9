// The step-size dial: a log-scaled slider whose track shows the four zones plain descent
// has on a valley (crawl, settle, zig-zag, fly off) with 1/L and 2/L marked, a line saying
// what they are, and example step sizes to press. The step dial turns it on a hill; the line
// fit on the bowl of its own dots. The zones come from the host's regimes; nothing here runs
// a walk.

import { LIMITS } from "./contract.js";
import { fmtSig } from "./format.js";
import { outcomeDoes, outcomeName } from "./outcome-words.js";
import { clamp, htmlEl, uid } from "./svg.js";

/** The four zones, in order of step size, each an outcome: its name and what the walker does
 * there (`does`) are the contract's words for it. */
export const ZONES = [
  { id: "crawl", outcome: "crawling", preset: "Tiny" },
  { id: "settle", outcome: "settled", preset: "Good" },
  { id: "zigzag", outcome: "zigzag", preset: "Bold" },
  { id: "fly", outcome: "flew-off", preset: "Too bold" },
].map((z) => ({ ...z, name: outcomeName(z.outcome), does: outcomeDoes(z.outcome) }));

/**
 * @typedef {object} Regimes a valley's step-size thresholds (the engine's)
 * @property {number} crawl_below
 * @property {number} one_jump
 * @property {number} fly_off
 */

/**
 * Which zone a step size falls in, given the engine's regimes.
 * @param {unknown} lr
 * @param {Regimes | null} regimes
 * @returns {number} index into ZONES; -1 without regimes, or for a step size no host takes
 */
export function zoneOf(lr, regimes) {
  if (!regimes || typeof lr !== "number" || !(lr > 0 && lr <= LIMITS.max_learning_rate)) return -1;
  if (lr > regimes.fly_off) return 3;
  if (lr > regimes.one_jump) return 2;
  return lr < regimes.crawl_below ? 0 : 1;
}

/**
 * Where the crawl zone ends: where the steps run out first, but never past 1/L (a step
 * budget too short for any step to settle leaves the settle zone empty).
 * @param {Regimes} r
 * @returns {number}
 */
function crawlEdge(r) {
  return Math.min(r.crawl_below, r.one_jump);
}

/**
 * The zones below 1/L, in words.
 * @param {Regimes} r
 * @param {string} walker
 * @returns {string}
 */
function lowZones(r, walker) {
  return r.crawl_below < r.one_jump
    ? `Below ${fmtSig(r.crawl_below)} ${walker} crawls; up to 1/L it settles;`
    : `No step settles within the steps allowed: up to 1/L ${walker} crawls;`;
}

/**
 * A step size rounded for display and for the address (three significant digits).
 * @param {number} lr
 * @returns {number}
 */
export function roundRate(lr) {
  return Number(lr.toPrecision(3));
}

/**
 * @typedef {object} RateDialOptions
 * @property {string} walker who walks, for the slider's words ("the ball", "the line")
 * @property {(lr: number, andGo: boolean) => void} set a step size chosen (and whether to play)
 */

export class RateDial {
  /**
   * @param {HTMLElement} parent
   * @param {RateDialOptions} options
   */
  constructor(parent, options) {
    this.options = options;
    /** the slider's range, as powers of ten */
    this.range = { min: -3, max: 0.5 };
    /** @type {number[]} the example step sizes offered */
    this.presets = [];
    this.trackWidth = 0;
    this.box = htmlEl("div", { class: "fh-dial" }, "", parent);
    const id = uid("fh-rate");
    const head = htmlEl("div", { class: "fh-dial-head" }, "", this.box);
    htmlEl("label", { for: id, class: "fh-dial-label" }, "Step size (learning rate)", head);
    this.output = htmlEl("output", { for: id, class: "fh-dial-value" }, "", head);
    const track = htmlEl("div", { class: "fh-dial-track" }, "", this.box);
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
    this.scaleNote = htmlEl("p", { class: "fh-dial-note" }, "", this.box);
    this.presetBar = htmlEl(
      "div",
      { class: "fh-presets", role: "group", "aria-label": "Example step sizes" },
      "",
      this.box,
    );
    this.slider.addEventListener("input", () => options.set(roundRate(10 ** Number(this.slider.value)), false));
    new ResizeObserver((entries) => {
      this.trackWidth = entries[entries.length - 1]?.contentRect.width || 0;
      this.placeZoneLabels();
    }).observe(track);
  }

  /**
   * New regimes (or none): the slider's range, the zones, the note and the presets.
   * @param {(Regimes & {curvature: number}) | null} r
   * @param {number[] | null} given preset step sizes chosen by the page (null: from the zones)
   * @param {unknown} lr the step size set now (kept on the track)
   * @param {string} what what the zones belong to ("this valley", "these dots")
   */
  setRegimes(r, given, lr, what) {
    this.presets = given?.length
      ? given
      : r
        ? [crawlEdge(r) / 4, r.one_jump * 0.55, r.one_jump * 1.5, r.fly_off * 1.12].map(roundRate)
        : [];
    const logs = this.presets.map(Math.log10);
    if (typeof lr === "number" && lr > 0) logs.push(Math.log10(lr));
    let min = r ? Math.log10(crawlEdge(r) > 0 ? crawlEdge(r) : r.one_jump / 100) - 0.8 : -3;
    let max = r ? Math.log10(r.fly_off) + 0.55 : 0.5;
    if (logs.length) {
      min = Math.min(min, Math.min(...logs) - 0.2);
      max = Math.max(max, Math.max(...logs) + 0.2);
    }
    this.range = { min: Math.floor(min * 20) / 20, max: Math.ceil(max * 20) / 20 };
    this.slider.min = String(this.range.min);
    this.slider.max = String(this.range.max);
    this.drawZones(r, what);
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

  /**
   * @param {(Regimes & {curvature: number}) | null} r
   * @param {string} what
   */
  drawZones(r, what) {
    this.zones.replaceChildren();
    this.marks.replaceChildren();
    this.zoneLabels.replaceChildren();
    this.scaleNote.textContent = "";
    if (!r) return;
    const edges = [10 ** this.range.min, crawlEdge(r), r.one_jump, r.fly_off, 10 ** this.range.max];
    ZONES.forEach((zone, i) => {
      const left = this.percent(Math.max(edges[i], 10 ** this.range.min));
      const right = this.percent(Math.max(edges[i + 1], 10 ** this.range.min));
      if (right - left < 0.5) return; // an empty zone (no step settles in time) goes unnamed
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
      `For ${what} (curvature L = ${fmtSig(r.curvature)}): 1/L = ${fmtSig(r.one_jump)} and 2/L = ${fmtSig(r.fly_off)}. ` +
      `${lowZones(r, this.options.walker)} up to 2/L it zig-zags; beyond 2/L it flies off. The scale is logarithmic.`;
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

  /** @param {Regimes | null} r */
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
      button.addEventListener("click", () => this.options.set(lr, true));
    }
  }

  /**
   * The step size set on the slider, its value and its zone (none named while refused).
   * @param {unknown} lr
   * @param {Regimes | null} r
   * @param {string} error
   * @returns {number} the zone (index into ZONES, -1 for none)
   */
  show(lr, r, error) {
    if (typeof lr === "number" && lr > 0) {
      const log = Math.log10(lr);
      if (Math.abs(Number(this.slider.value) - log) > 0.006) this.slider.value = String(log);
    }
    const zone = error ? -1 : zoneOf(lr, r);
    const text = typeof lr === "number" ? fmtSig(lr) : String(lr);
    if (this.output.textContent !== text) this.output.textContent = text;
    const walker = this.options.walker;
    const valuetext = zone >= 0 ? `${text}: ${walker} ${ZONES[zone].does}` : error ? `${text}: refused` : text;
    if (this.slider.getAttribute("aria-valuetext") !== valuetext) this.slider.setAttribute("aria-valuetext", valuetext);
    for (const b of /** @type {HTMLElement[]} */ ([...this.presetBar.children])) {
      b.setAttribute("aria-pressed", String(Number(b.dataset.rate) === lr));
    }
    return zone;
  }
}
