"""What the statistics page shows: tables by year and month, by type and department, with totals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .alphabet import by_name
from .chart import monthly_bars
from .counting import Counts, months_between
from .model import COUNTED_TYPES, ActKind, Department
from . import wording


@dataclass(frozen=True)
class Row:
    label: str
    by_type: tuple[int, ...]  # in COUNTED_TYPES order
    total: int
    url: str = ""


@dataclass(frozen=True)
class YearTable:
    year: int
    months: tuple[Row, ...]
    total: Row
    departments: tuple[Row, ...]
    act_kinds: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class StatsView:
    type_labels: tuple[str, ...]
    years: tuple[YearTable, ...]
    departments: tuple[Row, ...]  # all time
    total: Row
    chart_svg: str


def _row(label: str, counts: Counts, url: str = "", **query) -> Row:
    by_type = tuple(counts.count(type=t, **query) for t in COUNTED_TYPES)
    return Row(label, by_type, sum(by_type), url)


def view(counts: Counts, departments: Mapping[str, Department], department_url: str = "departments/{}/") -> StatsView:
    """Tables for the statistics page. Cost grows with months × departments, never with items."""
    slugs = by_name(departments)
    years = []
    for year in counts.years():
        months = tuple(_row(wording.month_name(m).capitalize(), counts, year=year, month=m) for m in range(1, 13))
        kinds = counts.by_act_kind(year=year)
        years.append(YearTable(
            year,
            months,
            _row(f"Усього за {year} рік", counts, year=year),
            tuple(_row(departments[s].name, counts, department_url.format(s), year=year, department=s) for s in slugs),
            tuple((wording.ACT_KIND_LABEL[k], kinds[k]) for k in ActKind if k in kinds),
        ))
    all_months = months_between(counts.months()[0], counts.months()[-1]) if counts.months() else []
    totals = [counts.count(year=y, month=m) for y, m in all_months]
    return StatsView(
        tuple(wording.TYPE_LABEL[t] for t in COUNTED_TYPES),
        tuple(reversed(years)),
        tuple(_row(departments[s].name, counts, department_url.format(s), department=s) for s in slugs),
        _row("Усього", counts),
        monthly_bars(all_months, totals),
    )
