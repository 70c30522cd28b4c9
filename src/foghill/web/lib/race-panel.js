// One panel of the step sizes racing (<fh-step-race>): its step size in a number field, the
// walk drawn on the hill from the side (a 1-D hill, hill-plot.js) or on the map from above
// (a 2-D surface, contour-map.js), and how the walk ended in words with its outcome's
// marker. The panels share one clock: the widget tells each what step the race is at.

import { describedBy } from "./chart-words.js";
import { ContourMap } from "./contour-map.js";
import { HillPlot } from "./hill-plot.js";
import { OUTCOME_LOOK, markerSwatch } from "./outcome-marks.js";
import { prefersReducedMotion } from "./player.js";
import { exitDirection } from "./descent-widget.js";
import { panelWords } from "./step-race-words.js";
import { clamp, htmlEl, setAttrs, svgEl, uid } from "./svg.js";

/**
 * A walk drawn on a 1-D hill seen from the side.
 */
class SideView {
  /**
   * @param {HTMLElement} parent
   * @param {string} label
   */
  constructor(parent, label) {
    this.plot = new HillPlot(parent, { fog: false, label });
    this.plot.svg.classList.add("fh-show-trail");
    this.plot.margin.top = 30;
    this.gone = false;
  }

  /** @param {any} landscape the /api/landscape answer */
  setLandscape(landscape) {
    this.plot.setLandscape(landscape);
  }

  /**
   * @param {number} width
   * @param {number} height
   */
  setSize(width, height) {
    this.plot.setSize(width, height);
  }

  /**
   * The walk at (fractional) step t; `over` once the race has passed this walk's end.
   * @param {any} run
   * @param {number} t
   * @param {boolean} over
   */
  draw(run, t, over) {
    const plot = this.plot;
    if (!plot.landscape || !run) {
      plot.hideBall();
      plot.setStepText("");
      return;
    }
    const { position: pos, loss, gradient: grad } = run;
    const last = pos.length - 1;
    const i = Math.min(last, Math.floor(t));
    const u = Math.min(t, last) - i;
    plot.drawTrail(pos, loss, i);
    plot.setStepText(i === 0 ? "start" : `step ${i}`);
    if (over && run.outcome === "flew-off") {
      if (!this.gone) {
        // It leaves over the edge the escaping step heads for, once.
        this.gone = true;
        const a = plot.restingPoint(pos[last], loss[last]);
        plot.flyAway(a, exitDirection(run, last), prefersReducedMotion(), () => {});
      }
      return;
    }
    const a = plot.restingPoint(pos[i], loss[i]);
    if (u > 0 && i < last) plot.hop(a, plot.restingPoint(pos[i + 1], loss[i + 1]), u);
    else plot.placeBall(a.x, a.y);
    plot.drawTangent(pos[i], loss[i], grad[i]);
  }

  rewind() {
    this.gone = false;
    this.plot.land();
    this.plot.clearTrail();
  }
}

/**
 * A walk drawn on a 2-D surface seen from above.
 */
class MapView {
  /**
   * @param {HTMLElement} parent
   * @param {string} label
   */
  constructor(parent, label) {
    this.map = new ContourMap(parent, { label, compact: true });
    const layer = this.map.overlay;
    this.trail = svgEl("path", { class: "fh-race-walk" }, layer);
    this.ball = svgEl("circle", { class: "fh-race-ball", r: 6 }, layer);
    this.offMap = svgEl("text", { class: "fh-offmap", x: 0, y: 0 }, layer);
    this.offMap.textContent = "off the map";
    this.offMap.style.display = "none";
  }

  /** @param {any} contours the /api/contours answer */
  setLandscape(contours) {
    this.map.setContours(contours);
  }

  /**
   * @param {number} width
   * @param {number} height
   */
  setSize(width, height) {
    this.map.setSize(width, height);
  }

  /**
   * @param {any} run
   * @param {number} t
   * @param {boolean} over
   */
  draw(run, t, over) {
    const map = this.map;
    if (!map.contours || !run) {
      this.trail.setAttribute("d", "");
      this.ball.style.display = "none";
      return;
    }
    const pos = run.position;
    const last = pos.length - 1;
    const i = Math.min(last, Math.floor(t));
    const u = Math.min(t, last) - i;
    const gone = over && run.outcome === "flew-off";
    let d = map.walkD(pos, i);
    const [x0, y0] = map.toView(pos[i][0], pos[i][1]);
    let [X, Y] = [x0, y0];
    if (u > 0 && i < last) {
      const [x1, y1] = map.toView(pos[i + 1][0], pos[i + 1][1]);
      [X, Y] = [x0 + (x1 - x0) * u, y0 + (y1 - y0) * u];
      d += `L${X.toFixed(1)},${Y.toFixed(1)}`;
    }
    this.trail.setAttribute("d", d);
    this.ball.style.display = gone ? "none" : "";
    setAttrs(this.ball, { cx: X, cy: Y });
    this.offMap.style.display = gone ? "" : "none";
    const a = map.area;
    setAttrs(this.offMap, { x: clamp(X, a.left + 40, a.right - 40), y: a.top + 14 });
  }

