// The notebook host (anywidget): `render({ model, el })` puts a Foghill element into the
// output cell with the widget's model, set before the element is attached so that it never
// builds a page model of its own. The element's data-status and data-step (its public state)
// are mirrored into the model, so the kernel sees the animation: the status at once, the
// step at most every STEP_MS while it runs. A widget made with `tasks=[...]` shows its task
// list under it, ticked by the page's own code (lib/tasks.js), and the ids ticked are
// mirrored into `tasks_done`. Every widget's notebook module is the same two lines, made by
// scripts/build-web.mjs from the contract: its component, then `notebookModule(tag)`.

import { htmlEl, uid } from "../lib/svg.js";

/** The model key data-step is mirrored into (the Python trait's name, foghill.notebook). */
export const STEP_KEY = "step_count";

/** The model key data-status is mirrored into. */
export const STATUS_KEY = "status";

/** The longest the kernel waits for a new step while a walk runs (ms). */
export const STEP_MS = 200;

/**
 * @typedef {object} NotebookModel
 * @property {(key: string) => any} get
 * @property {(key: string, value: any) => void} set
 * @property {() => void} save_changes
 */

/** The model key holding the task list ("id | condition | what to do" lines). */
export const TASKS_KEY = "tasks";

/** The model key the ids of the tasks ticked are mirrored into. */
export const DONE_KEY = "tasks_done";

/**
 * The task list of a widget, as the page's lessons write it (ul.fh-tasks naming the widget
 * by its id), or null without tasks.
 * @param {HTMLElement} widget
 * @param {unknown} tasks
 * @returns {HTMLElement | null}
 */
export function taskList(widget, tasks) {
  if (!Array.isArray(tasks) || tasks.length === 0) return null;
  if (!widget.id) widget.id = uid("fh-nb");
  const list = htmlEl("ul", { class: "fh-tasks", "data-for": widget.id });
  for (const line of tasks) {
    const [task, when, ...text] = String(line).split("|");
    htmlEl("li", { "data-task": task.trim(), "data-when": (when ?? "").trim() }, text.join("|").trim(), list);
  }
  return list;
}

/** The model key counting the views shown (the kernel plays in them, or alone without). */
export const VIEWS_KEY = "_views";

/**
 * One view more or fewer of this model.
 * @param {NotebookModel} model
 * @param {number} change
 */
function countView(model, change) {
  model.set(VIEWS_KEY, Math.max(0, (Number(model.get(VIEWS_KEY)) || 0) + change));
  model.save_changes();
}

/**
 * Draw `<tag>` with the notebook's model in `el`; returns the clean-up anywidget calls.
 * @param {string} tag
 * @param {{model: NotebookModel, el: HTMLElement}} context
 * @returns {() => void}
 */
export function renderWidget(tag, { model, el }) {
  const e = /** @type {HTMLElement & {model: NotebookModel}} */ (document.createElement(tag));
  e.model = model;
  // The list is there before the widget is attached: the widget finds it as it does a lesson's.
  const list = taskList(e, model.get(TASKS_KEY));
  if (list) el.appendChild(list);
  el.insertBefore(e, list);
  countView(model, +1);
  const ticks = new MutationObserver(() => {
    const done = [...(list?.querySelectorAll("li[data-done=true]") ?? [])].map(
      (li) => li.getAttribute("data-task") || "",
    );
    if (String(done) === String(model.get(DONE_KEY) ?? [])) return;
    model.set(DONE_KEY, done);
    model.save_changes();
  });
  if (list) ticks.observe(list, { attributes: true, subtree: true, attributeFilter: ["data-done"] });
  /** @type {ReturnType<typeof setTimeout> | null} */
  let timer = null;
  const report = () => {
    timer = null;
    const status = e.dataset.status || "idle";
    const step = Number(e.dataset.step || 0);
    if (model.get(STATUS_KEY) === status && model.get(STEP_KEY) === step) return;
    model.set(STATUS_KEY, status);
    model.set(STEP_KEY, step);
    model.save_changes();
  };
  const mirror = new MutationObserver(() => {
    if (e.dataset.status !== model.get(STATUS_KEY)) {
      if (timer !== null) clearTimeout(timer);
      report();
    } else if (timer === null) {
      timer = setTimeout(report, STEP_MS);
    }
  });
  mirror.observe(e, { attributes: true, attributeFilter: ["data-status", "data-step"] });
  return () => {
    countView(model, -1);
    mirror.disconnect();
    ticks.disconnect();
    list?.remove();
    if (timer !== null) clearTimeout(timer);
    e.remove();
  };
}

/**
 * The anywidget module of `<tag>` (the default export of dist/notebook/<tag>.js).
 * @param {string} tag
 */
export function notebookModule(tag) {
  return {
    /** @param {{model: NotebookModel, el: HTMLElement}} context */
    render(context) {
      return renderWidget(tag, context);
    },
  };
}
