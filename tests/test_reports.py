"""Report pages on a real build: which exist, their Ukrainian figures, the hand-written part, errors."""

from __future__ import annotations

import re

import pytest

from conftest import DEPARTMENTS, Site, item

# Build clock: 2024-10-15 12:00 Kyiv (September has ended, October has not).
EPOCH = "1728982800"
NARRATIVE = "Робота відділу була спрямована на інформаційне забезпечення громади."
REPORT = """\
---
title: Звіт відділу за вересень
date: 2024-10-03 09:00
department: info
period: "2024-09"
head: Марія Шевчук
head_title: Заступник начальника відділу
activities:
  - {text: "Брали участь у прийомах міського голови", count: 2}
  - {text: "Проведено {n}", count: 11, one: "засідання громадської ради", few: "засідання громадської ради", many: "засідань громадської ради"}
---
""" + NARRATIVE + "\n"


def text(html: str) -> str:
    main = re.search(r"<main.*?</main>", html, re.S).group(0)
    return " ".join(re.sub(r"<[^>]+>", " ", main).split())


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    s = Site(tmp_path_factory.mktemp("reports"))
    s.write("departments.yml", DEPARTMENTS)
    for n in range(21):  # 21 news in September: "21 новину"
        s.write(f"news/n{n}.md", item(title=f"Новина {n}", date=f"2024-09-{n % 28 + 1:02d} 10:00"))
    for n, kind in enumerate(["council_decision", "council_decision", "mayor_order"]):
        s.write(f"acts/a{n}.md", item(title=f"Рішення {n}", date="2024-09-20 10:00", act_kind=kind, number=f'"{n}"'))
    s.write("news/august.md", item(title="Серпнева новина", date="2024-08-31T21:30:00Z"))  # 1 September in Kyiv
    s.write("news/july.md", item(title="Липнева новина", date="2024-07-15 10:00", department="finansy"))
    s.write("news/october.md", item(title="Жовтнева новина", date="2024-10-02 10:00"))
    s.write("reports/info-2024-09.md", REPORT)
    result = s.build(epoch=EPOCH)
    assert result.returncode == 0, result.text
    return result


def test_monthly_report_title_figures_and_signature(built):
    page = text(built.page("reports/2024/09/info"))
    assert "Звіт про роботу відділу інформаційної діяльності за вересень 2019" not in page
    assert "Звіт про роботу відділу інформаційної діяльності за вересень 2024 року" in page
    assert "Протягом вересня 2024 року на офіційному сайті:" in page
    assert "підготовлено та розміщено 22 новини;" in page  # 21 + the one written as 31 August UTC
    assert "оприлюднено 3 документи: 2 рішення міської ради, 1 розпорядження міського голови." in page
    assert "оприлюднено 1 звіт" not in page  # the report itself is dated October
    assert NARRATIVE in page
    # Other work is not "on the website": its own lead-in, one list convention.
    assert ("на офіційному сайті: підготовлено та розміщено 22 новини; оприлюднено 3 документи: 2 рішення "
            "міської ради, 1 розпорядження міського голови. Оприлюднено 3 ухвалені акти — усі без дати ухвалення, тож "
            "дотримання строку не оцінено. Крім того: брали участь у прийомах міського голови — усього 2; "
            "проведено 11 засідань громадської ради.") in page
    # Position with the department (the head_title overridden in the report file), then Name SURNAME.
    assert "Заступник начальника відділу інформаційної діяльності Марія ШЕВЧУК" in page


def test_report_page_shows_date_number_and_offers_the_word_file(built):
    html = built.page("reports/2024/09/info")
    assert '<time datetime="2024-10-03">03.10.2024</time>' in html  # the hand-written file's date
    docx_file = built.output / "reports/2024/09/info/zvit-info-2024-09.docx"
    from visnyk.domain.media.attachments import file_size

    assert docx_file.is_file()
    assert 'href="../../../../reports/2024/09/info/zvit-info-2024-09.docx"' in html
    assert f"(DOCX, {file_size(docx_file.stat().st_size)})" in html
    # ДСТУ 4163:2020: date and number on one line before the heading (no number: a blank to fill in), the place.
    requisites = re.search(r'<p class="report-requisites">(.*?)</p>\s*<h1>', html, re.S).group(1)
    assert re.sub(r"<[^>]+>", "", requisites) == "03.10.2024 №\u00a0____м. Ясногірськ"
    # A month the department has not reported on: generated information, without a date of its own (not
    # 01.10.2024, the day after the period, as before) and without anyone's signature.
    generated = built.page("reports/2024/09/finansy")
    assert "<time" not in generated.split("<main", 1)[1].split('class="report-items', 1)[0]
    assert "report-requisites" not in generated and "report-signature" not in generated
    assert "Завантажити проєкт у форматі Word" in generated and "Завантажити у форматі Word" in html