  rewind() {
    this.offMap.style.display = "none";
  }
}

export class RacePanel {
  /**
   * @param {HTMLElement} parent
   * @param {number} index 0, 1, 2: which of the racers
   * @param {(index: number, value: number | string) => void} onRate a rate was typed in
   */
  constructor(parent, index, onRate) {
    this.index = index;
    this.el = htmlEl("figure", { class: "fh-race-panel", "data-status": "idle" }, "", parent);
    const head = htmlEl("div", { class: "fh-race-head" }, "", this.el);
    const id = uid("fh-race-rate");
    htmlEl("label", { for: id }, `Step size ${index + 1}`, head);
    this.input = /** @type {HTMLInputElement} */ (
      htmlEl(
        "input",
        { id, type: "number", class: "fh-race-rate", min: "0", step: "any", inputmode: "decimal" },
        "",
        head,
      )
    );
    this.input.addEventListener("change", () => {
      const text = this.input.value.trim();
      const value = Number(text);
      onRate(index, text !== "" && Number.isFinite(value) ? value : text);
    });
    this.canvas = htmlEl("div", { class: "fh-canvas" }, "", this.el);
    this.caption = htmlEl("figcaption", { class: "fh-race-words" }, "", this.el);
    this.swatch = htmlEl("span", { class: "fh-race-swatch" }, "", this.caption);
    this.words = htmlEl("span", {}, "", this.caption);
    /** @type {SideView | MapView | null} */
    this.view = null;
    this.dims = 0;
    this.width = 0;
    this.status = "";
    new ResizeObserver((entries) => {
      const width = entries[entries.length - 1]?.contentRect.width || 0;
      if (width && Math.abs(width - this.width) >= 1) {
        this.width = width;
        this.view?.setSize(width, this.heightFor(width));
        this.redraw();
      }
    }).observe(this.canvas);
    /** @type {() => void} draws the panel as it was last drawn (after a resize) */
    this.redraw = () => {};
  }

  /**
   * @param {number} width
   * @returns {number}
   */
  heightFor(width) {
    return this.dims === 2 ? clamp(width * 0.8, 150, 300) : clamp(width * 0.62, 140, 240);
  }

  /**
   * The landscape to draw on (a 1-D hill or a 2-D surface's contours).
   * @param {any} landscape
   */
  setLandscape(landscape) {
    const dims = landscape.dims === 2 ? 2 : 1;
    if (dims !== this.dims) {
      this.canvas.replaceChildren();
      this.dims = dims;
      const label = `Walk with step size ${this.index + 1}`;
      this.view = dims === 2 ? new MapView(this.canvas, label) : new SideView(this.canvas, label);
      describedBy(this.view instanceof MapView ? this.view.map.svg : this.view.plot.svg, this.words);
      if (this.width) this.view.setSize(this.width, this.heightFor(this.width));
    }
    this.view?.setLandscape(landscape);
  }

  /** @param {unknown} rate the model's step size for this panel */
  showRate(rate) {
    const text = typeof rate === "number" ? String(rate) : "";
    if (document.activeElement !== this.input && this.input.value !== text) this.input.value = text;
  }

  /**
   * Draw the walk at step t of the race and say how it stands.
   * @param {any} run this panel's walk (or null)
   * @param {number} t the race's (fractional) step
   * @param {string} status the race's status (data-status of the widget)
   */
  draw(run, t, status) {
    this.redraw = () => this.draw(run, t, status);
    const last = run ? run.position.length - 1 : 0;
    const over = Boolean(run) && t >= last && (status !== "idle" || t > 0);
    this.view?.draw(run, t, over);
    const next = !run ? "idle" : over ? run.outcome : status === "running" || status === "paused" ? status : "idle";
    if (next !== this.status) {
      this.status = next;
      this.el.dataset.status = next;
      this.swatch.replaceChildren();
      if (OUTCOME_LOOK[next]) markerSwatch(next, this.swatch);
    }
    const words = this.wordsFor(run, Math.min(last, Math.floor(t)));
    if (this.words.textContent !== words) this.words.textContent = words;
  }

  /**
   * @param {any} run
   * @param {number} k the step shown
   * @returns {string}
   */
  wordsFor(run, k) {
    return panelWords(run, k, this.status);
  }

  rewind() {
    this.view?.rewind();
  }
}
