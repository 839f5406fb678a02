"""What the statistics page shows: tables by year and month, by type and department, with totals.

Months are shown from the first publication to the build clock's month (Kyiv), never before or after:
a month before the site had anything is not a month in which the council published nothing, and a month
still to come has no figures at all. Inside that span a month with nothing published is a true zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from ..language.alphabet import by_name
from .chart import Chart, chart
from ..common.clock import kyiv
from .counting import Counts, Month, months_between
from ..common.model import COUNTED_TYPES, ActKind, Department
from ..language import wording


@dataclass(frozen=True)
class Row:
    label: str
    by_type: tuple[int, ...]  # in COUNTED_TYPES order
    total: int
    url: str = ""


@dataclass(frozen=True)
class YearTable:
    year: int
    months: tuple[Row, ...]  # only the months from the first publication up to the build clock's month
    total: Row
    departments: tuple[Row, ...]
    act_kinds: tuple[tuple[str, int], ...]
    span: str = ""  # "з вересня", "станом на 30 листопада": said when the year is not whole


@dataclass(frozen=True)
class StatsView:
    type_labels: tuple[str, ...]
    years: tuple[YearTable, ...]
    departments: tuple[Row, ...]  # all time
    total: Row
    chart: Chart | None
    as_of: str = ""  # "30 листопада 2026 року": the build clock's Kyiv date
    first_month: str = ""  # "вересень 2024": the month of the first publication


def _row(label: str, counts: Counts, url: str = "", **query) -> Row:
    by_type = tuple(counts.count(type=t, **query) for t in COUNTED_TYPES)
    return Row(label, by_type, sum(by_type), url)


def shown_months(counts: Counts, clock: dt.datetime) -> list[Month]:
    """Every month from the first publication to the clock's month in Kyiv (the current month included:
    what was published in it so far is real), or none when nothing is published yet."""
    first = counts.first_month()
    if first is None:
        return []
    local = kyiv(clock)
    return months_between(first, (local.year, local.month))


def _span(year: int, months: list[Month], clock: dt.datetime) -> str:
    first, last = months[0], months[-1]
    parts = []
    if first[1] != 1:
        parts.append(f"з {wording.month_genitive(first[1])}")
    if last == (kyiv(clock).year, kyiv(clock).month) and year == last[0]:
        day = kyiv(clock)
        parts.append(f"станом на {day.day} {wording.month_genitive(day.month)}")
    return ", ".join(parts)


def view(counts: Counts, departments: Mapping[str, Department], clock: dt.datetime,
         department_url: str = "departments/{}/") -> StatsView:
    """Tables for the statistics page. Cost grows with months × departments, never with items."""
    slugs = by_name(departments)
    shown = shown_months(counts, clock)
    years = []
    for year in sorted({y for y, _m in shown}):
        in_year = [(y, m) for y, m in shown if y == year]
        months = tuple(_row(wording.month_name(m).capitalize(), counts, year=year, month=m) for _y, m in in_year)
        kinds = counts.by_act_kind(year=year)
        years.append(YearTable(
            year,
            months,
            _row(f"Усього за {year} рік", counts, year=year),
            tuple(_row(departments[s].name, counts, department_url.format(s), year=year, department=s) for s in slugs),
            tuple((wording.ACT_KIND_LABEL[k], kinds[k]) for k in ActKind if k in kinds),
            _span(year, in_year, clock),
        ))
    totals = [counts.count(year=y, month=m) for y, m in shown]
    local = kyiv(clock)
    return StatsView(
        tuple(wording.TYPE_LABEL[t] for t in COUNTED_TYPES),
        tuple(reversed(years)),
        tuple(_row(departments[s].name, counts, department_url.format(s), department=s) for s in slugs),
        _row("Усього", counts),
        chart(shown, totals, local.date()) if shown else None,
        wording.long_date(local),
        wording.month_year(*shown[0]) if shown else "",
    )
