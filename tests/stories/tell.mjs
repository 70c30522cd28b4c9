// Says every run of a JSON file of cases with the page's own sentence-making functions, one
// JSON line per case, for test_words_match_runs.py to check against the runs.
import { readFileSync } from "node:fs";
import { endingWords } from "../../src/foghill/web/lib/ending.js";
import { descentFacts } from "../../src/foghill/web/lib/facts.js";
import { dialVerdict, hillVerdict } from "../../src/foghill/web/lib/guesses.js";
import { hillEndWords } from "../../src/foghill/web/lib/hill-words.js";
import { raceWinnerWords, runWords } from "../../src/foghill/web/lib/map-words.js";
import { momentWords } from "../../src/foghill/web/lib/race-moment.js";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const out = cases.map((/** @type {any} */ c) => {
  if (c.kind === "race") {
    const names = c.race.runs.map((/** @type {any} */ _, /** @type {number} */ i) => `ball ${i}`);
    return { winner: raceWinnerWords(c.race), moment: momentWords(c.race.runs, names) };
  }
  const said = { ending: endingWords(c.run) };
  if (c.kind === "hill") {
    // The facts a finished walk hands the guesses (playback.js): its outcome and steps shown.
    const last = c.run.position.length - 1;
    const facts = { ...descentFacts(c.run, c.landscape, last), outcome: c.run.outcome, steps: last };
    const verdict = (/** @type {any} */ v) => `${v.happened}. ${v.because}`;
    return {
      ...said,
      hill: hillEndWords(c.run.outcome, c.run, c.landscape),
      valleyGuess: verdict(hillVerdict(facts, c.landscape, c.run)),
      dialGuess: verdict(dialVerdict(facts, c.run)),
    };
  }
  return { ...said, map: runWords(c.run, c.contours) };
});
process.stdout.write(JSON.stringify(out));
