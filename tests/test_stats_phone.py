"""The statistics and compliance pages in a real browser at 360, 768 and 1280 px (the demo site):
no table or caption clipped, tables become cards on a phone, the chart readable, numbers by their labels."""

from __future__ import annotations


import pytest

from conftest import ran

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]
PAGES = ("stats/", "stats/compliance/")
WIDTHS = (360, 768, 1280)


def open_page(browser, url: str, width: int, unfold: bool = False):
    """The page; `unfold`: every <details> opened (past years, documents by kind), so their tables are checked too."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(url)
    ran("browser", "Playwright")
    if unfold:
        page.evaluate("document.querySelectorAll('main details').forEach(d => d.open = true)")
    return page


# What is cut off: a table wider than its box, a caption wider than itself or the screen (JS, run in the page).
CLIPPED = """() => {
  const out = [];
  for (const region of document.querySelectorAll('main .table-scroll')) {
    if (region.scrollWidth > region.clientWidth + 1) out.push(`table ${region.getAttribute('aria-label')}: ${region.scrollWidth} > ${region.clientWidth}`);
  }
  for (const caption of document.querySelectorAll('main caption')) {
    const box = caption.getBoundingClientRect();
    if (caption.scrollWidth > caption.clientWidth + 1 || box.right > innerWidth || box.left < 0) out.push(`caption ${caption.textContent}`);
  }
  if (document.scrollingElement.scrollWidth > innerWidth) out.push(`page ${document.scrollingElement.scrollWidth} > ${innerWidth}`);
  return out;
}"""

# The chart drawn at this width: its texts' rendered sizes in CSS px and the month labels it shows.
CHART = """() => {
  const svg = [...document.querySelectorAll('svg.chart')].filter(s => s.getBoundingClientRect().width > 0);
  return svg.map(s => ({
    cls: s.getAttribute('class'),
    width: s.getBoundingClientRect().width,
    sizes: [...s.querySelectorAll('text')].map(t => t.getScreenCTM().a * parseFloat(t.getAttribute('font-size') || s.getAttribute('font-size'))),
    labels: [...s.querySelectorAll('text')].map(t => t.textContent),
  }));
}"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", PAGES)
def test_no_table_or_caption_is_clipped(served, browser, path, width):
    page = open_page(browser, f"{served}/{path}", width, unfold=True)
    assert page.locator("main table").count() >= 2
    assert page.evaluate(CLIPPED) == []
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_on_a_phone_rows_are_cards_with_a_label_beside_each_number(served, browser, path):
    page = open_page(browser, f"{served}/{path}", 360, unfold=True)
    cells = page.evaluate("""() => [...document.querySelectorAll('main table.stack tbody td')].map(td => ({
        label: getComputedStyle(td, '::before').content, width: td.getBoundingClientRect().width,
        table: td.closest('table').getBoundingClientRect().width, text: td.textContent}))""")
    assert cells
    for cell in cells:
        assert cell["label"] not in ("none", "normal", '""'), cell  # the column's name is shown in the cell
        assert cell["width"] < 0.7 * cell["table"], cell  # a card's pair, not a column stretched across
    assert page.evaluate("getComputedStyle(document.querySelector('main table.stack thead')).display") == "none"
    page.close()


def test_the_phone_chart_is_readable_with_month_labels_and_a_legend(served, browser):
    page = open_page(browser, f"{served}/stats/", 360)
    [chart] = page.evaluate(CHART)
    assert "chart-narrow" in chart["cls"] and chart["width"] > 300
    assert min(chart["sizes"]) >= 12, chart["sizes"]
    assert "лист. 2026" in chart["labels"] and "груд. 2025" in chart["labels"]
    legend = page.locator(".chart-legend li")
    assert legend.count() == 2 and "Поточний місяць ще триває: станом на 23 листопада 2026 року" in legend.nth(1).inner_text()
    page.close()


@pytest.mark.parametrize("width", (768, 1280))
def test_the_wide_chart_is_readable_with_month_and_year_labels(served, browser, width):
    page = open_page(browser, f"{served}/stats/", width)
    [chart] = page.evaluate(CHART)
    assert "chart-wide" in chart["cls"]
    assert min(chart["sizes"]) >= 12, chart["sizes"]
    assert {"вер.", "лист.", "2025", "2026"} <= set(chart["labels"])
    page.close()


def test_act_kind_numbers_sit_next_to_their_labels(served, browser):
    page = open_page(browser, f"{served}/stats/", 1280, unfold=True)
    gaps = page.evaluate("""() => [...document.querySelectorAll('main table.compact tbody tr')].map(tr =>
        tr.querySelector('td').getBoundingClientRect().left - tr.querySelector('th').getBoundingClientRect().left)""")
    assert gaps and max(gaps) < 400, gaps  # was ~950 px with the table stretched across the page
    page.close()
