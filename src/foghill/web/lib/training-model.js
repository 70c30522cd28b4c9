// The page's host for a training demo: the anywidget model interface (get / set / on / off /
// save_changes / send) with the Foghill server doing the training. The component never
// fetches; it sends commands and listens for events ("msg:custom"), as it would in a notebook.
//
// Commands (model.send):
//   {type: "train"} or {type: "train", from_step: k}
//       POST /api/train/<demo> with the inputs (and from_step) as JSON. The answer is
//       application/x-ndjson: one JSON event per line (start, progress..., end), each
//       delivered as it arrives. A refusal (4xx {"error": sentence}) becomes
//       {type: "error", message} and the "error" key; a good start clears "error".
//   {type: "pause"}
//       aborts the stream (the server sees the disconnect and stops the work) and delivers
//       {type: "end", reason: "paused", step} with the last step received.
//   {type: "look"}
//       POST /api/train/<demo>/untrained with the inputs; the JSON answer, the model before
//       any step ({type: "untrained", step: 0, steps, settings, info, progress}), is
//       delivered as it is. A newer look aborts an older one. save_changes() looks too.
//   {type: "ask", what, step, ...question}
//       POST /api/train/<demo>/ask with the inputs, the step and the question; the JSON
//       answer is delivered as {type: "answer", what, step, ...}. A newer ask aborts an older
//       one, so answers never arrive out of order.
// <demo> is the tag without "fh-" (fh-next-word -> next-word). Inputs are the contract's keys
// (contract.js); save_changes() asks for the untrained model of the inputs as they are (the
// page calls it when the reader comes near, and the demo on every change: nothing trains
// until Play), and a new run replaces one going on. close() aborts everything (the element was removed).

import { Emitter } from "./emitter.js";
import { WIDGETS } from "./contract.js";

/** What a refusal says when the answer carries no sentence of its own. */
const LOST = "the connection to the server was lost; press Play to try again";

/**
 * The sentence a refused request carries (or a plain one).
 * @param {Response} response
 * @returns {Promise<string>}
 */
async function refusal(response) {
  try {
    const body = await response.json();
    if (body && typeof body.error === "string") return body.error;
  } catch {
    // not JSON: say it in general words below
  }
  return `the server answered ${response.status}`;
}

/**
 * Each complete line of the streamed text as a parsed event.
 * @param {ReadableStream<Uint8Array>} body
 * @param {(event: any) => void} deliver
 */
async function readLines(body, deliver) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    pending += decoder.decode(value, { stream: true });
    let at = pending.indexOf("\n");
    while (at >= 0) {
      const line = pending.slice(0, at).trim();
      pending = pending.slice(at + 1);
      if (line) deliver(JSON.parse(line));
      at = pending.indexOf("\n");
    }
  }
  if (pending.trim()) deliver(JSON.parse(pending));
}

/** A training demo's model on the page (see the module comment for the wire format). */
export class TrainingModel extends Emitter {
  /**
   * @param {string} tag the demo's tag (its inputs come from contract.js)
   * @param {Record<string, any>} state initial inputs (the contract's defaults otherwise)
   * @param {{base?: string, extra?: Record<string, any>}} [options] base URL of the server
   *   (default: same origin); what every request carries besides the inputs (a table)
   */
  constructor(tag, state, options = {}) {
    super();
    const spec = WIDGETS[tag];
    if (spec?.endpoint !== "training") throw new Error(`<${tag}> is no training demo`);
    this.demo = tag.replace(/^fh-/, "");
    this.inputs = Object.keys(spec.inputs);
    /** @type {Record<string, any>} */
    this._state = { ...spec.inputs, error: "", ...state };
    this._base = options.base ?? "";
    /** @type {Record<string, any>} */
    this._extra = options.extra ?? {};
    /** @type {AbortController | null} the run streaming now */
    this._run = null;
    /** @type {AbortController | null} the untrained model being asked for */
    this._look = null;
    /** @type {AbortController | null} the question being answered */
    this._ask = null;
    /** the last step a progress event reported */
    this._step = 0;
  }

