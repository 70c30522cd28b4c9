// <fh-ratings>: a model learns people's tastes in films from the ratings they gave (a made-up
// table, generated from hidden tastes with a fixed seed). Each person and each film gets two
// taste numbers; a predicted rating is how well they match. The predicted grid fills in as it
// trains, its error on ratings kept aside falls, and the films' two taste numbers are drawn
// as a map where alike films end up close; the grid can be read as a table, and the model
// says what one person would give one film and why. Every number comes from the model's host;
// this element only draws.

import { ChartWords } from "../lib/chart-words.js";
import { fmt } from "../lib/format.js";
import { placeLabels } from "../lib/label-place.js";
import { linearScale, setAttrs, svgEl, htmlEl, uid } from "../lib/svg.js";
import { palette } from "../lib/pixel-grid.js";
import { TrainingWidget } from "../lib/training-widget.js";

/** Pixels per cell of the grid (drawn on a canvas, scaled by CSS). */
const CELL = 12;
/** The rating scale. */
const LOW = 1;
const HIGH = 5;
/** Size of the taste map, in its own units (room on the right for the last titles). */
const MAP_W = 380;
const MAP_H = 260;
const TITLE_ROOM = 120;
/** The film names' font size on the map (as training.css draws them). */
const LABEL_SIZE = 9;

/** Pairs of films the map's description names. */
const PAIRS_SAID = 3;

/**
 * The films closest together on the map, in words.
 * @param {Array<[number, number]>} points
 * @param {string[]} names
 * @returns {string}
 */
export function closestWords(points, names) {
  /** @type {Array<[number, number, number]>} */
  const pairs = [];
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      pairs.push([Math.hypot(points[i][0] - points[j][0], points[i][1] - points[j][1]), i, j]);
    }
  }
  if (!pairs.some(([d]) => d > 0)) return "Every film at the centre: no tastes found yet.";
  pairs.sort((a, b) => a[0] - b[0]);
  const said = pairs.slice(0, PAIRS_SAID).map(([, i, j]) => `${names[i] ?? i + 1} and ${names[j] ?? j + 1}`);
  return `Closest together now: ${said.join("; ")}.`;
}

export class FhRatings extends TrainingWidget {
  constructor() {
    super();
    /** @type {HTMLCanvasElement} */ this.grid;
    /** @type {CanvasRenderingContext2D} */ this.ctx;
    /** @type {HTMLElement} */ this.gridWords;
    /** @type {SVGSVGElement} */ this.map;
    /** @type {SVGElement[]} */ this.films = [];
    /** @type {HTMLElement} */ this.mapWords;
    /** @type {ChartWords} the map's closest films, its description */ this.mapPairs;
    /** @type {string[]} */ this.filmNames = [];
    /** @type {number[][]} held-out cells [person, film, stars] */
    this.heldout = [];
    this.people = 0;
    /** @type {string[]} */ this.personNames = [];
    /** @type {HTMLDetailsElement} */ this.tableBox;
    /** @type {HTMLTableElement} */ this.table;
    /** @type {number[][] | null} the grid last drawn */
    this.lastGrid = null;
    /** @type {HTMLSelectElement} */ this.whoPick;
    /** @type {HTMLSelectElement} */ this.filmPick;
    /** @type {HTMLElement} */ this.answer;
  }

  get spec() {
    return {
      label: "Film suggester",
      intro:
        "A few people have rated a few films; the rest is blank. Press Play and watch the model fill in the blanks " +
        "and place the films on a map of tastes. The people, films and ratings are made up for teaching.",
      theta:
        "Here θ is two taste numbers for every person and two for every film; a predicted rating is how well a " +
        "person's pair matches a film's. Which way is downhill: the tilt of how far the predictions miss on a small " +
        "batch of known ratings. How big a step: η. Then repeat.",
      lr: /** @type {[number, number]} */ ([0.001, 2]),
      idle: "The taste numbers start small and random, so every prediction is about the same. Press Play.",
      before:
        "the taste numbers start small and random, so every prediction is about the same, near the average known rating.",
    };
  }

