"""Counting what was published: one pass over the items, then cheap sums for any period.

Rules (shown on the statistics page, tested in tests/test_counting.py):
- every published item of a counted type counts once, in the month of its Kyiv local date,
  under its type and department; acts also under their act kind;
- drafts, hidden items, items dated after the build clock and translations never count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..common.clock import kyiv, not_after
from ..common.model import DEFAULT_LANGUAGE, ActKind, ContentType, Item, Status

Month = tuple[int, int]  # (year, month): periods are integers, never formatted strings


def counts_item(item: Item, clock: dt.datetime) -> bool:
    return (
        item.type is not ContentType.PAGE  # ContentType.counted, without a property call per item of an archive
        and item.status is Status.PUBLISHED
        and item.lang == DEFAULT_LANGUAGE
        and not_after(item.date, clock)
    )


def month_of(item: Item) -> Month:
    local = kyiv(item.date)
    return local.year, local.month


def cells_of(item: Item) -> tuple[tuple, tuple | None, tuple[int, int, str]]:
    """Where a counted item counts: its (year, month, type, department) cell, its act kind's cell (acts only), and
    the (year, month, department) list of items behind the figures (domain/counting/kept.py places it there too)."""
    year, month = month_of(item)
    department = item.department or ""
    kind = (year, month, department, item.act_kind) if item.act_kind is not None else None
    return (year, month, item.type, department), kind, (year, month, department)


def listed_order(item: Item) -> tuple:
    """The order of the items behind a figure: oldest first."""
    return item.date, item.source


def quarter_of(month: int) -> int:
    return (month - 1) // 3 + 1


@dataclass
class Counts:
    """Counts per (year, month, type, department) and per act kind, plus the counted items."""

    monthly: dict[tuple[int, int, ContentType, str], int] = field(default_factory=dict)
    act_kinds: dict[tuple[int, int, str, ActKind], int] = field(default_factory=dict)
    items: dict[tuple[int, int, str], list[Item]] = field(default_factory=dict)
    _cells: dict | None = field(default=None, init=False, repr=False, compare=False)
    _kinds: dict | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, items: Iterable[Item], clock: dt.datetime) -> Counts:
        monthly: dict = defaultdict(int)
        act_kinds: dict = defaultdict(int)
        listed: dict = defaultdict(list)
        for item in items:
            if not counts_item(item, clock):
                continue
            cell, kind, group = cells_of(item)
            monthly[cell] += 1
            if kind is not None:
                act_kinds[kind] += 1
            listed[group].append(item)
        for group in listed.values():
            group.sort(key=listed_order)
        return cls(dict(sorted(monthly.items())), dict(sorted(act_kinds.items())), dict(sorted(listed.items())))

    # --- queries ---------------------------------------------------------------------------

    def count(self, year: int | None = None, month: int | None = None, type: ContentType | None = None,
              department: str | None = None, quarter: int | None = None) -> int:
        """The number published in a period (None = any): all time, a year, a quarter or a month."""
        return sum(
            n
            for (y, m, t, d), n in self.monthly.items()
            if (year is None or y == year)
            and (month is None or m == month)
            and (quarter is None or quarter_of(m) == quarter)
            and (type is None or t is type)
            and (department is None or d == department)
        )

    def cell(self, year: int, month: int, department: str) -> dict[ContentType, int]:
        """Counts by type for one department in one month: a dict lookup, for per-page use."""
        if self._cells is None:
            self._cells = defaultdict(dict)
            for (y, m, t, d), n in self.monthly.items():
                self._cells[(y, m, d)][t] = n
        return self._cells.get((year, month, department), {})

    def by_act_kind(self, year: int | None = None, month: int | None = None,
                    department: str | None = None) -> dict[ActKind, int]:
        if year is not None and month is not None and department is not None:  # a report page: a lookup
            if self._kinds is None:
                self._kinds = defaultdict(dict)
                for (y, m, d, kind), n in self.act_kinds.items():
                    self._kinds[(y, m, d)][kind] = n
            found = self._kinds.get((year, month, department), {})
            return {k: found[k] for k in ActKind if k in found}
        result: dict[ActKind, int] = {}
        for (y, m, d, kind), n in self.act_kinds.items():
            if (year is None or y == year) and (month is None or m == month) and (department is None or d == department):
                result[kind] = result.get(kind, 0) + n
        return {k: result[k] for k in ActKind if k in result}

    def listed(self, year: int, month: int | None = None, department: str | None = None) -> list[Item]:
        """The counted items behind a figure, oldest first, so anyone can verify it."""
        if month is not None and department is not None:
            return self.items.get((year, month, department), [])
        found = [
            item
            for (y, m, d), group in self.items.items()
            if y == year and (month is None or m == month) and (department is None or d == department)
            for item in group
        ]
        return sorted(found, key=lambda i: (i.date, i.source))

    def months(self) -> list[Month]:
        return sorted({(y, m) for (y, m, _t, _d) in self.monthly})

    def years(self) -> list[int]:
        return sorted({y for (y, _m, _t, _d) in self.monthly})

    def first_month(self) -> Month | None:
        months = self.months()
        return months[0] if months else None

    def rows(self) -> list[dict]:
        """Open-data rows: one per non-zero (month, type, department), sorted."""
        return [
            {"period": f"{y:04d}-{m:02d}", "type": t.value, "department": d, "count": n}
            for (y, m, t, d), n in self.monthly.items()
        ]

    def act_kind_rows(self) -> list[dict]:
        return [
            {"period": f"{y:04d}-{m:02d}", "department": d, "act_kind": k.value, "count": n}
            for (y, m, d, k), n in self.act_kinds.items()
        ]


def months_between(first: Month, last: Month) -> list[Month]:
    """Every month from first to last inclusive."""
    result = []
    year, month = first
    while (year, month) <= last:
        result.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def last_ended_month(clock: dt.datetime) -> Month:
    """The latest month that has ended in Kyiv by the build clock."""
    local = kyiv(clock)
    return (local.year - 1, 12) if local.month == 1 else (local.year, local.month - 1)
