// <fh-hill>: the foggy hill. Drop a ball anywhere (click, tap, or the keyboard marker) and
// watch it take one step at a time downhill, feeling only the tilt where it stands.
// Every number comes from the model (the server on the page, the kernel in a notebook).

import { DescentWidget, trajectoryMatches } from "../lib/descent-widget.js";
import { hillEndWords } from "../lib/hill-words.js";
import { hillVerdict, nearestValley, valleyChoices } from "../lib/guesses.js";
import { Predict } from "../lib/predict.js";
import { clamp, htmlEl, pointerToSvg, setAttrs, svgEl } from "../lib/svg.js";
import { fmt } from "../lib/format.js";
import { FormulaField } from "../lib/formula-field.js";
import { pausedWords, waitsWords } from "../lib/walk-words.js";
import { readParam, stateKey, writeParam } from "../lib/url-state.js";
import { button, makeControls } from "../lib/buttons.js";

/**
 * A number as an aria-value attribute (plain digits).
 * @param {number} v
 * @returns {string}
 */
function plain(v) {
  return String(Math.round(v * 1000) / 1000);
}

export class FhHill extends DescentWidget {
  constructor() {
    super();
    // Made by build().
    /** @type {SVGElement} */ this.hit;
    /** @type {SVGElement} */ this.drop;
    /** @type {SVGElement} */ this.dropGuide;
    /** @type {SVGElement} */ this.dropGhost;
    /** @type {SVGElement} */ this.dropMarker;
    /** @type {SVGElement} */ this.dropRing;
    /** @type {HTMLButtonElement} */ this.fogButton;
    /** @type {Predict} */ this.predict;
    /** @type {SVGElement} */ this.guessFlag;
    /** the valley guessed ("" for none), marked on the hill with a flag */
    this.guessId = "";
    /** where the drop marker stands */
    this.dropX = 0;
    /** @type {unknown} the start the drop marker last showed */
    this.shownStart = undefined;
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.askTimer = undefined;
  }

  build() {
    this.replaceChildren();
    this.buildPlot({ fog: true, label: "The foggy hill, seen from the side" });
    const svg = this.plot.svg;

    // A pointer target over the plot, then the keyboard drop marker (a slider).
    this.hit = svgEl("rect", { class: "fh-hit", "aria-hidden": "true" }, svg);
    this.drop = svgEl(
      "g",
      {
        class: "fh-drop",
        role: "slider",
        tabindex: "0",
        "aria-label": "Drop point (arrow keys move it, Enter drops the ball)",
        "aria-orientation": "horizontal",
        "aria-valuemin": "0",
        "aria-valuemax": "1",
        "aria-valuenow": "0",
      },
      svg,
    );
    this.dropGuide = svgEl("line", { class: "fh-drop-guide" }, this.drop);
    this.dropGhost = svgEl("circle", { class: "fh-drop-ghost", r: 9 }, this.drop);
    this.dropMarker = svgEl("path", { class: "fh-drop-marker" }, this.drop);
    this.dropRing = svgEl("rect", { class: "fh-focus-ring", rx: 7 }, this.drop);
    this.drop.style.display = "none"; // until there is a hill to drop on

    const bar = htmlEl("div", { class: "fh-toolbar" }, "", this);
    const controls = makeControls(
      bar,
      { play: () => this.toggle(), step: () => this.step(), reset: () => this.reset() },
      "Ball on the hill",
    );
    this.playback.playButton = controls.play;
    this.fogButton = button("Lift the fog", "fh-btn-fog", bar);
    this.fogButton.setAttribute("aria-pressed", "false");
    this.fogButton.addEventListener("click", () => this.setFog(!this.plot.fogLifted, true));
    this.buildReadout();
    this.formulaField = new FormulaField(this);
    this.guessFlag = svgEl("g", { class: "fh-guess-flag", "aria-hidden": "true" }, svg);
    svgEl("path", {}, this.guessFlag);
    svgEl("text", {}, this.guessFlag).textContent = "your guess";
    this.guessFlag.style.display = "none";
    this.predict = new Predict(this, this.readout.message.parentElement, {
      question: "in which valley will the ball come to rest?",
      judge: (facts) => hillVerdict(facts, this.model.get("landscape"), this.traj),
      pickLabel: "Mark it on the hill",
      noChoices: "This hill has no valley for the ball to rest in, so there is nothing to guess.",
      onPicking: (on) => {
        this.dataset.picking = String(on);
      },
      onGuess: (id) => {
        this.guessId = id;
        this.placeGuess();
      },
    });

    this.hit.addEventListener("pointermove", (e) => {
      if (e.pointerType !== "mouse" || !this.ready) return;
      const x = this.eventX(e);
      this.moveDrop(x, false);
      this.askAhead(x);
    });
    this.hit.addEventListener("click", (e) => {
      if (!this.ready) return;
      if (this.predict.picking) {
        // Picking a guess: the valley nearest the click, nothing dropped.
        this.predict.commit(nearestValley(this.model.get("landscape"), this.eventX(e)));
        return;
      }
      // A click where the pointer rested drops exactly there (the walk may be asked for).
      const x = this.eventX(e);
      const rested = Math.abs(this.plot.sx(x) - this.plot.sx(this.dropX)) < 1.5;
      this.dropAt(rested ? this.dropX : x);
    });
    this.drop.addEventListener("keydown", (e) => this.onDropKey(/** @type {KeyboardEvent} */ (e)));
    this.drop.addEventListener("click", () => {
      if (this.ready) this.dropAt(this.dropX);
    });
  }

