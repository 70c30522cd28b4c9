// The page's model: the anywidget contract (get / set / on / off / save_changes) with the
// Foghill server as its kernel. save_changes() posts the inputs that changed and sets the
// outputs from the answer. A newer request on the same channel aborts the older one, so a
// stale answer never overwrites a fresh one.

/** @typedef {(value: any, extra?: any) => void} Listener */

/**
 * The anywidget model interface the widgets rely on.
 * @typedef {object} Model
 * @property {(key: string) => any} get
 * @property {(key: string, value: any) => void} set
 * @property {(name: string, cb: Listener) => void} on
 * @property {(name?: string | null, cb?: Listener | null) => void} off
 * @property {() => any} save_changes
 */

export const DESCENT_INPUTS = [
  "hill",
  "formula",
  "domain",
  "start",
  "learning_rate",
  "optimizer",
  "max_steps",
];
export const LANDSCAPE_INPUTS = ["hill", "formula", "domain"];
/** The step dial's regimes are for the valley its start drains into, within its budget. */
export const DIAL_LANDSCAPE_INPUTS = [...LANDSCAPE_INPUTS, "start", "max_steps"];
export const LINEFIT_INPUTS = ["x", "y", "w", "b", "learning_rate", "max_steps"];

/** How many computed walks a page model keeps, by request (prefetched or answered). */
export const WALKS_KEPT = 24;

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
export class PageModel {
  /**
   * @param {"descent" | "linefit"} kind which endpoints this model talks to
   * @param {Record<string, any>} state initial inputs (and outputs, usually null)
   * @param {{base?: string, landscapeInputs?: string[]}} [options] base URL of the server
   *   (default: same origin); the inputs that ask for the landscape again (default:
   *   LANDSCAPE_INPUTS, so that a drop on the hill does not fetch the whole curve)
   */
  constructor(kind, state, options = {}) {
    this.kind = kind;
    /** @type {Record<string, any>} */
    this._state = { error: "", ...state };
    /** @type {Map<string, Set<Listener>>} */
    this._listeners = new Map();
    /** @type {Set<string>} */
    this._dirty = new Set();
    this._saved = false;
    this._base = options.base ?? "";
    this._landscapeInputs = options.landscapeInputs ?? LANDSCAPE_INPUTS;
    /** @type {Record<string, AbortController>} */
    this._inflight = {};
    /** @type {Record<string, string>} */
    this._errors = {};
    /** @type {Map<string, any>} walks already computed, by their request */
    this._walks = new Map();
    this.isPageModel = true;
  }

