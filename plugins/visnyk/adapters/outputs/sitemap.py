"""sitemap.xml of every published page, and robots.txt pointing to it — for a site with an absolute SITEURL.

The list is what the build actually wrote: once every generator and the static files are done
(`finalized`), the output folder is walked once for HTML pages — items, lists, tags, archives,
departments, statistics, reports, whatever exists — so no page type can be forgotten. Left out:
hidden items (reachable by link only, not listed), the 404 page, the static folders and the web editor
(admin/).

Pelican's `finalized` signal carries the Pelican object and no build context, while the content objects
(to tell hidden pages and to date each item) are seen at `all_generators_finalized`. The generators
share the Pelican object's settings dict, so `plan` leaves a small `Plan` there under a private key
and `write` takes it out again: nothing outlives the build.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit
from xml.sax.saxutils import escape

from pelican.generators import ArticlesGenerator, PagesGenerator

from .editor import FOLDER as EDITOR_FOLDER

NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000  # per sitemap file (sitemaps.org protocol); more and sitemap.xml becomes an index
SITEMAP = "sitemap.xml"
ROBOTS = "robots.txt"
NOT_PAGES = frozenset({"404.html"})
PLAN_KEY = "_visnyk_sitemap_plan"  # not a setting: lives in the settings dict for one build only


@dataclass(frozen=True)
class Plan:
    hidden: frozenset[str] = frozenset()  # URLs (relative, as Pelican's content.url) left out
    lastmod: dict[str, str] = field(default_factory=dict)  # URL → W3C datetime of the item


def is_absolute(siteurl: str) -> bool:
    parts = urlsplit(siteurl or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def page_urls(output: str, skip_dirs: Iterable[str]) -> Iterator[str]:
    """Relative URLs of the HTML pages under `output` ("" for the home page), in a stable order."""
    skip = {d.strip("/") + "/" for d in skip_dirs if d}
    pending = [""]  # folders to list, relative, each ending in "/" (one scandir per folder, no stat calls)
    while pending:
        rel = pending.pop()
        dirs, pages = [], []
        with os.scandir(os.path.join(output, rel)) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if rel + entry.name + "/" not in skip:
                        dirs.append(rel + entry.name + "/")
                elif entry.name.endswith(".html") and rel + entry.name not in NOT_PAGES:
                    pages.append(rel if entry.name == "index.html" else rel + entry.name)
        yield from sorted(pages)
        pending += sorted(dirs, reverse=True)


def urlset(siteurl: str, urls: Iterable[str], lastmod: dict[str, str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<urlset xmlns="{NAMESPACE}">']
    for url in urls:
        entry = f"<url><loc>{escape(absolute(siteurl, url))}</loc>"
        if url in lastmod:
            entry += f"<lastmod>{lastmod[url]}</lastmod>"
        lines.append(entry + "</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def sitemap_index(siteurl: str, names: Iterable[str]) -> str:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', f'<sitemapindex xmlns="{NAMESPACE}">']
    lines += [f"<sitemap><loc>{escape(absolute(siteurl, n))}</loc></sitemap>" for n in names]
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def absolute(siteurl: str, url: str) -> str:
    return siteurl.rstrip("/") + "/" + quote(url, safe="/-._~%")


def sitemap_files(siteurl: str, urls: list[str], lastmod: dict[str, str],
                  limit: int = MAX_URLS) -> dict[str, str]:
    """File name → text: one sitemap.xml, or sitemap-1.xml… with sitemap.xml as their index."""
    if len(urls) <= limit:
        return {SITEMAP: urlset(siteurl, urls, lastmod)}
    parts = {
        f"sitemap-{n}.xml": urlset(siteurl, urls[start:start + limit], lastmod)
        for n, start in enumerate(range(0, len(urls), limit), 1)
    }
    return {SITEMAP: sitemap_index(siteurl, parts), **parts}


def robots_with_sitemap(current: str | None, sitemap_url: str) -> str:
    """robots.txt with a `Sitemap:` line for our sitemap (added once; an editor's own lines kept)."""
    text = current if current is not None else "User-agent: *\nAllow: /\n"
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip().lower() == "sitemap" and value.strip() == sitemap_url:
            return text
    return text.rstrip("\n") + f"\n\nSitemap: {sitemap_url}\n"


def _write(path: str, text: str) -> None:
    """Write through a new file, so a hard- or sym-linked static copy never changes its source."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(tmp, path)


def plan(generators) -> None:
    """all_generators_finalized: note hidden items and each item's date for the sitemap."""
    settings = generators[0].settings
    settings.pop(PLAN_KEY, None)
    if not is_absolute(settings.get("SITEURL", "")):
        return
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    hidden = [*articles.hidden_articles, *articles.hidden_translations,
              *pages.hidden_pages, *pages.hidden_translations]  # fmt: skip
    shown = [*articles.articles, *articles.translations, *pages.pages, *pages.translations]
    lastmod = {}
    for content in shown:
        when = getattr(content, "modified", None) or getattr(content, "date", None)
        if when is not None:
            lastmod[content.url] = when.isoformat(timespec="seconds")
    settings[PLAN_KEY] = Plan(frozenset(c.url for c in hidden), lastmod)


def write(pelican) -> None:
    """finalized: write sitemap.xml (or an index and its parts) and point robots.txt to it."""
    settings = pelican.settings
    found = settings.pop(PLAN_KEY, None)
    siteurl = settings.get("SITEURL", "")
    if found is None or not is_absolute(siteurl):
        return
    output = pelican.output_path
    static = [settings.get("THEME_STATIC_DIR", "theme"), *settings.get("STATIC_PATHS", []), EDITOR_FOLDER]
    urls = [u for u in page_urls(output, static) if u not in found.hidden]
    for name, text in sitemap_files(siteurl, urls, found.lastmod).items():
        _write(os.path.join(output, name), text)
    robots = os.path.join(output, ROBOTS)
    current = open(robots, encoding="utf-8").read() if os.path.isfile(robots) else None
    _write(robots, robots_with_sitemap(current, absolute(siteurl, SITEMAP)))