  /** @param {Record<string, any>} _state */
  fromUrl(_state) {
    if (readParam(stateKey(this, "fog")) === "lifted") this.setFog(true, false);
  }

  /** @param {PointerEvent | MouseEvent} e */
  eventX(e) {
    const p = pointerToSvg(this.plot.svg, e);
    return this.clampX(this.plot.sx.invert(p.x));
  }

  /**
   * x kept on the hill: inside the domain, and off any stretch where the height is undefined
   * (there it moves to the nearest x where the curve is drawn).
   * @param {number} x
   */
  clampX(x) {
    const ls = this.plot.landscape;
    if (!ls) return x;
    const [lo, hi] = ls.domain;
    const inset = (hi - lo) * 0.005;
    return this.plot.definedX(clamp(x, lo + inset, hi - inset));
  }

  layout() {
    const { width, height } = this.plot;
    setAttrs(this.hit, { x: 0, y: 0, width, height });
    this.moveDrop(this.dropX, false);
    this.placeGuess();
  }

  /** The flag on the valley guessed (hidden without a guess). */
  placeGuess() {
    const i = Number(this.guessId.replace("valley-", ""));
    const valley = this.guessId ? this.model?.get("landscape")?.minima?.[i] : null;
    this.guessFlag.style.display = valley ? "" : "none";
    if (!valley || !this.plot.landscape) return;
    const X = this.plot.sx(valley.x);
    const Y = this.plot.sy(valley.loss);
    this.guessFlag.firstElementChild?.setAttribute("d", `M${X},${Y}V${Y - 34}l14,5l-14,5`);
    setAttrs(/** @type {SVGElement} */ (this.guessFlag.lastElementChild), { x: X, y: Y + 18 });
  }

  /** @param {any} ls */
  landscapeChanged(ls) {
    this.drop.style.display = "";
    this.predict.setChoices(valleyChoices(ls));
    const [lo, hi] = ls.domain;
    setAttrs(this.drop, { "aria-valuemin": plain(lo), "aria-valuemax": plain(hi) });
    const start = this.model.get("start");
    this.shownStart = start;
    this.dropX = this.clampX(typeof start === "number" ? start : lo + (hi - lo) * 0.72);
    const off = typeof start === "number" && (start < lo || start > hi || !Number.isFinite(this.plot.heightAt(start)));
    if (this.ownsModel && off) {
      // An address from elsewhere may hold a drop point off this hill (or where the height
      // is undefined): bring it back on.
      this.model.set("start", this.dropStart(start));
      this.model.save_changes();
    }
  }

  /**
   * Move the drop marker (and, before any drop, the clear window) to x.
   * @param {number} x
   * @param {boolean} announce
   */
  moveDrop(x, announce) {
    this.dropX = x;
    const plot = this.plot;
    if (!plot.landscape) return;
    const X = plot.sx(x);
    const h = plot.heightAt(x);
    const ground = plot.restingPoint(x, h);
    const top = plot.margin.top - 24;
    setAttrs(this.dropGuide, { x1: X, x2: X, y1: top + 14, y2: ground.y - 11 });
    setAttrs(this.dropGhost, { cx: ground.x, cy: ground.y });
    this.dropMarker.setAttribute(
      "d",
      `M${(X - 8).toFixed(1)},${top}L${(X + 8).toFixed(1)},${top}L${X.toFixed(1)},${top + 12}Z`,
    );
    setAttrs(this.dropRing, { x: X - 15, y: top - 7, width: 30, height: 26 });
    setAttrs(this.drop, { "aria-valuenow": plain(x), "aria-valuetext": `x = ${fmt(x)}, height ${fmt(h)}` });
    if (!this.traj && plot.fogWindow) setAttrs(plot.fogWindow, { cx: ground.x, cy: ground.y + 10 });
    if (announce) this.readout.say(`Drop point at x = ${fmt(x)}, height ${fmt(h)}.`);
  }