def test_every_counted_item_is_listed_with_a_link(built):
    html = built.page("reports/2024/09/info")
    assert "Перелік публікацій на офіційному сайті, урахованих у звіті (25)" in html
    assert html.count('<li><a href="../../../../news/2024/') == 22
    assert 'href="../../../../acts/2024/rishennia-0/"' in html


def test_a_month_with_nothing_says_so_and_is_not_a_report_in_the_heads_name(built):
    page = text(built.page("reports/2024/09/finansy"))
    assert "Протягом вересня 2024 року на офіційному сайті не оприлюднено жодного матеріалу підрозділу." in page
    assert ("Інформація про оприлюднення матеріалів фінансового управління на офіційному сайті за вересень "
            "2024 року") in page
    assert "Звіт про роботу" not in page and "ГНАТЮК" not in page  # the registry's head signs nothing unwritten
    assert "Сформовано автоматично з публікацій на офіційному сайті; не підписано." in page


def test_reports_exist_from_the_first_month_to_the_last_ended_one(built):
    reports = built.output / "reports"
    months = sorted(p.relative_to(reports).as_posix() for p in reports.glob("2024/*/*/index.html"))
    assert months == [f"2024/{m:02d}/{d}/index.html" for m in (7, 8, 9) for d in ("finansy", "info")]
    assert not (reports / "2024/10").exists()  # October has not ended in Kyiv
    assert not (reports / "2024/06").exists()  # nothing was published before July
    assert not (reports / "2024/info").exists()  # 2024 has not ended: no annual report yet


def test_council_month_page_and_index(built):
    page = text(built.page("reports/2024/09"))
    assert "Звіти підрозділів за вересень 2024 року" in page
    assert "Усього оприлюднено: 25" in page
    index = built.page("reports")
    # The year × month grid: months with reports are links, the others plain text, January to December.
    assert '<a href="../reports/2024/09/" aria-label="Вересень 2024">Вересень</a>' in index
    assert '<a href="../reports/2024/07/" aria-label="Липень 2024">Липень</a>' in index
    assert '<li class="none">Червень</li>' in index and '<li class="none">Жовтень</li>' in index
    grid = re.search(r'<ol class="month-grid" aria-label="Місячні звіти за 2024 рік">(.*?)</ol>', index, re.S).group(1)
    assert grid.count("<li") == 12 and grid.index("Січень") < grid.index("Грудень")
    # The latest month's department reports are one tap from the index.
    assert "Найновіші: вересень 2024" in text(index) and 'href="../reports/2024/09/finansy/"' in index


def test_a_hand_written_report_for_a_period_not_ended_is_an_error(tmp_path):
    """Issue 22: a report is signed about a period that is over. One dated inside its period is refused with
    its line (it used to appear early, the month still running); one dated after the period is scheduled."""
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("news/a.md", item(date="2024-09-10 10:00"))
    s.write("reports/r.md", item(title="Звіт", date="2024-10-10 10:00", period='"2024-10"', body="Жовтень триває."))
    s.write("reports/y.md", item(title="Звіт", date="2024-12-30 10:00", period='"2024"', department="finansy"))
    s.write("reports/later.md", item(title="Звіт", date="2024-11-04 10:00", period='"2024-10"', department="finansy"))
    result = s.build(epoch=EPOCH)
    assert result.returncode == 1
    assert ("reports/r.md:5: звіт за період 2024-10 датовано 2024-10-10, а період триває до 31.10.2024 включно: "
            "звіт за незакінчений період не складають") in result.text
    assert "reports/y.md:5: звіт за період 2024 датовано 2024-12-30, а період триває до 31.12.2024" in result.text
    assert "later.md" not in result.text
    s.write("reports/r.md", item(title="Звіт", date="2024-11-01 00:00", period='"2024-10"'))
    s.write("reports/y.md", item(title="Звіт", date="2025-01-02 10:00", period='"2024"', department="finansy"))
    result = s.build(epoch=EPOCH)
    assert result.returncode == 0, result.text
    assert not (result.output / "reports/2024/10").exists()  # scheduled: nothing before the period ends


