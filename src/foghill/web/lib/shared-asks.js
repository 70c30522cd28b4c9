// Identical requests, made once: every page model on the page asks through here, so two
// widgets that need the same answer (two races on one map need its contours) share one
// request, and an answer already here is not asked for again. A request is aborted only
// when every model waiting for it has given up.

/** How many answers the page keeps, by request (the last ones answered). */
export const ANSWERS_KEPT = 16;

/**
 * @typedef {{response: Response, data: any}} Answer
 * @typedef {{answer: Promise<Answer>, controller: AbortController, waiting: number, done: boolean}} Ask
 */

/** @type {Map<string, Ask>} */
const asks = new Map();

/**
 * One POST and its JSON (null when the body is no JSON).
 * @param {string} url
 * @param {string} body
 * @param {AbortSignal} signal
 * @returns {Promise<Answer>}
 */
async function post(url, body, signal) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal,
  });
  /** @type {any} */
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  return { response, data };
}

/** Forget the oldest answers beyond ANSWERS_KEPT (those still being asked for stay). */
function trim() {
  for (const [key, ask] of asks) {
    if (asks.size <= ANSWERS_KEPT) return;
    if (ask.done) asks.delete(key);
  }
}

/**
 * POST `body` to `url`, or wait for the same request already made (or answered). Only a
 * successful answer is kept; a refusal or a failure is asked for again next time. The
 * answer's data is shared: it must not be changed.
 * @param {string} url
 * @param {Record<string, any>} body
 * @param {AbortSignal} signal this caller's: when it aborts, it stops waiting
 * @returns {Promise<Answer>}
 */
export function ask(url, body, signal) {
  const text = JSON.stringify(body);
  const key = `${url} ${text}`;
  let entry = asks.get(key);
  if (entry) {
    // Used again: the newest to forget.
    asks.delete(key);
    asks.set(key, entry);
  } else {
    const controller = new AbortController();
    /** @type {Ask} */
    const made = { answer: post(url, text, controller.signal), controller, waiting: 0, done: false };
    made.answer.then(
      ({ response }) => {
        made.done = true;
        if (!response.ok && asks.get(key) === made) asks.delete(key);
        trim();
      },
      () => {
        if (asks.get(key) === made) asks.delete(key);
      },
    );
    asks.set(key, made);
    entry = made;
  }
  const shared = entry;
  shared.waiting += 1;
  return new Promise((resolve, reject) => {
    const giveUp = () => {
      shared.waiting -= 1;
      if (!shared.done && shared.waiting === 0) {
        shared.controller.abort();
        if (asks.get(key) === shared) asks.delete(key);
      }
      reject(new DOMException("superseded", "AbortError"));
    };
    if (signal.aborted) {
      giveUp();
      return;
    }
    signal.addEventListener("abort", giveUp, { once: true });
    shared.answer.then(
      (answer) => {
        signal.removeEventListener("abort", giveUp);
        shared.waiting -= 1;
        resolve(answer);
      },
      (error) => {
        signal.removeEventListener("abort", giveUp);
        shared.waiting -= 1;
        reject(error);
      },
    );
  });
}

/** Forget every answer (tests). */
export function forgetAnswers() {
  asks.clear();
}
