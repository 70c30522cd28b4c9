"""The notebook bundler: house-style modules in, one ES module out; anything else refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from foghill import esm_bundle
from foghill.esm_bundle import BundleError, bundle, module_for_tag, parse_module, widget_esm


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return root


GOOD = {
    "lib/maths.js": (
        "/** Doubles. import { nothing } from './nowhere.js' in a comment is fine. */\n"
        "export function double(x) { return 2 * x; }\n"
        'export const SYMBOL = "import { x } from \\"./x.js\\"; export default 1";\n'
        "const ratio = 10 / 2 / 5; // a division, not a regex\n"
        "export const half = (x) => x / 2;\n"
    ),
    "lib/words.js": (
        'import { double as twice, SYMBOL } from "./maths.js";\n'
        "export class Counter {\n"
        "  constructor() { this.n = twice(1); this.re = /export {a}/g; }\n"
        "  label() { return `n=${this.n} ${`nested ${SYMBOL.length}`}`; }\n"
        "}\n"
        "export async function later() { return 1; }\n"
    ),
    "components/thing.js": (
        "import {\n  Counter,\n  later,\n} from '../lib/words.js';\n"
        'import { half } from "../lib/maths.js";\n'
        "export class FhThing extends HTMLElement {\n"
        "  connectedCallback() { this.textContent = new Counter().label() + half(4); }\n"
        "}\n"
        'if (!customElements.get("fh-thing")) customElements.define("fh-thing", FhThing);\n'
    ),
}


def test_parse_reads_imports_exports_and_strips_them(tmp_path: Path) -> None:
    root = write(tmp_path, GOOD)
    words = parse_module(root / "lib/words.js", root=root)
    assert words.exports == ("Counter", "later")
    assert [(i.path.name, i.names) for i in words.imports] == [
        ("maths.js", (("double", "twice"), ("SYMBOL", "SYMBOL")))
    ]
    assert "import" not in words.body.splitlines()[0]
    assert not [line for line in words.body.splitlines() if line.startswith("export")]
    assert words.body.count("\n") == (root / "lib/words.js").read_text().count("\n")
    maths = parse_module(root / "lib/maths.js", root=root)
    assert maths.exports == ("double", "SYMBOL", "half")
    assert 'export default 1"' in maths.body  # text inside strings is left alone


def test_bundle_orders_dependencies_first_and_wraps_each_module(tmp_path: Path) -> None:
    root = write(tmp_path, GOOD)
    code, entry_var = bundle(root / "components/thing.js", root=root)
    assert code.index("lib/maths.js") < code.index("lib/words.js") < code.index("thing.js")
    assert code.count("= (() => {") == 3  # each module once, even though imported twice
    assert entry_var == "__fh_m2"
    assert "const { double: twice, SYMBOL } = __fh_m0;" in code
    assert "const { Counter, later } = __fh_m1;" in code
    assert "return { FhThing };" in code


def test_widget_esm_ends_with_a_render_that_attaches_the_element(tmp_path: Path) -> None:
    root = write(tmp_path, GOOD)
    assert module_for_tag("fh-thing", root / "components") == (root / "components/thing.js")
    esm = widget_esm("fh-thing", root=root)
    assert esm.rstrip().endswith("};")
    assert 'document.createElement("fh-thing")' in esm
    assert "e.model = model;" in esm
    exports = [line for line in esm.splitlines() if line.startswith("export")]
    assert exports == ["export default {"]  # only the bundle's own default export


@pytest.mark.parametrize(
    ("source", "complaint"),
    [
        ('import thing from "./a.js";\n', "unsupported import"),
        ('import * as a from "./a.js";\n', "unsupported import"),
        ('import "./a.js";\n', "unsupported import"),
        ('import { a } from "lit";\n', "only relative imports"),
        ('import { a } from "https://example.org/a.js";\n', "only relative imports"),
        ('import { a } from "./a.mjs";\n', "must end in '.js'"),
        ('import { a } from "./missing.js";\n', "no such file"),
        ('import { a } from "../../outside.js";\n', "leaves"),
        ("export default class A {}\n", "unsupported export"),
        ("const a = 1;\nexport { a };\n", "unsupported export"),
        ('export * from "./a.js";\n', "unsupported export"),
        ("export let a = 1;\n", "unsupported export"),
        ("export var a = 1;\n", "unsupported export"),
        ("export const { a } = {};\n", "unsupported export"),
        ("export function f() {}\nexport const f2 = 1;\nexport class f {}\n", "exported twice"),
        ('async function f() { return import("./a.js"); }\n', "dynamic import"),
        ("const u = new URL('x.css', import.meta.url);\n", "import.meta"),
        ("function f() { export const a = 1; }\n", "nested export"),
        ('const s = "unterminated;\n', "unterminated string"),
        ("/* never closed\n", "unterminated comment"),
    ],
)
def test_out_of_style_modules_are_refused(tmp_path: Path, source: str, complaint: str) -> None:
    root = write(tmp_path, {"m/a.js": "export const a = 1;\n", "m/entry.js": source})
    with pytest.raises(BundleError, match=complaint) as info:
        bundle(root / "m/entry.js", root=root)
    assert "entry.js:" in str(info.value)  # the message names the file and line


def test_import_of_a_name_the_module_does_not_export_is_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {"a.js": "export const a = 1;\n", "b.js": 'import { b } from "./a.js";\n'},
    )
    with pytest.raises(BundleError, match=r"imports 'b' from a\.js, which exports only a"):
        bundle(root / "b.js", root=root)


def test_import_cycles_are_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "a.js": 'import { b } from "./b.js";\nexport const a = 1;\n',
            "b.js": 'import { a } from "./a.js";\nexport const b = 2;\n',
        },
    )
    with pytest.raises(BundleError, match=r"import cycle: a\.js -> b\.js -> a\.js"):
        bundle(root / "a.js", root=root)


def test_unknown_tag_and_bad_tag_names_are_refused(tmp_path: Path) -> None:
    root = write(tmp_path, GOOD)
    with pytest.raises(BundleError, match="no module"):
        widget_esm("fh-nothing", root=root)
    with pytest.raises(BundleError, match="not a custom element name"):
        widget_esm("Thing", root=root)


def test_css_is_the_components_stylesheet() -> None:
    css = esm_bundle.component_css()
    path = esm_bundle.CSS_FILE
    assert css == (path.read_text(encoding="utf-8") if path.is_file() else "")


WEB_MODULES = sorted(
    [*esm_bundle.COMPONENTS_DIR.glob("*.js"), *(esm_bundle.WEB_DIR / "lib").glob("*.js")]
)


@pytest.mark.parametrize("path", WEB_MODULES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_page_module_keeps_the_style_the_bundler_reads(path: Path) -> None:
    """Drift in web/ (a default export, a dynamic import, ...) fails here, by file and line."""
    code, _entry = bundle(path)
    assert code


def test_the_page_index_bundles_every_widget() -> None:
    code, _entry = bundle(esm_bundle.COMPONENTS_DIR / "index.js")
    for module in ("hill.js", "step-dial.js", "line-fit.js", "rule.js"):
        assert f"// ---- components/{module}" in code