  /** @param {HTMLElement} parent */
  buildPicture(parent) {
    htmlEl("h4", { class: "fh-tr-subhead" }, "Predicted ratings: people (rows) × films (columns)", parent);
    this.grid = /** @type {HTMLCanvasElement} */ (
      htmlEl("canvas", { class: "fh-tr-grid", width: CELL, height: CELL, "aria-hidden": "true" }, "", parent)
    );
    this.ctx = /** @type {CanvasRenderingContext2D} */ (this.grid.getContext("2d"));
    this.gridWords = htmlEl(
      "p",
      { class: "fh-tr-note" },
      "The stronger the colour, the higher the predicted rating (1 to 5 stars). Cells with a ring are ratings kept aside to test it.",
      parent,
    );
    this.tableBox = /** @type {HTMLDetailsElement} */ (htmlEl("details", { class: "fh-tr-grid-table" }, "", parent));
    htmlEl("summary", {}, "Read the predicted ratings as a table", this.tableBox);
    this.table = /** @type {HTMLTableElement} */ (htmlEl("table", {}, "", this.tableBox));
    this.tableBox.addEventListener("toggle", () => this.fillTable());
    htmlEl("h4", { class: "fh-tr-subhead" }, "The films by the two tastes it found", parent);
    this.map = /** @type {SVGSVGElement} */ (
      svgEl(
        "svg",
        {
          class: "fh-tr-map",
          viewBox: `0 0 ${MAP_W} ${MAP_H}`,
          role: "img",
          "aria-label": "The films placed by the two tastes the model found",
        },
        parent,
      )
    );
    const mid = (MAP_W - TITLE_ROOM) / 2;
    svgEl("line", { class: "fh-tr-noise-axis", x1: 0, x2: MAP_W, y1: MAP_H / 2, y2: MAP_H / 2 }, this.map);
    svgEl("line", { class: "fh-tr-noise-axis", x1: mid, x2: mid, y1: 0, y2: MAP_H }, this.map);
    this.mapWords = htmlEl(
      "p",
      { class: "fh-tr-note" },
      "Press Play: films that the same people like drift together.",
      parent,
    );
    this.mapPairs = new ChartWords(this.map, parent, this.mapWords);
  }

  /** @param {any} info */
  startPicture(info) {
    const people = Array.isArray(info.people) ? info.people : [];
    /** @type {string[]} */
    const films = Array.isArray(info.films) ? info.films.map(String) : [];
    this.people = people.length;
    this.heldout = Array.isArray(info.heldout) ? info.heldout : [];
    this.grid.width = Math.max(1, films.length) * CELL;
    this.grid.height = Math.max(1, people.length) * CELL;
    if (this.filmNames.join("\n") !== films.join("\n")) {
      for (const f of this.films) f.remove();
      this.films = films.map((name) => {
        const g = svgEl("g", { class: "fh-tr-film" }, this.map);
        svgEl("title", {}, g).textContent = name;
        svgEl("circle", { r: 3.5 }, g);
        svgEl("text", { x: 5, y: 4 }, g).textContent = name;
        return g;
      });
      this.filmNames = films;
    }
    this.grid.setAttribute("aria-label", `${people.length} people by ${films.length} films`);
    /** @type {string[]} */
    const names = people.map(String);
    if (this.personNames.join("\n") !== names.join("\n") || this.filmPick.options.length !== films.length) {
      this.personNames = names;
      const choose = () => new Option("(choose)", "");
      this.whoPick.replaceChildren(choose(), ...names.map((n, i) => new Option(n, String(i))));
      this.filmPick.replaceChildren(choose(), ...films.map((n, i) => new Option(n, String(i))));
      this.whoPick.disabled = this.filmPick.disabled = false;
      this.answer.textContent = "Pick a person and a film to ask what the model predicts, and why.";
      this.buildTable();
    }
  }

