"""Pelican reader for `.md` files with YAML front matter, validated by `visnyk.domain.content.items`.

A file with problems is never dropped quietly: the reader returns a placeholder draft that carries
the problems, and `contract.finalize` fails the build listing them with everyone else's. Because the
problems travel in the metadata, Pelican's content cache keeps them too.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from urllib.parse import unquote

from pelican.readers import BaseReader
from pelican.urlwrappers import Category, Tag

from ...domain.common.clock import KYIV
from ...domain.common.memo import digest
from ...domain.content.items import parse_item
from ...domain.content.items import Parsed
from ...domain.common.model import DEFAULT_LANGUAGE, Item, Status
from ...domain.navigation.slugs import slugify
from ...domain.navigation.urls import item_url, save_as

PROBLEMS = "visnyk_problems"
ITEM = "visnyk_item"
DEPARTMENT = "visnyk_department"
LINKS = "visnyk_links"
_TAGS = re.compile(r"<[^>]+>")
# {tag}благоустрій → {tag}blahoustrii: Pelican would slugify the name its own way (blagoustrii), not ours.
# The old |tag| syntax (and its mixed forms, `{tag|`) is the same link to Pelican: written as {tag} too.
_TAG_LINK = re.compile(r"""(=\s*["'])[{|]tag[}|]([^"']*)(["'])""")


def tag_links(markup: str) -> str:
    if "tag}" not in markup and "tag|" not in markup:
        return markup
    return _TAG_LINK.sub(lambda m: f"{m.group(1)}{{tag}}{slugify(html.unescape(unquote(m.group(2))).strip())}{m.group(3)}",
                         markup)


def plain_text(markup: str, limit: int = 200) -> str:
    """A plain-text description from HTML: for <meta name="description"> and feeds."""
    text = " ".join(html.unescape(_TAGS.sub(" ", markup)).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


REPORT_SOURCE = "report_markdown"
# id(settings) → {relpath: (digest of the bytes, Parsed, its body and description or None)}: files parsed before
# Pelican reads them, on every core (adapters/rebuild/reading.py); the reader takes a file's entry only when the
# bytes it reads are those.
PREPARED: dict[int, dict[str, tuple[bytes, Parsed, tuple[str, str] | None]]] = {}


def taken(settings: dict, relpath: str, raw: bytes) -> tuple[Parsed, tuple[str, str] | None] | None:
    """The file parsed ahead, if its bytes are those read now: (Parsed, (body, description) or None)."""
    entry = PREPARED.get(id(settings), {}).pop(relpath, None)
    return (entry[1], entry[2]) if entry is not None and entry[0] == digest(raw) else None


def finished(parsed: Parsed) -> tuple[str, str] | None:
    """A valid item's body as Pelican gets it (tag links made ours) and its description: made where it was
    parsed (on every core in a cold build)."""
    if parsed.item is None:
        return None
    content = tag_links(parsed.html)
    return content, parsed.item.summary or plain_text(content)


class VisnykReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def read(self, source_path):
        """The body as the contract renders it (domain/content/body.py: the same Markdown for check and build)."""
        root = self.settings["PATH"]
        prefix = root.rstrip(os.sep) + os.sep
        if source_path.startswith(prefix) and os.path.isabs(root):  # (Pelican's own absolute path under PATH)
            relpath = source_path[len(prefix):].replace(os.sep, "/")
        else:
            relpath = os.path.relpath(source_path, root).replace(os.sep, "/")
        with open(source_path, "rb") as handle:
            raw = handle.read()
        parsed, ready = taken(self.settings, relpath, raw) or (parse_item(relpath, raw, want_html=True), None)
        if parsed.item is None:
            return "", placeholder(relpath, parsed)
        content, description = ready or finished(parsed)
        metadata = self.metadata(parsed.item, description)
        if parsed.item.report is not None:  # its Word file needs the department's own Markdown
            metadata[REPORT_SOURCE] = parsed.body
        return content, metadata

    def metadata(self, item: Item, description: str) -> dict:
        settings = self.settings
        url = item_url(item)
        tags = []
        for name in item.tags:
            tag = Tag(name, settings)
            tag.slug = slugify(name)
            tags.append(tag)
        metadata = {
            ITEM: item,
            "title": item.title,
            "date": item.date,
            "slug": item.slug,
            "status": item.status.value,
            "lang": item.lang,
            "tags": tags,
            "category": Category(item.type.folder, settings),
            "item_type": item.type.value,
            "department": item.department,
            "description": description,
            "summary": html.escape(description),
            "url": url,
            # Translations share a URL but for the language prefix (not merely a slug: the same
            # slug in two years is two different items). Drafts are never written and may share a
            # URL (two versions of one text): keyed by file, Pelican does not warn about them.
            "translation_key": item.source if item.status is Status.DRAFT
            else url if item.lang == DEFAULT_LANGUAGE else url.split("/", 1)[1],
            # A hand-written report is shown inside its generated report page, not on a page of its own;
            # a draft is never written at all.
            "save_as": "" if item.report is not None or item.status.value == "draft" else save_as(url),
        }
        if item.modified:
            metadata["modified"] = item.modified
        return metadata


def placeholder(relpath: str, parsed: Parsed) -> dict:
    """Metadata for a file that failed validation: a draft nobody sees, carrying its problems."""
    return {
        PROBLEMS: list(parsed.problems),
        DEPARTMENT: parsed.department,
        LINKS: parsed.links,
        "translation_key": relpath,
        "title": relpath,
        "date": dt.datetime(1970, 1, 1, tzinfo=KYIV),
        "slug": "visnyk-invalid-" + slugify(relpath),
        "status": "draft",
        "url": "",
        "save_as": "",
    }
