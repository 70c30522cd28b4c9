// When widgets are built and when they first ask the server: each build in a task of its own
// (a page with several widgets never blocks the main thread for long), a widget far down the
// page built when it nears the window or the page is idle, and its first request sent when
// the reader comes near it or touches it.

/** @type {Array<() => void>} */
const buildQueue = [];

/**
 * Run `job` in a task of its own, after the jobs queued before it (one per task).
 * @param {() => void} job
 */
export function inOwnTask(job) {
  buildQueue.push(job);
  if (buildQueue.length === 1) setTimeout(runNext, 0);
}

function runNext() {
  const job = buildQueue.shift();
  if (job) job();
  if (buildQueue.length) setTimeout(runNext, 0);
}

/** How far outside the window a waiting widget starts to build: a screen and a half. */
const NEAR = "150% 0px";

/** @type {Set<() => void>} builds that wait until their widget nears the window, or idleness */
const waiting = new Set();
/** @type {IntersectionObserver | null} */
let watcher = null;
let idleChainStarted = false;

/**
 * Build `el` (with `job`) once it comes near the window, or when the page has nothing else to
 * do: a widget far down the page costs the first screen nothing, and is ready by the time a
 * reader scrolls to it. Jobs left waiting run one per idle period, in document order.
 * @param {Element} el
 * @param {() => void} job
 */
export function whenNear(el, job) {
  if (typeof IntersectionObserver === "undefined") {
    inOwnTask(job);
    return;
  }
  const run = () => {
    if (!waiting.delete(run)) return;
    watcher?.unobserve(el);
    inOwnTask(job);
  };
  waiting.add(run);
  watcher ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) /** @type {any} */ (entry.target).fhBuild?.();
      }
    },
    { rootMargin: NEAR },
  );
  /** @type {any} */ (el).fhBuild = run;
  watcher.observe(el);
  if (!idleChainStarted) {
    idleChainStarted = true;
    if (document.readyState === "complete") whenIdle(buildNextWaiting);
    else addEventListener("load", () => whenIdle(buildNextWaiting), { once: true });
  }
}

/**
 * How near the window a widget must come before it asks the server for its first answers:
 * a third of a screen (closer than it is built: building costs the reader nothing, asking
 * costs the wire, and a reader who never scrolls there never pays for it).
 */
const ASK_NEAR = "33% 0px";

/** What a reader does to a widget that makes it ask at once, wherever it is. */
const TOUCHES = ["pointerdown", "focusin", "keydown"];

/** @type {IntersectionObserver | null} */
let asker = null;

/**
 * Run `ask` once, when `el` comes near the window or the reader touches it (whichever is
 * first); at once where the browser cannot tell.
 * @param {Element} el
 * @param {() => void} ask
 */
export function whenReached(el, ask) {
  if (typeof IntersectionObserver === "undefined") {
    ask();
    return;
  }
  let asked = false;
  const run = () => {
    if (asked) return;
    asked = true;
    asker?.unobserve(el);
    for (const name of TOUCHES) el.removeEventListener(name, run, true);
    ask();
  };
  for (const name of TOUCHES) el.addEventListener(name, run, true);
  asker ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) /** @type {any} */ (entry.target).fhAsk?.();
      }
    },
    { rootMargin: ASK_NEAR },
  );
  /** @type {any} */ (el).fhAsk = run;
  asker.observe(el);
}

/** @param {() => void} job */
function whenIdle(job) {
  if (typeof requestIdleCallback === "function") requestIdleCallback(job, { timeout: 2000 });
  else setTimeout(job, 200);
}

function buildNextWaiting() {
  const next = waiting.values().next();
  if (next.done) {
    idleChainStarted = false;
    return;
  }
  next.value();
  whenIdle(buildNextWaiting);
}
