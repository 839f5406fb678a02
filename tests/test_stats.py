"""A real build: stats/ figures and open data agree with counts computed here, independently."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import jsonschema
import pytest

from conftest import Site, item, ran

# (file, type folder, date as written, department, extra fields, counted month or None)
SPECS = [
    ("news/a.md", "2024-05-14 10:00", "info", {}, "2024-05"),
    ("news/b.md", "2024-05-31 23:59", "info", {}, "2024-05"),  # Kyiv month end
    ("news/c.md", "2024-05-31T21:30:00Z", "info", {}, "2024-06"),  # 00:30 on 1 June in Kyiv
    ("news/d.md", "2024-06-01T00:30:00+03:00", "finansy", {}, "2024-06"),
    ("news/draft.md", "2024-06-02 10:00", "info", {"status": "draft"}, None),
    ("news/hidden.md", "2024-06-02 11:00", "info", {"status": "hidden"}, None),
    ("news/future.md", "2026-03-01 10:00", "info", {}, None),  # after the build clock (2026-01-01)
    ("announcements/o1.md", "2024-06-10 09:00", "finansy", {}, "2024-06"),
    ("videos/v1.md", "2024-07-10 09:00", "info", {"video_url": "https://video.example/1"}, "2024-07"),
    ("acts/r1.md", "2024-06-11 09:00", "finansy", {"act_kind": "council_decision", "number": '"12"'}, "2024-06"),
    ("acts/r2.md", "2024-06-12 09:00", "finansy", {"act_kind": "mayor_order", "number": '"13-р"'}, "2024-06"),
    ("acts/r3.md", "2025-01-12 09:00", "info", {"act_kind": "draft_decision"}, "2025-01"),
    ("news/en.md", "2024-05-14 10:00", "info", {"lang": "en", "slug": "a-title"}, None),  # translation
    ("news/uk.md", "2024-05-14 10:00", "info", {"slug": "a-title"}, "2024-05"),
    ("reports/z.md", "2024-07-02 09:00", "info", {"period": '"2024-06"'}, "2024-07"),
]
TYPES = {"news": "news", "announcements": "announcement", "acts": "act", "videos": "video", "reports": "report"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from conftest import DEPARTMENTS

    s = Site(tmp_path_factory.mktemp("stats"))
    s.write("departments.yml", DEPARTMENTS)
    for n, (path, date, department, extra, _month) in enumerate(SPECS):
        s.write(path, item(title=f"Матеріал {n}", date=date, department=department, **extra))
    s.write("pages/about.md", item(title="Про раду", date="2024-01-01", department=None))
    result = s.build("-e", 'SITEURL="https://rada.example"')
    assert result.returncode == 0, result.text
    return result


def expected_rows():
    counter = Counter(
        (month, TYPES[path.split("/")[0]], department)
        for path, _date, department, _extra, month in SPECS
        if month is not None
    )
    return [{"period": p, "type": t, "department": d, "count": n} for (p, t, d), n in sorted(counter.items())]


def test_publications_json_matches_counts_computed_in_the_test(built):
    data = json.loads((built.output / "stats/publications.json").read_text(encoding="utf-8"))
    assert data["timezone"] == "Europe/Kyiv"
    assert data["monthly"] == expected_rows()
    assert data["types"]["news"] == "Новини"
    assert data["departments"] == {"finansy": "Фінансове управління", "info": "Відділ інформаційної діяльності"}
    kinds = {(r["period"], r["act_kind"]): r["count"] for r in data["monthly_act_kinds"]}
    assert kinds == {("2024-06", "council_decision"): 1, ("2024-06", "mayor_order"): 1, ("2025-01", "draft_decision"): 1}


def test_json_validates_against_the_published_schema(built):
    data = json.loads((built.output / "stats/publications.json").read_text(encoding="utf-8"))
    schema = json.loads((built.output / "stats/publications.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    ran("validator", "JSON Schema")
    broken = {**data, "monthly": [{**data["monthly"][0], "period": "2024-13"}]}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_csv_has_the_same_rows(built):
    text = (built.output / "stats/publications.csv").read_text(encoding="utf-8")
    assert text.splitlines()[0] == "period,type,department,count"
    rows = [{**r, "count": int(r["count"])} for r in csv.DictReader(io.StringIO(text))]
    assert rows == expected_rows()


def test_register_lists_every_counted_publication_with_absolute_urls(built):
    rows = list(csv.DictReader(io.StringIO((built.output / "stats/register.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(1 for spec in SPECS if spec[4] is not None)
    acts = [r for r in rows if r["type"] == "act"]
    assert {(r["act_kind"], r["number"]) for r in acts} == {("council_decision", "12"), ("mayor_order", "13-р"), ("draft_decision", "")}
    for row in rows:
        assert row["url"].startswith("https://rada.example/")
        path = row["url"].removeprefix("https://rada.example/")
        assert (built.output / path / "index.html").is_file(), row
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[2]["date"] == "2024-05-31"  # the Kyiv date, ISO 8601 as in every set (opendata/)


def test_stats_page_tables_totals_and_chart(built):
    page = built.page("stats")
    total = sum(1 for spec in SPECS if spec[4] is not None)
    assert f"Усього оприлюднено: <strong>{total}</strong>" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page and '<title id="chart-wide-title">' in page
    # From the first publication (May 2024) to the build clock's month (January 2026, one day old).
    assert "Кількість публікацій за місяцями з травня 2024 року до січня 2026 року</title>" in page
    assert "Кількість публікацій за місяцями з лютого 2025 року до січня 2026 року</title>" in page  # phone: 12
    assert "Найбільше — 5 у червні 2024 року; усього за ці місяці 11." in page
    assert "Січень 2026 ще триває: дані станом на 1 січня 2026 року." in page
    assert "Поточний місяць ще триває: станом на 1 січня 2026 року" in page  # the legend
    assert "<caption>Публікації за місяцями 2024 року (з травня)</caption>" in page
    assert "<caption>Публікації за місяцями 2025 року</caption>" in page
    assert "<caption>Публікації за місяцями 2026 року (станом на 1 січня)</caption>" in page
    assert "Рішення міської ради" in page and "Як рахуємо" in page
    assert 'href="../stats/publications.csv"' in page


def month_rows(page: str, caption: str) -> list[str]:
    """The months a table shows: its rows, and the months with nothing, named in the line under it."""
    table, after = page.split(f"<caption>{caption}</caption>", 1)[1].split("</tbody>", 1)
    shown = re.findall(r'<th scope="row">([^<]+)</th>', table)
    empty = re.match(r'\s*</table>\s*</div>\s*(?:<p class="empty-rows">Місяці без публікацій: ([^<]+)\.</p>)?', after.split("</tfoot>", 1)[1])
    named = [m.capitalize() for m in empty.group(1).split(", ")] if empty and empty.group(1) else []
    return sorted(shown + named, key=MONTHS.index)


MONTHS = ["Січень", "Лютий", "Березень", "Квітень", "Травень", "Червень", "Липень", "Серпень", "Вересень",
          "Жовтень", "Листопад", "Грудень"]


def test_a_month_with_nothing_is_named_under_its_table_not_a_row_of_zeros(built):
    page = built.page("stats")
    table, after = page.split("<caption>Публікації за місяцями 2026 року (станом на 1 січня)</caption>", 1)[1].split("</tbody>", 1)
    assert '<th scope="row">Січень</th>' not in table
    assert '<p class="empty-rows">Місяці без публікацій: січень.</p>' in after.split("</table>", 2)[1][:200]


def test_no_month_before_the_first_publication_or_after_the_build_clock(built):
    """2024 starts in May (the first publication), 2026 has only January (the build clock's month);
    the months between are all there, zero or not."""
    page = built.page("stats")
    assert month_rows(page, "Публікації за місяцями 2024 року (з травня)") == [
        "Травень", "Червень", "Липень", "Серпень", "Вересень", "Жовтень", "Листопад", "Грудень"]
    assert len(month_rows(page, "Публікації за місяцями 2025 року")) == 12
    assert month_rows(page, "Публікації за місяцями 2026 року (станом на 1 січня)") == ["Січень"]
    wide = page.split('class="chart chart-wide"', 1)[1].split("</svg>", 1)[0]
    bars = re.findall(r"<rect [^>]*><title>([^<]+)</title>", wide)
    assert bars[0] == "Травень 2024: 3" and bars[-1] == "Січень 2026: 0 (станом на 1 січня 2026 року)"
    assert len(bars) == 21 and "Серпень 2024: 0" in bars  # a true zero inside the span stays
    assert re.search(r">трав\.</text>", wide) and re.search(r'font-weight="700">2025</text>', wide)


def test_open_data_says_what_it_covers_and_invents_no_zero(built):
    data = json.loads((built.output / "stats/publications.json").read_text(encoding="utf-8"))
    assert (data["as_of"], data["first_period"], data["last_period"]) == ("2026-01-01", "2024-05", "2026-01")
    assert all(row["count"] > 0 for row in data["monthly"])
    assert min(row["period"] for row in data["monthly"]) == data["first_period"]


def test_stats_link_only_to_annual_reports_that_exist(built):
    page = built.page("stats")
    assert 'href="../reports/2024/"' in page  # 2024 has ended by the build clock (2026-01-01)
    assert (built.output / "reports/2024/index.html").is_file()
    assert 'href="../reports/2025/"' in page and (built.output / "reports/2025/index.html").is_file()
