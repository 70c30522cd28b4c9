"""A tiny bundler: the page's component modules as one ES module for anywidget.

The page loads ``web/components/*.js`` as plain ES modules, straight from the server. A
notebook widget gets exactly one module string (anywidget's ``_esm``), so this module
stitches a component and the modules it imports into one string *without changing their
code*: every module body runs in its own function scope, in dependency order, and hands
its exports to the modules that import it. Then a short ``render`` makes the custom element,
gives it the anywidget model, attaches it, and mirrors the element's ``data-status`` and
``data-step`` into the model's ``status`` and ``step`` so the kernel sees the animation.

It only understands the house style of ``web/`` (and refuses everything else, so drift is
caught by a test rather than by a teacher with a blank widget):

- imports: ``import { a, b as c } from "./x.js";`` -- named, static, relative, ``.js``;
- exports: ``export function NAME``, ``export async function NAME``, ``export class NAME``,
  ``export const NAME`` -- one name each;
- no default exports, no ``export { ... }`` lists, no ``export *``, no ``let``/``var``
  exports, no dynamic ``import()``, no ``import.meta``, no import cycles.

Each module becomes::

    const __fh_m3 = (() => {
    const { a, b } = __fh_m1;
    ...the module body, import lines removed, `export ` keywords removed...
    return { exportedName, ... };
    })();
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "COMPONENTS_DIR",
    "WEB_DIR",
    "BundleError",
    "Module",
    "bundle",
    "component_css",
    "module_for_tag",
    "parse_module",
    "widget_esm",
]

WEB_DIR = Path(__file__).resolve().parent / "web"
COMPONENTS_DIR = WEB_DIR / "components"
CSS_FILE = WEB_DIR / "components.css"

_IDENT = r"[A-Za-z_$][\w$]*"
_IDENT_RE = re.compile(rf"^{_IDENT}$")
_KEYWORD_RE = re.compile(r"(?<![\w$.])(import|export)(?![\w$])")
_IMPORT_RE = re.compile(
    r"import\s*\{(?P<names>[^{}]*)\}\s*from\s*(?P<q>[\"'])(?P<spec>[^\"'\n]*)(?P=q)\s*;?"
)
_EXPORT_RE = re.compile(
    rf"export\s+(?P<kind>(?:async\s+)?function(?:\s*\*\s*|\s+)|class\s+|const\s+)(?P<name>{_IDENT})"
)
# After these, a `/` starts a regular expression literal rather than a division.
_REGEX_AFTER_WORDS = frozenset(
    {"return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case"}
    | {"do", "else", "yield", "await"}
)
_REGEX_AFTER_CHARS = frozenset("(,=:[!&|?{};+-*%<>~^")


class BundleError(ValueError):
    """A component module is outside the style the notebook bundler understands."""


@dataclass(frozen=True)
class Import:
    """``import { names } from "spec"`` as (imported name, local name) pairs."""

    path: Path
    names: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Module:
    """One parsed module: what it imports, what it exports, its body without either."""

    path: Path
    imports: tuple[Import, ...]
    exports: tuple[str, ...]
    body: str


def _where(path: Path, source: str, index: int) -> str:
    line = source.count("\n", 0, index) + 1
    return f"{path.name}:{line}"


def _mask(source: str, path: Path) -> str:
    """The source with comments, string/template text and regex bodies blanked out.

    Same length and same line breaks as the source, so positions found in the mask are
    positions in the source. What is left is code: keywords, names, punctuation.
    """
    out = list(source)
    n = len(source)

    def blank(a: int, b: int) -> None:
        for k in range(a, b):
            if out[k] != "\n":
                out[k] = " "

    def fail(message: str, at: int) -> BundleError:
        return BundleError(f"{_where(path, source, at)}: {message}")

    template_depths: list[int] = []  # brace depth at each open `${`
    depth = 0
    last = ""  # the last significant token (a punctuation char or a word)
    i = 0

    def scan_template(start: int) -> int:
        """Blank template text from ``start`` to the closing backtick or a ``${``."""
        j = start
        while j < n:
            ch = source[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "`":
                blank(start, j)
                return j + 1
            if source.startswith("${", j):
                blank(start, j + 2)
                template_depths.append(depth)
                return j + 2
            j += 1
        raise fail("unterminated template literal", start)

    while i < n:
        c = source[i]
        if c in " \t\r\n":
            i += 1
            continue
        if source.startswith("//", i):
            j = source.find("\n", i)
            j = n if j < 0 else j
            blank(i, j)
            i = j
            continue
        if source.startswith("/*", i):
            j = source.find("*/", i + 2)
            if j < 0:
                raise fail("unterminated comment", i)
            blank(i, j + 2)
            i = j + 2
            continue
        if c in "'\"":
            j = i + 1
            while j < n and source[j] != c:
                if source[j] == "\n":
                    raise fail("unterminated string", i)
                j += 2 if source[j] == "\\" else 1
            if j >= n:
                raise fail("unterminated string", i)
            blank(i + 1, j)
            i = j + 1
            last = '"'
            continue
        if c == "`":
            i = scan_template(i + 1)
            last = '"'
            continue
        if c == "/" and (last == "" or last in _REGEX_AFTER_CHARS or last in _REGEX_AFTER_WORDS):
            j = i + 1
            in_class = False
            while j < n:
                ch = source[j]
                if ch == "\n":
                    raise fail("unterminated regular expression", i)
                if ch == "\\":
                    j += 2
                    continue
                if ch == "[":
                    in_class = True
                elif ch == "]":
                    in_class = False
                elif ch == "/" and not in_class:
                    break
                j += 1
            blank(i + 1, j)
            j += 1
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            i = j
            last = '"'
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if template_depths and template_depths[-1] == depth:
                template_depths.pop()
                out[i] = " "
                i = scan_template(i + 1)
                last = '"'
                continue
            depth -= 1
        if c.isalnum() or c in "_$":
            j = i
            while j < n and (source[j].isalnum() or source[j] in "_$"):
                j += 1
            last = source[i:j]
            i = j
            continue
        last = c
        i += 1
    if template_depths:
        raise fail("unterminated template literal", n)
    return "".join(out)


def _depths(mask: str) -> list[int]:
    """Bracket nesting depth ({, (, [) before each position of the mask."""
    depths = []
    d = 0
    for ch in mask:
        depths.append(d)
        if ch in "{([":
            d += 1
        elif ch in "})]":
            d -= 1
    return depths


def _resolve(spec: str, importer: Path, root: Path, where: str) -> Path:
    if not spec.startswith(("./", "../")):
        raise BundleError(
            f"{where}: import from {spec!r}: only relative imports ('./x.js', '../lib/x.js') "
            "can be bundled for notebooks"
        )
    if not spec.endswith(".js"):
        raise BundleError(f"{where}: import from {spec!r}: the path must end in '.js'")
    target = (importer.parent / spec).resolve()
    if not target.is_relative_to(root.resolve()):
        raise BundleError(f"{where}: import from {spec!r} leaves {root}")
    if not target.is_file():
        raise BundleError(f"{where}: import from {spec!r}: no such file {target}")
    return target


def parse_module(path: Path, *, root: Path = WEB_DIR) -> Module:
    """Read one module and check it keeps to the house style (see the module docstring)."""
    path = Path(path).resolve()
    source = path.read_text(encoding="utf-8")
    mask = _mask(source, path)
    depths = _depths(mask)
    imports: list[Import] = []
    exports: list[str] = []
    cuts: list[tuple[int, int, str]] = []  # (start, end, replacement) in the source
    for hit in _KEYWORD_RE.finditer(mask):
        at = hit.start()
        where = _where(path, source, at)
        keyword = hit.group(1)
        if depths[at] != 0:
            raise BundleError(
                f"{where}: '{keyword}' inside a block or expression (dynamic import(), "
                "import.meta or a nested export): only top-level static imports and "
                "exports can be bundled for notebooks"
            )
        if keyword == "import":
            m = _IMPORT_RE.match(mask, at)
            if m is None:
                snippet = source[at : source.find("\n", at)].strip()
                raise BundleError(
                    f"{where}: unsupported import {snippet!r}: write "
                    "'import { a, b } from \"./x.js\";' (named, static, relative); default, "
                    "namespace, side-effect and dynamic imports and import.meta are refused"
                )
            spec = source[m.start("spec") : m.end("spec")]
            target = _resolve(spec, path, root, where)
            names: list[tuple[str, str]] = []
            for part in m.group("names").split(","):
                words = part.split()
                if not words:
                    continue
                if len(words) == 1 and _IDENT_RE.match(words[0]):
                    names.append((words[0], words[0]))
                elif (
                    len(words) == 3
                    and words[1] == "as"
                    and all(_IDENT_RE.match(w) for w in (words[0], words[2]))
                ):
                    names.append((words[0], words[2]))
                else:
                    raise BundleError(f"{where}: cannot read the imported name {part.strip()!r}")
            if not names:
                raise BundleError(f"{where}: an import of {spec!r} that names nothing")
            imports.append(Import(target, tuple(names)))
            span = source[m.start() : m.end()]
            cuts.append((m.start(), m.end(), "\n" * span.count("\n")))
        else:
            m = _EXPORT_RE.match(mask, at)
            if m is None:
                snippet = source[at : source.find("\n", at)].strip()
                raise BundleError(
                    f"{where}: unsupported export {snippet!r}: write 'export function NAME', "
                    "'export class NAME' or 'export const NAME = ...'; default exports, "
                    "'export { ... }' lists, 'export *', let/var and destructuring exports "
                    "are refused"
                )
            name = m.group("name")
            if name in exports:
                raise BundleError(f"{where}: {name!r} is exported twice")
            exports.append(name)
            cuts.append((at, m.start("kind"), ""))
    body_parts: list[str] = []
    pos = 0
    for start, end, replacement in sorted(cuts):
        body_parts.append(source[pos:start])
        body_parts.append(replacement)
        pos = end
    body_parts.append(source[pos:])
    return Module(path, tuple(imports), tuple(exports), "".join(body_parts))


def _ordered(entry: Path, root: Path) -> list[Module]:
    """The entry and everything it imports, each after all of its imports."""
    done: dict[Path, Module] = {}
    order: list[Module] = []
    visiting: list[Path] = []

    def visit(path: Path) -> None:
        if path in done:
            return
        if path in visiting:
            cycle = [*visiting[visiting.index(path) :], path]
            raise BundleError(
                "import cycle: " + " -> ".join(p.name for p in cycle) + " (cannot be bundled)"
            )
        visiting.append(path)
        module = parse_module(path, root=root)
        for imp in module.imports:
            visit(imp.path)
        visiting.pop()
        done[path] = module
        order.append(module)

    visit(Path(entry).resolve())
    for module in order:
        for imp in module.imports:
            exported = done[imp.path].exports
            for name, _local in imp.names:
                if name not in exported:
                    raise BundleError(
                        f"{module.path.name} imports {name!r} from {imp.path.name}, "
                        f"which exports only {', '.join(exported) or 'nothing'}"
                    )
    return order


def bundle(entry: Path, *, root: Path = WEB_DIR) -> tuple[str, str]:
    """All modules reachable from ``entry`` as plain script text.

    Returns ``(code, entry_variable)``: the code declares one ``const`` per module and the
    entry's exports object is in ``entry_variable``.
    """
    order = _ordered(entry, root)
    variables = {module.path: f"__fh_m{k}" for k, module in enumerate(order)}
    chunks: list[str] = []
    for module in order:
        rel = module.path.relative_to(root.resolve()).as_posix()
        lines = [f"// ---- {rel}", f"const {variables[module.path]} = (() => {{"]
        for imp in module.imports:
            names = ", ".join(a if a == b else f"{a}: {b}" for a, b in imp.names)
            lines.append(f"const {{ {names} }} = {variables[imp.path]};")
        lines.append(module.body.rstrip("\n"))
        lines.append(f"return {{ {', '.join(module.exports)} }};")
        lines.append("})();")
        chunks.append("\n".join(lines))
    return "\n".join(chunks) + "\n", variables[Path(entry).resolve()]


_RENDER = """
// The notebook host: the element gets the widget's model before it is attached. Its
// data-status and data-step (the element's public state) are mirrored into the model's
// status and step keys so the kernel sees the animation: status at once, step at most
// every STEP_MS while it runs.
const STEP_MS = 200;
export default {
  render({ model, el }) {
    const e = document.createElement(%s);
    e.model = model;
    el.appendChild(e);
    let timer = null;
    const report = () => {
      timer = null;
      const status = e.dataset.status || "idle";
      const step = Number(e.dataset.step || 0);
      if (model.get("status") === status && model.get("step") === step) return;
      model.set("status", status);
      model.set("step", step);
      model.save_changes();
    };
    const mirror = new MutationObserver(() => {
      if (e.dataset.status !== model.get("status")) {
        if (timer !== null) clearTimeout(timer);
        report();
      } else if (timer === null) {
        timer = setTimeout(report, STEP_MS);
      }
    });
    mirror.observe(e, { attributes: true, attributeFilter: ["data-status", "data-step"] });
    return () => {
      mirror.disconnect();
      if (timer !== null) clearTimeout(timer);
      e.remove();
    };
  },
};
"""


def module_for_tag(tag: str, components: Path = COMPONENTS_DIR) -> Path:
    """The component module that defines the custom element ``tag``."""
    pattern = re.compile(r"customElements\.define\(\s*[\"']" + re.escape(tag) + r"[\"']")
    found = [p for p in sorted(components.glob("*.js")) if pattern.search(p.read_text("utf-8"))]
    if not found:
        raise BundleError(f"no module in {components} defines <{tag}>")
    if len(found) > 1:
        raise BundleError(f"<{tag}> is defined in several modules: {[p.name for p in found]}")
    return found[0]


@functools.cache
def widget_esm(tag: str, entry: Path | None = None, root: Path = WEB_DIR) -> str:
    """One ES module for anywidget's ``_esm`` that draws ``<tag>`` with the model.

    ``entry`` is the module to start from (default: the component module defining
    ``tag``). Cached: the files are read once per process.
    """
    if not re.fullmatch(r"[a-z][a-z0-9]*-[a-z0-9-]+", tag):
        raise BundleError(f"{tag!r} is not a custom element name")
    start = module_for_tag(tag, root / "components") if entry is None else Path(entry)
    code, _entry_var = bundle(start, root=root)
    header = f"// Foghill <{tag}>: bundled from {start.name} and its imports for a notebook.\n"
    return header + code + _RENDER % repr(tag).replace("'", '"')


@functools.cache
def component_css(path: Path = CSS_FILE) -> str:
    """The components' stylesheet (anywidget's ``_css``); empty if there is none yet."""
    return path.read_text(encoding="utf-8") if path.is_file() else ""