  /** @param {HTMLElement} parent */
  buildTry(parent) {
    const box = htmlEl("div", { class: "fh-tr-try" }, "", parent);
    htmlEl("p", { class: "fh-tr-subhead" }, "Ask: what would this person give this film?", box);
    const row = htmlEl("div", { class: "fh-tr-try-row" }, "", box);
    const who = uid("fh-tr-who");
    htmlEl("label", { for: who }, "Person ", row);
    this.whoPick = /** @type {HTMLSelectElement} */ (
      htmlEl("select", { id: who, class: "fh-tr-who", disabled: "" }, "", row)
    );
    const film = uid("fh-tr-film");
    htmlEl("label", { for: film }, " Film ", row);
    this.filmPick = /** @type {HTMLSelectElement} */ (
      htmlEl("select", { id: film, class: "fh-tr-film-pick", disabled: "" }, "", row)
    );
    for (const pick of [this.whoPick, this.filmPick]) {
      pick.addEventListener("change", () => {
        const question = this.question();
        if (question) this.ask(question);
      });
    }
    this.answer = htmlEl(
      "p",
      { class: "fh-tr-guess", "aria-live": "polite" },
      "Press Play: the people and the films arrive with the model, then pick one of each to ask what it predicts, and why.",
      box,
    );
  }

  /** @returns {{what: string, person: number, film: number} | null} the pickers' question, once both are picked */
  question() {
    if (this.whoPick.value === "" || this.filmPick.value === "") return null;
    return { what: "predict", person: Number(this.whoPick.value), film: Number(this.filmPick.value) };
  }

  /** The table's head and one row per person (its cells are filled by fillTable). */
  buildTable() {
    this.table.replaceChildren();
    htmlEl("caption", {}, "Predicted stars, 1 to 5: one row per person, one column per film", this.table);
    const head = htmlEl("tr", {}, "", htmlEl("thead", {}, "", this.table));
    htmlEl("th", { scope: "col" }, "Person", head);
    for (const name of this.filmNames) htmlEl("th", { scope: "col" }, name, head);
    const body = htmlEl("tbody", {}, "", this.table);
    for (const name of this.personNames) {
      const tr = htmlEl("tr", {}, "", body);
      htmlEl("th", { scope: "row" }, name, tr);
      for (const _ of this.filmNames) htmlEl("td", {}, "", tr);
    }
    this.fillTable();
  }

  /** The table's cells from the grid last drawn (only while the table is open). */
  fillTable() {
    if (!this.tableBox.open) return;
    const kept = new Set(this.heldout.map(([i, j]) => `${i},${j}`));
    const rows = this.table.tBodies[0]?.rows ?? [];
    for (let i = 0; i < rows.length; i++) {
      const cells = rows[i].cells;
      for (let j = 1; j < cells.length; j++) {
        const v = this.lastGrid?.[i]?.[j - 1];
        const stars = v === undefined || v === null ? "–" : fmt(Number(v), 1);
        cells[j].textContent = kept.has(`${i},${j - 1}`) ? `${stars} (kept aside)` : stars;
      }
    }
  }

  /** @param {any} answer */
  onAnswer(answer) {
    if (answer?.what !== "predict") return;
    const who = this.personNames[answer.person] ?? "This person";
    const film = this.filmNames[answer.film] ?? "this film";
    const parts = answer.parts ?? {};
    const signed = (/** @type {number} */ v) => `${v < 0 ? "−" : "+"}${fmt(Math.abs(Number(v)), 2)}`;
    const truth =
      answer.given != null
        ? ` ${who} gave it ${answer.given} stars, a rating the model learns from.`
        : answer.kept != null
          ? ` ${who} gave it ${answer.kept} stars, a rating kept aside that the model never learns from.`
          : ` ${who} has not rated it.`;
    this.answer.textContent =
      `The model predicts ${who} would give “${film}” ${fmt(Number(answer.stars), 1)} stars: ` +
      `${fmt(Number(parts.mean), 2)} for the average known rating, ${signed(parts.person)} for ${who}'s own leaning, ` +
      `${signed(parts.film)} for the film's own leaning, ${signed(parts.tastes)} for how well their tastes match.${truth}`;
  }

