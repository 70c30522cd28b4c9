// Questions to a training host, one of a kind on its way at a time (web/lib/asks.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { Asks, REASK_MS } from "../../src/foghill/web/lib/asks.js";

function asks() {
  /** @type {any[]} */
  const sent = [];
  let clock = 0;
  const a = new Asks(
    (q) => sent.push(q),
    () => clock,
  );
  return { a, sent, tick: (ms) => (clock += ms) };
}

test("one question of a kind is on its way; the newest asked meanwhile waits for its answer", () => {
  const { a, sent } = asks();
  a.ask({ what: "guess", n: 1 });
  a.ask({ what: "guess", n: 2 });
  a.ask({ what: "guess", n: 3 });
  assert.deepEqual(sent, [{ what: "guess", n: 1 }]);
  a.answered("guess");
  assert.deepEqual(
    sent.map((q) => q.n),
    [1, 3],
  );
  a.answered("guess");
  assert.equal(sent.length, 2);
});

test("asked again as the model trains: not before REASK_MS, never over one on its way", () => {
  const { a, sent, tick } = asks();
  a.refresh({ what: "next" });
  a.refresh({ what: "next" });
  assert.equal(sent.length, 1);
  a.answered("next");
  tick(REASK_MS - 1);
  a.refresh({ what: "next" });
  assert.equal(sent.length, 1);
  tick(1);
  a.refresh({ what: "next" });
  assert.equal(sent.length, 2);
});

test("a refusal drops what was on its way: the next ask goes at once", () => {
  const { a, sent } = asks();
  a.ask({ what: "write" });
  a.drop();
  a.ask({ what: "write" });
  assert.equal(sent.length, 2);
});
