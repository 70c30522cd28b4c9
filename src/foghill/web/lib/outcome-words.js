// The words an outcome label turns into, all from the contract (contract.py's OUTCOME_*):
// said after a walker's name, as what a walker does, as the name of a kind of walk, and as
// the opening of a finished walk's words. A label the contract does not know turns into a
// neutral word, never into itself: no label reaches a reader.

import { OUTCOME_DOES, OUTCOME_HEADINGS, OUTCOME_NAMES, OUTCOME_WORDS } from "./contract.js";

/**
 * @param {Record<string, string>} table
 * @param {string} outcome
 * @param {string} otherwise
 * @returns {string}
 */
function lookUp(table, outcome, otherwise) {
  return Object.hasOwn(table, outcome) ? table[outcome] : otherwise;
}

/**
 * An outcome after the walker's name, in the past ("zig-zagged").
 * @param {string} outcome
 * @returns {string}
 */
export function outcomeSaid(outcome) {
  return lookUp(OUTCOME_WORDS, outcome, "ended");
}

/**
 * What a walker with such a step does, after its name ("zig-zags").
 * @param {string} outcome
 * @returns {string}
 */
export function outcomeDoes(outcome) {
  return lookUp(OUTCOME_DOES, outcome, "walks");
}

/**
 * An outcome named as a kind of walk ("zig-zag").
 * @param {string} outcome
 * @returns {string}
 */
export function outcomeName(outcome) {
  return lookUp(OUTCOME_NAMES, outcome, "walk");
}

/**
 * How a finished walk's words open ("Zig-zag"), before its facts.
 * @param {string} outcome
 * @returns {string}
 */
export function outcomeHeading(outcome) {
  return lookUp(OUTCOME_HEADINGS, outcome, "Ended");
}
