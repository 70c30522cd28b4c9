// An outcome label turns into the contract's words, never into itself (web/lib/outcome-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { OUTCOMES } from "../../src/foghill/web/lib/contract.js";
import { outcomeDoes, outcomeHeading, outcomeName, outcomeSaid } from "../../src/foghill/web/lib/outcome-words.js";

const SAYINGS = [outcomeSaid, outcomeDoes, outcomeName, outcomeHeading];

test("every outcome has its words in every form, and none of them is the label", () => {
  for (const outcome of OUTCOMES) {
    for (const say of SAYINGS) {
      const words = say(outcome);
      assert.ok(words.length > 0, `${say.name}(${outcome})`);
      if (outcome.includes("-") || outcome === "zigzag") assert.notEqual(words, outcome);
    }
  }
  assert.equal(outcomeDoes("zigzag"), "zig-zags");
  assert.equal(outcomeName("flew-off"), "fly off");
  assert.equal(outcomeHeading("crawling"), "Crawling");
});

test("a label the contract does not know is said in neutral words, not echoed", () => {
  for (const say of SAYINGS) {
    assert.notEqual(say("tumbled"), "tumbled");
    assert.notEqual(say("constructor"), undefined);
    assert.equal(typeof say("constructor"), "string");
  }
});
