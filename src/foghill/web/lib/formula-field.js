// "Try your own hill": a formula field for the hill and dial widgets. The text goes to the
// model's host as the `formula` input, where the engine's safe parser reads it (never the
// browser). A refusal is shown where it happened: the character at the refused column is
// marked under the field (and selected in it while it has focus), the field is aria-invalid
// and described by the words. Until a formula is accepted the last good hill stays drawn.
// A few examples can be picked; the formula is shared in the page's address. The x range
// the hill is drawn over (the `domain` input) can be given too: both ends or neither (the
// engine's own range); a range the host refuses is said in words, as a formula is.

import { LIMITS } from "./contract.js";
import { fmtNum } from "./format.js";
import { htmlEl, uid } from "./svg.js";

/** Formulas to pick from: each one a hill with something to find. */
export const EXAMPLES = [
  { formula: "0.1*x^4 - x^2 + 0.5*x", title: "two valleys, one deeper" },
  { formula: "x^2/5 + sin(3*x)/2", title: "a bowl with ripples" },
  { formula: "log(1 + x^2)", title: "a valley with flattening sides" },
  { formula: "2 - exp(-x^2) - exp(-(x - 2.5)^2/0.1)", title: "a wide dip and a narrow well" },
  { formula: "sqrt(x^2 + 0.05) - x/4", title: "a sharp-bottomed valley, tilted" },
];

/**
 * The model's host reads the formula with its outer blanks removed, so a refused column
 * counts from the first character that is not blank; in the field it is further right.
 * @param {string} text the field's text
 * @param {number} column 1-based, in the text without its leading blanks
 * @returns {number} 0-based index into `text`
 */
export function columnIndex(text, column) {
  const leading = text.length - text.replace(/^[ \t]+/, "").length;
  return Math.min(Math.max(column - 1 + leading, 0), Math.max(text.length - 1, 0));
}

/**
 * The formula shown with the character at `index` marked: before, the character, after.
 * @param {string} text
 * @param {number} index
 * @returns {[string, string, string]}
 */
export function splitAt(text, index) {
  return [text.slice(0, index), text.slice(index, index + 1) || " ", text.slice(index + 1)];
}

/**
 * The x range as the two fields give it: null for neither (the engine's own range), a
 * sentence for what cannot be sent (one end, or a text that is no number), or the pair.
 * @param {string} loText
 * @param {string} hiText
 * @returns {[number, number] | null | string}
 */
export function rangeFrom(loText, hiText) {
  const lo = loText.trim();
  const hi = hiText.trim();
  if (!lo && !hi) return null;
  if (!lo || !hi) return "give both ends of the x range, or neither (then x runs over the formula's own range)";
  /** @type {number[]} */
  const ends = [];
  for (const [text, end] of [
    [lo, "start"],
    [hi, "end"],
  ]) {
    const value = Number(text.replace("\u2212", "-"));
    if (!Number.isFinite(value)) return `the x range's ${end} must be a number (got “${text}”)`;
    ends.push(value);
  }
  return [ends[0], ends[1]];
}

