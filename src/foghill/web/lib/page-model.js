// The page's model: the anywidget contract (get / set / on / off / save_changes) with the
// Foghill server as its kernel. save_changes() posts the inputs that changed, as the widget's
// plan says (request-plans.js), and sets the outputs from the answer. A newer request on the
// same channel aborts the older one, so a stale answer never overwrites a fresh one; walks
// asked for ahead are held by their request (walk-cache.js); identical requests from any
// model on the page are made once (shared-asks.js).

import { Emitter } from "./emitter.js";
import { WIDGETS } from "./contract.js";
export { attributeName, pageState, parseAttribute, readSeed, stateFromAttributes } from "./page-state.js";
import { PLANS, runRequest } from "./request-plans.js";
import { ask } from "./shared-asks.js";
import { RUN_PATHS, WalkCache } from "./walk-cache.js";

/**
 * The server's first answers for a widget, carried by the page beside its element: the
 * inputs they answer and the outputs (exactly what the API would say for those inputs).
 * @typedef {{inputs: Record<string, any>, outputs: Record<string, any>}} Seed
 */

/** The outputs that hold a run: a refused request leaves none of an older run behind. */
const RUNS = ["trajectory", "fit", "race", "sweep"];

/**
 * @param {any} a
 * @param {any} b
 * @returns {boolean}
 */
