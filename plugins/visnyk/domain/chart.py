"""A bar chart of publications per month, drawn at build time as SVG (no JavaScript).

The chart is decoration for sighted readers; the table beside it is the source of truth, and the
SVG carries its own text alternative (<title>/<desc>).
"""

from __future__ import annotations

from html import escape

from .counting import Month
from . import wording

BAR, GAP, HEIGHT, TOP, BOTTOM, LEFT = 20, 6, 200, 14, 36, 40


def monthly_bars(months: list[Month], totals: list[int], caption_id: str = "chart-title") -> str:
    if not months:
        return ""
    peak = max(max(totals), 1)
    step = _nice_step(peak)
    top_value = -(-peak // step) * step
    width = LEFT + len(months) * (BAR + GAP) + GAP
    total_height = TOP + HEIGHT + BOTTOM
    first, last = months[0], months[-1]
    title = f"Кількість публікацій за місяцями {wording.month_span(first, last)}"
    busiest = max(range(len(months)), key=lambda i: (totals[i], -i))
    desc = (f"Найбільше — {totals[busiest]} {wording.during_month(*months[busiest])}; "
            f"усього {sum(totals)}. Точні числа — у таблиці нижче.")
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {total_height}" '
        f'width="{width}" height="{total_height}" '
        f'role="img" aria-labelledby="{caption_id} {caption_id}-desc" class="chart" '
        f'font-family="system-ui, sans-serif" font-size="13" fill="#1a1a1a">',
        f'<title id="{caption_id}">{escape(title)}</title>',
        f'<desc id="{caption_id}-desc">{escape(desc)}</desc>',
    ]
    for value in range(0, top_value + 1, step):
        y = TOP + HEIGHT - HEIGHT * value // top_value
        parts.append(f'<line x1="{LEFT}" x2="{width}" y1="{y}" y2="{y}" stroke="#9aa5b1" stroke-width="0.5"/>')
        parts.append(f'<text x="{LEFT - 4}" y="{y + 4}" text-anchor="end">{value}</text>')
    for index, ((year, month), total) in enumerate(zip(months, totals)):
        x = LEFT + GAP + index * (BAR + GAP)
        h = HEIGHT * total // top_value
        label = f"{wording.month_year(year, month)}: {total}"
        parts.append(f'<rect x="{x}" y="{TOP + HEIGHT - h}" width="{BAR}" height="{h}" fill="#0b4f8a"><title>{escape(label)}</title></rect>')
        if month == 1 or index == 0:
            parts.append(f'<text x="{x}" y="{TOP + HEIGHT + 20}">{year}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def _nice_step(peak: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
        if peak / step <= 5:
            return step
    return 10000
