"""A widget kind and its model keys: what each key holds, how it is written as an element
attribute, and which keys a shared link carries."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from pydantic import TypeAdapter

from foghill.contract.values import Shape

__all__ = ["ATTRIBUTE_NAMES", "LINK_NAMES", "Key", "WidgetKind", "link_schema"]


@dataclass(frozen=True)
class Key:
    """One model key of a widget kind.

    ``annotation`` is the pydantic type (its bounds included); ``default`` is the value a
    widget starts with (``None``: none, e.g. the hill's suggested start); ``shape`` says how
    the value is written in an attribute; ``page_only`` keys are element attributes the page
    reads that are no model input (e.g. the dial's preset step sizes).
    """

    name: str
    annotation: Any
    default: Any
    help: str
    shape: Shape
    nullable: bool = False
    page_only: bool = False

    @property
    def attribute(self) -> str:
        """The element attribute (and lesson block key): the name in kebab-case, or its
        :data:`ATTRIBUTE_NAMES` entry."""
        return ATTRIBUTE_NAMES.get(self.name, self.name.replace("_", "-"))

    @cached_property
    def adapter(self) -> TypeAdapter[Any]:
        annotation = self.annotation | None if self.nullable else self.annotation
        return TypeAdapter(annotation)

    def validate(self, value: Any) -> Any:
        """The value, checked by the same rules as the API (a pydantic ValidationError)."""
        return self.adapter.validate_python(value)

    def parse_attribute(self, text: str) -> Any:
        """An attribute's text as the value it stands for (checked with :meth:`validate`)."""
        if self.shape == "text":
            return text
        if self.shape == "names":  # a comma-separated list of names
            return [p.strip() for p in text.split(",")]
        if self.shape == "whole":
            return int(text) if text.strip().lstrip("-").isdigit() else text
        parts = [_number(p) for p in text.split(",")]
        if self.shape == "number":
            return parts[0] if len(parts) == 1 else text
        if self.shape == "start" and len(parts) == 1:
            return parts[0]
        return parts


def _number(text: str) -> float | str:
    try:
        return float(text)
    except ValueError:
        return text.strip()


@dataclass(frozen=True)
class WidgetKind:
    """A widget kind: its element, its notebook class, what its model holds."""

    tag: str
    #: how a sentence names it ("the step-size dial"): never by its tag
    called: str
    python_name: str
    help: str
    endpoint: Literal["descent", "linefit", "surface", "race", "sweep", "training"] | None
    inputs: tuple[Key, ...] = ()
    outputs: tuple[str, ...] = ()
    landscape_inputs: tuple[str, ...] = ()
    attributes_extra: tuple[Key, ...] = field(default=())

    @property
    def component(self) -> str:
        """Its component module, under ``web/components/``: the tag without ``fh-``
        (``fh-step-dial``: ``step-dial.js``), which defines the element."""
        return f"{self.tag.removeprefix('fh-')}.js"

    def key(self, name: str) -> Key:
        for key in (*self.inputs, *self.attributes_extra):
            if key.name == name:
                return key
        raise KeyError(name)

    @property
    def model_inputs(self) -> tuple[Key, ...]:
        """The inputs a model holds (page-only attributes left out)."""
        return tuple(k for k in self.inputs if not k.page_only)

    def defaults(self) -> dict[str, Any]:
        return {k.name: k.default for k in self.model_inputs}

    @property
    def linked(self) -> tuple[Key, ...]:
        """The inputs a shared link carries (:data:`LINK_NAMES`): those a reader may set to
        more than one value (the edge demo's one optimizer is never written in a link)."""
        return tuple(
            k for k in self.model_inputs if k.name in LINK_NAMES and _varies(link_schema(k))
        )


# ---- links: the settings a shared address carries (issue 20) -----------------------------------

#: Keys whose kebab-case name is an attribute every HTML element has, which the browser acts
#: on (``hidden=16`` would hide the widget): their element attribute and lesson key instead.
ATTRIBUTE_NAMES: Mapping[str, str] = {"hidden": "hidden-units"}

#: The name a model key takes in a page's address, the same in every widget kind that has it,
#: after the widget's id ("race-valley.rates=0.1,0.2"), and what a sentence calls it. A key
#: not named here (which hill, a line fit's dots and axis names) is never carried by a link.
LINK_NAMES: Mapping[str, tuple[str, str]] = {
    "start": ("drop", "drop point"),
    "formula": ("formula", "formula"),
    "domain": ("range", "range"),
    "learning_rate": ("rate", "step size"),
    "learning_rates": ("rates", "step sizes"),
    "optimizer": ("opt", "optimizer"),
    "optimizers": ("racers", "racers"),
    "momentum": ("mom", "momentum"),
    "max_steps": ("steps", "number of steps"),
    "steps": ("steps", "number of steps"),
    "batch_size": ("batch", "batch size"),
    "seed": ("seed", "seed"),
    "hidden": ("hidden", "number of hidden units"),
    "word": ("word", "word"),
    "schedule": ("sched", "schedule"),
}


def link_schema(key: Key) -> dict[str, Any]:
    """The values a key may take in a link: its JSON Schema, bounds included (never null)."""
    return TypeAdapter(key.annotation).json_schema()


def _varies(schema: Mapping[str, Any]) -> bool:
    """Whether a schema allows more than one value (not a const, nor a range of one)."""
    if "const" in schema:
        return False
    return not ("minimum" in schema and schema.get("minimum") == schema.get("maximum"))
