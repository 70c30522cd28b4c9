// The update rule's MathML: making its elements, and filling a slot of the rule with a step's
// number (or a pair, as a column vector), changing only what changed.

import { fmt } from "./format.js";

const MATHML_NS = "http://www.w3.org/1998/Math/MathML";

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 * @param {string} text
 * @param {Element} parent
 * @returns {Element}
 */
export function mathEl(tag, attrs, text, parent) {
  const el = document.createElementNS(MATHML_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  if (text) el.textContent = text;
  parent.appendChild(el);
  return el;
}

/**
 * Put a number (or a pair, as a column vector) into a slot of the MathML rule.
 * @param {Element} slot
 * @param {number | number[]} value
 * @param {boolean} bracketNegative write (−0.5) rather than −0.5 after a × sign
 * @param {string} [text] the number already formatted
 */
export function fillSlot(slot, value, bracketNegative, text = "") {
  if (Array.isArray(value)) {
    const rows = slot.querySelectorAll("mn");
    if (rows.length === value.length) {
      value.forEach((v, i) => {
        const t = fmt(v, 3);
        if (rows[i].textContent !== t) rows[i].textContent = t;
      });
      return;
    }
    slot.replaceChildren();
    mathEl("mo", {}, "(", slot);
    const table = mathEl("mtable", {}, "", slot);
    for (const v of value) mathEl("mn", {}, fmt(v, 3), mathEl("mtd", {}, "", mathEl("mtr", {}, "", table)));
    mathEl("mo", {}, ")", slot);
    return;
  }
  const t = text || fmt(value, 3);
  const negative = bracketNegative && value < 0;
  const first = slot.firstElementChild;
  if (slot.childElementCount === 1 && first?.localName === "mn" && !negative) {
    if (first.textContent !== t) first.textContent = t;
    return;
  }
  slot.replaceChildren();
  if (negative) mathEl("mo", {}, "(", slot);
  mathEl("mn", {}, t, slot);
  if (negative) mathEl("mo", {}, ")", slot);
}