  /** @param {KeyboardEvent} e */
  onDropKey(e) {
    const ls = this.plot.landscape;
    if (!ls) return;
    const [lo, hi] = ls.domain;
    const small = (hi - lo) / 80;
    let x = this.dropX;
    switch (e.key) {
      case "ArrowLeft":
      case "ArrowDown":
        x -= e.shiftKey ? small * 5 : small;
        break;
      case "ArrowRight":
      case "ArrowUp":
        x += e.shiftKey ? small * 5 : small;
        break;
      case "PageDown":
        x -= small * 8;
        break;
      case "PageUp":
        x += small * 8;
        break;
      case "Home":
        x = lo;
        break;
      case "End":
        x = hi;
        break;
      case "Enter":
      case " ":
        e.preventDefault();
        this.dropAt(this.dropX);
        return;
      default:
        return;
    }
    e.preventDefault();
    this.moveDrop(this.clampX(x), true);
    this.askAhead(this.dropX);
  }

  /**
   * While the pointer rests over the hill (or the marker moves), ask the page's server for
   * the walk from there, so that a drop starts at once. Notebook models have no prefetch.
   * @param {number} x
   */
  askAhead(x) {
    const model = this.model;
    if (typeof model.prefetch !== "function") return;
    clearTimeout(this.askTimer);
    this.askTimer = setTimeout(() => model.prefetch?.({ start: this.dropStart(x) }), 40);
  }

  /**
   * The start a drop at x uses (rounded, so that asking ahead and dropping agree).
   * @param {number} x
   * @returns {number}
   */
  dropStart(x) {
    const c = this.clampX(x);
    const r = Math.round(c * 1000) / 1000;
    if (Number.isFinite(this.plot.heightAt(r))) return r;
    // Rounding stepped off the defined curve: round the other way.
    const other = r < c ? Math.ceil(c * 1000) / 1000 : Math.floor(c * 1000) / 1000;
    return Number.isFinite(this.plot.heightAt(other)) ? other : c;
  }

  /**
   * Drop the ball at x and let it walk (the walk is computed by the model's host).
   * @param {number} x
   */
  dropAt(x) {
    const start = this.dropStart(x);
    const playback = this.playback;
    clearTimeout(this.askTimer);
    playback.cancel();
    this.plot.land();
    this.moveDrop(start, false);
    playback.pending = "go";
    this.model.set("start", start);
    this.model.save_changes();
    if (!playback.pending) return; // answered at once (the walk was asked for ahead): walking
    if (trajectoryMatches(this.traj, this.model)) {
      // Same spot again: the walk is already here.
      playback.pending = "";
      playback.restart();
      playback.go();
      return;
    }
    // Until the walk arrives, show the ball where it was dropped.
    playback.setStatus("running");
    playback.setStep(0);
    this.plot.clearTrail();
    const ground = this.plot.restingPoint(start, this.plot.heightAt(start));
    this.plot.placeBall(ground.x, ground.y);
    this.plot.tangent.style.display = "none";
  }

  go() {
    if (this.ready && typeof this.model.get("start") !== "number") {
      this.dropAt(this.dropX);
      return;
    }
    super.go();
  }

  step() {
    if (this.ready && typeof this.model.get("start") !== "number") {
      this.dropAt(this.dropX);
      this.playback.pending = "step";
      return;
    }
    super.step();
  }

  /**
   * The drop marker follows the model's start when the start changes (a kernel may move it);
   * between changes it follows the pointer and the keys.
   * @param {string} error
   */
  renderControls(error) {
    const start = this.model.get("start");
    if (error || start === this.shownStart || !this.ready) return;
    this.shownStart = start;
    if (typeof start === "number") this.moveDrop(this.clampX(start), false);
  }

  /**
   * @param {boolean} lifted
   * @param {boolean} remember write it to the address
   */
  setFog(lifted, remember) {
    this.plot.setFogLifted(lifted);
    this.fogButton.setAttribute("aria-pressed", String(lifted));
    this.dataset.fog = lifted ? "lifted" : "down";
    if (remember && this.ownsModel) writeParam(stateKey(this, "fog"), lifted ? "lifted" : null);
  }

  /**
   * @param {string} status
   * @param {any} traj
   * @returns {string}
   */
  sentence(status, traj) {
    if (!traj && !this.plot.landscape) return "Drawing the hill…";
    if (!traj) {
      return "Click or tap the hill to drop the ball there. With a keyboard, focus the drop marker, move it with the arrow keys and press Enter.";
    }
    switch (status) {
      case "idle":
        return waitsWords(traj.position[0]);
      case "running":
        return "Feeling the slope underfoot, stepping the other way…";
      case "paused":
        return pausedWords(this.playback.k);
      default:
        return hillEndWords(status, traj, this.model.get("landscape"));
    }
  }
}

if (!customElements.get("fh-hill")) customElements.define("fh-hill", FhHill);