def test_annual_report_with_month_table(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    for month in (1, 2, 2, 12):
        s.write(f"news/{month}-{len(list(s.content.glob('news/*')))}.md", item(title=f"Новина {month} {len(list(s.content.glob('news/*')))}", date=f"2023-{month:02d}-05 10:00"))
    result = s.build(epoch=EPOCH)
    assert result.returncode == 0, result.text
    page = text(result.page("reports/2023/info"))
    assert "Інформація про оприлюднення матеріалів відділу інформаційної діяльності на офіційному сайті за 2023 рік" in page
    assert "Протягом 2023 року на офіційному сайті: підготовлено та розміщено 4 новини." in page
    assert "Лютий 2 0 0 0 0 2" in page  # news, announcements, acts, meetings, videos, total: reports are not counted
    assert "Звіти підрозділів за 2023 рік" in text(result.page("reports/2023"))


def test_report_dated_before_its_period_fails_the_build(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("reports/r.md", item(title="Звіт", date="2024-10-10 10:00", period='"2024-12"'))
    result = s.build(epoch=EPOCH)
    assert result.returncode == 1
    assert "reports/r.md:5: звіт за період 2024-12 датовано 2024-10-10, ще до початку цього періоду" in result.text
    # `invoke check` finds the same problem without building (the same clock, from SOURCE_DATE_EPOCH).
    from visnyk.domain.common.clock import build_clock
    from visnyk.domain.site.scan import scan

    clock = build_clock({"SOURCE_DATE_EPOCH": EPOCH})
    assert [str(p).split(" — ")[0] for p in scan(str(s.content), clock=clock).problems] == [
        "reports/r.md:5: звіт за період 2024-12 датовано 2024-10-10, ще до початку цього періоду"
    ]


def test_reports_feed_under_publish_settings(tmp_path):
    import feedparser

    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("news/a.md", item(date="2024-08-10 10:00"))
    result = s.build("-e", 'SITEURL="https://rada.example"', 'FEED_ALL_ATOM="feeds/all.atom.xml"', epoch=EPOCH)
    assert result.returncode == 0, result.text
    feed = feedparser.parse((result.output / "reports/atom.xml").read_bytes())
    assert not feed.bozo
    titles = [e.title for e in feed.entries]
    assert titles[:2] == [
        "Інформація про оприлюднення матеріалів фінансового управління на офіційному сайті за вересень 2024 року",
        "Інформація про оприлюднення матеріалів відділу інформаційної діяльності на офіційному сайті за вересень "
        "2024 року",
    ]
    assert all(e.link.startswith("https://rada.example/reports/") for e in feed.entries)
    # The Word file made in the build: every link absolute, from SITEURL.
    import docx

    word = docx.Document(result.output / "reports/2024/08/info/zvit-info-2024-08.docx")
    links = [h.address for p in word.paragraphs for h in p.hyperlinks]
    assert links == ["https://rada.example/news/2024/novyna/"]


def test_downloads_can_be_switched_off(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("news/a.md", item(date="2024-08-10 10:00"))
    result = s.build("-e", "VISNYK_REPORT_DOWNLOADS=false", epoch=EPOCH)
    assert result.returncode == 0, result.text
    assert not list(result.output.glob("reports/**/*.docx"))
    assert ".docx" not in result.page("reports/2024/08/info")


def test_stats_page_does_not_link_the_current_years_reports(built):
    page = built.page("stats")
    assert "<h2 id=\"y2024\">2024 рік" in page  # (the current year's heading; issue 29 adds its span of months)
    assert 'href="../reports/2024/"' not in page  # 2024 has not ended: no annual reports to link to


def test_departments_are_listed_in_ukrainian_alphabetical_order(built):
    # "Відділ…" before "Фінансове…", whatever their slugs (finansy < info)
    for url in ("reports/2024/09", "stats"):
        page = text(built.page(url))
        assert page.index("Відділ інформаційної діяльності") < page.index("Фінансове управління"), url
