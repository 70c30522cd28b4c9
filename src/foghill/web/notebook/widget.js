// The notebook host (anywidget): `render({ model, el })` puts a Foghill element into the
// output cell with the widget's model, set before the element is attached so that it never
// builds a page model of its own. The element's data-status and data-step (its public state)
// are mirrored into the model, so the kernel sees the animation: the status at once, the
// step at most every STEP_MS while it runs.

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
  el.appendChild(e);
  countView(model, +1);
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
    if (timer !== null) clearTimeout(timer);
    e.remove();
  };
}
