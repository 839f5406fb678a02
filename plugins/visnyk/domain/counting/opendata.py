"""Open data of the counts: publications.json/.csv with a JSON Schema, and the register of publications.

Formats are deterministic (sorted rows, sorted keys, "\\n" line endings, no time but the build clock's
date) so a rebuild of the same content with the same clock gives byte-identical files.

Rows are only the (month, type, department) that have publications: no zero is written, and none is
invented for the months before the site's first publication, when there was nothing to count. What
`first_period`..`last_period` covers instead says where a missing row means a true zero (inside) and
where the dataset has nothing to say (outside); `as_of` is the build's Kyiv date, so a reader knows the
last month is still running.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Mapping

from ..common.clock import kyiv
from .counting import Counts
from ..common.model import COUNTED_TYPES, ActKind, Department, Item
from ..navigation.urls import item_url
from ..language.wording import ACT_KIND_LABEL, TYPE_LABEL

TIMEZONE = "Europe/Kyiv"
PERIOD_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$"
PUBLICATION_COLUMNS = ("period", "type", "department", "count")
REGISTER_COLUMNS = ("date", "type", "act_kind", "number", "department", "title", "url")


def publications(counts: Counts, departments: Mapping[str, Department], clock: dt.datetime) -> dict:
    first, today = counts.first_month(), kyiv(clock).date()
    return {
        "timezone": TIMEZONE,
        "as_of": today.isoformat(),
        "first_period": f"{first[0]:04d}-{first[1]:02d}" if first else None,
        "last_period": f"{today.year:04d}-{today.month:02d}" if first else None,
        "types": {t.value: TYPE_LABEL[t] for t in COUNTED_TYPES},
        "act_kinds": {k.value: ACT_KIND_LABEL[k] for k in ActKind},
        "departments": {slug: departments[slug].name for slug in sorted(departments)},
        "monthly": counts.rows(),
        "monthly_act_kinds": counts.act_kind_rows(),
    }


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


# A cell a spreadsheet would run as a formula ("=HYPERLINK(…)" as a title): an apostrophe in front makes it
# text in Excel, LibreOffice and Google Sheets (OWASP's advice on CSV injection). JSON keeps the exact text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def csv_text(columns, rows) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({key: spreadsheet_safe(value) for key, value in row.items()} for row in rows)
    return buffer.getvalue()


def publications_csv(counts: Counts) -> str:
    return csv_text(PUBLICATION_COLUMNS, counts.rows())


def counted_items(counts: Counts) -> list[Item]:
    return sorted((i for group in counts.items.values() for i in group), key=lambda i: (i.date, i.source))


def register_csv(counts: Counts, siteurl: str) -> str:
    """Every counted publication: the dataset a council uploads to the national open-data portal."""
    base = siteurl.rstrip("/") + "/"
    rows = [
        {
            "date": kyiv(item.date).date().isoformat(),  # every set's dates: ISO 8601 РРРР-ММ-ДД, Kyiv
            "type": item.type.value,
            "act_kind": item.act_kind.value if item.act_kind else "",
            "number": item.number or "",
            "department": item.department or "",
            "title": item.title,
            "url": base + item_url(item),
        }
        for item in counted_items(counts)
    ]
    return csv_text(REGISTER_COLUMNS, rows)


def schema(siteurl: str) -> dict:
    """JSON Schema (2020-12) of publications.json."""
    count_row = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "period": {"type": "string", "pattern": PERIOD_PATTERN,
                       "description": "Місяць за київським часом, РРРР-ММ"},
            "type": {"enum": [t.value for t in COUNTED_TYPES]},
            "department": {"type": "string", "description": "slug підрозділу з departments"},
            "count": {"type": "integer", "minimum": 1},
        },
    }
    act_row = {**count_row, "properties": {**count_row["properties"], "act_kind": {"enum": [k.value for k in ActKind]}}}
    del act_row["properties"]["type"]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": siteurl.rstrip("/") + "/stats/publications.schema.json",
        "title": "Кількість оприлюднених матеріалів за місяцями, типами й підрозділами",
        "type": "object",
        "additionalProperties": False,
        "required": ["timezone", "as_of", "first_period", "last_period", "types", "act_kinds", "departments",
                     "monthly", "monthly_act_kinds"],
        "properties": {
            "timezone": {"const": TIMEZONE},
            "as_of": {"type": "string", "format": "date",
                      "description": "Дата збирання сайту за київським часом: дані станом на цей день"},
            "first_period": {"type": ["string", "null"], "pattern": PERIOD_PATTERN,
                             "description": "Місяць першої публікації; раніших місяців у даних немає (не нулі, а відсутність даних)"},
            "last_period": {"type": ["string", "null"], "pattern": PERIOD_PATTERN,
                            "description": "Місяць дати as_of (ще може тривати). Від first_period до last_period "
                                           "відсутній рядок означає 0"},
            "types": {"type": "object", "additionalProperties": {"type": "string"}},
            "act_kinds": {"type": "object", "additionalProperties": {"type": "string"}},
            "departments": {"type": "object", "additionalProperties": {"type": "string"}},
            "monthly": {"type": "array", "items": {**count_row, "required": list(PUBLICATION_COLUMNS)}},
            "monthly_act_kinds": {"type": "array", "items": {**act_row, "required": ["period", "department", "act_kind", "count"]}},
        },
    }
