// The race's legend, which is also its controls: per optimizer its mark (colour, dash and
// marker shape, so that no reader needs the colour), a checkbox to let it run, and its step
// size; one momentum field for momentum and Nesterov. The legend only reports what the reader
// set; the widget puts it into the model.

import { OPTIMIZERS } from "./contract.js";
import { optimizerName } from "./map-words.js";
import { htmlEl, svgEl, uid } from "./svg.js";

/**
 * A racer's marker shape, centred on (0, 0): a filled path about 12 px across.
 * @param {number} slot 0..5, by the optimizer's place in OPTIMIZERS
 * @returns {string}
 */
export function markerPath(slot) {
  switch (slot) {
    case 0: // circle
      return "M-6,0A6,6 0 1,0 6,0A6,6 0 1,0 -6,0Z";
    case 1: // square
      return "M-5.5,-5.5H5.5V5.5H-5.5Z";
    case 2: // triangle
      return "M0,-7L6.5,5H-6.5Z";
    case 3: // diamond
      return "M0,-7.5L7,0L0,7.5L-7,0Z";
    case 4: // triangle pointing down
      return "M0,7L6.5,-5H-6.5Z";
    default: // plus
      return "M-2.5,-7H2.5V-2.5H7V2.5H2.5V7H-2.5V2.5H-7V-2.5H-2.5Z";
  }
}

/**
 * @param {string} optimizer
 * @returns {number} its slot: colour, dash and marker
 */
export function slotOf(optimizer) {
  return Math.max(0, OPTIMIZERS.indexOf(optimizer));
}

/**
 * @typedef {object} LegendRow
 * @property {HTMLInputElement} toggle
 * @property {HTMLInputElement} rate
 */

export class RaceLegend {
  /**
   * @param {HTMLElement} parent
   * @param {{toggled: (name: string, on: boolean) => void, rate: (name: string, value: number) => void,
   *   momentum: (value: number) => void}} hooks
   */
  constructor(parent, hooks) {
    const id = uid("fh-legend");
    const list = htmlEl(
      "ul",
      { class: "fh-legend", "aria-label": "The racers: which run, and their step sizes" },
      "",
      parent,
    );
    /** @type {Map<string, LegendRow>} */
    this.rows = new Map();
    for (const name of OPTIMIZERS) {
      const slot = slotOf(name);
      const li = htmlEl("li", { "data-optimizer": name }, "", list);
      const mark = svgEl("svg", { viewBox: "0 0 44 18", "aria-hidden": "true" }, li);
      svgEl("path", { d: "M2,9H42", class: `fh-racer-trail fh-racer-${slot}` }, mark);
      svgEl(
        "path",
        { d: markerPath(slot), transform: "translate(22 9)", class: `fh-racer-ball fh-racer-${slot}` },
        mark,
      );
      const label = htmlEl("label", {}, "", li);
      const toggle = /** @type {HTMLInputElement} */ (htmlEl("input", { type: "checkbox" }, "", label));
      label.append(optimizerName(name));
      const rateId = `${id}-rate-${name}`;
      const rates = htmlEl("span", { class: "fh-rates" }, "", li);
      htmlEl("label", { for: rateId }, "step", rates);
      const rate = /** @type {HTMLInputElement} */ (
        htmlEl(
          "input",
          { type: "number", id: rateId, min: "0.00001", max: "100", step: "any", inputmode: "decimal" },
          "",
          rates,
        )
      );
      rate.setAttribute("aria-label", `${optimizerName(name)}: step size`);
      toggle.addEventListener("change", () => hooks.toggled(name, toggle.checked));
      rate.addEventListener("change", () => {
        const v = Number(rate.value);
        if (Number.isFinite(v) && v > 0) hooks.rate(name, v);
      });
      this.rows.set(name, { toggle, rate });
    }
    const box = htmlEl("p", { class: "fh-rates" }, "", parent);
    htmlEl("label", { for: `${id}-kept` }, "Momentum kept (momentum and Nesterov)", box);
    this.momentum = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        { type: "number", id: `${id}-kept`, min: "0", max: "0.999", step: "0.05", inputmode: "decimal" },
        "",
        box,
      )
    );
    this.momentum.addEventListener("change", () => {
      const v = Number(this.momentum.value);
      if (Number.isFinite(v) && v >= 0 && v < 1) hooks.momentum(v);
    });
  }

  /**
   * Show which run and their step sizes (fields the reader is typing in are left alone).
   * @param {string[]} running
   * @param {Record<string, number>} rates
   * @param {number} momentum
   */
  show(running, rates, momentum) {
    for (const [name, row] of this.rows) {
      row.toggle.checked = running.includes(name);
      const v = rates[name];
      if (document.activeElement !== row.rate && v !== undefined && Number(row.rate.value) !== v)
        row.rate.value = String(v);
    }
    if (document.activeElement !== this.momentum && Number(this.momentum.value) !== momentum) {
      this.momentum.value = String(momentum);
    }
  }
}