  /**
   * The grid of predictions; held-out cells ringed.
   * @param {number[][]} rows ratings, people × films
   */
  drawGrid(rows) {
    const ctx = this.ctx;
    const colours = palette(this);
    const [pr, pg, pb] = colours.paper;
    const [ir, ig, ib] = colours.plus;
    ctx.clearRect(0, 0, this.grid.width, this.grid.height);
    rows.forEach((row, i) => {
      row.forEach((v, j) => {
        const t = Math.max(0, Math.min(1, (Number(v) - LOW) / (HIGH - LOW)));
        ctx.fillStyle = `rgb(${pr + (ir - pr) * t},${pg + (ig - pg) * t},${pb + (ib - pb) * t})`;
        ctx.fillRect(j * CELL, i * CELL, CELL - 1, CELL - 1);
      });
    });
    ctx.strokeStyle = `rgb(${colours.ink.join(",")})`;
    ctx.lineWidth = 1.5;
    for (const [i, j] of this.heldout) {
      ctx.beginPath();
      ctx.arc(j * CELL + CELL / 2 - 0.5, i * CELL + CELL / 2 - 0.5, CELL / 2 - 2, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }

  /**
   * The films at their two taste numbers (one scale for both axes, fitted to the points).
   * @param {Array<[number, number]>} points
   */
  drawMap(points) {
    let reach = 1e-9;
    for (const [x, y] of points) reach = Math.max(reach, Math.abs(x), Math.abs(y));
    const sx = linearScale(-reach, reach, 12, MAP_W - TITLE_ROOM - 12);
    const sy = linearScale(-reach, reach, MAP_H - 12, 12);
    const at = points.map(([x, y]) => [Number(sx(x).toFixed(1)), Number(sy(y).toFixed(1))]);
    at.forEach(([x, y], i) => {
      const g = this.films[i];
      if (g) setAttrs(g, { transform: `translate(${x},${y})` });
    });
    this.placeNames(at);
    this.mapPairs.say(closestWords(points, this.filmNames));
  }

  /**
   * Each film's name beside its point where it overlaps no other name or point; a name with
   * no free spot is left out (its point's tooltip still names it).
   * @param {number[][]} at the points, in map units
   */
  placeNames(at) {
    // A line of text as the screen boxes it: the font's ascent and descent, not its size.
    const h = LABEL_SIZE * 1.3;
    const labels = at.map(([x, y], i) => ({ x, y, w: this.nameWidth(i), h }));
    const dots = at.map(([x, y]) => ({ x: x - 4, y: y - 4, w: 8, h: 8 }));
    const spots = placeLabels(labels, { x: 0, y: 0, w: MAP_W, h: MAP_H }, dots);
    spots.forEach((spot, i) => {
      const text = this.films[i]?.querySelector("text");
      if (!text) return;
      if (!spot) {
        text.setAttribute("visibility", "hidden");
        return;
      }
      const [x, y] = at[i];
      setAttrs(text, {
        visibility: "visible",
        x: (spot.box.x - x).toFixed(1),
        y: (spot.box.y + LABEL_SIZE - y).toFixed(1),
      });
    });
  }

  /**
   * A film name's width in map units (measured once it is drawn; estimated before).
   * @param {number} i
   * @returns {number}
   */
  nameWidth(i) {
    const text = this.films[i]?.querySelector("text");
    const measured = text?.isConnected ? text.getComputedTextLength() : 0;
    return measured > 0 ? measured + 1 : (this.filmNames[i]?.length ?? 0) * LABEL_SIZE * 0.6;
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  drawPicture(p) {
    const view = p.view ?? {};
    if (Array.isArray(view.grid)) {
      this.drawGrid(view.grid);
      this.lastGrid = view.grid;
      this.fillTable();
    }
    if (Array.isArray(view.map)) this.drawMap(view.map);
    this.mapWords.textContent =
      p.step === 0
        ? "Each dot is a film, placed by its two taste numbers: they start at random, so the map means nothing yet. As it learns, films the same people like drift together."
        : "Each dot is a film, placed by the two taste numbers the model has found for it so far: films the same people like drift together.";
    const question = this.question();
    if (question) this.refresh(question);
  }

  clearPicture() {
    this.ctx.clearRect(0, 0, this.grid.width, this.grid.height);
    this.drawMap(this.films.map(() => [0, 0]));
    this.lastGrid = null;
    this.fillTable();
    if (this.question()) this.answer.textContent = "Untrained again: press Play, then pick again to ask the new model.";
    this.mapWords.textContent = "Untrained again: press Play.";
  }

  /** @param {import("../lib/training-run.js").Progress} p */
  metricWords(p) {
    return `On the ratings kept aside, its predictions miss by ${fmt(p.metric, 2)} stars (typical miss).`;
  }
}

if (!customElements.get("fh-ratings")) customElements.define("fh-ratings", FhRatings);
