// The step dial's story: the step size on the dial and its zone, then how the walk for it
// went (finish-words.js), and, when the walk did not do what its zone foretold, why. Every
// fact is the model's (the step size, the valley's regimes) or the walk's own.

import { OUTCOMES } from "./contract.js";
import { finishWords } from "./finish-words.js";
import { fmtSig } from "./format.js";
import { ZONES, zoneOf } from "./rate-dial.js";
import { pausedWords } from "./walk-words.js";

/** What each outcome means for the step size that made it, in a sentence. */
const WHY = /** @type {Record<string, string>} */ ({
  crawling: "steps this timid only inch down the slope.",
  settled: "steps of a sensible size walk calmly down without overshooting.",
  zigzag: "each step overshoots the bottom and lands on the far wall.",
});

/**
 * The dial's sentence for where its playback stands.
 * @param {string} status the playback's status (the walk's outcome once it has played)
 * @param {any} traj the walk for the step size on the dial (null: not here yet)
 * @param {unknown} lr the step size on the dial
 * @param {import("./rate-dial.js").Regimes | null} regimes the valley's
 * @param {number} k the step the playback stands at
 * @returns {string}
 */
export function dialWords(status, traj, lr, regimes, k) {
  const rate = typeof lr === "number" ? fmtSig(lr) : String(lr);
  const zone = zoneOf(lr, regimes);
  const named = zone >= 0 ? `, in the “${ZONES[zone].name}” zone` : "";
  if (!traj) return `Step size ${rate}${named}. Press Go to try it.`;
  switch (status) {
    case "idle":
      return named
        ? `Step size ${rate}${named}. Press Go to see if the dial is right.`
        : `Step size ${rate}. Press Go.`;
    case "running":
      return `Walking with steps of size ${rate}…`;
    case "paused":
      return pausedWords(k);
    default: {
      if (!OUTCOMES.includes(status)) return "";
      const caveat =
        traj.regime && !traj.regime.agree && zone >= 0
          ? ` The track said “${ZONES[zone].name}”: its zones come from the curve at the valley floor, and further out this hill bends differently.`
          : "";
      return finishWords(traj, "The ball", WHY[status] ?? "") + caveat;
    }
  }
}
