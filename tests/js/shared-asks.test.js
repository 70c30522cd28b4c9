// Identical requests are made once and shared (shared-asks.js), with fetch stood in for.
import assert from "node:assert/strict";
import { test } from "node:test";

import { ask, forgetAnswers } from "../../src/foghill/web/lib/shared-asks.js";

/**
 * A stand-in fetch: every call recorded, each answered when `answer(i)` is called.
 * @param {number} [status]
 */
function standIn(status = 200) {
  /** @type {{url: string, body: string, signal: AbortSignal, answer: () => void}[]} */
  const calls = [];
  globalThis.fetch = /** @type {any} */ (
    (/** @type {string} */ url, /** @type {any} */ init) =>
      new Promise((resolve, reject) => {
        init.signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        calls.push({
          url,
          body: init.body,
          signal: init.signal,
          answer: () => resolve(new Response(JSON.stringify({ n: calls.length }), { status })),
        });
      })
  );
  return calls;
}

test("two models asking the same are answered by one request", async () => {
  forgetAnswers();
  const calls = standIn();
  const a = ask("/api/contours", { hill: "saddle" }, new AbortController().signal);
  const b = ask("/api/contours", { hill: "saddle" }, new AbortController().signal);
  assert.equal(calls.length, 1);
  calls[0].answer();
  const [x, y] = await Promise.all([a, b]);
  assert.equal(x.data, y.data);
  // Asked again later: the answer kept, no new request.
  await ask("/api/contours", { hill: "saddle" }, new AbortController().signal);
  assert.equal(calls.length, 1);
  // A different body is a different request.
  ask("/api/contours", { hill: "bowl" }, new AbortController().signal).catch(() => {});
  assert.equal(calls.length, 2);
});

test("the request is aborted only when every asker gave up", async () => {
  forgetAnswers();
  const calls = standIn();
  const one = new AbortController();
  const two = new AbortController();
  const a = ask("/api/race", { start: 1 }, one.signal);
  const b = ask("/api/race", { start: 1 }, two.signal);
  one.abort();
  await assert.rejects(a);
  assert.equal(calls[0].signal.aborted, false);
  two.abort();
  await assert.rejects(b);
  assert.equal(calls[0].signal.aborted, true);
  // Given up by all: asked again, it is a new request.
  ask("/api/race", { start: 1 }, new AbortController().signal).catch(() => {});
  assert.equal(calls.length, 2);
});

test("a refusal is not kept", async () => {
  forgetAnswers();
  const calls = standIn(422);
  const a = ask("/api/descend", { start: 99 }, new AbortController().signal);
  calls[0].answer();
  assert.equal((await a).response.status, 422);
  await new Promise((resolve) => setTimeout(resolve, 0));
  ask("/api/descend", { start: 99 }, new AbortController().signal).catch(() => {});
  assert.equal(calls.length, 2);
});
