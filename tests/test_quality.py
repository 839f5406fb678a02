"""The quality bars of issue 5, checked on the built demo site (content/) with the real tools.

One build per session (SOURCE_DATE_EPOCH fixed), served on a free 127.0.0.1 port:
- axe-core (WCAG 2.1 A/AA) in Debian Chromium: zero violations on one page of every kind;
- W3C Nu Html Checker (vnu-jar): zero errors on every page;
- Lighthouse (mobile): ≥ 95 in all four categories on the home page, an item, a report, stats/, meetings/
  and stats/compliance/;
- no page loads anything from another origin; external links carry rel="noopener";
- CSS under 20 KB a page; JavaScript only on the search page, never inline.
The tools are installed by scripts/install-test-tools (Chromium from Debian, npm ci from package.json).
A page kind the demo build does not produce is skipped by name, never silently passed.
"""

from __future__ import annotations

import json
import os
import re
import runpy
import shutil
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from lxml import html as lxml_html

from conftest import ROOT

pytestmark = pytest.mark.browser

EPOCH = "1795428000"  # 2026-11-23 09:00 Kyiv: the demo content's "today"
BIN = ROOT / "node_modules/.bin"
VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking"
AXE_TAGS = "wcag2a,wcag2aa,wcag21a,wcag21aa"
CSS_LIMIT = 20 * 1024
# Top-level folders that are not standing pages.
SECTIONS = {"news", "announcements", "acts", "meetings", "videos", "reports", "stats", "departments", "tags", "archives",
            "search", "theme", "pagefind", "files", "images", "feeds", "en", "page"}


def need(path: Path | str, what: str) -> str:
    if not Path(path).exists():
        pytest.fail(f"{what} is missing ({path}): run scripts/install-test-tools (./visnyk test does)")
    return str(path)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    """The demo site, built once with the stock pelican command."""
    output = tmp_path_factory.mktemp("demo") / "output"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    output.chmod(0o755)
    return output


@pytest.fixture(scope="session")
def served(demo) -> str:
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(demo)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def pages(demo: Path) -> list[Path]:
    return sorted(demo.rglob("*.html"))


def first(demo: Path, *patterns: str) -> str | None:
    """The first page (sorted) matching one of the glob patterns, as a path relative to the site."""
    for pattern in patterns:
        found = sorted(p for p in demo.glob(pattern) if p.is_file())
        if found:
            return found[0].relative_to(demo).as_posix()
    return None


def page_kinds(demo: Path) -> dict[str, str | None]:
    standing = sorted(p.name for p in demo.iterdir() if p.is_dir() and p.name not in SECTIONS and (p / "index.html").is_file())
    return {
        "home": first(demo, "index.html"),
        "type list": first(demo, "news/index.html"),
        "item": first(demo, "news/*/*/index.html"),
        "act": first(demo, "acts/*/*/index.html"),
        "department": first(demo, "departments/*/index.html"),
        "tag": first(demo, "tags/*/index.html"),
        "archive": first(demo, "archives/*/*/index.html", "archives/*/index.html", "archives/index.html"),
        "standing page": f"{standing[0]}/index.html" if standing else None,
        "search": first(demo, "search/index.html"),
        "404": first(demo, "404.html"),
        "stats": first(demo, "stats/index.html"),
        "report": first(demo, "reports/*/*/*/index.html", "reports/*/*/index.html"),
        "meetings": first(demo, "meetings/index.html"),
        "meeting": first(demo, "meetings/*/*/index.html"),
        "compliance": first(demo, "stats/compliance/index.html"),
    }


KINDS = ["home", "type list", "item", "act", "department", "tag", "archive", "standing page", "search", "404",
         "stats", "report", "meetings", "meeting", "compliance"]
LIGHTHOUSE_KINDS = ["home", "item", "report", "stats", "meetings", "compliance"]
SEARCHED = "%D1%81%D0%BA%D0%B2%D0%B5%D1%80"  # "сквер", in the demo content


def url_of(served: str, path: str) -> str:
    return f"{served}/{path[:-len('index.html')] if path.endswith('index.html') else path}"


def page_of(demo: Path, kind: str) -> str:
    path = page_kinds(demo)[kind]
    if path is None:
        pytest.skip(f"the demo build has no {kind} page yet")
    return path


