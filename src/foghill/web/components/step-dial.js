// <fh-step-dial>: the one dial that matters, the step size (learning rate). A log-scaled
// slider whose track shows the four zones the engine found for this valley (crawl, settle,
// zig-zag, fly off) with 1/L and 2/L marked, example rates, and a Go button. Moving the
// slider asks for the walk at once, so it is ready before Go is pressed.

import { LIMITS, OUTCOMES } from "../lib/contract.js";
import { DescentWidget, trajectoryMatches } from "../lib/descent-widget.js";
import { endingWords } from "../lib/ending.js";
import { BEHAVIOURS, dialVerdict } from "../lib/guesses.js";
import { Predict } from "../lib/predict.js";
import { RateDial, ZONES, zoneOf } from "../lib/rate-dial.js";
import { clamp, htmlEl } from "../lib/svg.js";
import { fmtSig, plural } from "../lib/format.js";
import { FormulaField } from "../lib/formula-field.js";
import { parseAttribute } from "../lib/page-model.js";
import { readNumberParam, stateKey, writeParam } from "../lib/url-state.js";
import { button, makeControls } from "../lib/widget.js";

export class FhStepDial extends DescentWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {RateDial} */ this.dial;
    /** @type {HTMLButtonElement} */ this.goButton;
    /** the address key of the step size ("" with no page model) */
    this.urlKey = "";
  }

  build() {
    this.replaceChildren();
    this.buildPlot({ fog: false, label: "The hill the step size is tried on" });
    this.plot.svg.classList.add("fh-show-trail");

    this.dial = new RateDial(this, { walker: "the ball", set: (lr, andGo) => this.setRate(lr, andGo) });

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
    const raw = this.getAttribute("learning-rates");
    const given = raw === null ? null : parseAttribute(raw, []);
    const presets = Array.isArray(given) ? given : null;
    this.dial.setRegimes(ls.regimes, presets, this.model.get("learning_rate"), "this valley");
  }

  /**
   * The model's step size on the slider, its value and its zone. While the model's settings
   * are refused, no zone is named: the value is shown as it is, and called refused.
   * @param {string} error
   */
  renderControls(error) {
    const lr = this.model.get("learning_rate");
    const zone = this.dial.show(lr, this.model.get("landscape")?.regimes || null, error);
    this.dataset.zone = zone >= 0 ? ZONES[zone].id : "";
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
