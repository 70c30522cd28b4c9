// A drawing pad of 8×8 cells, each 0 (blank) to 16 (full ink), like the digits the model
// learns from. Drawn with a mouse, a finger or a pen (pointer events), or by keyboard: the
// arrow keys move a cursor over the grid, Space or Enter inks the cell under it, Delete or
// Backspace clears it. The brush inks its cell fully and half-inks the four around it, as a
// pen stroke on the scanned digits spreads into its neighbours.

import { htmlEl, svgEl, uid } from "./svg.js";

const SIDE = 8;
const CELL = 20;
/** Full ink, and what the brush leaves in the cells beside its own. */
const FULL = 16;
const EDGE = 8;

export class DrawingPad {
  /**
   * @param {HTMLElement} parent
   * @param {{changed: () => void, moved: (words: string) => void}} hooks changed: a stroke
   *   ended (or a cell was inked by keyboard); moved: the cursor moved, in words
   */
  constructor(parent, hooks) {
    this.hooks = hooks;
    this.values = new Array(SIDE * SIDE).fill(0);
    this.cursor = { row: 3, col: 3 };
    this.down = false;
    const helpId = uid("fh-tr-pad-help");
    const box = htmlEl("div", { class: "fh-tr-pad-box" }, "", parent);
    this.svg = /** @type {SVGSVGElement} */ (
      svgEl(
        "svg",
        {
          class: "fh-tr-pad",
          viewBox: `0 0 ${SIDE * CELL} ${SIDE * CELL}`,
          tabindex: 0,
          role: "application",
          "aria-label": "Drawing pad, 8 by 8 squares",
          "aria-describedby": helpId,
        },
        box,
      )
    );
    /** @type {SVGElement[]} */
    this.cells = [];
    for (let i = 0; i < SIDE * SIDE; i++) {
      const x = (i % SIDE) * CELL;
      const y = Math.floor(i / SIDE) * CELL;
      this.cells.push(svgEl("rect", { class: "fh-tr-cell", x, y, width: CELL, height: CELL }, this.svg));
    }
    this.mark = svgEl("rect", { class: "fh-tr-cursor", width: CELL - 2, height: CELL - 2 }, this.svg);
    this.help = htmlEl(
      "p",
      { class: "fh-tr-help", id: helpId },
      "Draw with the mouse or a finger. With a keyboard: the arrow keys move the square outline, Space or Enter inks it, Delete rubs it out.",
      box,
    );
    this.svg.addEventListener("pointerdown", (e) => this.start(e));
    this.svg.addEventListener("pointermove", (e) => this.move(e));
    this.svg.addEventListener("pointerup", () => this.end());
    this.svg.addEventListener("pointercancel", () => this.end());
    this.svg.addEventListener("keydown", (e) => this.key(e));
    this.svg.addEventListener("focus", () => this.drawCursor());
    this.svg.addEventListener("blur", () => this.drawCursor());
    this.draw();
  }

  /** @returns {boolean} nothing drawn */
  get empty() {
    return this.values.every((v) => v === 0);
  }

  clear() {
    this.values.fill(0);
    this.draw();
  }

  /**
   * The cell under a pointer.
   * @param {PointerEvent} e
   * @returns {{row: number, col: number} | null}
   */
  cellAt(e) {
    const box = this.svg.getBoundingClientRect();
    if (!box.width || !box.height) return null;
    const col = Math.floor(((e.clientX - box.left) / box.width) * SIDE);
    const row = Math.floor(((e.clientY - box.top) / box.height) * SIDE);
    return row >= 0 && row < SIDE && col >= 0 && col < SIDE ? { row, col } : null;
  }

  /** @param {PointerEvent} e */
  start(e) {
    e.preventDefault();
    this.svg.setPointerCapture?.(e.pointerId);
    this.down = true;
    this.svg.focus({ preventScroll: true });
    this.move(e);
  }

  /** @param {PointerEvent} e */
  move(e) {
    if (!this.down) return;
    const cell = this.cellAt(e);
    if (!cell) return;
    this.cursor = cell;
    this.ink(cell.row, cell.col);
  }

  end() {
    if (!this.down) return;
    this.down = false;
    this.hooks.changed();
  }

  /**
   * Ink a cell fully, and half-ink its four neighbours (never lightening a cell).
   * @param {number} row
   * @param {number} col
   */
  ink(row, col) {
    this.values[row * SIDE + col] = FULL;
    for (const [r, c] of [
      [row - 1, col],
      [row + 1, col],
      [row, col - 1],
      [row, col + 1],
    ]) {
      if (r >= 0 && r < SIDE && c >= 0 && c < SIDE)
        this.values[r * SIDE + c] = Math.max(this.values[r * SIDE + c], EDGE);
    }
    this.draw();
  }

  /** @param {KeyboardEvent} e */
  key(e) {
    const moves = /** @type {Record<string, [number, number]>} */ ({
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    });
    const { row, col } = this.cursor;
    if (e.key in moves) {
      const [dr, dc] = moves[e.key];
      this.cursor = { row: Math.max(0, Math.min(SIDE - 1, row + dr)), col: Math.max(0, Math.min(SIDE - 1, col + dc)) };
      this.drawCursor();
      this.hooks.moved(this.where());
    } else if (e.key === " " || e.key === "Enter") {
      this.ink(row, col);
      this.hooks.changed();
    } else if (e.key === "Delete" || e.key === "Backspace") {
      this.values[row * SIDE + col] = 0;
      this.draw();
      this.hooks.changed();
    } else {
      return;
    }
    e.preventDefault();
  }

  /** @returns {string} where the cursor is, and what is under it */
  where() {
    const { row, col } = this.cursor;
    const v = this.values[row * SIDE + col];
    const state = v >= FULL ? "inked" : v > 0 ? "half inked" : "blank";
    return `Row ${row + 1}, column ${col + 1}: ${state}.`;
  }

  draw() {
    this.values.forEach((v, i) => {
      const level = v >= FULL ? "full" : v > 0 ? "half" : "none";
      const cell = this.cells[i];
      if (cell.getAttribute("data-ink") !== level) cell.setAttribute("data-ink", level);
    });
    this.drawCursor();
  }

  drawCursor() {
    const { row, col } = this.cursor;
    this.mark.setAttribute("x", String(col * CELL + 1));
    this.mark.setAttribute("y", String(row * CELL + 1));
    this.mark.style.display = document.activeElement === this.svg ? "" : "none";
  }
}
