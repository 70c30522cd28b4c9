// <fh-classifier>: a model learns to label the rows of the reader's own table (a softmax over
// its columns). It shows the held-out rows counted by true label and label given (a confusion
// table, with a sentence), each column's weight towards each label, named by the column, and
// answers a question: a row typed or picked from the held-out ones, labelled with its
// probability. Every number comes from the model's host; this element only draws.

import { TABLE_ATTRIBUTE } from "../lib/contract.js";
import { fmt } from "../lib/format.js";
import { htmlEl, uid } from "../lib/svg.js";
import { whole } from "../lib/training-controls.js";
import { TrainingWidget } from "../lib/training-widget.js";

/** Wait after the last key before asking about a typed row (ms). */
const TYPE_MS = 250;

/**
 * The confusion table in a sentence: how many held-out rows of each label got it right, and
 * the commonest mix-up.
 * @param {number[][]} confusion rows: the true label; columns: the label given
 * @param {string[]} classes
 * @returns {string}
 */
export function confusionWords(confusion, classes) {
  const parts = confusion.map((row, i) => {
    const total = row.reduce((a, b) => a + b, 0);
    return `${whole(row[i] ?? 0)} of the ${whole(total)} “${classes[i]}” rows`;
  });
  let worst = { count: 0, from: "", to: "" };
  confusion.forEach((row, i) => {
    row.forEach((count, j) => {
      if (i !== j && count > worst.count) worst = { count, from: classes[i], to: classes[j] };
    });
  });
  const mixup = worst.count
    ? ` The commonest mistake: ${whole(worst.count)} “${worst.from}” row${worst.count === 1 ? "" : "s"} labelled “${worst.to}”.`
    : " No mistakes.";
  return `Labelled right: ${parts.join(", ")}.${mixup}`;
}

/** @param {number[]} weights @returns {number} how far apart a column's weights are */
function spreadOf(weights) {
  return weights.length ? Math.max(...weights) - Math.min(...weights) : 0;
}

/** A column pushes "hardly" when its spread is under this share of the strongest column's. */
const HARDLY = 0.15;

/**
 * Which label a column pushes towards, in words ("height pushes towards “tall” (by 1.9)").
 * @param {string} column
 * @param {number[]} weights one per class
 * @param {string[]} classes
 * @param {number} strongest the largest spread of any column's weights
 * @returns {string}
 */
export function pushWords(column, weights, classes, strongest) {
  let best = 0;
  weights.forEach((w, k) => {
    if (w > weights[best]) best = k;
  });
  const spread = spreadOf(weights);
  if (!(spread > 0.05) || spread < HARDLY * strongest) return `${column} hardly pushes either way`;
  return `${column} pushes towards “${classes[best]}” (by ${fmt(spread, 2)})`;
}

export class FhClassifier extends TrainingWidget {
  constructor() {
    super();
    /** @type {HTMLTableElement} */ this.confusion;
    /** @type {HTMLElement} */ this.confusionNote;
    /** @type {HTMLTableElement} */ this.weights;
    /** @type {HTMLElement} */ this.pushNote;
    /** @type {HTMLElement} */ this.fields;
    /** @type {HTMLInputElement[]} */ this.cells = [];
    /** @type {HTMLSelectElement} */ this.pick;
    /** @type {HTMLElement} */ this.answer;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.typing = null;
  }

  get spec() {
    return {
      label: "Classifier",
      intro:
        "This model learns to label the rows of a table from their numbers. Press Play and watch its held-out " +
        "accuracy climb and its mistakes empty out; then pick or type a row and see what it says.",
      theta:
        "Here θ is one weight per column for each label (and a starting lean per label): a row's score for a label adds up its numbers times their weights. " +
        "Which way is downhill: the tilt of how wrong the labels are on a small batch of rows. How big a step: η. Then repeat.",
      lr: /** @type {[number, number]} */ ([0.01, 20]),
      idle: "Every weight starts near zero, so every row gets every label about equally: the model cannot tell yet. Press Play.",
      before:
        "every weight starts near zero, so every row gets every label about equally: it cannot tell them apart yet.",
    };
  }

  /** The table a lesson gave it (data=FILE.csv, read when the page was rendered). */
  pageExtra() {
    const text = this.getAttribute(TABLE_ATTRIBUTE);
    if (!text) return {};
    try {
      return { table: JSON.parse(text) };
    } catch {
      return {};
    }
  }

  /** @param {HTMLElement} parent */
  buildPicture(parent) {
    this.confusion = /** @type {HTMLTableElement} */ (htmlEl("table", { class: "fh-tr-confusion" }, "", parent));
    this.confusionNote = htmlEl(
      "p",
      { class: "fh-tr-note fh-tr-confusion-words" },
      "Press Play to watch the table fill.",
      parent,
    );
    this.weights = /** @type {HTMLTableElement} */ (htmlEl("table", { class: "fh-tr-weights" }, "", parent));
    this.pushNote = htmlEl("p", { class: "fh-tr-note fh-tr-push-words" }, "none yet", parent);
  }

  /** @param {HTMLElement} parent */
  buildTry(parent) {
    const box = htmlEl("div", { class: "fh-tr-try" }, "", parent);
    htmlEl("p", { class: "fh-tr-subhead" }, "Ask about a row: type its numbers, or pick a held-out row", box);
    const id = uid("fh-tr-pick");
    htmlEl("label", { for: id }, "Pick a row ", box);
    this.pick = /** @type {HTMLSelectElement} */ (htmlEl("select", { id, class: "fh-tr-pick-row" }, "", box));
    this.pick.addEventListener("change", () => this.picked());
    this.fields = htmlEl("div", { class: "fh-tr-row-fields" }, "", box);
    this.answer = htmlEl(
      "p",
      { class: "fh-tr-guess", "aria-live": "polite" },
      "Pick a held-out row, or type one, to ask what the model makes of it.",
      box,
    );
  }