# --- axe-core ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def axe_results(demo, served) -> dict[str, list[dict]]:
    """axe run once over one page of every kind that exists: violations by page path."""
    axe = need(BIN / "axe", "@axe-core/cli")
    need(CHROMEDRIVER, "Debian chromium-driver")
    paths = [p for p in page_kinds(demo).values() if p]
    env = {**os.environ, "FORCE_COLOR": "0"}
    proc = subprocess.run(
        [axe, *[url_of(served, p) for p in paths], "--stdout", "--tags", AXE_TAGS,
         "--chromedriver-path", CHROMEDRIVER, "--chrome-path", CHROMIUM,
         "--chrome-options=no-sandbox,disable-gpu,disable-dev-shm-usage,headless=new"],
        capture_output=True, text=True, env=env, timeout=600,
    )
    try:
        reports = json.loads(proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(f"axe gave no JSON (exit {proc.returncode}): {proc.stdout[-2000:]} {proc.stderr[-2000:]}")
    by_url = {r["url"]: r["violations"] for r in reports}
    return {p: by_url[url_of(served, p)] for p in paths}


@pytest.fixture(scope="session")
def axe_search_results(demo, served) -> dict:
    """axe on the search page once search.js has shown results (the query comes in the address)."""
    page_of(demo, "search")
    axe = need(BIN / "axe", "@axe-core/cli")
    proc = subprocess.run(
        [axe, f"{served}/search/?q={SEARCHED}", "--stdout", "--tags", AXE_TAGS, "--load-delay", "4000",
         "--chromedriver-path", CHROMEDRIVER, "--chrome-path", CHROMIUM,
         "--chrome-options=no-sandbox,disable-gpu,disable-dev-shm-usage,headless=new"],
        capture_output=True, text=True, env={**os.environ, "FORCE_COLOR": "0"}, timeout=300,
    )
    start = proc.stdout.find("[")  # axe prints its "Waiting for … milliseconds" line even with --stdout
    assert start >= 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    return json.loads(proc.stdout[start:])[0]


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        targets = "; ".join(" ".join(n["target"]) if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} element(s): {targets}")
    return "\n".join(lines)


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_wcag_violation(kind, demo, axe_results):
    path = page_of(demo, kind)
    violations = axe_results[path]
    assert not violations, f"{path}:\n{describe_violations(violations)}"


def test_axe_finds_no_wcag_violation_in_search_results(axe_search_results):
    checked = json.dumps(axe_search_results["passes"], ensure_ascii=False)
    assert "<mark>" in checked and "search-excerpt" in checked, "the results were not on the page when axe ran"
    violations = axe_search_results["violations"]
    assert not violations, describe_violations(violations)


# --- W3C Nu Html Checker -------------------------------------------------------------------------


def test_every_page_is_valid_html(demo):
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu Html Checker: run scripts/install-test-tools")
    vnu = need(VNU, "vnu-jar")
    proc = subprocess.run(["java", "-jar", vnu, "--skip-non-html", "--errors-only", "--format", "json", str(demo)],
                          capture_output=True, text=True, timeout=600)
    messages = json.loads(proc.stderr or proc.stdout or '{"messages": []}')["messages"]
    errors = [m for m in messages if m.get("type") == "error" or m.get("subType") == "fatal"]
    shown = "\n".join(
        f"{urlsplit(m.get('url', '')).path.replace(str(demo), '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in errors[:40]
    )
    assert len(pages(demo)) > 50
    assert not errors, f"{len(errors)} error(s):\n{shown}"


# --- Lighthouse ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", LIGHTHOUSE_KINDS)
def test_lighthouse_scores_at_least_95(kind, demo, served, tmp_path):
    path = page_of(demo, kind)
    lighthouse = need(BIN / "lighthouse", "lighthouse")
    report = tmp_path / "lh.json"
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    proc = subprocess.run(
        [lighthouse, url_of(served, path), f"--chrome-flags={CHROME_FLAGS}", "--output=json",
         f"--output-path={report}", "--quiet", "--only-categories=performance,accessibility,best-practices,seo"],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 0 and report.exists(), proc.stdout[-2000:] + proc.stderr[-2000:]
    result = json.loads(report.read_text())
    scores = {name: cat["score"] for name, cat in result["categories"].items()}
    print(f"Lighthouse {path}: {scores}")  # shown with -rP: the figures, not only pass/fail
    failing = {}
    for name, cat in result["categories"].items():
        if cat["score"] is None or cat["score"] < 0.95:
            audits = [
                f"{ref['id']} ({result['audits'][ref['id']]['score']}): {result['audits'][ref['id']]['title']}"
                for ref in cat["auditRefs"]
                if ref["weight"] and result["audits"][ref["id"]]["score"] is not None
                and result["audits"][ref["id"]]["score"] < 1
            ]
            failing[name] = audits
    assert len(scores) == 4 and not failing, f"{path}: {scores}\n{json.dumps(failing, ensure_ascii=False, indent=1)}"


# --- nothing from elsewhere, little CSS, JavaScript only for search ------------------------------

URL_ATTRIBUTES = ("src", "href", "srcset", "poster", "data", "action", "formaction", "background", "cite")


def external(url: str, siteurl: str) -> bool:
    url = url.strip()
    if siteurl and url.startswith(siteurl):
        return False
    return bool(re.match(r"(?i)^(https?:)?//", url))


def origin_problems(demo: Path, siteurl: str) -> list[str]:
    """Every reference to another origin that the browser would load, and external links without noopener."""
    problems = []
    for page in pages(demo):
        tree = lxml_html.fromstring(page.read_bytes())
        rel = page.relative_to(demo).as_posix()
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            for attribute in URL_ATTRIBUTES:
                value = element.get(attribute)
                if not value:
                    continue
                urls = [part.strip().split(" ")[0] for part in value.split(",")] if attribute == "srcset" else [value]
                for url in urls:
                    if not external(url, siteurl):
                        continue
                    if element.tag == "a" and attribute == "href":
                        if "noopener" not in (element.get("rel") or "").split():
                            problems.append(f"{rel}: external link without rel=noopener: {url}")
                    else:
                        problems.append(f"{rel}: <{element.tag} {attribute}> loads from another origin: {url}")
            style = element.get("style") or ""
            if re.search(r"url\(\s*['\"]?(https?:)?//", style):
                problems.append(f"{rel}: inline style loads from another origin: {style}")
    for css in sorted(demo.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for match in re.finditer(r"(?:url\(\s*['\"]?|@import\s+['\"])((?:https?:)?//[^'\")\s]+)", text):
            problems.append(f"{css.relative_to(demo)}: loads from another origin: {match.group(1)}")
    return problems


def test_no_page_loads_anything_from_another_origin(demo):
    siteurl = runpy.run_path(str(ROOT / "pelicanconf.py"))["SITEURL"]  # the settings the demo is built with
    problems = origin_problems(demo, siteurl=siteurl)
    assert not problems, "\n".join(problems[:50])


def css_sizes(demo: Path) -> tuple[dict[str, int], list[str]]:
    """Bytes of CSS each page loads (linked stylesheets and <style>), and links to missing stylesheets."""
    sizes = {}
    problems = []
    for page in pages(demo):
        tree = lxml_html.fromstring(page.read_bytes())
        total = 0
        for link in tree.xpath("//link[@rel='stylesheet']"):
            href = urlsplit(link.get("href")).path
            target = demo / href.lstrip("/") if href.startswith("/") else Path(urljoin(page.as_uri(), href)[len("file://"):])
            if not target.is_file():
                problems.append(f"{page.relative_to(demo)}: stylesheet {link.get('href')} does not exist")
                continue
            total += target.stat().st_size
        total += sum(len(s.text_content().encode()) for s in tree.xpath("//style"))
        sizes[page.relative_to(demo).as_posix()] = total
    return sizes, problems


def test_each_page_has_under_20_kb_of_css(demo):
    sizes, problems = css_sizes(demo)
    heaviest = max(sizes, key=sizes.get)
    assert sizes[heaviest] > 0, "no page links a stylesheet"
    assert sizes[heaviest] < CSS_LIMIT, f"{heaviest}: {sizes[heaviest]} bytes of CSS"
    assert not problems, "\n".join(problems)


def script_problems(demo: Path) -> tuple[set[str], list[str]]:
    """Pages that run scripts, and inline code, handler attributes, javascript: links or a missing CSP."""
    problems = []
    scripted = set()
    for page in pages(demo):
        rel = page.relative_to(demo).as_posix()
        tree = lxml_html.fromstring(page.read_bytes())
        for script in tree.xpath("//script"):
            if (script.get("type") or "").lower() == "application/ld+json":
                continue  # data for search engines, never run
            if not script.get("src") or (script.text or "").strip():
                problems.append(f"{rel}: inline script")
            scripted.add(rel)
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            handlers = [name for name in element.attrib if name.lower().startswith("on")]
            if handlers:
                problems.append(f"{rel}: <{element.tag} {' '.join(handlers)}> event handler attribute")
            if (element.get("href") or "").strip().lower().startswith("javascript:"):
                problems.append(f"{rel}: javascript: link")
        csp = tree.xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
        if not csp or "script-src 'self' 'wasm-unsafe-eval'" not in csp[0] or "unsafe-inline" in csp[0]:
            problems.append(f"{rel}: no Content-Security-Policy with script-src 'self' 'wasm-unsafe-eval': {csp}")
    return scripted, problems


def test_javascript_only_on_the_search_page_and_never_inline(demo):
    scripted, problems = script_problems(demo)
    assert scripted == {"search/index.html"}, sorted(scripted)
    assert not problems, "\n".join(problems[:50])


# --- the checks above catch what they look for -----------------------------------------------

CSP = """<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'">"""
BAD_PAGE = f"""<!DOCTYPE html><html lang="uk"><head><title>x</title>{CSP}
<link rel="stylesheet" href="https://cdn.example/x.css"><link rel="stylesheet" href="../big.css"></head>
<body><main><img src="//img.example/a.png"><a href="https://example.org/">без noopener</a>
<a href="https://example.org/" rel="noopener">з noopener</a><a href="javascript:void(0)">js</a>
<script>alert(1)</script><button onclick="x()">x</button><div style="background:url(https://t.example/p.gif)"></div>
<img alt="" src="/ok.png"><a href="http://127.0.0.1/here">own</a></main></body></html>"""


def test_the_static_checks_catch_what_they_look_for(tmp_path):
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad/index.html").write_text(BAD_PAGE, encoding="utf-8")
    (tmp_path / "big.css").write_text("a{color:red}" * 2000 + "@import 'https://fonts.example/f.css';")
    (tmp_path / "index.html").write_text(f"<!DOCTYPE html><html><head><title>y</title></head><body></body></html>")
    origins = origin_problems(tmp_path, siteurl="http://127.0.0.1")
    assert origins == [
        "bad/index.html: <link href> loads from another origin: https://cdn.example/x.css",
        "bad/index.html: <img src> loads from another origin: //img.example/a.png",
        "bad/index.html: external link without rel=noopener: https://example.org/",
        "bad/index.html: inline style loads from another origin: background:url(https://t.example/p.gif)",
        "big.css: loads from another origin: https://fonts.example/f.css",
    ]
    sizes, missing = css_sizes(tmp_path)
    assert sizes["bad/index.html"] > CSS_LIMIT and missing == ["bad/index.html: stylesheet https://cdn.example/x.css does not exist"]
    scripted, problems = script_problems(tmp_path)
    assert scripted == {"bad/index.html"}
    assert problems == [
        "bad/index.html: inline script",
        "bad/index.html: javascript: link",
        "bad/index.html: <button onclick> event handler attribute",
        "index.html: no Content-Security-Policy with script-src 'self' 'wasm-unsafe-eval': []",
    ]


def test_axe_and_the_html_checker_catch_errors(tmp_path):
    """A page with an unlabelled field and a misnested tag fails both tools (so a pass means something)."""
    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="uk"><head><title>x</title></head><body><main>'
        '<input type="text"><p><div>x</div></p><span style="color:#bbb;background:#fff">сірий</span></main></body></html>',
        encoding="utf-8",
    )
    if shutil.which("java") is None:
        pytest.fail("Java is needed for the Nu Html Checker: run scripts/install-test-tools")
    proc = subprocess.run(["java", "-jar", need(VNU, "vnu-jar"), "--errors-only", "--format", "json", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert any(m["type"] == "error" for m in json.loads(proc.stderr)["messages"])
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(QuietHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = subprocess.run(
            [need(BIN / "axe", "@axe-core/cli"), f"http://127.0.0.1:{server.server_address[1]}/", "--stdout",
             "--tags", AXE_TAGS, "--chromedriver-path", CHROMEDRIVER, "--chrome-path", CHROMIUM,
             "--chrome-options=no-sandbox,disable-gpu,disable-dev-shm-usage,headless=new"],
            capture_output=True, text=True, env={**os.environ, "FORCE_COLOR": "0"}, timeout=300,
        )
    finally:
        server.shutdown()
        server.server_close()
    ids = {v["id"] for v in json.loads(proc.stdout)[0]["violations"]}
    assert {"label", "color-contrast"} <= ids, ids
