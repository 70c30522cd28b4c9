// Live reload while an author serves their own lessons (`foghill serve PATH`): the server
// marks such pages with <div hidden id="fh-live" data-version data-events> and tells them,
// over server-sent events, when the lessons change (server/live.py). A page of another
// version reloads where the reader was; a lesson with mistakes shows them over the page,
// which stays as it last was good, until they are fixed. Pages without the mark do nothing.

const SCROLL_KEY = "fh-live-scroll";

/**
 * @typedef {{version: string, mistakes: string[]}} LiveState
 */

/**
 * The box over the page that lists the lesson's mistakes (made on first need).
 * @returns {HTMLElement}
 */
function overlay() {
  let box = document.getElementById("fh-live-mistakes");
  if (box) return box;
  box = document.createElement("section");
  box.id = "fh-live-mistakes";
  box.className = "fh-live-mistakes";
  box.setAttribute("role", "alert");
  box.setAttribute("aria-labelledby", "fh-live-mistakes-title");
  const title = document.createElement("h2");
  title.id = "fh-live-mistakes-title";
  title.textContent = "The lesson has a mistake; the page shows its last good version.";
  box.append(title, document.createElement("ul"));
  document.body.append(box);
  return box;
}

/**
 * @param {string[]} mistakes
 */
function showMistakes(mistakes) {
  const box = overlay();
  const list = /** @type {HTMLUListElement} */ (box.querySelector("ul"));
  list.replaceChildren(
    ...mistakes.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }),
  );
  box.hidden = false;
}

function hideMistakes() {
  const box = document.getElementById("fh-live-mistakes");
  if (box) box.hidden = true;
}

/** How long after a reload the page keeps the reader's place while widgets draw (ms). */
const SETTLING_MS = 3000;

/**
 * Scroll to `top` now, and again each time the page's height changes while its widgets
 * draw themselves (for a few seconds), unless the reader scrolls first.
 * @param {number} top
 */
function keepPlace(top) {
  history.scrollRestoration = "manual";
  const restore = () => window.scrollTo({ top, behavior: "instant" });
  const observer = new ResizeObserver(restore);
  const stop = () => {
    observer.disconnect();
    for (const name of ["wheel", "keydown", "touchstart", "pointerdown"]) {
      window.removeEventListener(name, stop);
    }
  };
  for (const name of ["wheel", "keydown", "touchstart", "pointerdown"]) {
    window.addEventListener(name, stop, { passive: true });
  }
  observer.observe(document.body);
  setTimeout(stop, SETTLING_MS);
  restore();
}

/**
 * Follow the server's state from this page of version `version`.
 * @param {HTMLElement} mark
 */
function follow(mark) {
  const version = mark.dataset.version || "";
  const key = `${SCROLL_KEY}:${location.pathname}`;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    keepPlace(Number(saved));
  }
  const source = new EventSource(mark.dataset.events || "/api/live");
  source.addEventListener("message", (event) => {
    /** @type {LiveState} */
    const state = JSON.parse(event.data);
    if (state.mistakes.length > 0) {
      showMistakes(state.mistakes);
      return;
    }
    hideMistakes();
    if (state.version !== version) {
      sessionStorage.setItem(key, String(window.scrollY));
      source.close();
      location.reload();
    }
  });
}

const mark = document.getElementById("fh-live");
if (mark) follow(mark);
