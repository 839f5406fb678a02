"""Bar charts of publications per month, drawn at build time as SVG (no JavaScript).

The chart is decoration for sighted readers; the tables beside it are the source of truth, and each SVG
carries its own text alternative (<title>/<desc>). Two drawings of the same figures:

- `wide` (from 48em): columns for up to the last 36 months, every month (or every second) labelled under its
  column, the year under January, figures above the columns when there is room; drawn 960 units wide
  with 17-unit text (16 above the columns), so its text stays ≥ 12 CSS px down to a 736 px column;
- `narrow` (phones): one row per month for the last 12 months, "лист. 2026" at the left and the figure at
  the end of the bar; 320 units wide with 14-unit text, ≥ 12 CSS px from a 275 px column up.

The current month (the build clock's) is unfinished: its bar is hatched, and the legend under the chart
(HTML, in the page) says so. Coordinates are written with one decimal: the same figures give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from .counting import Month
from ..language import wording

INK, BAR_COLOUR, GRID = "#1a1a1a", "#0b4f8a", "#9aa5b1"
WIDE_MONTHS, NARROW_MONTHS = 36, 12


@dataclass(frozen=True)
class Chart:
    wide: str
    narrow: str
    partial: str  # "станом на 30 листопада 2026 року" when the last month is the unfinished current one


def chart(months: list[Month], totals: list[int], today: dt.date) -> Chart:
    partial = bool(months) and months[-1] == (today.year, today.month)
    until = wording.long_date(today) if partial else ""
    return Chart(
        _columns(months[-WIDE_MONTHS:], totals[-WIDE_MONTHS:], partial, until, "chart-wide"),
        _rows(months[-NARROW_MONTHS:], totals[-NARROW_MONTHS:], partial, until, "chart-narrow"),
        f"станом на {until}" if partial else "",
    )


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _head(ident: str, width: int, height: int, font: int, months: list[Month], totals: list[int],
          partial: bool, until: str, css: str) -> list[str]:
    title = f"Кількість публікацій за місяцями {wording.month_span(months[0], months[-1])}"
    busiest = max(range(len(months)), key=lambda i: (totals[i], -i))
    desc = (f"Найбільше — {totals[busiest]} {wording.during_month(*months[busiest])}; "
            f"усього за ці місяці {sum(totals)}.")
    if partial:
        desc += f" {wording.month_year(*months[-1]).capitalize()} ще триває: дані станом на {until}."
    desc += " Точні числа — у таблицях нижче."
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-labelledby="{ident}-title {ident}-desc" class="chart {css}" '
        f'font-family="system-ui, sans-serif" font-size="{font}" fill="{INK}">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(desc)}</desc>',
        f'<defs><pattern id="{ident}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<rect width="3" height="6" fill="{BAR_COLOUR}"/></pattern></defs>',
    ]


def _bar(ident: str, x: float, y: float, w: float, h: float, label: str, unfinished: bool) -> str:
    fill = f'url(#{ident}-hatch)' if unfinished else BAR_COLOUR
    stroke = f' stroke="{BAR_COLOUR}" stroke-width="1.5"' if unfinished else ""
    return (f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(w)}" height="{_n(h)}" fill="{fill}"{stroke}>'
            f'<title>{escape(label)}</title></rect>')


def _tooltip(year: int, month: int, total: int, unfinished: bool, until: str) -> str:
    text = f"{wording.month_year(year, month).capitalize()}: {total}"
    return text + (f" (станом на {until})" if unfinished else "")


def _columns(months: list[Month], totals: list[int], partial: bool, until: str, ident: str) -> str:
    width, left, right, top, plot, bottom, font = 960, 56, 8, 28, 220, 60, 17
    height = top + plot + bottom
    peak = max(max(totals), 1)
    step = _nice_step(peak)
    top_value = -(-peak // step) * step
    slot = (width - left - right) / len(months)
    bar = slot * 0.7
    every = 1 if slot >= 44 else 2 if slot >= 22 else 3
    parts = _head(ident, width, height, font, months, totals, partial, until, "chart-wide")
    for value in range(0, top_value + 1, step):
        y = top + plot - plot * value / top_value
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{_n(y)}" y2="{_n(y)}" stroke="{GRID}" stroke-width="1"/>')
        parts.append(f'<text x="{left - 8}" y="{_n(y + 5)}" text-anchor="end">{value}</text>')
    for index, ((year, month), total) in enumerate(zip(months, totals)):
        unfinished = partial and index == len(months) - 1
        x = left + index * slot + (slot - bar) / 2
        h = plot * total / top_value
        middle = _n(x + bar / 2)
        parts.append(_bar(ident, x, top + plot - h, bar, h, _tooltip(year, month, total, unfinished, until), unfinished))
        if slot >= 32:
            parts.append(f'<text x="{middle}" y="{_n(top + plot - h - 6)}" text-anchor="middle" font-size="16">{total}</text>')
        if index % every == 0 or month == 1:
            parts.append(f'<text x="{middle}" y="{top + plot + 22}" text-anchor="middle">{wording.MONTH_SHORT[month - 1]}</text>')
        if month == 1 or index == 0:
            parts.append(f'<text x="{middle}" y="{top + plot + 48}" text-anchor="middle" font-weight="700">{year}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _rows(months: list[Month], totals: list[int], partial: bool, until: str, ident: str) -> str:
    width, left, right, row, font = 320, 100, 36, 28, 14
    height = row * len(months) + 4
    peak = max(max(totals), 1)
    span = width - left - right
    parts = _head(ident, width, height, font, months, totals, partial, until, "chart-narrow")
    for index, ((year, month), total) in enumerate(zip(months, totals)):
        unfinished = partial and index == len(months) - 1
        y = 2 + index * row
        w = span * total / peak
        parts.append(f'<text x="{left - 8}" y="{y + 19}" text-anchor="end">{wording.MONTH_SHORT[month - 1]} {year}</text>')
        parts.append(_bar(ident, left, y + 4, w, row - 8, _tooltip(year, month, total, unfinished, until), unfinished))
        parts.append(f'<text x="{_n(left + w + 6)}" y="{y + 19}">{total}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if peak / step <= 5:
            return step
    return 10000
