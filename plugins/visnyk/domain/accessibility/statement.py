"""The accessibility statement («Заява про доступність»): what the site's own quality run found, and when.

The quality tests (tests/test_quality.py) write a small record of their last clean run — the date, the tools
and their versions, how many pages each checked, the theme they checked (a digest of its templates, CSS and
scripts) — into the theme (`theme/accessibility-check.json`, committed). The statement page reads it: its test
date and results are never typed by hand, and when the theme has changed since the record was written the page
says so instead of claiming results for a design nobody tested.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..language import wording

RECORD = "accessibility-check.json"  # in the theme folder
THEME_PARTS = ("templates", "static/css", "static/js")  # what the reader sees, relative to the theme folder
STANDARD = "WCAG 2.2 рівня AA"


@dataclass(frozen=True)
class Tool:
    name: str
    version: str
    pages: int  # how many pages it checked
    problems: int  # violations or errors it found (0 in a clean run)
    what: str  # what it checks, in Ukrainian


@dataclass(frozen=True)
class Record:
    date: dt.date  # the Kyiv date of the run
    theme: str  # the digest of the theme the run checked
    tools: tuple[Tool, ...]
    widths: tuple[int, ...]  # the screen widths the layout was checked at, in CSS px


@dataclass(frozen=True)
class Statement:
    record: Record | None
    current: bool  # the record is of this very theme
    date: str  # "6 грудня 2026 року", or ""


def theme_digest(files: Iterable[tuple[str, bytes]]) -> str:
    """A digest of the theme's files, (path relative to the theme, bytes), independent of their order."""
    digest = hashlib.sha256()
    for path, data in sorted(files):
        digest.update(path.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:16]


def record_json(record: Record) -> str:
    """The record as written into the theme: stable key order, one value a line, "\\n" at the end."""
    data = {
        "date": record.date.isoformat(),
        "theme": record.theme,
        "widths": list(record.widths),
        "tools": [{"name": t.name, "version": t.version, "pages": t.pages, "problems": t.problems, "what": t.what}
                  for t in record.tools],
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def read_record(text: str | None) -> Record | None:
    """The record, or None when there is none or it is not one (a hand-edited, broken file is not a result)."""
    if not text:
        return None
    try:
        data = json.loads(text)
        tools = tuple(Tool(str(t["name"]), str(t["version"]), int(t["pages"]), int(t["problems"]), str(t["what"]))
                      for t in data["tools"])
        return Record(dt.date.fromisoformat(data["date"]), str(data["theme"]), tools,
                      tuple(int(w) for w in data["widths"]))
    except (ValueError, KeyError, TypeError):
        return None


def statement(record: Record | None, theme: str) -> Statement:
    return Statement(record, record is not None and record.theme == theme,
                     wording.long_date(record.date) if record else "")


def pages_checked(n: int) -> str:
    """ "47 сторінок" — for "перевірено на …"."""
    return wording.Forms("сторінці", "сторінках", "сторінках").count(n)