  /** @param {string} key */
  get(key) {
    return this._state[key];
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
   * @param {string} name e.g. "change:trajectory" or "msg:custom"
   * @param {Listener} cb
   */
  on(name, cb) {
    let set = this._listeners.get(name);
    if (!set) this._listeners.set(name, (set = new Set()));
    set.add(cb);
  }

  /**
   * @param {string | null} [name]
   * @param {Listener | null} [cb]
   */
  off(name = null, cb = null) {
    if (!name) {
      this._listeners.clear();
    } else if (!cb) {
      this._listeners.delete(name);
    } else {
      this._listeners.get(name)?.delete(cb);
    }
  }

  /**
   * Deliver a command as a notebook kernel would ({type: "go" | "step" | "pause" | "reset"}).
   * @param {any} msg
   */
  send(msg) {
    this._emit("msg:custom", msg);
  }

  /**
   * @param {string} name
   * @param {any} value
   */
  _emit(name, value) {
    for (const cb of [...(this._listeners.get(name) ?? [])]) {
      try {
        cb(value);
      } catch (error) {
        console.error(error);
      }
    }
  }

  /** Post the changed inputs; resolves when every answer has arrived (or was superseded). */
  save_changes() {
    const dirty = this._dirty;
    const first = !this._saved;
    this._dirty = new Set();
    this._saved = true;
    /** @type {Promise<unknown>[]} */
    const jobs = [];
    const s = this._state;
    if (this.kind === "linefit") {
      if (first || LINEFIT_INPUTS.some((k) => dirty.has(k))) {
        const body = {
          x: s.x,
          y: s.y,
          w: s.w ?? 0,
          b: s.b ?? 0,
          learning_rate: s.learning_rate ?? 0.05,
          max_steps: s.max_steps ?? 300,
          optimizer: "gd",
        };
        jobs.push(this._post("fit", "/api/linefit", body, "fit"));
      }
      return Promise.all(jobs).then(() => undefined);
    }
    const which = this._which();
    if (first || this._landscapeInputs.some((k) => dirty.has(k))) {
      /** @type {Record<string, any>} */
      const body = { ...which, max_steps: s.max_steps ?? 200 };
      if (typeof s.start !== "number") {
        jobs.push(this._post("landscape", "/api/landscape", body, "landscape").then(() => undefined));
      } else {
        // Regimes for the valley the start drains into; a start off the hill (an address
        // typed by hand) must not cost the drawing, so ask again without it.
        const withStart = { ...body, start: s.start };
        jobs.push(
          this._post("landscape", "/api/landscape", withStart, "landscape").then((ok) =>
            ok === false ? this._post("landscape", "/api/landscape", body, "landscape") : ok,
          ).then(() => undefined),
        );
      }
    }
    const wantsRun = s.start !== null && s.start !== undefined;
    if (wantsRun && (first || DESCENT_INPUTS.some((k) => dirty.has(k)))) {
      const body = this._descendBody({});
      const known = this._walks.get(JSON.stringify(body));
      if (known) {
        // Asked for ahead of time (prefetch): answer at once, and drop any older request.
        this._inflight.descend?.abort();
        this._setError("descend", "");
        this.set("trajectory", known);
        this._dirty.delete("trajectory");
      } else {
        jobs.push(this._post("descend", "/api/descend", body, "trajectory"));
      }
    }
    return Promise.all(jobs).then(() => undefined);
  }

  /**
   * The body of a descend request for the current inputs, with some of them replaced.
   * @param {Record<string, any>} overrides
   * @returns {Record<string, any>}
   */
  _descendBody(overrides) {
    const s = { ...this._state, ...overrides };
    return {
      ...this._which(),
      start: s.start,
      learning_rate: s.learning_rate ?? 0.1,
      optimizer: s.optimizer || "gd",
      max_steps: s.max_steps ?? 200,
    };
  }

  /**
   * Ask ahead for a walk (page host only; a notebook model has no such method): when the
   * inputs later become these, save_changes answers at once instead of waiting for the
   * server. Used while a pointer rests over the hill or the drop marker moves.
   * @param {Record<string, any>} overrides e.g. {start: 1.25}
   */
  prefetch(overrides) {
    const body = this._descendBody(overrides);
    const key = JSON.stringify(body);
    if (this._walks.has(key) || typeof body.start !== "number") return;
    this._post("prefetch", "/api/descend", body, "");
  }

  /**
   * Remember a walk by its request (a few of them: the last ones asked for).
   * @param {string} key
   * @param {any} walk
   */
  _remember(key, walk) {
    this._walks.delete(key);
    this._walks.set(key, walk);
    while (this._walks.size > WALKS_KEPT) {
      const oldest = this._walks.keys().next().value;
      if (oldest === undefined) break;
      this._walks.delete(oldest);
    }
  }

  /** The landscape part of a request: a formula (with its domain) wins over a hill name. */
  _which() {
    const s = this._state;
    if (typeof s.formula === "string" && s.formula.trim()) {
      return s.domain ? { formula: s.formula, domain: s.domain } : { formula: s.formula };
    }
    return { hill: s.hill || "foggy" };
  }

  /**
   * @param {string} channel
   * @param {string} path
   * @param {Record<string, any>} body
   * @param {string} outKey the output to set ("" to only remember a walk)
   * @returns {Promise<boolean | null>} whether it worked (null: superseded)
   */
  async _post(channel, path, body, outKey) {
    this._inflight[channel]?.abort();
    const controller = new AbortController();
    this._inflight[channel] = controller;
    try {
      const response = await fetch(this._base + path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      /** @type {any} */
      let data = null;
      try {
        data = await response.json();
      } catch {
        data = null;
      }
      if (controller.signal.aborted) return null;
      const ok = Boolean(response.ok && data && typeof data.error !== "string");
      if (path === "/api/descend" && ok) this._remember(JSON.stringify(body), data);
      if (!outKey) return ok;
      if (!ok) {
        const said = data && typeof data.error === "string" ? data.error : "";
        this._setError(channel, said || `The server could not answer (status ${response.status}).`);
        if (outKey === "trajectory" || outKey === "fit") this.set(outKey, null);
        return false;
      }
      this._setError(channel, "");
      this.set(outKey, data);
      return true;
    } catch (error) {
      if (controller.signal.aborted || !outKey) return null;
      this._setError(channel, "The Foghill server could not be reached, so nothing was computed.");
      return false;
    } finally {
      if (this._inflight[channel] === controller) delete this._inflight[channel];
      if (outKey) this._dirty.delete(outKey);
    }
  }

  /**
   * @param {string} channel
   * @param {string} message
   */
  _setError(channel, message) {
    this._errors[channel] = message;
    const all = Object.values(this._errors).filter(Boolean);
    this.set("error", [...new Set(all)].join(" "));
    this._dirty.delete("error");
  }
}

/**
 * Read a number attribute (or a fallback).
 * @param {Element} el
 * @param {string} name
 * @param {number | null} fallback
 * @returns {number | null}
 */
export function numberAttr(el, name, fallback) {
  const raw = el.getAttribute(name);
  if (raw === null || raw.trim() === "") return fallback;
  const value = Number(raw);
  return Number.isFinite(value) ? value : fallback;
}

/**
 * Read a comma-separated list of numbers (or null when absent or unreadable).
 * @param {Element} el
 * @param {string} name
 * @returns {number[] | null}
 */
export function numberListAttr(el, name) {
  const raw = el.getAttribute(name);
  if (!raw) return null;
  const values = raw.split(",").map((v) => Number(v.trim()));
  return values.every(Number.isFinite) ? values : null;
}

/**
 * The model state of a hill or dial element, from its attributes.
 * @param {Element} el
 * @returns {Record<string, any>}
 */
export function descentStateFromAttributes(el) {
  const domain = numberListAttr(el, "domain");
  return {
    hill: el.getAttribute("hill") || "foggy",
    formula: el.getAttribute("formula") || "",
    domain: domain && domain.length === 2 ? domain : null,
    start: numberAttr(el, "start", null),
    learning_rate: numberAttr(el, "learning-rate", 0.1),
    optimizer: el.getAttribute("optimizer") || "gd",
    max_steps: numberAttr(el, "max-steps", 200),
    landscape: null,
    trajectory: null,
    error: "",
  };
}
