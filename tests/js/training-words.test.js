// A training demo's sentence for its run (web/lib/training-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { demoSentence } from "../../src/foghill/web/lib/training-words.js";

const spec = { idle: "Waiting for the model.", before: "it reads 1 of 8 right." };
const base = { status: "idle", drawn: null, refused: false, total: 400, counted: 0, stepped: 0, summary: "", spec };

test("before the untrained model arrives, the demo's own idle words", () => {
  assert.equal(demoSentence(base), "Waiting for the model.");
});

test("before Play, the untrained model and what Play will do", () => {
  const s = demoSentence({ ...base, drawn: { step: 0 } });
  assert.equal(s, "Untrained, step 0: it reads 1 of 8 right. Play trains it for up to 400 steps.");
  assert.match(demoSentence({ ...base, drawn: { step: 0 }, total: 1 }), /up to 1 step\.$/);
});

test("training, paused and done say the steps the run stands at", () => {
  assert.equal(demoSentence({ ...base, status: "running" }), "Starting…");
  assert.equal(
    demoSentence({ ...base, status: "running", drawn: { step: 12 }, counted: 30 }),
    "Training: step 30 of 400…",
  );
  assert.equal(
    demoSentence({ ...base, status: "paused", stepped: 7 }),
    "Paused after 7 steps. Play goes on from here.",
  );
  assert.equal(demoSentence({ ...base, status: "done", stepped: 400, summary: "" }), "Done: 400 steps.");
  assert.equal(demoSentence({ ...base, status: "done", summary: "It learned." }), "It learned.");
});

test("a refusal is said instead of the untrained model", () => {
  assert.notEqual(
    demoSentence({ ...base, drawn: { step: 0 }, refused: true }),
    demoSentence({ ...base, drawn: { step: 0 } }),
  );
});
