"""The deputies as a data set: one row a deputy of the registry (content/deputies.yml), in the column names
data.gov.ua's structure for «Дані про депутатів місцевих рад» uses where it has them (`id`, `name`), the
same `id` as `voterId` in the roll-call votes, so the two sets join."""

from __future__ import annotations

from ..counting.opendata import csv_text
from ..votes.records import Council, Deputy

CSV, SCHEMA = "deputies/deputies.csv", "deputies/deputies.tableschema.json"
COLUMNS = ("id", "name", "faction", "elected", "startDate", "endDate", "url")


def rows(council: Council, base: str, url_of) -> list[dict]:
    def row(d: Deputy) -> dict:
        return {"id": d.id, "name": d.name, "faction": d.faction, "elected": d.elected,
                "startDate": d.began.isoformat(), "endDate": d.ended.isoformat() if d.ended else "",
                "url": base + url_of(d)}
    return [row(d) for d in council.deputies]


def to_csv(council: Council, base: str, url_of) -> str:
    return csv_text(COLUMNS, rows(council, base, url_of))


def schema() -> dict:
    """Table Schema (frictionless) of deputies.csv."""
    def field(name, kind, title, description="", **constraints):
        out = {"name": name, "type": kind, "title": title, **({"description": description} if description else {})}
        return {**out, "constraints": constraints} if constraints else out
    return {"fields": [
        field("id", "string", "Ідентифікатор депутата", "той самий, що voterId у votes/votes.csv", required=True,
              unique=True, pattern="[a-z0-9-]+"),
        field("name", "string", "Прізвище, імʼя, по батькові", required=True),
        field("faction", "string", "Фракція (депутатська група)", required=True),
        field("elected", "string", "Як обрано: виборчий округ або список партії", required=True),
        field("startDate", "date", "Початок повноважень", "РРРР-ММ-ДД (ISO 8601)", required=True),
        field("endDate", "date", "Припинення повноважень", "РРРР-ММ-ДД (ISO 8601); порожньо — повноваження тривають"),
        field("url", "string", "Сторінка депутата на сайті", required=True),
    ], "primaryKey": ["id"], "missingValues": [""]}
