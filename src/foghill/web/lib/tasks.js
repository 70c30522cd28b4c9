// Tasks that tick themselves: small goals the lesson lists beside a widget, each checked by
// the widget's real state (the facts of its fh-run event, playback.js), never by a click on
// the task. The lesson declares them in its Markdown as HTML (checked by lessons/render.py),
// for a widget named by its id, or by its tag (the first of that tag in the same section):
//
//   <ul class="fh-tasks" data-for="fh-hill">
//   <li data-task="hill-deep" data-when="outcome=settled; valley=deepest">Rest in the deep valley.</li>
//   </ul>
//
// A condition is clauses joined by ";", each `fact op value` with op one of = != < <= > >=,
// and value a word, a number, or `number*fact` (rate>=0.9*one_jump). A task reached is
// ticked, said through a polite live region, and kept in this browser's localStorage
// (nothing leaves the machine); a button resets the list.

import { htmlEl } from "./svg.js";

/** The localStorage key of the tasks done: {taskId: true}. */
export const STORAGE_KEY = "foghill:tasks";

const CLAUSE =
  /^([a-z_]+)\s*(<=|>=|!=|=|<|>)\s*(?:(-?[\d.]+(?:e-?\d+)?)\s*\*\s*([a-z_]+)|(-?[\d.]+(?:e-?\d+)?)|([a-z][a-z-]*))$/;

/**
 * Does a condition hold for these facts? An unknown fact or a malformed clause never holds.
 * @param {string} when
 * @param {import("./playback.js").Facts} facts
 * @returns {boolean}
 */
export function holds(when, facts) {
  const clauses = when
    .split(";")
    .map((c) => c.trim())
    .filter(Boolean);
  if (clauses.length === 0) return false;
  return clauses.every((clause) => {
    const m = CLAUSE.exec(clause);
    if (!m) return false;
    const [, name, op, times, other, number, word] = m;
    const value = facts[name];
    if (value === undefined || value === null) return false;
    if (word !== undefined) {
      if (op === "=") return String(value) === word;
      if (op === "!=") return String(value) !== word;
      return false;
    }
    const right = other !== undefined ? Number(times) * Number(facts[other]) : Number(number);
    const left = Number(value);
    if (typeof value !== "number" || !Number.isFinite(right)) return false;
    switch (op) {
      case "=":
        return left === right;
      case "!=":
        return left !== right;
      case "<":
        return left < right;
      case "<=":
        return left <= right;
      case ">":
        return left > right;
      default:
        return left >= right;
    }
  });
}

/** @returns {Record<string, boolean>} */
function loadDone() {
  try {
    const raw = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
    return raw && typeof raw === "object" ? raw : {};
  } catch {
    return {}; // storage refused (a private window) or not ours: start empty
  }
}

/** @param {Record<string, boolean>} done */
function saveDone(done) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(done));
  } catch {
    // Storage refused: the ticks last as long as the page.
  }
}

/** One list of tasks beside a widget. */
class TaskList {
  /**
   * @param {HTMLElement} list the ul.fh-tasks
   * @param {HTMLElement} widget
   */
  constructor(list, widget) {
    this.list = list;
    this.items = /** @type {HTMLElement[]} */ ([...list.querySelectorAll("li[data-task][data-when]")]);
    for (const item of this.items) {
      const text = htmlEl("span", { class: "fh-task-text" }, "");
      text.append(...item.childNodes);
      const mark = htmlEl("span", { class: "fh-task-mark" }, "");
      item.replaceChildren(mark, text);
    }
    const after = htmlEl("div", { class: "fh-tasks-bar" }, "");
    list.after(after);
    this.live = htmlEl("p", { class: "fh-tasks-live", "aria-live": "polite" }, "", after);
    this.resetButton = /** @type {HTMLButtonElement} */ (
      htmlEl("button", { type: "button", class: "fh-tasks-reset" }, "Reset these tasks", after)
    );
    this.resetButton.addEventListener("click", () => this.reset());
    widget.addEventListener("fh-run", (e) => this.check(/** @type {CustomEvent} */ (e).detail?.facts));
    list.dataset.ready = "true";
    this.show(loadDone());
  }

  /**
   * Tick what is done (in words too: colour is never the only sign).
   * @param {Record<string, boolean>} done
   */
  show(done) {
    for (const item of this.items) {
      const ticked = Boolean(done[item.dataset.task || ""]);
      item.dataset.done = String(ticked);
      const mark = /** @type {HTMLElement} */ (item.firstElementChild);
      const words = ticked ? "Done:" : "To do:";
      if (mark.textContent !== words) mark.textContent = words;
    }
  }

  /** @param {import("./playback.js").Facts | undefined} facts */
  check(facts) {
    if (!facts) return;
    const done = loadDone();
    const reached = this.items.filter((item) => {
      const id = item.dataset.task || "";
      return !done[id] && holds(item.dataset.when || "", facts);
    });
    if (reached.length === 0) return;
    for (const item of reached) done[item.dataset.task || ""] = true;
    saveDone(done);
    this.show(done);
    const left = this.items.filter((item) => !done[item.dataset.task || ""]).length;
    const names = reached.map((item) => item.lastElementChild?.textContent?.trim()).join(" ");
    this.live.textContent = `Task done: ${names} ${left === 0 ? "All tasks here are done." : `${left} to go.`}`;
  }

  reset() {
    const done = loadDone();
    for (const item of this.items) delete done[item.dataset.task || ""];
    saveDone(done);
    this.show(done);
    this.live.textContent = "These tasks are reset: none done.";
  }
}

/**
 * The elements matching `selector` that name this widget in `attribute`'s first word: by its
 * id anywhere in its document, or by its tag within its section (or its document, outside
 * any) when it is the first of its tag there.
 * @param {HTMLElement} widget
 * @param {string} selector
 * @param {(el: HTMLElement) => string} who the name an element gives
 * @returns {HTMLElement[]}
 */
export function naming(widget, selector, who) {
  const root = /** @type {ParentNode} */ (widget.getRootNode());
  if (typeof root.querySelectorAll !== "function") return [];
  const scope = /** @type {ParentNode} */ (widget.closest("section") || root);
  const first = scope.querySelector(widget.localName) === widget;
  /** @type {NodeListOf<HTMLElement>} */
  const all = root.querySelectorAll(selector);
  return [...all].filter((el) => {
    const name = who(el);
    if (widget.id && name === widget.id) return true;
    return first && name === widget.localName && scope.contains(el);
  });
}

/**
 * Bring to life the task lists that name this widget (its id, or its tag in its section).
 * @param {HTMLElement} widget
 */
export function joinTasks(widget) {
  for (const list of naming(widget, "ul.fh-tasks[data-for]", (el) => el.dataset.for || "")) {
    if (!list.dataset.ready) new TaskList(list, widget);
  }
}
