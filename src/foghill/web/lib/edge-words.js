// The edge demo's story (<fh-edge>): every sentence the page says about a run of its small
// network, made from the run's own numbers as the stream gives them (each progress event's
// step, loss, sharpness and line 2/η; the end's outcome, peak, last sharpness and line) and
// from the settings (the step size, its schedule). "Near its line" means within NEAR of it,
// the host's own tolerance (training/edge.py); a sentence that says one number is over or
// under another prints them with the digits that show it. A number that is not finite is
// never printed: the sentence says so in words, or leaves the claim out.

import { fmtSig } from "./format.js";

/** "Near its line": within this share of 2/η (the host's NEAR, which judges "edge"). */
export const NEAR = 0.15;
/** A change of the sharpness smaller than this share of its start is "about the same". */
export const SAME = 0.15;
/** The tolerance as the page says it. */
const WITHIN = `within ${Math.round(NEAR * 100)}%`;

/** The schedules as the select names them. */
export const SCHEDULE_WORDS = /** @type {Record<string, string>} */ ({
  constant: "constant",
  "warm-up": "warm-up",
  decay: "decay",
});

/** What each schedule does to the step, said under the dial. */
const SCHEDULE_SAID = /** @type {Record<string, string>} */ ({
  constant: "",
  "warm-up": "With warm-up the step grows from a tenth of η to all of it over the first quarter of the run.",
  decay: "With decay the step shrinks steadily to a quarter of η by the end of the run.",
});

/** What the reader may guess the sharpness will do. */
export const EDGE_GUESSES = [
  { id: "same", label: "stay the same" },
  { id: "fall", label: "fall" },
  { id: "edge", label: "rise until it meets the line, and stay there" },
  { id: "fly", label: "rise past the line, and fly off" },
];

/** The host's outcome (training/edge.py) -> the guess it makes true ("" for none). */
const GUESS_OF = /** @type {Record<string, string>} */ ({
  same: "same",
  fell: "fall",
  edge: "edge",
  "flew-off": "fly",
  rose: "",
});

/**
 * @param {unknown} v
 * @returns {v is number}
 */
