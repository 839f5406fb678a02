"""The demo site as deployed: every internal link and asset resolves, feeds parse, the sitemap validates.

The demo content in content/ is built twice — with pelicanconf.py (relative URLs, as `./visnyk build`) and
with publishconf.py (absolute URLs under a sub-path, as on OWNER.github.io/REPOSITORY) — and whatever pages
exist are checked, so new page types are covered as soon as they are written.
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import pytest
from lxml import etree

from conftest import ROOT, Site, item, ran

EPOCH = "1795428000"  # 2026-11-23 10:00 UTC, 12:00 in Kyiv
SITEURL = "https://rada.example.org/visnyk"
LOCAL = "https://local.invalid/"  # stands for wherever a relative build is served from
XSD = ROOT / "node_modules" / "sitemap" / "schema" / "sitemap.xsd"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Resource attributes: what a browser fetches by itself (a third-party one would leak visitors' data).
FETCHED = {("img", "src"), ("img", "srcset"), ("source", "src"), ("source", "srcset"), ("script", "src"),
           ("iframe", "src"), ("video", "src"), ("video", "poster"), ("audio", "src"), ("track", "src"),
           ("embed", "src"), ("object", "data"), ("input", "src")}
LINKED = {"href", "action", "cite"}
STATIC = ("theme/", "files/", "images/", "pagefind/")


# --- a link checker over the built files -------------------------------------------------------------


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str, int]] = []  # (tag, attribute, value, line)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        line = self.getpos()[0]
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("name"):
            self.ids.add(values["name"])
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.refs.append((tag, name, candidate.split()[0], line))
            elif (tag, name) in FETCHED or name in LINKED:
                self.refs.append((tag, name, value, line))
        if tag == "meta" and (values.get("content") or "").startswith(("http://", "https://")):
            self.refs.append((tag, "content", values["content"], line))


def parse_page(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def css_refs(path: Path) -> list[tuple[str, str, str, int]]:
    text = path.read_text(encoding="utf-8")
    return [("css", "url", m.group(2), text.count("\n", 0, m.start()) + 1)
            for m in re.finditer(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", text)
            if not m.group(2).startswith("data:")]


def broken_links(out: Path, base: str) -> list[str]:
    """Every problem with an internal link or asset, as `page:line: …`; external pages are not fetched."""
    base = base.rstrip("/") + "/"
    root = urlsplit(base)
    pages = {p: parse_page(p) for p in sorted(out.rglob("*.html"))}
    sources = [(p, page.refs) for p, page in pages.items()] + [(p, css_refs(p)) for p in sorted(out.rglob("*.css"))]
    problems = []
    for path, refs in sources:
        rel = path.relative_to(out).as_posix()
        for tag, attr, value, line in refs:
            where = f"{rel}:{line}: <{tag} {attr}={value!r}>"
            target = urljoin(base + rel, value.strip())
            parts = urlsplit(target)
            if parts.scheme in ("mailto", "tel", "data"):
                continue
            if parts.scheme not in ("http", "https"):
                problems.append(f"{where}: scheme {parts.scheme!r}")
                continue
            if parts.netloc != root.netloc:
                if (tag, attr) in FETCHED or (tag == "link" and attr == "href" and value.endswith((".css", ".js"))):
                    problems.append(f"{where}: a third-party resource")
                continue  # a link to another site: not fetched
            if not (parts.path + "/").startswith(root.path):
                problems.append(f"{where}: outside the site's address {base}")
                continue
            file = out / unquote(parts.path[len(root.path):])
            if parts.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{where}: no such file {file.relative_to(out)}")
            elif parts.fragment and file in pages and unquote(parts.fragment) not in pages[file].ids:
                problems.append(f"{where}: no id {parts.fragment!r} in {file.relative_to(out)}")
    return problems


def test_the_checker_finds_broken_links(tmp_path):
    """The checker itself: a missing page, a missing anchor, a third-party script, a path outside the site."""
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="x"><a href="../a/#x">ok</a></p>')
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="s.css"><a href="a/">ok</a><a href="b/">missing</a>'
        '<a href="a/#y">no anchor</a><script src="https://cdn.example.com/x.js"></script>'
        '<img srcset="a/pic.png 1x, a/index.html 2x"><a href="https://elsewhere.org/">fine</a>'
        '<a href="/other/">outside</a><a href="mailto:rada@example.org">mail</a>')
    (tmp_path / "s.css").write_text("body { background: url('gone.png') }")
    problems = broken_links(tmp_path, "https://rada.example.org/visnyk")
    assert len(problems) == 6, problems
    assert any("b/" in p and "no such file" in p for p in problems)
    assert any("no id 'y'" in p for p in problems)
    assert any("third-party" in p for p in problems)
    assert any("a/pic.png" in p for p in problems)
    assert any("outside the site" in p for p in problems)
    assert any(p.startswith("s.css:1:") for p in problems)


# --- the demo site -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Site:
    """The demo content as it is now (a link, not a copy: whatever pages exist get checked)."""
    site = Site(tmp_path_factory.mktemp("demo"))
    os.symlink(ROOT / "content", site.content)
    return site


@pytest.fixture(scope="module")
def local_build(demo):
    result = demo.build(epoch=EPOCH, output=demo.root / "local")
    assert result.returncode == 0, result.text
    return result.output


@pytest.fixture(scope="module")
def published(demo):
    result = demo.build(epoch=EPOCH, settings="publishconf.py", env={"VISNYK_SITEURL": SITEURL},
                        output=demo.root / "published")
    assert result.returncode == 0, result.text
    return result.output


def test_every_internal_link_and_asset_of_the_local_build_resolves(local_build):
    problems = broken_links(local_build, LOCAL)
    assert not problems, "\n".join(problems[:40])
    assert len(list(local_build.rglob("*.html"))) > 20  # the demo site, not an empty folder


def test_every_internal_link_and_asset_of_the_published_build_resolves(published):
    problems = broken_links(published, SITEURL)
    assert not problems, "\n".join(problems[:40])


def test_feeds_parse_with_absolute_links_ids_and_dates(published):
    feeds = sorted(p for p in published.rglob("*.xml") if not p.name.startswith("sitemap"))
    names = [p.relative_to(published).as_posix() for p in feeds]
    assert "feeds/all.atom.xml" in names and "feeds/news.atom.xml" in names
    for path, name in zip(feeds, names):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, f"{name}: {parsed.get('bozo_exception')}"
        links = {link.get("rel"): link["href"] for link in parsed.feed.get("links", [])}
        if "self" in links:
            assert links["self"] == f"{SITEURL}/{name}", name
        if name.startswith("feeds/") and not name.startswith("feeds/departments/"):
            assert parsed.entries, f"{name} has no entries"
        for entry in parsed.entries:
            assert entry.link.startswith(SITEURL + "/"), (name, entry.link)
            target = published / urlsplit(entry.link).path[len(urlsplit(SITEURL).path) + 1:]
            assert (target / "index.html").is_file() or target.is_file(), (name, entry.link)
            assert "None" not in entry.id and (entry.id.startswith("tag:rada.example.org,")
                                               or entry.id.startswith(SITEURL)), (name, entry.id)
            assert entry.get("published_parsed") or entry.get("updated_parsed"), (name, entry.link)
    newest = feedparser.parse((published / "feeds/all.atom.xml").read_bytes())
    assert len(newest.entries) <= 50  # FEED_MAX_ITEMS


def sitemap_locs(out: Path) -> list[str]:
    """Every <loc> of sitemap.xml (following an index), each file validated against the sitemaps.org XSD."""
    assert XSD.is_file(), "node_modules is missing: run scripts/install-test-tools (npm ci)"
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    root = ET.parse(out / "sitemap.xml").getroot()
    files = [out / "sitemap.xml"]
    if root.tag == f"{{{NS['s']}}}sitemapindex":
        files = [out / loc.text.rsplit("/", 1)[1] for loc in root.findall("s:sitemap/s:loc", NS)]
    locs = []
    for file in files:
        document = etree.parse(str(file))
        assert schema.validate(document), f"{file.name}: {schema.error_log}"
        ran("validator", "sitemap XSD")
        locs += [loc.text for loc in document.getroot().iterfind("s:url/s:loc", NS)]
    return locs


def pages_in(out: Path, content: Path) -> set[str]:
    """URLs of the HTML pages in `out` minus hidden items (found by the domain's own scan, not the plugin)."""
    from visnyk.domain.common.model import Status
    from visnyk.domain.site.scan import scan
    from visnyk.domain.navigation.urls import item_url

    hidden = {item_url(i) for i in scan(str(content)).items if i.status is Status.HIDDEN}
    urls = set()
    for path in out.rglob("*.html"):
        rel = path.relative_to(out).as_posix()
        if rel.startswith(STATIC) or rel == "404.html":
            continue
        urls.add(rel[: -len("index.html")] if path.name == "index.html" else rel)
    assert hidden <= urls, "hidden items are written (reachable by link)"
    return urls - hidden - {"admin/"}  # the web editor: not a page of the site (noindex, not in the sitemap)


def test_sitemap_validates_and_lists_every_published_page(published, demo):
    locs = sitemap_locs(published)
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(SITEURL + "/") for loc in locs)
    listed = {unquote(loc[len(SITEURL) + 1:]) for loc in locs}
    assert listed == pages_in(published, demo.content)
    editor = (published / "admin" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in editor and "admin/" not in listed
    for section in ("", "news/", "archives/", "tags/", "stats/", "reports/"):
        if (published / section / "index.html").is_file():
            assert section in listed, section


def test_robots_txt_points_to_the_sitemap(published):
    robots = (published / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert robots.count("Sitemap:") == 1
    assert f"Sitemap: {SITEURL}/sitemap.xml\n" in robots


def test_a_local_build_has_no_sitemap(local_build):
    assert not (local_build / "sitemap.xml").exists()
    assert "Sitemap:" not in (local_build / "robots.txt").read_text(encoding="utf-8")


# --- the sitemap on small sites ----------------------------------------------------------------------


def test_sitemap_leaves_out_hidden_and_scheduled_items_and_dates_the_rest(site):
    site.write("news/a.md", item(title="Перша новина", date="2024-05-14 10:00", modified="2024-06-01 09:30"))
    site.write("news/b.md", item(title="Прихована новина", status="hidden"))
    site.write("news/c.md", item(title="Майбутня новина", date="2030-01-01 10:00"))
    site.write("pages/pro-nas.md", item(title="Про нас", department=None))
    site.write("extra/robots.txt", "User-agent: *\nDisallow: /chernetky/\n")
    # 2030 is further ahead than the default VISNYK_SCHEDULE_DAYS: this council plans years ahead.
    result = site.build("-e", "VISNYK_SCHEDULE_DAYS=36500", settings="publishconf.py",
                        env={"VISNYK_SITEURL": "https://rada.example.org"})
    assert result.returncode == 0, result.text
    out = result.output
    assert (out / "news/2024/prykhovana-novyna/index.html").is_file()  # hidden: written, reachable by link
    locs = sitemap_locs(out)
    assert "https://rada.example.org/" in locs
    assert "https://rada.example.org/news/2024/persha-novyna/" in locs
    assert "https://rada.example.org/pro-nas/" in locs
    assert not [loc for loc in locs if "prykhovana" in loc or "maibutnia" in loc]
    sitemap = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert ("<loc>https://rada.example.org/news/2024/persha-novyna/</loc>"
            "<lastmod>2024-06-01T09:30:00+03:00</lastmod>") in sitemap
    robots = (out / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nDisallow: /chernetky/\n\nSitemap: https://rada.example.org/sitemap.xml\n"
    assert (site.content / "extra/robots.txt").read_text() == "User-agent: *\nDisallow: /chernetky/\n"


def test_a_large_sitemap_becomes_an_index_of_valid_parts(tmp_path):
    from visnyk.adapters.outputs.sitemap import sitemap_files

    urls = ["", *[f"news/2024/n{n}/" for n in range(6)]]
    files = sitemap_files("https://rada.example.org", urls, {"": "2024-05-14T10:00:00+03:00"}, limit=3)
    assert sorted(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    index = ET.parse(tmp_path / "sitemap.xml").getroot()
    assert [loc.text for loc in index.findall("s:sitemap/s:loc", NS)] == [
        f"https://rada.example.org/sitemap-{n}.xml" for n in (1, 2, 3)]
    assert sitemap_locs(tmp_path) == ["https://rada.example.org/"] + [
        f"https://rada.example.org/news/2024/n{n}/" for n in range(6)]


def test_robots_txt_gets_one_sitemap_line():
    from visnyk.adapters.outputs.sitemap import robots_with_sitemap

    url = "https://rada.example.org/sitemap.xml"
    once = robots_with_sitemap("User-agent: *\nAllow: /", url)
    assert once == f"User-agent: *\nAllow: /\n\nSitemap: {url}\n"
    assert robots_with_sitemap(once, url) == once
    assert robots_with_sitemap(None, url).startswith("User-agent: *\n")