  /** @param {any} info */
  startPicture(info) {
    /** @type {string[]} */ const features = info.features ?? [];
    if (this.cells.length !== features.length) {
      this.fields.replaceChildren();
      this.cells = features.map((name) => {
        const id = uid("fh-tr-col");
        const field = htmlEl("span", {}, "", this.fields);
        htmlEl("label", { for: id }, `${name} `, field);
        const input = /** @type {HTMLInputElement} */ (
          htmlEl("input", { id, type: "number", step: "any", class: "fh-tr-cell", "data-column": name }, "", field)
        );
        input.addEventListener("input", () => {
          if (this.typing !== null) clearTimeout(this.typing);
          this.typing = setTimeout(() => this.askRow(), TYPE_MS);
        });
        return input;
      });
      this.pick.replaceChildren();
      htmlEl("option", { value: "" }, "(choose)", this.pick);
      (info.shown ?? []).forEach((/** @type {{values: number[], label: string}} */ row, /** @type {number} */ i) => {
        const cells = row.values.map((v, j) => `${features[j]} ${fmt(v, 3)}`).join(", ");
        htmlEl("option", { value: String(i) }, `${cells} (labelled “${row.label}”)`, this.pick);
      });
    }
    this.drawTables(null);
  }

  /**
   * @param {{weights?: number[][], confusion?: number[][]} | null} view
   */
  drawTables(view) {
    /** @type {string[]} */ const classes = this.info?.classes ?? [];
    /** @type {string[]} */ const features = this.info?.features ?? [];
    const confusion = view?.confusion;
    this.confusion.replaceChildren();
    htmlEl(
      "caption",
      { class: "fh-tr-subhead" },
      "Held-out rows: true label (rows) and label given (columns)",
      this.confusion,
    );
    const head = htmlEl("tr", {}, "", this.confusion);
    htmlEl("th", { scope: "col" }, "true label ↓, given →", head);
    for (const c of classes) htmlEl("th", { scope: "col" }, c, head);
    classes.forEach((c, i) => {
      const tr = htmlEl("tr", {}, "", this.confusion);
      htmlEl("th", { scope: "row" }, c, tr);
      classes.forEach((_, j) => {
        const n = confusion?.[i]?.[j];
        htmlEl("td", { "data-right": String(i === j) }, n === undefined ? "–" : whole(n), tr);
      });
    });
    this.confusionNote.textContent = confusion
      ? confusionWords(confusion, classes)
      : "Untrained: nothing labelled yet. Press Play.";
    this.weights.replaceChildren();
    htmlEl("caption", { class: "fh-tr-subhead" }, "Each column's weight towards each label", this.weights);
    const top = htmlEl("tr", {}, "", this.weights);
    htmlEl("th", { scope: "col" }, "column", top);
    for (const c of classes) htmlEl("th", { scope: "col" }, `towards “${c}”`, top);
    const weights = view?.weights;
    features.forEach((name, i) => {
      const tr = htmlEl("tr", {}, "", this.weights);
      htmlEl("th", { scope: "row", class: "fh-tr-column-name" }, name, tr);
      classes.forEach((_, k) => {
        const w = weights?.[i]?.[k];
        htmlEl("td", {}, typeof w === "number" ? `${w > 0 ? "+" : ""}${fmt(w, 2)}` : "–", tr);
      });
    });
    const strongest = Math.max(0, ...(weights ?? []).map(spreadOf));
    this.pushNote.textContent = weights?.length
      ? `${features.map((name, i) => pushWords(name, weights[i] ?? [], classes, strongest)).join("; ")}.`
      : "none yet";
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  drawPicture(p) {
    this.drawTables(p.view ?? null);
    const row = this.row();
    if (row) this.refresh({ what: "label", row });
  }

  clearPicture() {
    this.drawTables(null);
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  metricWords(p) {
    const total = Number(this.info?.heldout_size);
    return `Held-out accuracy ${fmt(100 * p.metric, 0)}%: the share of the ${whole(total)} rows it never trained on that get their true label.`;
  }

  /** @returns {number[] | null} the typed row, when every field holds a number */
  row() {
    if (!this.cells.length) return null;
    const values = this.cells.map((input) => (input.value.trim() === "" ? NaN : Number(input.value)));
    return values.every(Number.isFinite) ? values : null;
  }

  picked() {
    const row = this.info?.shown?.[Number(this.pick.value)];
    if (!row || this.pick.value === "") return;
    row.values.forEach((/** @type {number} */ v, /** @type {number} */ j) => {
      if (this.cells[j]) this.cells[j].value = String(v);
    });
    this.askRow();
  }

  askRow() {
    const row = this.row();
    if (!row) {
      this.answer.textContent = "Fill in every column with a number to ask.";
      return;
    }
    this.ask({ what: "label", row });
  }

  /** @param {any} answer */
  onAnswer(answer) {
    if (answer?.what !== "label") return;
    const others = (answer.probabilities ?? [])
      .filter((/** @type {{label: string}} */ q) => q.label !== answer.label)
      .map((/** @type {{label: string, p: number}} */ q) => `“${q.label}” ${fmt(100 * q.p, 0)}%`)
      .join(", ");
    this.answer.textContent = `Label: “${answer.label}”, with probability ${fmt(100 * Number(answer.p), 0)}%${others ? ` (${others})` : ""}.`;
  }
}

if (!customElements.get("fh-classifier")) customElements.define("fh-classifier", FhClassifier);
