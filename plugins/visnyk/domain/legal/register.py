"""«Реєстр рішень і розпоряджень»: every published decision and order with its number, date, kind,
department, title and legal status, as rows for the register page and as open data (CSV and JSON with one
Table Schema, frictionless: the JSON's rows are the CSV's rows).

Deterministic: rows sorted by adoption date (newest first), then number and file; no time but the dates of
the acts and of the build's clock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..common.clock import kyiv
from ..counting.counting import counts_item
from ..common.model import ADOPTED_KINDS, Department, Item
from ..counting.opendata import spreadsheet_safe
from ..navigation.urls import item_url
from ..language.wording import ACT_KIND_LABEL
from .status import FORCE_LABEL, ActStatus, Force, citation, has_status, legal_date

TITLE = "Реєстр рішень і розпоряджень"
FILES = ("register.csv", "register.json", "register.schema.json")  # under acts/
COLUMNS = ("number", "adopted", "published", "act_kind", "department", "title", "status", "in_force_from",
           "amended_by", "repealed_by", "url")


@dataclass(frozen=True)
class Row:
    act: Item
    status: ActStatus
    adopted: dt.date
    number: str  # without "№"

    @property
    def year(self) -> int:
        return self.adopted.year

    @property
    def sort_number(self) -> str:
        """The number's digits first, zero-padded, so that «97-р» sorts before «152-р»."""
        digits = "".join(c for c in self.number if c.isdigit())[:12]
        return f"{digits:0>12}{self.number}"


def rows(items: Iterable[Item], found: Mapping[str, ActStatus], clock: dt.datetime) -> tuple[Row, ...]:
    """The register's acts: published, in Ukrainian, no longer scheduled, with a legal status."""
    out = [Row(i, found[i.source], legal_date(i), (i.number or "").strip().removeprefix("№").strip())
           for i in items if has_status(i) and counts_item(i, clock) and i.source in found]
    out.sort(key=lambda r: (-r.adopted.toordinal(), r.sort_number, r.act.source))
    return tuple(out)


def record(row: Row, departments: Mapping[str, Department], siteurl: str) -> dict[str, str]:
    base = siteurl.rstrip("/") + "/" if siteurl else "/"
    status = row.status
    department = departments.get(row.act.department or "")
    return {
        "number": row.number,
        "adopted": row.adopted.isoformat(),
        "published": kyiv(row.act.date).date().isoformat(),
        "act_kind": ACT_KIND_LABEL[row.act.act_kind],
        "department": department.name if department else "",
        "title": row.act.title,
        "status": status.label,
        "in_force_from": status.in_force_from.isoformat(),
        "amended_by": "; ".join(f"{citation(c.act)} (з {c.effective:%d.%m.%Y})" for c in status.amended_by
                                if c.taken_effect),
        "repealed_by": (f"{citation(status.repealed_by.act)} (з {status.repealed_by.effective:%d.%m.%Y})"
                        if status.force is Force.REPEALED else ""),
        "url": base + item_url(row.act),
    }


def to_csv(records: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for one in records:  # a title such as "=HYPERLINK(…)" stays text in a spreadsheet
        writer.writerow({key: spreadsheet_safe(value) for key, value in one.items()})
    return buffer.getvalue()


def to_json(records: list[dict[str, str]], clock: dt.datetime) -> str:
    data = {"title": TITLE, "timezone": "Europe/Kyiv", "as_of": kyiv(clock).date().isoformat(), "acts": records}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def schema() -> dict:
    """A Table Schema (frictionless) of the CSV's columns, which are also the keys of each JSON row."""
    text = lambda name, title, description="", **more: {  # noqa: E731
        "name": name, "type": "string", "title": title, **({"description": description} if description else {}), **more}
    return {
        "fields": [
            text("number", "Номер", "реєстраційний номер акта, без знака №"),
            {"name": "adopted", "type": "date", "title": "Дата ухвалення",
             "description": "дата ухвалення чи підписання (київський час); без неї — дата оприлюднення",
             "constraints": {"required": True}},
            {"name": "published", "type": "date", "title": "Дата оприлюднення", "constraints": {"required": True}},
            text("act_kind", "Вид акта", constraints={"required": True,
                                                      "enum": [ACT_KIND_LABEL[k] for k in ADOPTED_KINDS]}),
            text("department", "Підрозділ"),
            text("title", "Назва", constraints={"required": True}),
            text("status", "Правовий статус", constraints={"required": True, "enum": [FORCE_LABEL[f] for f in Force]}),
            {"name": "in_force_from", "type": "date", "title": "Набирає чинності", "constraints": {"required": True}},
            text("amended_by", "Зміни внесено", "акти, що внесли зміни, через «; », з датою, від якої діють зміни"),
            text("repealed_by", "Втратив чинність на підставі", "акт, що скасував цей, і дата втрати чинності"),
            # No "format": "uri": without SITEURL the address is site-relative ("/acts/…"), which frictionless
            # refuses as a URI (found by tests/test_opendata.py); stats/ and votes/ type theirs as plain strings too.
            {"name": "url", "type": "string", "title": "Сторінка акта", "constraints": {"required": True}},
        ],
        "primaryKey": ["url"],
        "missingValues": [""],
    }


# --- the page --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class RegisterView:
    rows: tuple[Row, ...]
    kinds: tuple[Choice, ...]
    years: tuple[int, ...]
    departments: tuple[Choice, ...]
    statuses: tuple[Choice, ...]


def view(found_rows: tuple[Row, ...], departments: Mapping[str, Department]) -> RegisterView:
    kinds = sorted({r.act.act_kind for r in found_rows}, key=lambda k: ACT_KIND_LABEL[k])
    used = sorted({r.act.department for r in found_rows if r.act.department in departments},
                  key=lambda s: departments[s].name)
    forces = [f for f in Force if any(r.status.force is f for r in found_rows)]
    return RegisterView(found_rows, tuple(Choice(k.value, ACT_KIND_LABEL[k]) for k in kinds),
                        tuple(sorted({r.year for r in found_rows}, reverse=True)),
                        tuple(Choice(s, departments[s].name) for s in used),
                        tuple(Choice(f.value, f.label) for f in forces))
