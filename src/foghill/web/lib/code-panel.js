// "Show the code": under a widget, the run it shows as code a reader can take away: the
// Foghill lines that make exactly this run in a notebook, and the PyTorch lines
// (torch.optim, the same function, the same stopping rule) that make the same numbers.
// The text is written by the model's host (foghill/snippets.py, in the `code` of the descend,
// line fit, race and sweep answers, and in a training run's end event); this module only
// shows it and copies it. Any widget whose answers carry
// `code` gets the panel (mountCodePanel is called for every widget by widget.js).

import { WIDGETS } from "./contract.js";
import { htmlEl } from "./svg.js";

/**
 * The code of a run: both programs, as the model's host wrote them.
 * @typedef {{python: string, torch: string}} RunCode
 */

/** The two programs, in the order shown, with their headings and what Copy says. */
const PROGRAMS = /** @type {const} */ ([
  {
    key: "python",
    title: "With Foghill, in a notebook",
    copy: "Copy the Foghill code",
    copied: "Copied the Foghill code.",
  },
  {
    key: "torch",
    title: "With PyTorch (torch.optim), the same numbers",
    copy: "Copy the PyTorch code",
    copied: "Copied the PyTorch code.",
  },
]);

/**
 * The code of the run a model holds: the `code` of the first output that carries one.
 * @param {import("./widget.js").Model} model
 * @param {string} tag the widget's tag (its outputs are read from contract.js)
 * @returns {RunCode | null}
 */
export function runCode(model, tag) {
  for (const key of WIDGETS[tag]?.outputs ?? []) {
    const code = model.get(key)?.code;
    if (code && typeof code.python === "string" && typeof code.torch === "string") return code;
  }
  return null;
}

let panels = 0;

/** A disclosure with the two programs, a Copy button for each, and the words Copy says. */
export class CodePanel {
  /**
   * @param {import("./widget.js").FhWidget} widget
   */
  constructor(widget) {
    this.widget = widget;
    panels += 1;
    const id = `fh-code-${panels}`;
    this.box = /** @type {HTMLDetailsElement} */ (htmlEl("details", { class: "fh-code" }, "", widget));
    htmlEl("summary", { class: "fh-code-summary" }, "Show the code", this.box);
    const body = htmlEl("div", { class: "fh-code-body" }, "", this.box);
    htmlEl(
      "p",
      { class: "fh-code-note" },
      "This run as code: Foghill's lines make exactly what you see here (the page shows its numbers rounded); PyTorch's optimizers make the same numbers.",
      body,
    );
    /** @type {Record<string, HTMLElement>} */
    this.texts = {};
    for (const program of PROGRAMS) {
      const section = htmlEl("section", { class: "fh-code-program" }, "", body);
      const heading = htmlEl("p", { class: "fh-code-title", id: `${id}-${program.key}` }, program.title, section);
      const copy = /** @type {HTMLButtonElement} */ (
        htmlEl("button", { type: "button", class: "fh-btn fh-code-copy", "aria-label": program.copy }, "Copy", section)
      );
      copy.dataset.program = program.key;
      const pre = htmlEl(
        "pre",
        { class: "fh-code-text", tabindex: "0", "aria-labelledby": heading.id, "data-program": program.key },
        "",
        section,
      );
      this.texts[program.key] = htmlEl("code", {}, "", pre);
      copy.addEventListener("click", () => this.copy(program.key, program.copied));
    }
    this.status = htmlEl("p", { class: "fh-code-status", role: "status" }, "", body);
    /** @type {RunCode | null} */
    this.shown = null;
    this.box.hidden = true; // until the model holds a run with code
    this.box.addEventListener("toggle", () => this.render());
  }

  /** Follow the model's outputs (called on every connect: the widget drops listeners on removal). */
  connect() {
    const widget = this.widget;
    for (const key of WIDGETS[widget.localName]?.outputs ?? []) widget.listen(`change:${key}`, () => this.render());
    this.render();
  }

  /** Show the code of the run the model holds now (hidden while there is none). */
  render() {
    const held = /** @type {{heldCode?: RunCode | null}} */ (this.widget).heldCode ?? null;
    const code = (this.widget.model ? runCode(this.widget.model, this.widget.localName) : null) ?? held;
    this.box.hidden = !code;
    if (!code || code === this.shown) return;
    this.shown = code;
    for (const program of PROGRAMS) this.texts[program.key].textContent = code[program.key];
    this.status.textContent = "";
  }

  /**
   * Put one program on the clipboard and say so; where the page may not write to the
   * clipboard, select the text and say how to copy it.
   * @param {"python" | "torch"} key
   * @param {string} words
   */
  async copy(key, words) {
    const text = this.texts[key].textContent || "";
    try {
      if (!navigator.clipboard) throw new Error("no clipboard");
      await navigator.clipboard.writeText(text);
      this.say(words);
    } catch {
      const selection = window.getSelection();
      const range = document.createRange();
      range.selectNodeContents(this.texts[key]);
      selection?.removeAllRanges();
      selection?.addRange(range);
      this.say("This page may not copy for you: the code is selected, so press Ctrl+C (or ⌘C) to copy it.");
    }
  }

  /** @param {string} words */
  say(words) {
    // Cleared first, so that the same words said twice are announced twice.
    this.status.textContent = "";
    setTimeout(() => {
      this.status.textContent = words;
    }, 50);
  }
}

/**
 * Hold the code of a run that no output of the model carries (a training demo's, from its
 * run's end event), for the panel to show; null lets it go (a new run, a change of setting).
 * @param {import("./widget.js").FhWidget & {codePanel?: CodePanel, heldCode?: RunCode | null}} widget
 * @param {any} code
 */
export function holdRunCode(widget, code) {
  const whole = code && typeof code.python === "string" && typeof code.torch === "string";
  widget.heldCode = whole ? /** @type {RunCode} */ (code) : null;
  widget.codePanel?.render();
}

/**
 * Give a widget its "Show the code" panel (once) and let it follow the widget's model.
 * @param {import("./widget.js").FhWidget & {codePanel?: CodePanel}} widget
 */
export function mountCodePanel(widget) {
  if (!widget.model || !(WIDGETS[widget.localName]?.outputs ?? []).length) return;
  widget.codePanel ??= new CodePanel(widget);
  widget.codePanel.connect();
}
