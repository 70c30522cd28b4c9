// The step dial's sentences (web/lib/dial-words.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import { dialWords } from "../../src/foghill/web/lib/dial-words.js";

const regimes = { crawl_below: 0.01, one_jump: 0.5, fly_off: 1 };
const walk = {
  outcome: "crawling",
  n_steps: 3,
  settled: false,
  floor_step: null,
  moving: true,
  position: [2, 1.9, 1.8, 1.7],
  loss: [4, 3.61, 3.24, 2.89],
  nearest_floor: { position: 0, loss: 0, distance: 1.7 },
  regime: { agree: true },
};

test("before a walk is here, the step size and its zone are named", () => {
  assert.equal(
    dialWords("idle", null, 0.005, regimes, 0),
    "Step size 0.00500, in the “crawl” zone. Press Go to try it.",
  );
  assert.equal(dialWords("idle", walk, 0.7, null, 0), "Step size 0.700. Press Go.");
});

test("a finished walk is told under its heading; the caveat only when the zone was wrong", () => {
  const said = dialWords("crawling", walk, 0.005, regimes, 3);
  assert.match(
    said,
    /^Crawling: steps this timid only inch down the slope\. The ball is still crawling downhill after 3 steps/,
  );
  assert.ok(!said.includes("The track said"));
  const odd = dialWords("crawling", { ...walk, regime: { agree: false } }, 0.7, regimes, 3);
  assert.match(odd, /The track said “zig-zag”/);
  assert.equal(
    dialWords("paused", walk, 0.005, regimes, 2),
    "Paused after 2 steps. Play goes on; Step takes one more.",
  );
});
