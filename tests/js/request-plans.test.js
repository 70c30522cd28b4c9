// What a page model asks its server for (web/lib/request-plans.js): the 1-D hill's and the
// line fit's plans, with a model that only records what it is asked to post.
import assert from "node:assert/strict";
import { test } from "node:test";

import { PLANS } from "../../src/foghill/web/lib/request-plans.js";

/**
 * @param {(boolean | null)[]} answers what each post answers, in turn (true when none is left)
 */
function recorder(answers = []) {
  /** @type {[string, string, Record<string, any>, string][]} */
  const posted = [];
  const model = {
    get: () => null,
    outputs: ["landscape", "trajectory", "error"],
    post: (
      /** @type {string} */ channel,
      /** @type {string} */ path,
      /** @type {Record<string, any>} */ body,
      /** @type {string} */ outKey,
    ) => {
      posted.push([channel, path, body, outKey]);
      return Promise.resolve(answers.length ? (answers.shift() ?? null) : true);
    },
  };
  return { model, posted };
}

const inputs = ["hill", "start", "learning_rate"];
const landscapeInputs = ["hill"];

test("a hill with a start asks for its curve and its walk", async () => {
  const { model, posted } = recorder();
  const body = { hill: "bowl", start: 1, learning_rate: 0.1 };
  await Promise.all(PLANS.descent(model, { body, changed: () => true, inputs, landscapeInputs }));
  assert.deepEqual(
    posted.map(([channel, path, , out]) => [channel, path, out]),
    [
      ["landscape", "/api/landscape", "landscape"],
      ["descend", "/api/descend", "trajectory"],
    ],
  );
});

test("a start the hill refuses does not cost the drawing: the curve is asked for without it", async () => {
  const { model, posted } = recorder([false]);
  const body = { hill: "bowl", start: 99, learning_rate: 0.1 };
  const changed = (/** @type {string[]} */ keys) => keys.includes("hill");
  await Promise.all(PLANS.descent(model, { body, changed, inputs: ["start"], landscapeInputs }));
  assert.equal(posted.length, 2);
  assert.equal(posted[1][2].start, null);
});

test("a hill without a start asks for its curve only; unchanged inputs ask nothing", () => {
  const { model, posted } = recorder();
  PLANS.descent(model, { body: { hill: "bowl", start: null }, changed: () => true, inputs, landscapeInputs });
  assert.deepEqual(
    posted.map(([, path]) => path),
    ["/api/landscape"],
  );
  assert.deepEqual(PLANS.descent(model, { body: { start: 1 }, changed: () => false, inputs, landscapeInputs }), []);
});

test("a line fit asks for its walk whenever an input changes", () => {
  const { model, posted } = recorder();
  PLANS.linefit(model, { body: { x: [1] }, changed: () => true, inputs, landscapeInputs: [] });
  assert.deepEqual(posted, [["fit", "/api/linefit", { x: [1] }, "fit"]]);
  assert.deepEqual(PLANS.linefit(model, { body: {}, changed: () => false, inputs, landscapeInputs: [] }), []);
});