function same(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A model that lives on the page and asks the Foghill server for every number. */
export class PageModel extends Emitter {
  /**
   * @param {string} tag the widget's tag: its inputs, outputs and endpoints (contract.js)
   * @param {Record<string, any>} state initial inputs (outputs start empty)
   * @param {{base?: string, seed?: Seed | null}} [options] base URL of the server (default:
   *   same origin); the first answers the page carries: they are the outputs at once, and
   *   only the inputs that differ from theirs are posted
   */
  constructor(tag, state, options = {}) {
    super();
    const spec = WIDGETS[tag];
    if (!spec?.endpoint) throw new Error(`<${tag}> has no page model`);
    this.endpoint = spec.endpoint;
    this.inputs = Object.keys(spec.inputs);
    this.landscapeInputs = spec.landscapeInputs;
    this.outputs = spec.outputs;
    /** @type {Record<string, any>} */
    this._state = { ...Object.fromEntries(spec.outputs.map((k) => [k, null])), error: "", ...state };
    /** @type {Set<string>} */
    this._dirty = new Set();
    this._saved = false;
    this._base = options.base ?? "";
    /** @type {Record<string, AbortController>} */
    this._inflight = {};
    /** @type {Record<string, string>} */
    this._errors = {};
    /** @type {Record<string, number | null>} where in the formula each refusal happened */
    this._columns = {};
    /** walks computed, or being asked for ahead, by their request */
    this._walks = new WalkCache();
    const seed = options.seed;
    if (seed) {
      for (const key of spec.outputs) if (key in seed.outputs) this._state[key] = seed.outputs[key];
      for (const key of this.inputs) if (!same(this._state[key], seed.inputs[key])) this._dirty.add(key);
      this._saved = true;
      const walk = seed.outputs.trajectory;
      if (walk) this._walks.remember(this._body(seed.inputs), walk);
    }
  }

  /**
   * @param {string} key
   * @param {any} value
   */
  set(key, value) {
    if (same(this._state[key], value)) return;
    this._state[key] = value;
    this._dirty.add(key);
    this._emit(`change:${key}`, value);
  }

  /**
   * Deliver a command as a notebook kernel would ({type: "go" | "step" | "pause" | "reset"}).
   * @param {any} msg
   */
  send(msg) {
    this._emit("msg:custom", msg);
  }

  /** Post the changed inputs; resolves when every answer has arrived (or was superseded). */
  save_changes() {
    const dirty = this._dirty;
    const first = !this._saved;
    this._dirty = new Set();
    this._saved = true;
    /** @type {Promise<unknown>[]} */
    const jobs = [];
    const changed = (/** @type {string[]} */ keys) => first || keys.some((k) => dirty.has(k));
    const body = this._body({});
    const plan = PLANS[this.endpoint];
    const model = {
      get: (/** @type {string} */ key) => this.get(key),
      outputs: this.outputs,
      post: this._post.bind(this),
    };
    if (plan) jobs.push(...plan(model, { body, changed, inputs: this.inputs, landscapeInputs: this.landscapeInputs }));
    return Promise.all(jobs).then(() => undefined);
  }

  /**
   * The inputs, with some of them replaced: the body of every request.
   * @param {Record<string, any>} overrides
   * @returns {Record<string, any>}
   */
  _body(overrides) {
    /** @type {Record<string, any>} */
    const body = {};
    for (const key of this.inputs) body[key] = key in overrides ? overrides[key] : this._state[key];
    return body;
  }

  /**
   * Ask ahead for a walk (page host only; a notebook model has no such method): when the
   * inputs later become these, save_changes answers at once instead of waiting for the
   * server. Used while a pointer rests over the hill or a map, or the drop marker moves.
   * @param {Record<string, any>} overrides e.g. {start: 1.25}
   */
  prefetch(overrides) {
    const ask = runRequest(this.endpoint, { get: (key) => this.get(key) }, this._body(overrides));
    if (!ask || this._walks.has(ask.body)) return;
    this._post("prefetch", ask.path, ask.body, "");
  }

  /**
   * @param {string} channel
   * @param {string} path
   * @param {Record<string, any>} body
   * @param {string} outKey the output to set ("" to only remember a walk)
   * @param {boolean} [report] say why it failed (false: another try follows)
   * @returns {Promise<boolean | null>} whether it worked (null: superseded)
   */
  async _post(channel, path, body, outKey, report = true) {
    this._inflight[channel]?.abort();
    const known = RUN_PATHS.includes(path) && outKey ? this._walks.get(body) : null;
    if (known) {
      // Asked for ahead of time (prefetch): answer at once.
      this._setError(channel, "");
      this.set(outKey, known);
      this._dirty.delete(outKey);
      return true;
    }
    const key = RUN_PATHS.includes(path) ? WalkCache.key(body) : "";
    // The same walk already asked for ahead (the pointer rested, then clicked): wait for that
    // answer instead of asking again, and no later request ahead may cancel it now.
    const ahead = key && outKey ? this._walks.asking.get(key) : undefined;
    if (ahead && this._inflight.prefetch === ahead.controller) delete this._inflight.prefetch;
    const controller = ahead ? ahead.controller : new AbortController();
    this._inflight[channel] = controller;
    /** @type {Promise<{response: Response, data: any}> | null} */
    let asked = null;
    try {
      asked = ahead ? ahead.answer : this._fetch(path, body, controller.signal);
      if (key && !outKey) this._walks.asking.set(key, { controller, answer: asked });
      const { response, data } = await asked;
      if (controller.signal.aborted) return null;
      const ok = Boolean(response.ok && data && typeof data.error !== "string");
      if (RUN_PATHS.includes(path) && ok) this._walks.remember(body, data);
      if (!outKey) return ok;
      if (!ok && !report) return false;
      if (!ok) {
        const said = data && typeof data.error === "string" ? data.error : "";
        const column = data?.detail?.[0]?.column;
        this._setError(
          channel,
          said || `The server could not answer (status ${response.status}).`,
          Number.isInteger(column) ? column : null,
        );
        if (RUNS.includes(outKey)) this.set(outKey, null);
        return false;
      }
      this._setError(channel, "");
      this.set(outKey, data);
      return true;
    } catch {
      if (controller.signal.aborted || !outKey) return null;
      this._setError(channel, "The Foghill server could not be reached, so nothing was computed.");
      return false;
    } finally {
      if (this._inflight[channel] === controller) delete this._inflight[channel];
      if (outKey) this._dirty.delete(outKey);
      if (key && !outKey && this._walks.asking.get(key)?.answer === asked) this._walks.asking.delete(key);
    }
  }

  /**
   * One POST and its JSON (null when the body is no JSON), shared with any model on the page
   * that asks the same (shared-asks.js).
   * @param {string} path
   * @param {Record<string, any>} body
   * @param {AbortSignal} signal
   * @returns {Promise<{response: Response, data: any}>}
   */
  _fetch(path, body, signal) {
    return ask(this._base + path, body, signal);
  }

  /**
   * The error (and `error_column`, the 1-based column of a refused formula, or null),
   * set before the error so that whoever hears of the error finds the column already.
   * @param {string} channel
   * @param {string} message
   * @param {number | null} [column]
   */
  _setError(channel, message, column = null) {
    this._errors[channel] = message;
    this._columns[channel] = message ? column : null;
    const columns = Object.values(this._columns).filter((c) => c !== null);
    this.set("error_column", columns.length ? columns[0] : null);
    this._dirty.delete("error_column");
    const all = Object.values(this._errors).filter(Boolean);
    this.set("error", [...new Set(all)].join(" "));
    this._dirty.delete("error");
  }
}
