"""«Реєстр рішень і розпоряджень» (issue 26 §2): the page and its open data from the demo build, and its
filters and sorting in a real browser on a phone."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import ran
from visnyk.domain.language.alphabet import sort_key
from test_stats_phone import CLIPPED, open_page

pytestmark = pytest.mark.timeout(900)  # the first test may build the demo site (the session's shared build)


def test_the_register_lists_every_decision_and_order_with_its_status(demo):
    page = (demo / "acts/register/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-kind="([a-z_]+)"[^>]*data-status="([a-z_]+)"', page)
    assert rows and {kind for kind, _ in rows} <= {"council_decision", "executive_decision", "mayor_order",
                                                   "regulatory_act"}
    assert "Проєкт рішення" not in page and "Протокол засідання</td>" not in page
    assert ("repealed" in {s for _, s in rows}) and ("amended" in {s for _, s in rows})
    assert re.search(r'<tr [^>]*data-status="repealed"[^>]*>\s*<td data-label="Номер">№&nbsp;201-р</td>', page)
    assert f"У реєстрі {len(rows)} акт" in page
    listing = (demo / "acts/index.html").read_text(encoding="utf-8")
    assert 'href="../acts/register/"' in listing


def test_the_open_data_is_one_table_described_by_its_schema(demo):
    schema = json.loads((demo / "acts/register.schema.json").read_text(encoding="utf-8"))
    table = list(csv.DictReader(io.StringIO((demo / "acts/register.csv").read_text(encoding="utf-8"))))
    data = json.loads((demo / "acts/register.json").read_text(encoding="utf-8"))
    names = [f["name"] for f in schema["fields"]]
    assert list(table[0]) == names
    assert data["acts"] == table  # the JSON's rows are the CSV's rows
    page = (demo / "acts/register/index.html").read_text(encoding="utf-8")
    assert len(table) == page.count("<tr data-kind=")
    for field in schema["fields"]:
        constraints = field.get("constraints", {})
        for row in table:
            value = row[field["name"]]
            if constraints.get("required"):
                assert value, (field["name"], row)
            if value and "enum" in constraints:
                assert value in constraints["enum"], (field["name"], value)
            if value and field["type"] == "date":
                assert re.fullmatch(r"\d{4}-\d\d-\d\d", value)
    assert len({row["url"] for row in table}) == len(table)  # the primary key
    repealed = [row for row in table if row["status"] == "Втратив чинність"]
    assert repealed and all(row["repealed_by"] for row in repealed)
    amended = next(row for row in table if row["number"] == "12-р")
    assert amended["status"] == "Чинний, зі змінами"
    assert amended["amended_by"] == "розпорядження міського голови від 16.06.2025 №\u00a0118-р (з 01.07.2025)"


@pytest.mark.browser
def test_on_a_phone_the_register_filters_and_sorts(served, browser):
    page = open_page(browser, f"{served}/acts/register/", 360)
    assert page.evaluate(CLIPPED) == []
    total = page.locator("#register tbody tr").count()
    assert page.locator("#register-count").inner_text() == f"Показано {total} актів з {total}."
    page.select_option("select[name=status]", "repealed")
    visible = page.locator("#register tbody tr:visible")
    assert visible.count() == 1
    assert "Втратив чинність" in visible.first.inner_text()
    assert page.locator("#register-count").inner_text() == f"Показано 1 акт з {total}."
    page.select_option("select[name=status]", "")
    page.select_option("select[name=year]", "2025")
    page.select_option("select[name=kind]", "mayor_order")
    years = page.locator("#register tbody tr:visible").evaluate_all(
        "rows => rows.map(r => [r.dataset.year, r.dataset.kind])")
    assert years and all(pair == ["2025", "mayor_order"] for pair in years)
    page.select_option("select[name=year]", "")
    page.select_option("select[name=kind]", "")
    dates = lambda: page.locator("#register tbody tr").evaluate_all("rows => rows.map(r => r.dataset.date)")  # noqa: E731
    newest_first = dates()
    assert newest_first == sorted(newest_first, reverse=True)
    page.select_option("select[name=sort]", "date-asc")
    assert dates() == sorted(newest_first) and dates()[0] < dates()[-1]
    page.select_option("select[name=sort]", "title-asc")
    titles = page.locator("#register tbody tr td[data-label=Назва]").all_inner_texts()
    # The Ukrainian alphabet (і after и, ґ after г), punctuation ignored as the browser's collation does.
    letters = lambda title: sort_key(re.sub(r"[^\w\s]", "", title))  # noqa: E731
    assert titles == sorted(titles, key=letters)
    assert page.evaluate(CLIPPED) == []
    ran("browser", "Playwright")
    page.close()


@pytest.mark.browser
def test_a_search_result_says_whether_the_act_is_in_force(served, browser):
    page = open_page(browser, f"{served}/search/?q=робочої групи вебсайту", 1280)
    result = page.locator("li", has=page.locator("a", has_text="Про створення робочої групи з оновлення"))
    result.first.wait_for()
    assert result.first.locator(".search-meta").inner_text().endswith(" · Втратив чинність")
    amended = open_page(browser, f"{served}/search/?q=план заходів щодо запобігання корупції", 1280)
    line = amended.locator("li", has=amended.locator("a", has_text="Про затвердження плану заходів"))
    line.first.wait_for()
    assert line.first.locator(".search-meta").inner_text().endswith(" · Чинний, зі змінами")
    ran("browser", "Playwright")
    page.close()
    amended.close()
