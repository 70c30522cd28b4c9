// <fh-step-dial>: the one dial that matters, the step size (learning rate). A log-scaled
// slider whose track shows the four zones the engine found for this valley (crawl, settle,
// zig-zag, fly off) with 1/L and 2/L marked, example rates, and a Go button. Moving the
// slider asks for the walk at once, so it is ready before Go is pressed.

import { DescentWidget, trajectoryMatches } from "../lib/descent-widget.js";
import { dialWords } from "../lib/dial-words.js";
import { BEHAVIOURS, dialVerdict } from "../lib/guesses.js";
import { Predict } from "../lib/predict.js";
import { RateDial, ZONES } from "../lib/rate-dial.js";
import { clamp, htmlEl } from "../lib/svg.js";
import { FormulaField } from "../lib/formula-field.js";
import { parseAttribute } from "../lib/page-model.js";
import { button, makeControls } from "../lib/buttons.js";

export class FhStepDial extends DescentWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {RateDial} */ this.dial;
    /** @type {HTMLButtonElement} */ this.goButton;
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
    // A walk for other settings (the answer for these is on its way) is not described.
    const walk = traj && trajectoryMatches(traj, this.model) ? traj : null;
    const regimes = this.model.get("landscape")?.regimes || null;
    return dialWords(status, walk, this.model.get("learning_rate"), regimes, this.playback.k);
  }
}

if (!customElements.get("fh-step-dial")) customElements.define("fh-step-dial", FhStepDial);
