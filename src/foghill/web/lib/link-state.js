// The settings a reader shares, kept in the page's address: every input the contract's link
// table names for a widget's kind (WIDGETS[tag].link), under the widget's name (its id). They
// are read when the widget makes its page model and written whenever the model's value
// changes, only while it differs from the widget's own. A value typed by hand that the widget
// cannot take is left out: the widget starts with its own and says so in a sentence.

import { WIDGETS } from "./contract.js";
import { htmlEl } from "./svg.js";
import { readParam, stateKey, writeParam } from "./url-state.js";

/** @typedef {import("./contract.js").LinkedKey} LinkedKey */

/**
 * Does a value satisfy a JSON Schema (the subset the contract's link table uses: type, enum,
 * const, anyOf, bounds on numbers, lengths of text and lists, and their items)?
 * @param {any} value
 * @param {Record<string, any>} schema
 * @returns {boolean}
 */
export function allowed(value, schema) {
  if (Array.isArray(schema.anyOf)) return schema.anyOf.some((/** @type {any} */ s) => allowed(value, s));
  if ("const" in schema && value !== schema.const) return false;
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  const type = schema.type;
  if (type === "number" && !(typeof value === "number" && Number.isFinite(value))) return false;
  if (type === "integer" && !Number.isInteger(value)) return false;
  if (type === "string" && typeof value !== "string") return false;
  if (type === "array" && !Array.isArray(value)) return false;
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  }
  if (typeof value === "string") {
    if (schema.minLength !== undefined && value.length < schema.minLength) return false;
    if (schema.maxLength !== undefined && value.length > schema.maxLength) return false;
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) return false;
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return false;
    if (schema.maxItems !== undefined && value.length > schema.maxItems) return false;
    if (schema.items && !value.every((item) => allowed(item, schema.items))) return false;
  }
  return true;
}

/**
 * A link's text as the value it stands for, read by the key's shape (as its attribute is).
 * @param {string} raw
 * @param {string} shape
 * @returns {any}
 */
export function parseLinked(raw, shape) {
  if (shape === "text") return raw;
  const parts = raw.split(",").map((part) => part.trim());
  if (shape === "names") return parts;
  const numbers = parts.map((part) => (part === "" ? Number.NaN : Number(part)));
  if (shape === "numbers") return numbers;
  if (shape === "start" && numbers.length > 1) return numbers;
  return numbers.length === 1 ? numbers[0] : Number.NaN;
}

/**
 * A value as a link writes it: a list comma-separated, a number as JavaScript prints it
 * (the shortest text that reads back as the same number).
 * @param {any} value
 * @returns {string}
 */
export function formatLinked(value) {
  return Array.isArray(value) ? value.join(",") : String(value);
}

/**
 * @param {any} a
 * @param {any} b
 * @returns {boolean}
 */
function same(a, b) {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The sentence for a value the widget could not take.
 * @param {string} called how a sentence names the widget
 * @param {LinkedKey} spec
 * @param {string} raw what the link held
 * @param {any} own the value the widget starts with instead
 * @returns {string}
 */
export function refusedLinkWords(called, spec, raw, own) {
  const shown = raw.length > 40 ? `${raw.slice(0, 39)}…` : raw;
  const usual = own === null || own === undefined ? "" : ` (${formatLinked(own).replaceAll(",", ", ")})`;
  const who = called.charAt(0).toUpperCase() + called.slice(1);
  return `${who} cannot take the link's ${spec.words} “${shown}”, so it starts with its usual ${spec.words}${usual}.`;
}

/**
 * What a widget's link holds, kept per element: the values the widget has of its own (what
 * a link leaves out), and the sentences about values it could not take.
 * @type {WeakMap<Element, {own: Record<string, any>, refused: string[]}>}
 */
const links = new WeakMap();

/**
 * Page host only: override a widget's starting state with what the address holds for it.
 * A value it cannot take is left out (and out of the address), and said in a sentence.
 * @param {Element} el
 * @param {Record<string, any>} state the inputs from its attributes (changed in place)
 * @returns {string[]} the sentences about values it could not take
 */
export function readLink(el, state) {
  const kind = WIDGETS[el.localName];
  /** @type {Record<string, any>} */
  const own = {};
  /** @type {string[]} */
  const refused = [];
  for (const [key, spec] of Object.entries(kind?.link ?? {})) {
    own[key] = state[key] ?? null;
    const name = stateKey(el, spec.name);
    const raw = readParam(name);
    if (raw === null) continue;
    const value = parseLinked(raw, spec.shape);
    if (allowed(value, spec.schema)) {
      state[key] = value;
    } else {
      refused.push(refusedLinkWords(kind.called, spec, raw, own[key]));
      writeParam(name, null);
    }
  }
  links.set(el, { own, refused });
  return refused;
}

/**
 * Keep the address following a widget's model (page host only, after readLink): each value a
 * link carries is written while it differs from the widget's own, and removed when it is the
 * same again. The sentences about values the widget could not take are shown in it.
 * @param {import("./widget.js").FhWidget} el
 */
export function followLink(el) {
  const held = links.get(el);
  const kind = WIDGETS[el.localName];
  if (!held || !kind) return;
  for (const key of Object.keys(kind.link)) el.listen(`change:${key}`, () => writeLinked(el, key));
  if (held.refused.length) showLinkNote(el, held.refused.join(" "));
}

/**
 * Values the widget picked itself (not the reader): its own from now on, left out of links.
 * @param {import("./widget.js").FhWidget} el
 * @param {string[]} keys
 */
export function ownLinked(el, keys) {
  const held = links.get(el);
  if (!held) return;
  for (const key of keys) {
    held.own[key] = el.model.get(key);
    writeLinked(el, key);
  }
}

/**
 * @param {import("./widget.js").FhWidget} el
 * @param {string} key
 */
function writeLinked(el, key) {
  const held = links.get(el);
  const spec = WIDGETS[el.localName]?.link[key];
  if (!held || !spec) return;
  const value = el.model.get(key);
  const mine = value === null || value === undefined || same(value, held.own[key]);
  writeParam(stateKey(el, spec.name), mine ? null : formatLinked(value));
}

/**
 * The sentence about a link's refused values, above the widget's words.
 * @param {HTMLElement} el
 * @param {string} text
 */
function showLinkNote(el, text) {
  let note = el.querySelector(":scope > .fh-link-note");
  if (!note) {
    note = htmlEl("p", { class: "fh-link-note", role: "status" }, "");
    const words = el.querySelector(":scope > .fh-readout");
    if (words) el.insertBefore(note, words);
    else el.append(note);
  }
  note.textContent = text;
}
