"""``web/lib/contract.js``: the contract as the browser needs it (written and checked by
``python -m foghill.remake``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from foghill.contract.keys import ATTRIBUTE_NAMES, LINK_NAMES, link_schema
from foghill.contract.limits import LIMITS
from foghill.contract.table import WIDGETS
from foghill.contract.words import (
    DISPLAY_DECIMALS,
    OPTIMIZER_NAMES,
    OPTIMIZER_WORDS,
    OUTCOME_DOES,
    OUTCOME_HEADINGS,
    OUTCOME_NAMES,
    OUTCOME_WORDS,
    OUTCOMES,
    PACE,
    SCHEDULES,
    SPEEDS,
    STATUSES,
)
from foghill.limits import TABLE_ATTRIBUTE

__all__ = ["COMPONENTS_INDEX_JS", "CONTRACT_JS", "components_index_js", "contract_js"]

WEB = Path(__file__).resolve().parents[1] / "web"
CONTRACT_JS = WEB / "lib" / "contract.js"
COMPONENTS_INDEX_JS = WEB / "components" / "index.js"


def _js(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def contract_js() -> str:
    """The text of ``web/lib/contract.js``: the table as the browser needs it."""
    widgets = []
    for kind in WIDGETS.values():
        inputs = ", ".join(f"{k.name}: {_js(k.default)}" for k in kind.model_inputs)
        links = "".join(
            f"\n      {k.name}: {{ name: {_js(LINK_NAMES[k.name][0])}, "
            f"words: {_js(LINK_NAMES[k.name][1])}, shape: {_js(k.shape)}, "
            f"schema: {_js(link_schema(k))} }},"
            for k in kind.linked
        )
        widgets.append(
            f"  {_js(kind.tag)}: {{\n"
            f"    called: {_js(kind.called)},\n"
            f"    component: {_js(kind.component)},\n"
            f"    endpoint: {_js(kind.endpoint)},\n"
            f"    inputs: {{{f' {inputs} ' if inputs else ''}}},\n"
            f"    outputs: {_js(list(kind.outputs))},\n"
            f"    landscapeInputs: {_js(list(kind.landscape_inputs))},\n"
            f"    link: {{{links}{chr(10) + '    ' if links else ''}}},\n"
            "  },"
        )
    limits = ",\n".join(f"  {k}: {_js(v)}" for k, v in LIMITS.items())
    return f"""\
// Generated from src/foghill/contract/ by `python -m foghill.remake`: do not edit by hand.
// What every widget's model holds: its inputs with their defaults, its outputs, and the
// statuses a widget can be in. The page model, the components and the notebook's Python
// traits all come from the same table.

/** Every value of a widget's data-status. */
export const STATUSES = {_js(list(STATUSES))};

/** How a finished walk ended. */
export const OUTCOMES = {_js(list(OUTCOMES))};

/** How the page says each outcome, after the walker's name (never the label itself). */
export const OUTCOME_WORDS = {_js(dict(OUTCOME_WORDS))};

/** What a walker with such a step does, after its name ("the ball zig-zags"). */
export const OUTCOME_DOES = {_js(dict(OUTCOME_DOES))};

/** An outcome named as a kind of walk: a zone, a choice, a count ("3 zig-zag"). */
export const OUTCOME_NAMES = {_js(dict(OUTCOME_NAMES))};

/** How the words about a finished walk open ("Zig-zag: ..."), before the run's facts. */
export const OUTCOME_HEADINGS = {_js(dict(OUTCOME_HEADINGS))};

/** Decimals a position or height is printed with; "on a valley floor" means equal as printed. */
export const DISPLAY_DECIMALS = {_js(DISPLAY_DECIMALS)};

/** How fast a run plays, the default first (the element's speed attribute takes one). */
export const SPEEDS = {_js(list(SPEEDS))};

/** The pace of "watch" (milliseconds), and the share of its time "fast" takes. */
export const PACE = {_js(dict(PACE))};

/** Model keys whose element attribute is not their name in kebab-case (an HTML element's own). */
export const ATTRIBUTE_NAMES = {_js(dict(ATTRIBUTE_NAMES))};

/** The attribute a lesson's table travels in, from data=FILE.csv to <fh-classifier>. */
export const TABLE_ATTRIBUTE = {_js(TABLE_ATTRIBUTE)};

/** The optimizers, by name. */
export const OPTIMIZERS = {_js(list(OPTIMIZER_NAMES))};

/** How the page names each optimizer, in sentences and in its menus. */
export const OPTIMIZER_WORDS = {_js(dict(OPTIMIZER_WORDS))};

/** How the edge demo's step size may change over a run, by name. */
export const SCHEDULES = {_js(list(SCHEDULES))};

/**
 * An input a shared link carries: its short name there, what a sentence calls it, how its
 * text reads (an attribute's shape: number, whole, text, numbers, start, names) and the
 * values it may take.
 * @typedef {{object}} LinkedKey
 * @property {{string}} name
 * @property {{string}} words
 * @property {{string}} shape
 * @property {{Record<string, any>}} schema
 */

/** Bounds every host enforces. */
export const LIMITS = {{
{limits},
}};

/**
 * Per widget tag: how a sentence names it (never by its tag), its component module (under
 * web/components/, which defines the element), the endpoint family its page
 * model asks, its inputs with their defaults (attribute names are the keys in kebab-case),
 * its outputs, the inputs whose change asks for the landscape again, and the inputs a shared
 * link carries: each under its short name, read as its attribute is (shape), and checked
 * against the values it may take (a JSON Schema, bounds included).
 * @type {{Record<string, {{called: string, component: string,
 *   endpoint: "descent" | "linefit" | "surface" | "race" | "sweep" |
 *   "training" | null,
 *   inputs: Record<string, any>, outputs: string[], landscapeInputs: string[],
 *   link: Record<string, LinkedKey>}}>}}
 */
export const WIDGETS = {{
{chr(10).join(widgets)}
}};
"""


def components_index_js() -> str:
    """The text of ``web/components/index.js``: the page's entry, which imports every
    widget's component module (each defines its element), in the table's order."""
    imports = "".join(f"import {_js('./' + kind.component)};\n" for kind in WIDGETS.values())
    return f"""\
// Generated from src/foghill/contract/ by `python -m foghill.remake`: do not edit by hand.
// Every Foghill widget, registered: importing a component module defines its element, and
// the contract's table names every widget's module (web/components/<tag without fh->.js).

{imports}// Not a widget: live reload for a page of an author's own lessons (a no-op on any other).
import "../lib/live-reload.js";
"""
