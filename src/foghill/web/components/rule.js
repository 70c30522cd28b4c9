// <fh-rule>: the update rule in words and in native MathML, each symbol tied to its words
// (hover or focus one and its partner lights up), and, while any widget walks, the same rule
// with that step's real numbers. Its buttons drive the widget whose numbers it shows.
// Its source, explicitly: on the page the element whose id its `for` attribute names (without
// one, whichever widget steps); in a notebook its model, which the kernel fills with the
// followed widget's run and step (foghill.notebook.Rule(of=widget)), since a notebook draws
// each widget apart (marimo in a shadow root) where page-wide events and lookups never reach.

import { fmtAny, fmtSig } from "../lib/format.js";
import { showStatus, showStep } from "../lib/playback.js";
import { Announcer } from "../lib/readout.js";
import { fillSlot, mathEl } from "../lib/rule-math.js";
import { FLAT_WORDS, TERMS, tooFlatToShow, widgetName } from "../lib/rule-words.js";
import { stepOf } from "../lib/run-steps.js";
import { htmlEl, uid } from "../lib/svg.js";
import { makeControls } from "../lib/buttons.js";
import { FhWidget } from "../lib/widget.js";

/** Widgets whose steps the rule can show (in page order the first is the default). */
export const RUNNERS = "fh-hill, fh-step-dial, fh-line-fit";

/**
 * What a widget on the page walks on (its formula, and its hill's or map's title).
 * @param {Element | null} el
 */
function groundOf(el) {
  const model = el instanceof FhWidget ? el.model : null;
  const shape = model?.get("landscape") || model?.get("contours");
  return { formula: model?.get("formula"), title: shape?.title, dims: shape?.dims };
}

