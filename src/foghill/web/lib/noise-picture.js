// The picture of minibatch noise: the way downhill for the whole training set (one long arrow)
// against a cloud of dots, each the way downhill that one small batch of examples says. The
// host projects every gradient onto two fixed directions (the whole set's, and one at right
// angles to it), so the arrow always points right. A tight cloud around the arrow's tip:
// small batches agree with the whole set and the curve is smooth. A wide cloud: each step
// wanders (the curve gets jagged), yet on average it still leans the same way, downhill.

import { describedBy } from "./chart-words.js";
import { htmlEl, setAttrs, svgEl, uid } from "./svg.js";

/** Size of the picture, in its own units (it scales with its box). */
const SIZE = 180;
const MID = SIZE / 2;

/**
 * @typedef {object} Noise
 * @property {[number, number]} full the whole set's gradient, projected
 * @property {Array<[number, number]>} batches minibatch gradients, projected the same way
 */

export class NoisePicture {
  /** @param {HTMLElement} parent */
  constructor(parent) {
    const box = htmlEl("figure", { class: "fh-tr-noise" }, "", parent);
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl(
        "svg",
        {
          viewBox: `0 0 ${SIZE} ${SIZE}`,
          class: "fh-tr-noise-svg",
          role: "img",
          "aria-label": "Each small batch's way downhill against the whole set's",
        },
        box,
      )
    );
    const head = uid("fh-tr-head");
    svgEl("defs", {}, this.svg).innerHTML =
      `<marker id="${head}" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0L10,5L0,10z" class="fh-tr-head"/></marker>`;
    svgEl("line", { class: "fh-tr-noise-axis", x1: 0, x2: SIZE, y1: MID, y2: MID }, this.svg);
    svgEl("line", { class: "fh-tr-noise-axis", x1: MID, x2: MID, y1: 0, y2: SIZE }, this.svg);
    this.cloud = svgEl("g", { class: "fh-tr-noise-cloud" }, this.svg);
    this.arrow = svgEl(
      "line",
      { class: "fh-tr-noise-full", x1: MID, y1: MID, x2: MID, y2: MID, "marker-end": `url(#${head})` },
      this.svg,
    );
    this.caption = htmlEl("figcaption", { class: "fh-tr-noise-words" }, "", box);
    describedBy(this.svg, this.caption);
    /** @type {SVGElement[]} */
    this.dots = [];
    this.clear();
  }

  /** Nothing measured yet. */
  clear() {
    for (const dot of this.dots) dot.remove();
    this.dots = [];
    setAttrs(this.arrow, { x2: MID, y2: MID });
    this.arrow.style.display = "none";
    this.caption.textContent =
      "The noise of small batches: press Play to see how far each batch's idea of downhill strays from the whole set's.";
  }

  /**
   * Draw the arrow and the cloud, both as steps would go (against the gradient: downhill).
   * @param {Noise} noise
   * @param {string} batch the batch size in words
   * @param {boolean} [before] the untrained model's (step 0): the curve is still to come
   */
  draw(noise, batch, before = false) {
    const full = noise.full;
    const batches = noise.batches;
    // One scale for arrow and cloud, so a reader can compare their lengths.
    let reach = Math.hypot(full[0], full[1]);
    for (const [x, y] of batches) reach = Math.max(reach, Math.abs(x), Math.abs(y));
    const k = reach > 0 ? (MID - 12) / reach : 0;
    // Steps go against the gradient: the picture shows -g, so "downhill" points left.
    const px = (/** @type {number} */ x) => MID - x * k;
    const py = (/** @type {number} */ y) => MID + y * k;
    while (this.dots.length < batches.length)
      this.dots.push(svgEl("circle", { class: "fh-tr-noise-dot", r: 3 }, this.cloud));
    while (this.dots.length > batches.length) this.dots.pop()?.remove();
    let agree = 0;
    batches.forEach(([x, y], i) => {
      setAttrs(this.dots[i], { cx: px(x), cy: py(y) });
      if (x * full[0] + y * full[1] > 0) agree += 1;
    });
    this.arrow.style.display = "";
    setAttrs(this.arrow, { x2: px(full[0]), y2: py(full[1]) });
    const wide = reach > 0 && Math.hypot(full[0], full[1]) < reach / 2;
    this.caption.textContent =
      `Arrow: downhill for the whole set. Dots: downhill as ${batches.length} batches (${batch}) see it. ` +
      `${agree} of ${batches.length} lean the same way as the arrow` +
      (wide
        ? before
          ? ", but they scatter far wider than the arrow is long: each step will wander, so the curve will be jagged, yet on average the walk should still go down."
          : ", but they scatter far wider than the arrow is long: each step wanders, so the curve gets jagged, yet on average the walk still goes down."
        : before
          ? ": the steps will mostly agree, so the curve should be smooth."
          : ": the steps mostly agree, so the curve is smooth.");
  }
}
