// The page names each optimizer from the one table (the contract's OPTIMIZER_WORDS): every
// optimizer it offers has words of its own, and a name it does not know is shown as it is.
import assert from "node:assert/strict";
import { test } from "node:test";

import { OPTIMIZER_WORDS, OPTIMIZERS } from "../../src/foghill/web/lib/contract.js";
import { optimizerName } from "../../src/foghill/web/lib/map-words.js";

test("every optimizer the page offers is named by the table's words", () => {
  const names = OPTIMIZERS.map(optimizerName);
  assert.deepEqual(names, Object.values(OPTIMIZER_WORDS));
  assert.equal(new Set(names).size, names.length);
  assert.equal(optimizerName("rmsprop"), "RMSProp");
  assert.equal(optimizerName("gd"), "Plain descent");
});

test("a name the table does not hold is shown as it is", () => {
  assert.equal(optimizerName("lion"), "lion");
});
