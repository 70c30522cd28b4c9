// The task grammar (web/lib/tasks.js): `fact op value` clauses joined by ";".
import assert from "node:assert/strict";
import { test } from "node:test";
import { holds } from "../../src/foghill/web/lib/tasks.js";

const facts = { outcome: "settled", valley: "deepest", rate: 0.3, one_jump: 0.25, fly_off: 0.5, x: -1.5 };

test("words compare by = and !=", () => {
  assert.equal(holds("outcome=settled", facts), true);
  assert.equal(holds("outcome!=settled", facts), false);
  assert.equal(holds("outcome=settled; valley=deepest", facts), true);
  assert.equal(holds("outcome=settled; valley=side", facts), false);
});

test("numbers compare with every operator, and against a multiple of another fact", () => {
  assert.equal(holds("rate>0.25", facts), true);
  assert.equal(holds("rate>=0.3", facts), true);
  assert.equal(holds("rate<0.3", facts), false);
  assert.equal(holds("x<=-1.5", facts), true);
  assert.equal(holds("rate>=0.9*one_jump", facts), true);
  assert.equal(holds("rate>=1*fly_off", facts), false);
});

test("an unknown fact, a malformed clause or an empty condition never holds", () => {
  assert.equal(holds("speed>1", facts), false);
  assert.equal(holds("rate >> 1", facts), false);
  assert.equal(holds("", facts), false);
  assert.equal(holds(" ; ", facts), false);
  assert.equal(holds("valley<1", facts), false); // a word is not a number
});