export function isNumber(v) {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * A whole number with thousands marked ("1,153").
 * @param {number} n
 * @returns {string}
 */
function count(n) {
  return Math.round(n).toLocaleString("en");
}

/**
 * The significant figures (at least 3) at which a and b print differently, so that a
 * sentence saying one is over the other shows it; 3 when they are equal.
 * @param {number} a
 * @param {number} b
 * @returns {number}
 */
export function apart(a, b) {
  for (let sig = 3; sig < 8; sig += 1) if (fmtSig(a, sig) !== fmtSig(b, sig)) return sig;
  return 3;
}

/**
 * A step size with the figures it has (the dial's have two), at most six.
 * @param {number} rate
 * @returns {string}
 */
function rateText(rate) {
  let sig = 2;
  while (sig < 6 && Math.abs(Number(fmtSig(rate, sig)) - rate) > 1e-12 * rate) sig += 1;
  return fmtSig(rate, sig);
}

/**
 * What a bowl as sharp as `sharpness` does under steps of `rate`, in the dial's words: it
 * flies off only past its line (on the line itself each step lands as far out as the last).
 * @param {number} rate
 * @param {number} sharpness
 * @returns {string}
 */
export function dialWord(rate, sharpness) {
  const bend = rate * sharpness;
  if (bend > 2) return "fly off";
  if (bend > 1) return "zig-zag";
  if (bend < 0.05) return "crawl";
  return "settle";
}

/**
 * The step size in the dial's language, with the valley's sharpness now when known.
 * @param {number} rate
 * @param {number | null} sharpness
 * @returns {string}
 */
export function stepWords(rate, sharpness) {
  const edge = 2 / rate;
  const sig = isNumber(sharpness) ? apart(sharpness, edge) : 3;
  const line = `Step size η = ${rateText(rate)}, so its line is 2/η = ${fmtSig(edge, sig)}: on a bowl that curves more sharply than that, these steps fly off.`;
  if (!isNumber(sharpness)) return `${line} Press Play to see how sharp the network's valley is.`;
  return `${line} On a bowl as sharp as the valley is now (${fmtSig(sharpness, sig)}) they would ${dialWord(rate, sharpness)}.`;
}

/**
 * The words under the dial: the step size, the valley now, and what the schedule does.
 * @param {number} rate the step size now (a schedule's), else the dial's
 * @param {number | null} sharpness the valley's now, if measured
 * @param {string} schedule
 * @returns {string}
 */
export function dialWords(rate, sharpness, schedule) {
  return `${stepWords(rate, sharpness)} ${SCHEDULE_SAID[schedule] ?? ""}`.trim();
}

/**
 * The sharpness against its line, for the readout beside the charts ("" before a measure).
 * @param {any} p a progress event
 * @returns {string}
 */
export function metricWords(p) {
  if (!isNumber(p.sharpness) || !isNumber(p.edge)) return "";
  const share = p.sharpness / p.edge;
  const where = Math.abs(share - 1) <= NEAR ? "on its line" : share < 1 ? "under its line" : "over its line";
  return `Sharpness ${fmtSig(p.sharpness, 3)}, ${where} 2/η = ${fmtSig(p.edge, 3)}.`;
}

/**
 * One progress event's numbers: a loss that is no longer finite is said so.
 * @param {any} p
 * @returns {string}
 */
export function numberWords(p) {
  const loss = isNumber(p.loss) ? `loss ${fmtSig(p.loss, 3)}` : "loss no longer finite";
  const sharp = isNumber(p.sharpness) ? `, sharpness ${fmtSig(p.sharpness, 3)}` : "";
  return `Step ${count(p.step)}: ${loss}${sharp}.`;
}

/**
 * The facts of an ended run (what its verdict, the lesson's tasks and bound numbers read),
 * from the progress events received and the end event.
 * @param {any[]} events the progress events, in order of step
 * @param {any} end the end event (its outcome, step, peak, sharpness, edge)
 * @param {number} rate the dial's step size (the line when the end names none)
 * @returns {import("./playback.js").Facts}
 */
export function edgeFacts(events, end, rate) {
  const measured = events.filter((p) => isNumber(p.sharpness) && isNumber(p.edge));
  const found = measured.map((p) => Number(p.sharpness));
  const losses = events.filter((p) => isNumber(p.loss));
  const step = Number(end?.step ?? events[events.length - 1]?.step ?? 0);
  const edge = isNumber(end?.edge) ? end.edge : 2 / rate;
  const last = measured.slice(Math.floor((measured.length * 2) / 3));
  let low = null;
  for (const p of losses) if (low === null || p.loss < low.loss) low = p;
  return {
    outcome: String(end?.outcome ?? ""),
    first: found.length ? found[0] : null,
    peak: isNumber(end?.peak) ? end.peak : found.length ? Math.max(...found) : null,
    sharpness: isNumber(end?.sharpness) ? end.sharpness : (found[found.length - 1] ?? null),
    edge,
    measures: found.length,
    least: found.length ? Math.min(...found) : null,
    // Over its own line at some measure; within NEAR of it at some; within NEAR at every
    // measure of the last third (what the host judges "edge" by).
    over: measured.some((p) => p.sharpness > p.edge),
    near: measured.some((p) => Math.abs(p.sharpness / p.edge - 1) <= NEAR),
    held: last.length > 0 && last.every((p) => Math.abs(p.sharpness / p.edge - 1) <= NEAR),
    same: found.every((s) => Math.abs(s - found[0]) <= SAME * Math.abs(found[0])),
    lossFirst: losses.length ? losses[0].loss : null,
    lossLast: losses.length ? losses[losses.length - 1].loss : null,
    lossLow: low ? low.loss : null,
    step,
    steps: step,
  };
}

/**
 * The verdict on a run, from its facts (edgeFacts): what the sharpness did, and why, with its
 * numbers. Every claim holds of the numbers received: "stayed under its line" only if no
 * measure went over its own line, "never came within 15%" only if none did, "far above"
 * only if the line ended at least twice the sharpness, "the steps overshot further and
 * further" only if the loss had grown again from its lowest.
 * @param {import("./playback.js").Facts} f
 * @returns {import("./predict.js").Verdict}
 */
export function edgeVerdict(f) {
  const edge = Number(f.edge);
  const first = isNumber(f.first) ? f.first : null;
  const end = isNumber(f.sharpness) ? f.sharpness : null;
  const peak = isNumber(f.peak) ? f.peak : null;
  const actual = guessMadeTrue(f, first, end, edge);
  const line = (sig = 3) => `2/η = ${fmtSig(edge, sig)}`;
  const at = (/** @type {number} */ v, sig = 3) => fmtSig(v, sig);
  if (f.outcome === "flew-off") return { actual, happened: "the network flew off", because: flewOff(f, peak, edge) };
  if (first === null || end === null) return { actual, happened: "the run ended", because: "" };
  const losses =
    isNumber(f.lossFirst) && isNumber(f.lossLast)
      ? ` while the loss went from ${fmtSig(f.lossFirst, 2)} to ${fmtSig(f.lossLast, 2)}`
      : "";
  const steps = `${count(Number(f.steps))} step${f.steps === 1 ? "" : "s"}`;
  const overshot = f.over
    ? ": whenever the valley grew sharper than the line, the steps overshot and carried the network somewhere flatter."
    : ", and never went past it.";
  if (f.outcome === "edge") {
    const held = `over the last third of the run it stayed ${WITHIN} of the line`;
    if (first > (1 - NEAR) * edge) {
      const sig = apart(first, edge);
      const began =
        first > edge
          ? `began at ${at(first, sig)}, over its line ${line(sig)}`
          : `began at ${at(first)}, already ${WITHIN} of its line ${line()}`;
      return {
        actual,
        happened: `the sharpness ${began}, and was held near it`,
        because: `It ended at ${at(end)}${losses}; ${held}${overshot}`,
      };
    }
    return {
      actual,
      happened: `the sharpness rose from ${at(first)} to its line ${line()} and stayed near it`,
      because: `It reached ${at(peak ?? end)} at most and ended at ${at(end)}${losses}; ${held}${overshot}`,
    };
  }
  if (f.outcome === "rose") {
    const sig = apart(end, edge);
    const happened = f.over
      ? `the sharpness rose from ${at(first)} to ${at(end)}, went over its line ${line()} at times, but did not stay near it`
      : `the sharpness rose from ${at(first)} to ${at(end, sig)}, staying under its line ${line(sig)}`;
    let because = `It reached ${at(peak ?? end)} at most${losses}; it came ${WITHIN} of the line, but did not stay there over the last third of the run.`;
    if (!f.near) {
      because =
        2 * end <= edge
          ? `With a step this small the line is far above: the network sharpened its valley as it learned${losses}, and never got there in ${steps}.`
          : `The network sharpened its valley as it learned${losses}, but in ${steps} it never came ${WITHIN} of the line.`;
    }
    return { actual, happened, because };
  }
  if (f.outcome === "fell") {
    return {
      actual,
      happened: `the sharpness fell from ${at(first)} to ${at(end)}`,
      because: `Its line was ${line()}${losses}.`,
    };
  }
  if (f.outcome === "same") {
    const happened =
      f.same || !isNumber(f.least) || peak === null
        ? `the sharpness stayed about the same, ${at(end)}`
        : `the sharpness ended about where it began, at ${at(end)} from ${at(first)}, after going from ${at(f.least)} to ${at(peak)} on the way`;
    return { actual, happened, because: `Its line was ${line()}${losses}.` };
  }
  return { actual, happened: "the run ended", because: "" };
}

/**
 * The guess a run makes true. A run the host judges "edge" (held near its line) makes "rise
 * until it meets the line" true only if it began under its line and rose: one that began
 * over it and ended lower fell to it, and one that began near it and stayed within SAME of
 * where it began stayed the same.
 * @param {import("./playback.js").Facts} f
 * @param {number | null} first
 * @param {number | null} end
 * @param {number} edge
 * @returns {string}
 */
function guessMadeTrue(f, first, end, edge) {
  const actual = GUESS_OF[String(f.outcome)] ?? "";
  if (actual !== "edge" || first === null || end === null || first < (1 - NEAR) * edge) return actual;
  if (first > edge) return end < first ? "fall" : "same"; // pushed down to its line, or held
  if (Math.abs(end - first) <= SAME * first) return "same";
  return end > first ? "edge" : "fall";
}

/**
 * Why a run flew off, in words its numbers bear out.
 * @param {import("./playback.js").Facts} f
 * @param {number | null} peak
 * @param {number} edge
 * @returns {string}
 */
function flewOff(f, peak, edge) {
  const step = Number(f.step);
  const grew = isNumber(f.lossLast) && isNumber(f.lossLow) && f.lossLast > f.lossLow;
  const how =
    step === 1
      ? "its very first step overshot so far that its numbers were no longer finite"
      : `${grew ? "the steps overshot further and further, and" : "its steps overshot so far that"} at step ${count(step)} its numbers were no longer finite`;
  if (peak !== null && peak > edge) {
    const sig = apart(peak, edge);
    const reached = isNumber(f.first) && peak > f.first ? "reached" : "was already";
    return `Its sharpness ${reached} ${fmtSig(peak, sig)}, past its line 2/η = ${fmtSig(edge, sig)}: ${how}.`;
  }
  return `${how.charAt(0).toUpperCase()}${how.slice(1)} (its line was 2/η = ${fmtSig(edge, 3)}).`;
}

/**
 * The landscape slice's caption, from the host's answer (its share of the path's movement
 * and its count of weights; either left out if not a number).
 * @param {any} answer
 * @returns {string}
 */
export function sliceWords(answer) {
  const explained = Number(answer?.explained);
  const weights = Number(answer?.weights);
  const share = Number.isFinite(explained) ? `, ${Math.round(100 * explained)}% of its movement` : "";
  const ground = Number.isFinite(weights)
    ? `The ground itself has ${count(weights)} directions, one for each weight`
    : "The ground itself has one direction for each weight";
  return (
    `A slice through the network's ground: the loss over the flat plane through the two directions its path moved along most ` +
    `(the principal components of its path${share}), with the path from its start (open circle) to its end (filled). ` +
    `${ground}, and this map shows only two, so the path's own heights need not match the map's.`
  );
}
