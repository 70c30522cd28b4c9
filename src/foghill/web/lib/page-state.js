// A widget's starting state on the page, from its element: its attributes (each read by the
// type of its default in the contract), the first answers the server put beside it, and the
// settings the page's address holds for it (link-state.js).

import { ATTRIBUTE_NAMES, WIDGETS } from "./contract.js";
import { readLink } from "./link-state.js";

/** @typedef {import("./page-model.js").Seed} Seed */

/**
 * The first answers the page carries for an element (the script.fh-seed right after it).
 * @param {Element} el
 * @returns {Seed | null}
 */
export function readSeed(el) {
  const next = el.nextElementSibling;
  if (!(next instanceof HTMLScriptElement) || !next.classList.contains("fh-seed")) return null;
  try {
    const seed = JSON.parse(next.textContent || "");
    const ok = seed && typeof seed.inputs === "object" && typeof seed.outputs === "object";
    return ok ? seed : null;
  } catch {
    return null;
  }
}

/**
 * The state a page model starts from, and the first answers it may start with: the inputs
 * from the element's attributes (or those the page's seed answers, read from the same ones),
 * then the settings the page's address holds for it (link-state.js).
 * @param {Element} el
 * @returns {{state: Record<string, any>, seed: Seed | null}}
 */
export function pageState(el) {
  const seed = readSeed(el);
  const state = { ...stateFromAttributes(el), ...seed?.inputs };
  readLink(el, state);
  return { state, seed };
}

/**
 * An attribute's text as the value it stands for, read by the type of the key's default:
 * text as it is; a number; a list of numbers or of names (comma-separated); for a key without a default
 * (null) one number, or a list when there are several. Text that is not what the default
 * says stays text, so that the model's host refuses it in words.
 * @param {string} raw
 * @param {any} fallback the key's default
 * @returns {any}
 */
export function parseAttribute(raw, fallback) {
  if (typeof fallback === "string") return raw;
  if (typeof fallback === "boolean") return raw.trim() !== "false";
  const text = raw.trim();
  if (text === "") return copy(fallback);
  // A list of names (the contract's "names" shape), comma-separated.
  if (Array.isArray(fallback) && typeof fallback[0] === "string") return text.split(",").map((part) => part.trim());
  const parts = text.split(",").map((part) => Number(part.trim()));
  if (!parts.every(Number.isFinite)) return text;
  if (Array.isArray(fallback)) return parts;
  if (typeof fallback === "number") return parts.length === 1 ? parts[0] : text;
  return parts.length === 1 ? parts[0] : parts;
}

/**
 * @param {any} value
 * @returns {any} a list copied (never shared with the contract's defaults)
 */
function copy(value) {
  return Array.isArray(value) ? value.slice() : value;
}

/**
 * The attribute that holds a model key: its name in kebab-case (or the contract's other name
 * for it, where that would be an attribute every HTML element has).
 * @param {string} key
 * @returns {string}
 */
export function attributeName(key) {
  return /** @type {Record<string, string>} */ (ATTRIBUTE_NAMES)[key] ?? key.replaceAll("_", "-");
}

/**
 * A widget's model inputs from its element's attributes, each read by the type of its
 * default in the contract; an absent attribute gives the default.
 * @param {Element} el
 * @param {string} [tag] whose inputs (default: the element's own tag)
 * @returns {Record<string, any>}
 */
export function stateFromAttributes(el, tag = el.localName) {
  /** @type {Record<string, any>} */
  const state = {};
  for (const [key, fallback] of Object.entries(WIDGETS[tag]?.inputs ?? {})) {
    const raw = el.getAttribute(attributeName(key));
    state[key] = raw === null ? copy(fallback) : parseAttribute(raw, fallback);
  }
  return state;
}
