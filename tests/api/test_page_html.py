"""The lesson page at /, the static files, the headers and the published contract."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import pytest
from starlette.testclient import TestClient

from foghill.server import CONTENT_SECURITY_POLICY

SECTIONS = (
    "fog",
    "hill",
    "step-size",
    "line-fit",
    "more-knobs",
    "edge",
    "rule",
    "everywhere",
    "recap",
)
#: Every widget kind on the page, and how many of it.
WIDGETS = {
    "fh-hill": 1,
    "fh-step-dial": 1,
    "fh-sweep": 1,
    "fh-step-race": 2,
    "fh-line-fit": 1,
    "fh-surface": 1,
    "fh-race": 2,
    "fh-rule": 1,
    "fh-digits": 1,
    "fh-spam": 1,
    "fh-edge": 1,
    "fh-next-word": 1,
    "fh-ratings": 1,
}


class _Outline(HTMLParser):
    """Collects tags, ids and attributes of the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def ids(self) -> list[str]:
        return [str(a["id"]) for _, a in self.tags if a.get("id")]

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


@pytest.fixture(scope="module")
def page(client: TestClient) -> str:
    response = client.get("/")
    assert response.status_code == 200
    return str(response.text)


@pytest.fixture(scope="module")
def outline(page: str) -> _Outline:
    parser = _Outline()
    parser.feed(page)
    return parser


