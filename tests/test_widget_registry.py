"""Every widget of the contract has what the contract cannot make: its component module, which
defines its element; and what is made from the contract is there: its notebook class, in the
package's exports, and its notebook module in the bundle (docs/adding-a-widget.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

import foghill as fh
from foghill import contract
from foghill import notebook as fn
from foghill.notebook.view import BUNDLE_DIR

COMPONENTS = Path(contract.__file__).resolve().parents[1] / "web" / "components"


@pytest.mark.parametrize("tag", list(contract.WIDGETS))
def test_the_component_module_defines_the_element(tag: str) -> None:
    text = (COMPONENTS / contract.WIDGETS[tag].component).read_text(encoding="utf-8")
    assert f'customElements.define("{tag}"' in text


@pytest.mark.parametrize("tag", list(contract.WIDGETS))
def test_the_page_entry_imports_it(tag: str) -> None:
    index = contract.COMPONENTS_INDEX_JS.read_text(encoding="utf-8")
    assert f'import "./{contract.WIDGETS[tag].component}";' in index


@pytest.mark.parametrize("kind", list(contract.WIDGETS.values()), ids=lambda k: k.tag)
def test_the_notebook_class_is_made_and_exported(kind: contract.WidgetKind) -> None:
    cls = getattr(fn, kind.python_name)
    assert cls.__name__ == kind.python_name
    assert kind.python_name in fn.__all__
    assert kind.python_name in fh.__all__
    assert getattr(fh, kind.python_name) is cls
    assert (cls.__doc__ or "").startswith(kind.help) or kind.tag == "fh-rule"


@pytest.mark.parametrize("tag", list(contract.WIDGETS))
def test_the_bundle_has_its_notebook_module(tag: str) -> None:
    module = (BUNDLE_DIR / f"{tag}.js").read_text(encoding="utf-8")
    assert f'notebookModule("{tag}")' in module
    assert f'customElements.define("{tag}"' in module
