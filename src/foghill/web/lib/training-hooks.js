// What a training demo fills in: what it says about itself, its own picture, what the reader
// can try, and its words for a step. TrainingWidget (training-widget.js) runs the rest.

import { fmt } from "./format.js";
import { whole } from "./training-controls.js";
import { FhWidget } from "./widget.js";

/**
 * What a demo says about itself.
 * @typedef {object} DemoSpec
 * @property {string} label what it trains, for screen readers ("Digit reader")
 * @property {string} [intro] what the learner will see and do, in plain words (first thing shown)
 * @property {string} theta the rule's symbols for this demo, in words (in the "how it maps" fold)
 * @property {[number, number]} lr the learning-rate dial's ends
 * @property {string} idle the sentence before the untrained model has arrived
 * @property {string} before what the untrained model shows (true of its step-0 picture)
 */

export class DemoHooks extends FhWidget {
  /** @returns {DemoSpec} */
  get spec() {
    throw new Error("a training demo says what it is");
  }

  /**
   * The demo's own picture.
   * @param {HTMLElement} _parent
   */
  buildPicture(_parent) {}

  /**
   * What the reader can try (a drawing pad, a text field), under the words.
   * @param {HTMLElement} _parent
   */
  buildTry(_parent) {}

  /**
   * Static facts arrived (the start event's info).
   * @param {any} _info
   */
  startPicture(_info) {}

  /**
   * Draw the demo's picture for one progress event.
   * @param {import("./training-run.js").Progress} _p
   */
  drawPicture(_p) {}

  /** Back to the untrained picture. */
  clearPicture() {}

  /**
   * The metric in words ("Held-out accuracy 91%: ...").
   * @param {import("./training-run.js").Progress} _p
   * @returns {string}
   */
  metricWords(_p) {
    return "";
  }

  /**
   * The run came to its end (the end event, with whatever facts the demo's host adds).
   * @param {any} _end
   */
  onEnd(_end) {}

  /**
   * The numbers of one progress event in words.
   * @param {import("./training-run.js").Progress} p
   * @returns {string}
   */
  numberWords(p) {
    return `Step ${whole(p.step)} (${fmt(p.epoch, 1)} passes over the examples): how wrong on all training examples ${fmt(p.loss, 3)}, on the held-out ones ${fmt(p.heldout_loss, 3)}.`;
  }

  /**
   * The reply to an ask.
   * @param {any} _answer
   */
  onAnswer(_answer) {}
}