def test_page_is_html_with_security_headers(client: TestClient, page: str) -> None:
    response = client.get("/")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp
    assert "img-src 'self' data:" in csp
    assert "unsafe-inline" not in csp
    # Exactly the page's own inline style and script may run, by their hashes.
    style = re.search(r"<style>(.*?)</style>", page, re.S)
    script = re.search(r'<script type="module">(.*?)</script>', page, re.S)
    assert style is not None
    assert script is not None
    for name, block in (("style-src", style.group(1)), ("script-src", script.group(1))):
        digest = base64.b64encode(hashlib.sha256(block.encode()).digest()).decode()
        assert f"{name} 'self' 'sha256-{digest}'" in csp
    other = client.get("/healthz").headers["content-security-policy"]
    assert other == CONTENT_SECURITY_POLICY
    assert "sha256" not in other
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_page_is_gzipped_and_revalidated(client: TestClient) -> None:
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    etag = response.headers["etag"]
    again = client.get("/", headers={"if-none-match": etag})
    assert again.status_code == 304
    plain = client.get("/", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.text == response.text


def test_page_has_every_section_in_order(page: str, outline: _Outline) -> None:
    ids = outline.ids()
    positions = [ids.index(name) for name in SECTIONS]
    assert positions == sorted(positions)
    sections = outline.all("section")
    assert [s["id"] for s in sections] == list(SECTIONS)
    for section in sections:
        assert section["aria-labelledby"] == f"{section['id']}-title"
        assert f"{section['id']}-title" in ids
    # each section heading is an h2 with the id the section points at
    for name in SECTIONS:
        assert re.search(rf'<h2 id="{name}-title">[^<]+</h2>', page)


def test_page_structure_is_accessible(page: str, outline: _Outline) -> None:
    assert outline.all("html")[0]["lang"] == "en"
    assert len(outline.all("h1")) == 1
    assert len(outline.all("main")) == 1
    assert outline.all("main")[0] == {"id": "story", "class": "fh-article"}
    assert outline.all("header")[0]["class"] == "fh-hero"
    links = outline.all("a")
    assert links[0] == {"class": "fh-skip", "href": "#story"}
    assert {"class": "fh-start", "href": "#story"} in links
    assert "Start the descent" in page
    metas = {m.get("name"): m.get("content") for m in outline.all("meta") if m.get("name")}
    assert metas["viewport"] == "width=device-width, initial-scale=1"
    assert metas["description"]
    assert outline.all("title")
    assert outline.all("footer")
    ids = outline.ids()
    assert not [i for i in ids if ids.count(i) > 1], "an id is used twice on the page"


def test_page_loads_the_components(outline: _Outline, page: str) -> None:
    # The bundles (esbuild) are inside the page: no request for code or styles.
    sheets = [a for a in outline.all("link") if a.get("rel") == "stylesheet"]
    assert sheets == []
    scripts = outline.all("script")
    assert {"type": "module"} in scripts
    assert all(
        s == {"type": "module"} or s == {"type": "application/json", "class": "fh-seed"}
        for s in scripts
    )
    assert "sourceMappingURL=/static/dist/foghill.js.map" in page
    icons = [a["href"] for a in outline.all("link") if a.get("rel") == "icon"]
    assert len(icons) == 1
    assert icons[0] is not None
    assert icons[0].startswith("data:image/svg+xml,")


def test_page_holds_every_widget_in_a_figure(page: str, outline: _Outline) -> None:
    for widget, count in WIDGETS.items():
        assert len(outline.all(widget)) == count, widget
        assert re.search(
            rf'<figure class="fh-figure"><{widget}[^>]*></{widget}>'
            r'(<script type="application/json" class="fh-seed">.*?</script>)?<figcaption>',
            page,
            re.S,
        ), widget
    hill = outline.all("fh-hill")[0]
    assert hill["hill"] == "foggy"
    assert hill["start"] is not None
    assert hill["learning-rate"] is not None


def test_page_has_live_demos_and_recap(outline: _Outline, page: str) -> None:
    """Where the walk happens: four models that learn on the page, each under its heading."""
    section = page[page.index('<section id="everywhere"') : page.index('<section id="recap"')]
    headings = re.findall(r"<h3[^>]*>([^<]+)</h3>", section)
    assert len(headings) == 4
    for topic, tag in (
        ("digits", "fh-digits"),
        ("spam", "fh-spam"),
        ("word", "fh-next-word"),
        ("watch", "fh-ratings"),
    ):
        assert any(topic in h.lower() for h in headings), topic
        assert f"<{tag}" in section, tag
    assert 'class="fh-card"' not in page  # the static cards are gone
    recap = re.search(r'<ol class="fh-recap">(.*?)</ol>', page, re.S)
    assert recap is not None
    assert recap.group(1).count("<li>") == 3


def test_page_makes_no_request_off_the_machine(page: str, outline: _Outline) -> None:
    urls = re.findall(r"https?://[^\s\"')>]+", page)
    assert all(u.startswith("http://www.w3.org/") for u in urls), urls
    for _, attrs in outline.tags:
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("/", "#", "data:")), (name, value)
                assert not value.startswith("//"), (name, value)


#: The page as sent (gzip), its widgets' code, styles and first answers inside. It was 60 KB
#: for the first four widgets; the maps, races, sweeps, the four models that learn and the
#: predict / tasks / scrubber / code tools took it to about 94 KB; the speed control, the
#: line fit's step-size dial, the labels kept apart and the classifier's code (a widget this
#: page does not show: lessons may) to about 103 KB; the network at the edge of its step
#: size (its widget, two step charts, its scrubber, its landscape slice and its section) to
#: about 108.6 KB; "Show the code" on every widget that walks or trains, every setting in
#: the link, a description of every chart and the demos' new dials to about 109.6 KB. Over
#: the 100 KB (102,400 bytes) the first load may take, headers included (issue 23): the
#: line fit, eight screens down, stopped carrying its first answers (8.2 KB gzipped; it asks
#: when reached, lessons.markdown.SEEDED_WIDGETS), which took the page to 100,930 bytes; the
#: live demos' untrained models before Play to 101,823; the hill's curve at a screen's
#: precision (its seed and /api/landscape) back to 99,989. Held at 101,500: room for about
#: 1.5 KB more, with the response's headers (about 350 bytes) still under the budget
#: (bench/page_wire.py measures the first load as a browser does).
PAGE_BUDGET = 101_500


