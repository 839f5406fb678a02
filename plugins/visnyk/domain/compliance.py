"""Publication deadlines as open data (stats/compliance.json + schema + CSV) and as the compliance page.

Views of `cycle.Cycle`; deterministic (sorted rows, "\\n" line ends, no build timestamps).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

from . import wording
from .alphabet import by_name
from .cycle import ADOPTED_DAYS, DRAFT_DAYS, Cycle, Rule, Tally, Verdict
from .model import Department
from .opendata import spreadsheet_safe
from .urls import item_url

COLUMNS = ("source", "rule", "act_kind", "department", "published", "event_date", "working_days", "on_time",
           "late_by", "title", "url")
RULES = {
    "draft": f"проєкт рішення: щонайменше {DRAFT_DAYS} робочих днів строго між датою оприлюднення і датою розгляду",
    "adopted": f"ухвалений акт: не більше {ADOPTED_DAYS} робочих днів після дати ухвалення до дати оприлюднення включно",
}


def _common(v: Verdict, base: str) -> dict:
    return {
        "source": v.source,
        "rule": v.rule.value,
        "act_kind": v.item.act_kind.value,
        "department": v.item.department or "",
        "published": v.published.isoformat(),
        "title": v.item.title,
        "url": base + item_url(v.item),
    }


def data(cycle: Cycle, departments: Mapping[str, Department], siteurl: str) -> dict:
    base = siteurl.rstrip("/") + "/" if siteurl else ""
    acts, missing = [], []
    for v in cycle.verdicts:
        record = _common(v, base)
        if v.on_time is None:
            record["missing"] = "consideration" if v.rule is Rule.DRAFT else "adopted"
            missing.append(record)
        else:
            record.update(event_date=v.event.isoformat(), working_days=v.working_days, on_time=v.on_time,
                          late_by=v.late_by)
            acts.append(record)
    return {
        "timezone": "Europe/Kyiv",
        "rules": RULES,
        "departments": {slug: departments[slug].name for slug in sorted(departments)},
        "acts": acts,
        "no_data": missing,
    }


def to_json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def to_csv(value: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    rows = sorted([*value["acts"], *value["no_data"]], key=lambda r: (r["published"], r["source"]))
    for row in rows:  # a title such as "=HYPERLINK(…)" stays text in a spreadsheet (opendata.spreadsheet_safe)
        on_time = {True: "true", False: "false"}.get(row.get("on_time"), "")
        writer.writerow({**{key: spreadsheet_safe(value) for key, value in row.items()}, "on_time": on_time})
    return buffer.getvalue()


def schema(siteurl: str) -> dict:
    base = siteurl.rstrip("/") + "/" if siteurl else ""
    common = {
        "source": {"type": "string", "description": "шлях файлу акта від теки content/", "pattern": r"^acts/.+\.md$"},
        "rule": {"enum": ["draft", "adopted"]},
        "act_kind": {"enum": ["draft_decision", "council_decision", "executive_decision", "mayor_order",
                              "regulatory_act"]},
        "department": {"type": "string"},
        "published": {"type": "string", "format": "date", "description": "дата оприлюднення (київський час)"},
        "title": {"type": "string"},
        "url": {"type": "string"},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}stats/compliance.schema.json",
        "title": "Дотримання строків оприлюднення актів",
        "type": "object",
        "required": ["timezone", "rules", "departments", "acts", "no_data"],
        "additionalProperties": False,
        "properties": {
            "timezone": {"const": "Europe/Kyiv"},
            "rules": {"type": "object", "required": ["draft", "adopted"],
                      "additionalProperties": {"type": "string"}},
            "departments": {"type": "object", "additionalProperties": {"type": "string"}},
            "acts": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": [*common, "event_date", "working_days", "on_time", "late_by"],
                "properties": {
                    **common,
                    "event_date": {"type": "string", "format": "date",
                                   "description": "дата розгляду (draft) або ухвалення (adopted)"},
                    "working_days": {"type": "integer", "minimum": 0},
                    "on_time": {"type": "boolean"},
                    "late_by": {"type": "integer", "minimum": 0, "description": "на скільки робочих днів пізніше строку"},
                },
            }},
            "no_data": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": [*common, "missing"],
                "properties": {**common, "missing": {"enum": ["consideration", "adopted"]}},
            }},
        },
    }


# --- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    draft: Tally
    adopted: Tally
    url: str = ""


@dataclass(frozen=True)
class YearView:
    year: int
    months: tuple[Row, ...]
    total: Row
    departments: tuple[Row, ...]
    late: tuple[Verdict, ...]
    no_data: tuple[Verdict, ...]
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class PageView:
    total: Row
    sentences: tuple[str, ...]
    years: tuple[YearView, ...]


def sentences(draft: Tally, adopted: Tally) -> tuple[str, ...]:
    found = (
        wording.deadline_sentence("draft", draft.on_time, draft.late, draft.no_data, DRAFT_DAYS, ADOPTED_DAYS),
        wording.deadline_sentence("adopted", adopted.on_time, adopted.late, adopted.no_data, DRAFT_DAYS, ADOPTED_DAYS),
    )
    return tuple(s for s in found if s)


def _row(cycle: Cycle, label: str, url: str = "", **query) -> Row:
    return Row(label, cycle.tally(Rule.DRAFT, **query), cycle.tally(Rule.ADOPTED, **query), url)


def view(cycle: Cycle, departments: Mapping[str, Department]) -> PageView:
    """Newest year first; months of a year in order; departments in Ukrainian alphabetical order."""
    years = []
    for year in reversed(cycle.years()):
        months = tuple(_row(cycle, wording.month_name(m).capitalize(), year=year, month=m) for m in cycle.months(year))
        total = _row(cycle, f"Усього за {year} рік", year=year)
        rows = tuple(r for r in (_row(cycle, departments[s].name, f"departments/{s}/", year=year, department=s)
                                 for s in by_name(departments)) if r.draft.total or r.adopted.total)
        years.append(YearView(year, months, total, rows, tuple(cycle.late(year)), tuple(cycle.no_data(year)),
                              sentences(total.draft, total.adopted)))
    total = _row(cycle, "Усього")
    return PageView(total, sentences(total.draft, total.adopted), tuple(years))
