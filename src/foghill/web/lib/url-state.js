// State a person would want to share, kept in the page's address (query string).
// Only widgets that built their own page model use this: never a notebook host.

/**
 * The value of one query parameter, or null.
 * @param {string} key
 * @returns {string | null}
 */
export function readParam(key) {
  try {
    return new URLSearchParams(window.location.search).get(key);
  } catch {
    return null;
  }
}

/**
 * A number from the address, or null when absent or not a finite number.
 * @param {string} key
 * @returns {number | null}
 */
export function readNumberParam(key) {
  const raw = readParam(key);
  if (raw === null || raw.trim() === "") return null;
  const value = Number(raw);
  return Number.isFinite(value) ? value : null;
}

/** Writes wait this long and go out together (a dragged slider must not flood history). */
export const WRITE_DELAY_MS = 120;

/** @type {Map<string, string | null>} */
const pending = new Map();
/** @type {ReturnType<typeof setTimeout> | null} */
let timer = null;

/**
 * Set (or with null, remove) one query parameter without adding a history entry. Writes
 * made in quick succession are gathered into one replaceState.
 * @param {string} key
 * @param {string | null} value
 */
export function writeParam(key, value) {
  pending.set(key, value);
  if (timer === null) timer = setTimeout(flushParams, WRITE_DELAY_MS);
}

/** Write the gathered parameters to the address now. */
export function flushParams() {
  if (timer !== null) clearTimeout(timer);
  timer = null;
  try {
    const url = new URL(window.location.href);
    for (const [key, value] of pending) {
      if (value === null || value === "") url.searchParams.delete(key);
      else url.searchParams.set(key, value);
    }
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url.href);
    }
  } catch {
    // An address we cannot rewrite (e.g. a sandboxed frame): sharing is a nicety.
  }
  pending.clear();
}

/**
 * The key a widget keeps its state under: its id if it has one, else a default.
 * @param {Element} el
 * @param {string} fallback
 * @returns {string}
 */
export function stateKey(el, fallback) {
  return el.id ? `${el.id}.${fallback}` : fallback;
}