def test_page_is_small(client: TestClient) -> None:
    response = client.get("/", headers={"accept-encoding": "gzip"})
    assert int(response.headers["content-length"]) < PAGE_BUDGET  # code, styles, seeds inside


def test_first_load_fits_the_budget(client: TestClient, page: str) -> None:
    """The page and everything it links to, as sent over the wire (gzip): within the budget."""
    wire = int(client.get("/", headers={"accept-encoding": "gzip"}).headers["content-length"])
    for path in sorted(set(re.findall(r'(?:href|src)="(/static/[^"]+)"', page))):
        response = client.get(path, headers={"accept-encoding": "gzip"})
        assert response.status_code == 200, path
        wire += int(response.headers["content-length"])
    assert wire < PAGE_BUDGET  # the page with its script and stylesheet inside, gzipped


def test_static_files_are_served_with_cache_control(client: TestClient) -> None:
    from foghill.lessons.render import WEB_DIR

    files = sorted(p for p in (WEB_DIR / "dist").rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"foghill.js", "foghill.js.map", "foghill.css"}
    for path in files:
        rel = path.relative_to(WEB_DIR).as_posix()
        response = client.get(f"/static/{rel}")
        assert response.status_code == 200, rel
        assert response.content == path.read_bytes()
        assert response.headers["cache-control"] == "no-cache"
        assert "etag" in response.headers
        if rel.endswith(".js"):
            assert response.headers["content-type"].startswith("text/javascript")


def test_only_the_bundles_are_served_not_the_source_modules(client: TestClient) -> None:
    for source in ("components/hill.js", "lib/page-model.js", "foghill.css"):
        assert client.get(f"/static/{source}").status_code == 404, source


def test_missing_static_file_is_a_404_sentence(client: TestClient) -> None:
    response = client.get("/static/no-such-file.js")
    assert response.status_code == 404
    assert response.json() == {"error": "there is nothing at /static/no-such-file.js"}


def test_static_files_cannot_escape_the_web_folder(client: TestClient) -> None:
    response = client.get("/static/../server.py")
    assert response.status_code == 404
    response = client.get("/static/%2e%2e/server.py")
    assert response.status_code == 404


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_openapi_schema_is_published_but_not_the_cdn_docs(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    for path, method in (
        ("/api/hills", "get"),
        ("/api/landscape", "post"),
        ("/api/descend", "post"),
        ("/api/linefit", "post"),
    ):
        assert method in paths[path], path
    models = schema["components"]["schemas"]
    for name in (
        "DescendRequest",
        "DescendResponse",
        "LandscapeRequest",
        "LandscapeResponse",
        "LineFitRequest",
        "LineFitResponse",
        "HillsResponse",
        "ErrorResponse",
    ):
        assert name in models, name
    lr = models["DescendRequest"]["properties"]["learning_rate"]
    assert lr["exclusiveMinimum"] == 0
    assert lr["maximum"] == 100
    descend = paths["/api/descend"]["post"]["responses"]
    assert "200" in descend
    assert "422" in descend
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


def test_unknown_path_and_wrong_method_say_so(client: TestClient) -> None:
    response = client.get("/api/nothing")
    assert response.status_code == 404
    assert response.json() == {"error": "there is nothing at /api/nothing"}
    response = client.get("/api/descend")
    assert response.status_code == 405
    assert response.json() == {"error": "GET is not allowed on /api/descend"}


def test_head_requests(client: TestClient) -> None:
    for path in ("/", "/healthz"):
        response = client.head(path)
        assert response.status_code == 200
        assert response.content == b""


def test_static_files_revalidate_and_compress(client: TestClient) -> None:
    first = client.get("/static/dist/foghill.js", headers={"accept-encoding": "gzip"})
    again = client.get("/static/dist/foghill.js", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304
    assert again.content == b""
    big = client.get("/static/dist/foghill.css", headers={"accept-encoding": "gzip"})
    assert big.headers["content-encoding"] == "gzip"
    assert int(big.headers["content-length"]) < len(big.content) / 2
