"""The accessibility statement (issue 29 §4): its test date and results come from the quality run's record.

tests/test_quality.py writes theme/accessibility-check.json after a clean axe and Nu checker run; the page
reads it and says whether the theme it describes is the one being built.
"""

from __future__ import annotations

import datetime as dt

from lxml import html as lxml_html

from conftest import ROOT
from visnyk.adapters.outputs.accessibility import read_statement, theme_files
from visnyk.domain.accessibility import statement as a11y

RECORD = a11y.Record(dt.date(2026, 12, 6), "0123456789abcdef",
                     (a11y.Tool("axe-core", "4.11.0", 21, 0, "Перевірка WCAG"),
                      a11y.Tool("Nu Html Checker", "26.9.27", 431, 0, "Перевірка HTML")), (320, 360, 768, 1280))


def test_the_record_is_read_back_as_written_and_a_broken_one_is_no_result():
    assert a11y.read_record(a11y.record_json(RECORD)) == RECORD
    for broken in (None, "", "{", '{"date": "вчора"}', '{"date": "2026-12-06", "theme": "x", "tools": [{}], "widths": []}'):
        assert a11y.read_record(broken) is None, broken


def test_the_statement_is_current_only_for_the_theme_it_checked():
    assert a11y.statement(RECORD, "0123456789abcdef") == a11y.Statement(RECORD, True, "6 грудня 2026 року")
    assert not a11y.statement(RECORD, "fedcba9876543210").current
    assert a11y.statement(None, "0123456789abcdef") == a11y.Statement(None, False, "")
    assert [a11y.pages_checked(n) for n in (1, 2, 5, 21, 431)] == [
        "1 сторінці", "2 сторінках", "5 сторінках", "21 сторінці", "431 сторінці"]


def test_the_theme_digest_changes_with_any_template_css_or_script(tmp_path):
    for part, name in (("templates", "base.html"), ("static/css", "site.css"), ("static/js", "search.js")):
        (tmp_path / part).mkdir(parents=True, exist_ok=True)
        (tmp_path / part / name).write_text("a", encoding="utf-8")
    before = a11y.theme_digest(theme_files(str(tmp_path)))
    for path in ("templates/base.html", "static/css/site.css", "static/js/search.js"):
        (tmp_path / path).write_text("b", encoding="utf-8")
        after = a11y.theme_digest(theme_files(str(tmp_path)))
        assert after != before, path
        before = after
    (tmp_path / a11y.RECORD).write_text("{}", encoding="utf-8")  # the record itself is not part of the theme
    assert a11y.theme_digest(theme_files(str(tmp_path))) == before


def test_the_page_states_the_standard_the_records_results_and_whom_to_write_to(demo):
    page = (demo / "dostupnist/index.html").read_text(encoding="utf-8")
    text = " ".join(lxml_html.fromstring(page).xpath("//main")[0].text_content().split())
    assert "<h1>Заява про доступність</h1>" in page
    assert "WCAG 2.2 рівня AA" in text and "ДСТУ EN 301 549:2022" in text
    assert 'href="mailto:rada@yasnohirsk.example"' in page  # the council's address, from the settings
    home = (demo / "index.html").read_text(encoding="utf-8")
    assert 'href="./dostupnist/">Заява про доступність</a>' in home.split('class="site-footer"', 1)[1]
    found = read_statement(str(ROOT / "theme"))
    assert found.record is not None, "theme/accessibility-check.json is missing: run tests/test_quality.py"
    # Its date and counts, as the record has them; and whether this very theme was checked, as it is.
    assert f"перевірено автоматично {found.date}" in text
    for tool in found.record.tools:
        assert f"({tool.name} {tool.version}): перевірено на {a11y.pages_checked(tool.pages)}, порушень не знайдено" in text
    assert ("відтоді оформлення змінювалося" in text) is not found.current
