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
    // Commas and colons need no escaping in a query: lists stay short and readable.
    url.search = url.searchParams.toString().replaceAll("%2C", ",").replaceAll("%3A", ":");
    if (url.href !== window.location.href) {
      window.history.replaceState(window.history.state, "", url.href);
    }
  } catch {
    // An address we cannot rewrite (e.g. a sandboxed frame): sharing is a nicety.
  }
  pending.clear();
}

/**
 * The name a widget's settings go under in the address: its id, or for a widget without
 * one its kind ("hill"), numbered from the second of its kind without an id ("hill-2"), so
 * that no two widgets on a page share a setting.
 * @param {Element} el
 * @returns {string}
 */
export function widgetName(el) {
  if (el.id) return el.id;
  const kind = el.localName.replace(/^fh-/, "");
  const unnamed = [...document.querySelectorAll(el.localName)].filter((other) => !other.id);
  const n = unnamed.indexOf(el) + 1;
  return n > 1 ? `${kind}-${n}` : kind;
}

/**
 * The key a widget keeps one setting under: its name, a dot, the setting's ("race.rates").
 * @param {Element} el
 * @param {string} setting
 * @returns {string}
 */
export function stateKey(el, setting) {
  return `${widgetName(el)}.${setting}`;
}