export class FormulaField {
  /**
   * @param {import("./descent-widget.js").DescentWidget} widget a hill or dial
   */
  constructor(widget) {
    this.widget = widget;
    const id = uid("fh-formula");
    this.box = /** @type {HTMLDetailsElement} */ (htmlEl("details", { class: "fh-formula-field" }, "", widget));
    htmlEl("summary", { class: "fh-code-summary" }, "Try your own hill", this.box);
    const form = /** @type {HTMLFormElement} */ (htmlEl("form", { class: "fh-formula-form" }, "", this.box));
    htmlEl("label", { for: id, class: "fh-formula-label" }, "Height of the hill at x:", form);
    const row = htmlEl("div", { class: "fh-formula-row" }, "", form);
    this.input = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        {
          id,
          type: "text",
          class: "fh-formula-input",
          spellcheck: "false",
          autocomplete: "off",
          autocapitalize: "off",
          maxlength: String(LIMITS.max_formula_length),
          "aria-describedby": `${id}-words ${id}-hint`,
        },
        "",
        row,
      )
    );
    this.drawButton = htmlEl("button", { type: "submit", class: "fh-btn fh-formula-draw" }, "Draw it", row);
    this.builtIn = /** @type {HTMLButtonElement} */ (
      htmlEl("button", { type: "button", class: "fh-btn fh-formula-reset" }, "Back to the built-in hill", row)
    );
    // The x range: two ends, each within the contract's bounds (the host checks them too).
    const range = htmlEl("div", { class: "fh-formula-row fh-formula-range", role: "group" }, "", form);
    range.setAttribute("aria-label", "The x range the hill is drawn over");
    const bound = LIMITS.max_coordinate.toLocaleString("en");
    /**
     * @param {string} text
     * @param {string} suffix
     * @returns {HTMLInputElement}
     */
    const end = (text, suffix) => {
      htmlEl("label", { for: `${id}-${suffix}`, class: "fh-formula-label" }, text, range);
      return /** @type {HTMLInputElement} */ (
        htmlEl(
          "input",
          {
            id: `${id}-${suffix}`,
            type: "text",
            inputmode: "decimal",
            class: "fh-formula-end",
            autocomplete: "off",
            "aria-describedby": `${id}-words ${id}-range-hint`,
          },
          "",
          range,
        )
      );
    };
    this.loInput = end("x from", "lo");
    this.hiInput = end("to", "hi");
    htmlEl(
      "p",
      { class: "fh-formula-hint", id: `${id}-range-hint` },
      `With a formula: leave both empty for its own range; each end lies between −${bound} and ${bound}.`,
      form,
    );
    // Where a refusal happened: the text again, the refused character marked (not only by
    // colour: underlined, with a caret under it and its column in words).
    this.echo = htmlEl("p", { class: "fh-formula-echo", "aria-hidden": "true" }, "", form);
    this.echo.hidden = true;
    this.words = htmlEl("p", { class: "fh-formula-words", id: `${id}-words` }, "", form);
    htmlEl(
      "p",
      { class: "fh-formula-hint", id: `${id}-hint` },
      "Use x, numbers, + − * / and ^ for powers, brackets, pi and e, and exp, log, sqrt, sin, cos, tan, tanh, abs.",
      form,
    );
    const pick = htmlEl("div", { class: "fh-formula-pick" }, "", form);
    htmlEl("label", { for: `${id}-examples`, class: "fh-formula-label" }, "Or pick an example:", pick);
    this.examples = /** @type {HTMLSelectElement} */ (
      htmlEl("select", { id: `${id}-examples`, class: "fh-formula-examples" }, "", pick)
    );
    htmlEl("option", { value: "" }, "Choose a hill…", this.examples);
    for (const example of EXAMPLES) {
      htmlEl("option", { value: example.formula }, `${example.formula}  (${example.title})`, this.examples);
    }
    /** the formula last sent to the model ("" for the built-in hill) */
    this.sent = "";
    /** why the x range typed was not sent ("" when it was) */
    this.rangeRefusal = "";

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      this.submit(this.input.value);
    });
    this.examples.addEventListener("change", () => {
      if (this.examples.value) this.submit(this.examples.value);
    });
    this.builtIn.addEventListener("click", () => this.submit(""));
  }

  /** Follow the model (called whenever the widget attaches to it). */
  connect() {
    const widget = this.widget;
    this.sent = widget.model.get("formula") || "";
    this.input.value = this.sent;
    if (this.sent) this.box.open = true;
    this.showRange(widget.model.get("domain"));
    for (const key of ["formula", "domain", "error", "error_column", "landscape"])
      widget.listen(`change:${key}`, () => this.render());
    this.render();
  }

  /**
   * Ask the model's host for the hill of this formula ("": the widget's built-in hill).
   * @param {string} text
   */
  submit(text) {
    const model = this.widget.model;
    // A built-in hill keeps its own range: the range goes with a formula only.
    const range = text.trim() ? rangeFrom(this.loInput.value, this.hiInput.value) : null;
    if (typeof range === "string") {
      this.rangeRefusal = range;
      this.render();
      return;
    }
    this.rangeRefusal = "";
    this.sent = text;
    this.input.value = text;
    this.examples.value = EXAMPLES.some((e) => e.formula === text) ? text : "";
    if (!text.trim()) this.showRange(null);
    model.set("formula", text);
    model.set("domain", range);
    model.save_changes();
  }

  /**
   * Show an x range in the two fields (empty for none).
   * @param {unknown} domain
   */
  showRange(domain) {
    const pair = Array.isArray(domain) && domain.length === 2 && typeof domain[0] === "number" ? domain : null;
    this.loInput.value = pair ? String(pair[0]) : "";
    this.hiInput.value = pair ? String(pair[1]) : "";
  }

  /** The field's state from the model's: refused (marked, in words) or accepted. */
  render() {
    const model = this.widget.model;
    const formula = model.get("formula") || "";
    if (formula !== this.sent) {
      // Set from elsewhere (a kernel's `hill.formula = ...`): the field shows it too.
      this.sent = formula;
      this.input.value = formula;
      this.examples.value = EXAMPLES.some((e) => e.formula === formula) ? formula : "";
      if (formula) this.box.open = true;
    }
    const error = model.get("error") || "";
    const column = model.get("error_column");
    const typing = document.activeElement === this.loInput || document.activeElement === this.hiInput;
    if (!this.rangeRefusal && !typing) this.showRange(model.get("domain"));
    const rangeRefused = Boolean(this.rangeRefusal) || (Boolean(error) && error.includes("domain"));
    for (const end of [this.loInput, this.hiInput]) {
      if (rangeRefused) end.setAttribute("aria-invalid", "true");
      else end.removeAttribute("aria-invalid");
    }
    if (this.rangeRefusal) {
      this.words.textContent = `Not drawn: ${this.rangeRefusal}. The hill shown is the last one that worked.`;
      this.words.dataset.state = "refused";
      return;
    }
    const refusedHere =
      Boolean(error) && Boolean(formula.trim()) && formula === this.sent && /formula|domain/.test(error);
    this.builtIn.hidden = !formula.trim();
    if (refusedHere && !error.includes("formula")) {
      this.input.removeAttribute("aria-invalid");
      this.echo.hidden = true;
      this.words.textContent = `Not drawn: ${error}. The hill shown is the last one that worked.`;
      this.words.dataset.state = "refused";
      return;
    }
    if (refusedHere) {
      this.input.setAttribute("aria-invalid", "true");
      this.markColumn(formula, typeof column === "number" ? column : null);
      this.words.textContent = `Not drawn: ${error}. The hill shown is the last one that worked.`;
      this.words.dataset.state = "refused";
      return;
    }
    this.input.removeAttribute("aria-invalid");
    this.echo.hidden = true;
    this.echo.replaceChildren();
    const landscape = model.get("landscape");
    const drawn = landscape && !error && (formula.trim() ? landscape.name === "custom" : landscape.name !== "custom");
    if (!drawn) {
      this.words.textContent = "";
      delete this.words.dataset.state;
      return;
    }
    // The range drawn shows in the empty fields (the formula's own, or the hill's).
    const span = landscape.domain;
    const known = Array.isArray(span) && span.length === 2;
    this.loInput.placeholder = known ? fmtNum(span[0]) : "";
    this.hiInput.placeholder = known ? fmtNum(span[1]) : "";
    this.words.textContent = formula.trim()
      ? `Drawn: height = ${landscape.formula}.`
      : `The built-in hill: height = ${landscape.formula}.`;
    this.words.dataset.state = "drawn";
  }

  /**
   * Mark the refused character under the field, and select it in the field while it has
   * focus (so the caret is where the fix goes).
   * @param {string} text
   * @param {number | null} column 1-based, or null when the refusal has no single place
   */
  markColumn(text, column) {
    this.echo.replaceChildren();
    if (column === null) {
      this.echo.hidden = true;
      return;
    }
    const index = columnIndex(text, column);
    const [before, at, after] = splitAt(text, index);
    const line = htmlEl("span", { class: "fh-formula-echo-text" }, "", this.echo);
    line.append(before);
    htmlEl("mark", { class: "fh-formula-mark" }, at, line);
    line.append(after);
    const caret = htmlEl("span", { class: "fh-formula-caret" }, "", this.echo);
    caret.textContent = `${" ".repeat(index)}^ column ${column}`;
    this.echo.hidden = false;
    this.echo.dataset.column = String(column);
    if (document.activeElement === this.input) this.input.setSelectionRange(index, index + 1);
  }
}