export class FhRule extends FhWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {HTMLElement} */ this.liveHead;
    /** @type {Record<string, Element>} the number slots of the live rule */
    this.slots = {};
    /** @type {MathMLElement} */ this.numbersMath;
    /** @type {HTMLElement} */ this.numbersText;
    /** @type {import("../lib/buttons.js").Controls} */ this.controls;
    /** @type {HTMLElement} */ this.targetNote;
    /** @type {Announcer} */ this.announcer;
    /** @type {FhWidget | null} the widget whose steps are shown and whose walk the buttons drive */
    this.target = null;
    this.onStepEvent = (/** @type {Event} */ e) => this.show(/** @type {CustomEvent} */ (e));
    this.watcher = new MutationObserver(() => this.mirror());
  }

  build() {
    this.replaceChildren();
    const glossIds = /** @type {Record<string, string>} */ ({});
    for (const t of TERMS) glossIds[t.term] = uid(`fh-term-${t.term}`);

    const words = htmlEl("p", { class: "fh-rule-line fh-rule-in-words" }, "", this);
    const order = ["next", "becomes", "theta", "minus", "eta", "grad"];
    order.forEach((term, i) => {
      const t = TERMS.find((x) => x.term === term);
      if (!t) return;
      if (i) words.append(" ");
      const joiner = term === "grad" ? "× " : "";
      if (joiner) words.append(joiner);
      htmlEl(
        "span",
        { class: "fh-term", "data-term": term, tabindex: "0", "aria-describedby": glossIds[term] },
        t.words,
        words,
      );
    });

    const math = mathEl(
      "math",
      {
        display: "block",
        class: "fh-rule-math",
        "aria-label": "theta becomes theta minus eta times the gradient of L",
      },
      "",
      this,
    );
    const row = mathEl("mrow", {}, "", math);
    /**
     * @param {string} tag
     * @param {string} term
     * @param {string} text
     * @param {Element} parent
     */
    const sym = (tag, term, text, parent) =>
      mathEl(
        tag,
        { "data-term": term, tabindex: "0", class: "fh-term", "aria-describedby": glossIds[term] },
        text,
        parent,
      );
    sym("mi", "next", "θ", row);
    sym("mo", "becomes", "←", row);
    sym("mi", "theta", "θ", row);
    sym("mo", "minus", "−", row);
    sym("mi", "eta", "η", row);
    const grad = mathEl(
      "mrow",
      { "data-term": "grad", tabindex: "0", class: "fh-term", "aria-describedby": glossIds.grad },
      "",
      row,
    );
    mathEl("mo", {}, "∇", grad);
    mathEl("mi", {}, "L", grad);

    const gloss = htmlEl("dl", { class: "fh-glossary" }, "", this);
    for (const t of TERMS) {
      if (t.term === "becomes") continue;
      const item = htmlEl("div", { class: "fh-gloss-item", "data-term": t.term }, "", gloss);
      htmlEl("dt", {}, `${t.symbol}, ${t.words}`, item);
      htmlEl("dd", { id: glossIds[t.term] }, t.say, item);
    }
    // "becomes" is described by a visually hidden note (it has no glossary row).
    htmlEl("span", { id: glossIds.becomes, class: "fh-sr-only" }, TERMS[1].say, this);

    const live = htmlEl("div", { class: "fh-rule-live" }, "", this);
    this.liveHead = htmlEl(
      "p",
      { class: "fh-rule-live-head" },
      "Run any widget above (or press Step here) and its numbers appear in the rule.",
      live,
    );
    const numbers = mathEl("math", { display: "block", class: "fh-rule-numbers", "aria-hidden": "true" }, "", live);
    const nrow = mathEl("mrow", {}, "", numbers);
    /** @param {string} term */
    const slot = (term) => {
      const el = mathEl("mrow", { "data-term": term, class: "fh-term fh-slot" }, "", nrow);
      mathEl("mi", {}, TERMS.find((t) => t.term === term)?.symbol || "", el);
      return el;
    };
    this.slots.next = slot("next");
    mathEl("mo", { "data-term": "becomes", class: "fh-term" }, "←", nrow);
    this.slots.theta = slot("theta");
    mathEl("mo", { "data-term": "minus", class: "fh-term" }, "−", nrow);
    this.slots.eta = slot("eta");
    mathEl("mo", {}, "×", nrow);
    this.slots.grad = slot("grad");
    this.numbersMath = /** @type {MathMLElement} */ (numbers);
    this.numbersText = htmlEl("p", { class: "fh-rule-numbers-text" }, "", live);

    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    this.controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "The widget the rule follows",
    );
    this.targetNote = htmlEl("p", { class: "fh-rule-target" }, "", bar);
    const liveRegion = htmlEl("p", { class: "fh-live fh-sr-only", "aria-live": "polite" }, "", this);
    this.announcer = new Announcer(liveRegion);

    // Light up a symbol and its words together.
    /** @param {Event} e @param {boolean} on */
    const light = (e, on) => {
      const el = e.target instanceof Element ? e.target.closest("[data-term]") : null;
      const term = el?.getAttribute("data-term");
      if (!term) return;
      for (const other of this.querySelectorAll(`[data-term="${term}"]`)) other.classList.toggle("fh-lit", on);
    };
    this.addEventListener("pointerover", (e) => light(e, true));
    this.addEventListener("pointerout", (e) => light(e, false));
    this.addEventListener("focusin", (e) => light(e, true));
    this.addEventListener("focusout", (e) => light(e, false));
  }

  attach() {
    if (this.followsModel) {
      this.followModel();
      return;
    }
    document.addEventListener("fh-step", this.onStepEvent);
    this.follow(this.findTarget());
  }

  /** @returns {boolean} whether the rule's model names its source (a notebook's Rule) */
  get followsModel() {
    return typeof this.model?.get("source") === "string";
  }

  /** In a notebook: show what the kernel forwards of the followed widget, as it changes. */
  followModel() {
    const keys = ["run", "source_status", "source_step", "learning_rate", "optimizer"];
    for (const key of [...keys, "source_formula", "source_title"]) {
      this.listen(`change:${key}`, () => this.fromModel());
    }
    this.fromModel();
  }

  /** The followed widget's status and step as our own, and that step's numbers in the rule. */
  fromModel() {
    const model = this.model;
    this.targetNote.textContent = `Buttons drive ${this.modelName()}.`;
    const k = Number(model.get("source_step") || 0);
    showStatus(this, model.get("source_status") || "idle", this.controls.play);
    showStep(this, k);
    const d = stepOf(model.get("run"), k, model.get("learning_rate"), model.get("optimizer"));
    if (d && String(k) !== this.dataset.shown) this.showDetail(d, this.modelName());
  }

  /**
   * A command for the widget followed: in a notebook through the kernel, on the page directly.
   * @param {"go" | "step" | "pause" | "reset" | "toggle"} type
   */
  drive(type) {
    if (this.followsModel) {
      const playing = this.dataset.status === "running";
      const sent = type === "toggle" ? (playing ? "pause" : "go") : type;
      /** @type {any} */ (this.model).send?.({ type: sent });
      return;
    }
    this.target?.[type]();
  }

  detach() {
    document.removeEventListener("fh-step", this.onStepEvent);
    this.watcher.disconnect();
  }

  /** @returns {FhWidget | null} the element `for` names, else the first widget that walks */
  findTarget() {
    const named = this.getAttribute("for");
    const el = named ? document.getElementById(named) : document.querySelector(RUNNERS);
    return el instanceof FhWidget ? el : null;
  }

  /** @param {FhWidget | null} el */
  follow(el) {
    if (el === this.target) return;
    this.target = el;
    this.watcher.disconnect();
    // data-ready too: a new hill (a formula typed) renames what the rule follows.
    const watched = ["data-status", "data-step", "data-ready"];
    if (el) this.watcher.observe(el, { attributes: true, attributeFilter: watched });
    this.mirror();
  }

  /** Show the followed widget's status and step as our own. */
  mirror() {
    const el = this.target;
    this.targetNote.textContent = el ? `Buttons drive ${widgetName(groundOf(el), el.localName)}.` : "";
    showStatus(this, el?.dataset.status || "idle", this.controls.play);
    showStep(this, Number(el?.dataset.step || 0));
  }

  /** @param {CustomEvent} e */
  show(e) {
    const d = e.detail;
    if (!d) return;
    const source = e.target;
    const named = this.getAttribute("for");
    if (named) {
      // Only the steps of the widget named, whatever else walks on the page.
      if (!(source instanceof FhWidget) || source.id !== named) return;
      if (source !== this.target) this.follow(source);
    } else if (source instanceof FhWidget && source !== this.target && source.matches(RUNNERS)) {
      this.follow(source);
    }
    this.showDetail(d, widgetName(groundOf(source instanceof Element ? source : null), d.widget));
  }

  /** @returns {string} the followed widget's name, from what the kernel forwards of it */
  modelName() {
    const m = this.model;
    const ground = { formula: m.get("source_formula"), title: m.get("source_title"), dims: 1 };
    return widgetName(ground, m.get("source"));
  }

  /**
   * One step's numbers in the rule (plain gd), or in words (another optimizer).
   * @param {import("../lib/playback.js").StepDetail} d
   * @param {string} who the widget that stepped, in words (widgetName)
   */
  showDetail(d, who) {
    const digits = 3;
    const optimizer = d.optimizer || "gd";
    let text;
    if (optimizer === "gd") {
      fillSlot(this.slots.next, d.next, false);
      fillSlot(this.slots.theta, d.theta, false);
      fillSlot(this.slots.eta, d.eta, false, fmtSig(d.eta));
      fillSlot(this.slots.grad, d.grad, true);
      this.numbersMath.style.display = "";
      this.liveHead.textContent = `Step ${d.step} of ${who}, with its real numbers:`;
      text = `${fmtAny(d.next, digits)} becomes ${fmtAny(d.theta, digits)} minus ${fmtSig(d.eta)} times ${fmtAny(d.grad, digits)}.`;
      // A step whose tilt prints as 0 teaches nothing by itself: say why the numbers stand still.
      if (tooFlatToShow(d.grad, digits)) text += ` ${FLAT_WORDS}`;
    } else {
      // Another optimizer's step is not η∇L: say so rather than show false arithmetic.
      this.numbersMath.style.display = "none";
      this.liveHead.textContent = `Step ${d.step} of ${who}: this widget uses ${optimizer}; its step is not simply η∇L.`;
      text =
        `θ went from ${fmtAny(d.theta, digits)} to ${fmtAny(d.next, digits)}; ` +
        `the uphill tilt there was ${fmtAny(d.grad, digits)}, the step size ${fmtSig(d.eta)}.`;
    }
    this.numbersText.textContent = text;
    this.dataset.shown = String(d.step);
    this.dataset.optimizer = optimizer;
    this.announcer.say(`Step ${d.step} of ${who}: ${text}`, false);
  }

  go() {
    this.drive("go");
  }

  step() {
    this.drive("step");
  }

  pause() {
    this.drive("pause");
  }

  reset() {
    this.drive("reset");
  }

  toggle() {
    this.drive("toggle");
  }
}

if (!customElements.get("fh-rule")) customElements.define("fh-rule", FhRule);
