"""Publication deadlines as open data (stats/compliance.json + schema + CSV) and as the compliance page.

Views of `cycle.Cycle`; deterministic (sorted rows, "\\n" line ends, no build timestamps).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from dataclasses import dataclass

from ..language import wording
from ..language.alphabet import by_name
from .cycle import ADOPTED_DAYS, DRAFT_DAYS, Cycle, Rule, Tally, Verdict
from ..common.model import Department
from ..counting.opendata import spreadsheet_safe
from ..navigation.urls import item_url
from ..language.typography import typeset
from . import records
from .workdays import HOLIDAYS_SUSPENDED_SINCE, Calendar, DraftCounting

COLUMNS = ("source", "rule", "act_kind", "department", "published", "event_date", "working_days", "on_time",
           "late_by", "title", "url")
DRAFT_RULE = {
    DraftCounting.STRICTLY_BETWEEN:
        f"проєкт рішення: щонайменше {DRAFT_DAYS} робочих днів строго між датою оприлюднення і датою розгляду",
    DraftCounting.WITH_PUBLICATION_DAY:
        f"проєкт рішення: щонайменше {DRAFT_DAYS} робочих днів від дати оприлюднення включно до дати розгляду",
}
ADOPTED_RULE = f"ухвалений акт: не більше {ADOPTED_DAYS} робочих днів після дати ухвалення до дати оприлюднення включно"
RULES = {"draft": DRAFT_RULE[DraftCounting.STRICTLY_BETWEEN], "adopted": ADOPTED_RULE}  # the default convention


def rules(calendar: Calendar) -> dict[str, str]:
    return {"draft": DRAFT_RULE[calendar.draft_counting], "adopted": ADOPTED_RULE}


# How the compliance page counts, with the legal basis of each step (shown under «Як рахуємо»).
_DRAFT_DAYS_HOW = {
    DraftCounting.STRICTLY_BETWEEN: (
        "Рахуємо робочі дні між днем оприлюднення і днем розгляду, не враховуючи ні того, ні іншого: «за "
        f"{DRAFT_DAYS} днів до дати» саму дату розгляду не охоплює, а строк, що обчислюється від події, "
        "починається наступного дня після неї (стаття 253 Цивільного кодексу України). Наприклад, проєкт, "
        "оприлюднений у пʼятницю 6 листопада 2026 року, вчасний для розгляду в понеділок 23 листопада: між ними "
        "10 робочих днів (9–20 листопада)."),
    DraftCounting.WITH_PUBLICATION_DAY: (
        "Рахуємо робочі дні від дня оприлюднення (якщо він робочий) до дня розгляду, не враховуючи дня розгляду: "
        "так вирішила рада, хоча за статтею 253 Цивільного кодексу України строк, що обчислюється від події, "
        "починається наступного дня після неї."),
}


def method(calendar: Calendar) -> tuple[str, ...]:
    """ «Як рахуємо»: the working days, both rules and their legal basis, the convention in force."""
    suspended = wording.long_date(HOLIDAYS_SUSPENDED_SINCE)
    return tuple(typeset(line) for line in (
        "Дати — за київським часом. Робочий день — понеділок–пʼятниця, крім святкових і неробочих днів "
        "(стаття 73 Кодексу законів про працю України; свято, що припадає на вихідний, переносить вихідний на "
        f"наступний робочий день — стаття 67). З {suspended} на час воєнного стану ці норми не застосовуються "
        "(частина шоста статті 6 Закону України «Про організацію трудових відносин в умовах воєнного стану» "
        "від 15.03.2022 № 2136-IX, чинного з цього дня), тож робочі — усі дні з понеділка по пʼятницю. "
        "Воєнний стан запроваджено 24 лютого 2022 року, але до набрання чинності цим законом свята лишалися "
        "вихідними: 8 березня 2022 року — не робочий день.",
        f"Проєкт рішення вчасний, якщо його оприлюднено не пізніше як за {DRAFT_DAYS} робочих днів до дати "
        "розгляду (частина третя статті 15 Закону України «Про доступ до публічної інформації»). "
        + _DRAFT_DAYS_HOW[calendar.draft_counting]
        + " День розгляду — дата, зазначена в картці проєкту, або дата засідання сесії чи виконавчого комітету, "
        "у порядку денному якого є цей проєкт.",
        "Ухвалений акт (рішення ради чи виконавчого комітету, розпорядження міського голови, регуляторний акт) "
        f"вчасний, якщо його оприлюднено не пізніше {ADOPTED_DAYS} робочих днів з дня ухвалення (частина друга "
        "статті 15 того самого закону): рахуємо від дня після ухвалення до дня оприлюднення включно.",
        "Акт без потрібної дати не рахується ні вчасним, ні запізнілим — він у переліку «без даних». Акт належить "
        "до місяця свого оприлюднення.",
        *records.method(calendar),
    ))


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
        "rules": {**rules(cycle.calendar), **records.rules(cycle.calendar)},
        "departments": {slug: departments[slug].name for slug in sorted(departments)},
        "acts": acts,
        "no_data": missing,
        "meeting_records": records.compliance_records(cycle.records, lambda m: base + item_url(m)),
    }


def to_json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


def to_csv(value: dict) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    meetings = [{**r, "act_kind": "", "working_days": r["days"] if r["rule"] == "protocol" else None}
                for r in value.get("meeting_records", ()) if r["published"]]  # judged ones: a row needs its date
    rows = sorted([*value["acts"], *value["no_data"], *value.get("roll_calls", ()), *meetings],
                  key=lambda r: (r["published"], r["source"]))
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
        "required": ["timezone", "rules", "departments", "acts", "no_data", "meeting_records"],
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
            "meeting_records": records.COMPLIANCE_SCHEMA,
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
    method: tuple[str, ...] = method(Calendar())  # «Як рахуємо»
    records: tuple[str, ...] = ()  # the meetings' videos and protocols: one sentence a rule
    records_late: tuple = ()  # records.RecordVerdict late or without data, by day


def sentences(draft: Tally, adopted: Tally) -> tuple[str, ...]:
    found = (
        wording.deadline_sentence("draft", draft.on_time, draft.late, draft.no_data, DRAFT_DAYS, ADOPTED_DAYS),
        wording.deadline_sentence("adopted", adopted.on_time, adopted.late, adopted.no_data, DRAFT_DAYS, ADOPTED_DAYS),
    )
    return tuple(typeset(s) for s in found if s)


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
    kept = tuple(typeset(line) for line in (
        records.sentence(rule, records.tally(records.in_period(cycle.records, rule)), cycle.calendar)
        for rule in records.Record) if line)
    return PageView(total, sentences(total.draft, total.adopted), tuple(years), method(cycle.calendar), kept,
                    tuple(v for v in cycle.records if v.on_time is not True))
