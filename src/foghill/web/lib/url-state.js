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

/**
 * Set (or with null, remove) one query parameter without adding a history entry.
 * @param {string} key
 * @param {string | null} value
 */
export function writeParam(key, value) {
  try {
    const url = new URL(window.location.href);
    if (value === null || value === "") url.searchParams.delete(key);
    else url.searchParams.set(key, value);
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url.href);
    }
  } catch {
    // An address we cannot rewrite (e.g. a sandboxed frame): sharing is a nicety.
  }
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