  /**
   * @param {string} key
   * @param {any} value
   */
  set(key, value) {
    if (this._state[key] === value) return;
    this._state[key] = value;
    this._emit(`change:${key}`, value);
  }

  /** The inputs are taken as they are, and the untrained model for them is asked for. */
  save_changes() {
    return this._untrained();
  }

  /**
   * A command from the component (see the module comment).
   * @param {any} msg
   */
  send(msg) {
    const type = msg?.type;
    if (type === "train") void this._train(Number(msg.from_step ?? 0));
    else if (type === "pause") this._pause();
    else if (type === "look") void this._untrained();
    else if (type === "ask") void this._question(msg);
  }

  /** Abort the run and the question in flight (the element is gone). */
  close() {
    this._run?.abort();
    this._run = null;
    this._ask?.abort();
    this._ask = null;
    this._look?.abort();
    this._look = null;
  }

  /** @returns {Record<string, any>} the inputs as the server reads them */
  _body() {
    return { ...Object.fromEntries(this.inputs.map((key) => [key, this._state[key]])), ...this._extra };
  }

  /**
   * @param {string} path
   * @param {Record<string, any>} body
   * @param {AbortSignal} signal
   */
  _post(path, body, signal) {
    return fetch(`${this._base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/x-ndjson, application/json" },
      body: JSON.stringify(body),
      signal,
    });
  }

  /** @param {number} fromStep */
  async _train(fromStep) {
    this._run?.abort();
    const control = new AbortController();
    this._run = control;
    this._step = fromStep;
    const body = { ...this._body(), ...(fromStep > 0 ? { from_step: fromStep } : {}) };
    let ended = false;
    try {
      const response = await this._post(`/api/train/${this.demo}`, body, control.signal);
      if (!response.ok || !response.body) {
        this._refused(await refusal(response));
        return;
      }
      await readLines(response.body, (event) => {
        if (control.signal.aborted) return;
        if (event.type === "start") this.set("error", "");
        if (event.type === "progress") this._step = event.step;
        if (event.type === "end") ended = true;
        this._emit("msg:custom", event);
      });
      if (!ended && !control.signal.aborted) this._refused(LOST);
    } catch {
      if (!control.signal.aborted) this._refused(LOST);
    } finally {
      if (this._run === control) this._run = null;
    }
  }

  _pause() {
    if (!this._run) return;
    this._run.abort();
    this._run = null;
    this._emit("msg:custom", { type: "end", step: this._step, reason: "paused", summary: "" });
  }

  /** The model before any step, for the inputs as they are (see the module comment). */
  async _untrained() {
    this._look?.abort();
    const control = new AbortController();
    this._look = control;
    try {
      const response = await this._post(`/api/train/${this.demo}/untrained`, this._body(), control.signal);
      if (control.signal.aborted) return;
      if (!response.ok) {
        this._refused(await refusal(response));
        return;
      }
      const answer = await response.json();
      if (control.signal.aborted) return;
      this.set("error", "");
      this._emit("msg:custom", answer);
    } catch {
      if (!control.signal.aborted) this._refused(LOST);
    } finally {
      if (this._look === control) this._look = null;
    }
  }

  /** @param {Record<string, any>} msg */
  async _question(msg) {
    this._ask?.abort();
    const control = new AbortController();
    this._ask = control;
    const { type: _type, ...question } = msg;
    try {
      const response = await this._post(
        `/api/train/${this.demo}/ask`,
        { ...this._body(), ...question },
        control.signal,
      );
      if (!response.ok) {
        this._refused(await refusal(response));
        return;
      }
      const answer = await response.json();
      if (!control.signal.aborted) this._emit("msg:custom", answer);
    } catch {
      if (!control.signal.aborted) this._refused(LOST);
    } finally {
      if (this._ask === control) this._ask = null;
    }
  }

  /** @param {string} message */
  _refused(message) {
    this.set("error", message);
    this._emit("msg:custom", { type: "error", message });
  }
}
