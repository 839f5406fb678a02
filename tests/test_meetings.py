"""A real build of a small council site with meetings, drafts and decisions (issue 16): the pages, the
calendar feed (validated with `icalendar` and read again with `vobject`), the compliance data (checked
against its own schema and against working days counted here), the report sentences and `check`."""

from __future__ import annotations

import csv
import io
import json
import re

import icalendar
import jsonschema
import pytest
import vobject
from lxml import html as lxml_html

from conftest import DEPARTMENTS, Site, item

EPOCH = "1795428000"  # 2026-11-23 09:00 Kyiv, a Monday
SITEURL = "https://rada.example"


def meeting(title, date, starts, body="council", ends=None, agenda=(), venue="Сесійна зала, вул. Соборна, 1",
            department="info") -> str:
    lines = ["---", f"title: {title}", f"date: {date}", f"department: {department}", f"body: {body}",
             f"starts: {starts}", *([f"ends: {ends}"] if ends else []), f'venue: "{venue}"', "agenda:"]
    lines += [f"  - {{text: \"{text}\"{', act: ' + act if act else ''}}}" for text, act in agenda]
    return "\n".join([*lines, "---", "Засідання відкрите.", ""])


FILES = {
    # Wednesday 11 Nov → Thursday 26 Nov: exactly 10 working days strictly between (on time).
    "acts/2026/d-heat.md": item(title="Проєкт рішення про тарифи", date="2026-11-11 16:00", department="finansy",
                                act_kind="draft_decision"),
    # Monday 19 Oct → Thursday 29 Oct: 7 (late by 3).
    "acts/2026/d-family.md": item(title="Проєкт рішення про програму", date="2026-10-19 11:00", act_kind="draft_decision"),
    # Its own consideration date, no meeting: Friday 6 Nov → Thursday 17 Dec.
    "acts/2026/d-budget.md": item(title="Проєкт бюджету", date="2026-11-06 09:30", department="finansy",
                                  act_kind="draft_decision", consideration="2026-12-17"),
    "acts/2026/d-nothing.md": item(title="Проєкт без дати розгляду", date="2026-11-02 09:30", act_kind="draft_decision"),
    # Adopted Thursday 29 Oct, published the same day (on time), adopting the late draft.
    "acts/2026/r-family.md": item(title="Рішення про програму", date="2026-10-29 16:30", act_kind="council_decision",
                                  adopted="2026-10-29", draft="acts/2026/d-family.md"),
    # Adopted Monday 18 May, published Tuesday 26 May: 6 working days (late by 1).
    "acts/2026/r-late.md": item(title="Розпорядження про конкурс", date="2026-05-26 11:30", act_kind="mayor_order",
                                adopted="2026-05-18"),
    "acts/2026/r-undated.md": item(title='"=HYPERLINK(\\"http://x.example\\")"', date="2026-05-27 11:30",
                                   department="finansy", act_kind="executive_decision"),
    "meetings/2026/session-69.md": meeting("Шістдесят дев'ята сесія", "2026-10-16 10:00", "2026-10-29 10:00",
                                           ends="2026-10-29 16:00",
                                           agenda=[("Про програму; підтримка, сімей", "acts/2026/d-family.md"),
                                                   ("Земельні питання", None)]),
    "meetings/2026/executive-26.md": meeting("Засідання виконкому 26 листопада", "2026-11-16 11:00",
                                             "2026-11-26 14:00", body="executive",
                                             agenda=[("Про тарифи на теплову енергію", "acts/2026/d-heat.md")]),
    "meetings/2026/commission.md": meeting("Засідання бюджетної комісії", "2026-11-20 09:00", "2026-12-10 14:00",
                                           body="commission", ends="2026-12-10 17:00",
                                           agenda=[("Проєкт бюджету на 2027 рік", "acts/2026/d-budget.md")]),
    "meetings/2026/session-march.md": meeting("Березнева сесія", "2026-03-02 10:00", "2026-03-19 10:00"),
    # In summer time (EEST, +03:00): a fixed +02:00 or a wrong DAYLIGHT rule shows here.
    "meetings/2026/session-july.md": meeting("Липнева сесія", "2026-07-01 10:00", "2026-07-16 10:00",
                                             ends="2026-07-16 12:30"),
    "meetings/2026/not-yet.md": meeting("Ще не оголошене засідання", "2026-11-30 10:00", "2026-12-20 10:00"),
    "news/2026/n.md": item(title="Новина", date="2026-11-02 10:00"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    s = Site(tmp_path_factory.mktemp("meetings"))
    s.write("departments.yml", DEPARTMENTS)
    for path, text in FILES.items():
        s.write(path, text)
    result = s.build("-e", f'SITEURL="{SITEURL}"', epoch=EPOCH)
    assert result.returncode == 0, result.text
    return s, result


def texts(page: str, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in lxml_html.fromstring(page).xpath(xpath)]


def test_meetings_page_lists_upcoming_first_then_past_by_month(built):
    _site, build = built
    page = build.page("meetings/")
    assert texts(page, "//main//h2") == ["Найближчі засідання", "Минулі засідання"]
    assert texts(page, "//main//h3") == ["Жовтень 2026", "Липень 2026", "Березень 2026"]
    titles = texts(page, "//main//a[@class='item-title']")
    assert titles == ["Засідання виконкому 26 листопада", "Засідання бюджетної комісії", "Шістдесят дев'ята сесія",
                      "Липнева сесія", "Березнева сесія"]  # the one announced after the clock is not there yet
    assert "26 листопада 2026 року, 14:00" in page and "10 грудня 2026 року, 14:00–17:00" in page
    assert 'href="../meetings.ics"' in page


def test_home_page_shows_the_next_meetings(built):
    _site, build = built
    home = (build.output / "index.html").read_text(encoding="utf-8")
    section = lxml_html.fromstring(home).xpath("//section[@aria-labelledby='next-meetings']")[0]
    assert [a.text_content() for a in section.xpath(".//a[@class='item-title']")] == [
        "Засідання виконкому 26 листопада", "Засідання бюджетної комісії"]


def test_meeting_page_has_its_agenda_linking_the_drafts(built):
    _site, build = built
    page = build.page("meetings/2026/zasidannia-vykonkomu-26-lystopada/")
    agenda = lxml_html.fromstring(page).xpath("//ol[@class='agenda']/li/a")
    assert [(a.text_content(), a.get("href")) for a in agenda] == [
        ("Про тарифи на теплову енергію", "../../../acts/2026/proiekt-rishennia-pro-taryfy/")]
    assert "Засідання виконавчого комітету" in page and "Сесійна зала, вул. Соборна, 1" in page


def test_a_draft_shows_its_meeting_and_decision_and_the_decision_its_draft(built):
    _site, build = built
    draft = build.page("acts/2026/proiekt-rishennia-pro-prohramu/")
    cycle = texts(draft, "//section[@class='cycle']//li")
    assert cycle[0] == ("Розгляд: Шістдесят дев'ята сесія — 29 жовтня 2026 року, 10:00–16:00, "
                        "Сесійна зала, вул. Соборна, 1")
    assert cycle[1] == "Ухвалене рішення: Рішення про програму"
    assert cycle[2].startswith("Оприлюднено за 7 робочих днів до розгляду, а закон вимагає не пізніше ніж за 10 "
                               "робочих днів до розгляду: запізнення на 3 робочі дні.")
    decision = build.page("acts/2026/rishennia-pro-prohramu/")
    assert texts(decision, "//section[@class='cycle']//li")[:2] == [
        "Проєкт рішення: Проєкт рішення про програму", "Ухвалено: 29 жовтня 2026 року"]
    assert 'href="../../../acts/2026/proiekt-rishennia-pro-prohramu/"' in decision
    budget = build.page("acts/2026/proiekt-biudzhetu/")
    assert texts(budget, "//section[@class='cycle']//li")[:2] == [
        "Розгляд: 17 грудня 2026 року",
        "У порядку денному: Засідання бюджетної комісії — 10 грудня 2026 року, 14:00–17:00"]


def test_meetings_ics_is_valid_icalendar_read_by_two_parsers(built):
    _site, build = built
    raw = (build.output / "meetings.ics").read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n") and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar.errors == []
    zone = calendar.walk("VTIMEZONE")[0]
    assert zone["TZID"] == "Europe/Kyiv"
    events = calendar.walk("VEVENT")
    assert all(event.errors == [] for event in events)
    assert [str(e["SUMMARY"]) for e in events] == [
        "Березнева сесія", "Липнева сесія", "Шістдесят дев'ята сесія", "Засідання виконкому 26 листопада",
        "Засідання бюджетної комісії"]
    executive = events[3]
    assert executive["UID"] == "meetings-2026-executive-26@rada.example"
    assert executive["DTSTART"].dt.isoformat() == "2026-11-26T14:00:00+02:00"
    assert executive["DURATION"].dt.total_seconds() == 2 * 3600  # no `ends:`: the default duration
    assert executive["LOCATION"] == "Сесійна зала, вул. Соборна, 1"
    assert str(executive["URL"]) == f"{SITEURL}/meetings/2026/zasidannia-vykonkomu-26-lystopada/"
    session = events[2]
    assert session["DTEND"].dt.isoformat() == "2026-10-29T16:00:00+02:00"
    description = str(session["DESCRIPTION"])
    assert "1. Про програму; підтримка, сімей\n2. Земельні питання" in description
    assert description.endswith(f"Сторінка засідання: {SITEURL}/meetings/2026/shistdesiat-deviata-sesiia/")
    # A second, independent parser (vobject) reads the same events and times.
    parsed = vobject.readOne(raw.decode("utf-8"))
    assert [e.summary.value for e in parsed.vevent_list] == [str(e["SUMMARY"]) for e in events]
    assert parsed.vevent_list[2].dtstart.value.isoformat() == "2026-10-29T10:00:00+02:00"
    assert parsed.vevent_list[2].description.value == description
    assert parsed.vevent_list[1].dtstart.value.isoformat() == "2026-07-16T10:00:00+03:00"


def test_meetings_ics_gives_summer_and_winter_times_by_its_own_time_zone(built):
    """The times are wall-clock times in Kyiv with the zone's rules in the file: a calendar program uses the
    VTIMEZONE it is given, so its DAYLIGHT and STANDARD rules must be Kyiv's (checked against tzdata), and a
    meeting in July is at 10:00 +03:00, not at a fixed +02:00."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    _site, build = built
    raw = (build.output / "meetings.ics").read_bytes().decode("utf-8")
    lines = raw.replace("\r\n ", "").split("\r\n")
    assert "DTSTART;TZID=Europe/Kyiv:20260716T100000" in lines and "DTEND;TZID=Europe/Kyiv:20260716T123000" in lines
    assert "DTSTART;TZID=Europe/Kyiv:20260319T100000" in lines
    events = lines[lines.index("END:VTIMEZONE"):]
    assert not [line for line in events if line.startswith(("DTSTART", "DTEND")) and (
        "TZID=Europe/Kyiv:" not in line or line.endswith("Z"))]
    calendar = icalendar.Calendar.from_ical(raw)
    [zone] = calendar.walk("VTIMEZONE")
    assert [c.name for c in zone.subcomponents] == ["DAYLIGHT", "STANDARD"]
    # The zone as the file defines it (not looked up by its name), against tzdata for every hour of 2026
    # and 2027 (each transition included), hour by hour of UTC.
    tz, kyiv = zone.to_tz(lookup_tzid=False), ZoneInfo("Europe/Kyiv")
    wrong = []
    hour = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    while hour.year < 2028:
        if hour.astimezone(tz).utcoffset() != hour.astimezone(kyiv).utcoffset():
            wrong.append(hour.isoformat())
        hour += dt.timedelta(hours=1)
    assert not wrong, f"{len(wrong)} hours off, from {wrong[0]} to {wrong[-1]}"
    july = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Липнева сесія")
    start = july["DTSTART"].dt.replace(tzinfo=None).replace(tzinfo=tz)
    assert start.utcoffset() == dt.timedelta(hours=3)
    assert start.astimezone(dt.timezone.utc).isoformat() == "2026-07-16T07:00:00+00:00"


def test_a_summer_meeting_page_says_its_kyiv_time(built):
    _site, build = built
    page = build.page("meetings/2026/lypneva-sesiia/")
    times = lxml_html.fromstring(page).xpath("//time")
    assert [(t.get("datetime"), " ".join(t.text_content().split())) for t in times] == [
        ("2026-07-16T10:00:00+03:00", "16 липня 2026 року, 10:00–12:30"),  # «Коли» first (issue 29)
        ("2026-07-01T10:00:00+03:00", "1 липня 2026 року, 10:00"),  # then when it was published
    ]


def test_the_home_and_meetings_pages_offer_the_calendar_to_subscribe(built):
    _site, build = built
    for page in (build.page("meetings/"), (build.output / "index.html").read_text(encoding="utf-8")):
        assert re.search(r'href="(\.\.?/)?meetings\.ics">Календар', page)


def test_compliance_json_follows_its_schema_and_the_working_days_counted_here(built):
    _site, build = built
    data = json.loads((build.output / "stats/compliance.json").read_text(encoding="utf-8"))
    schema = json.loads((build.output / "stats/compliance.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    got = {(a["source"], a["rule"], a["working_days"], a["on_time"], a["late_by"]) for a in data["acts"]}
    assert got == {
        ("acts/2026/d-heat.md", "draft", 10, True, 0),
        ("acts/2026/d-family.md", "draft", 7, False, 3),
        ("acts/2026/d-budget.md", "draft", 28, True, 0),
        ("acts/2026/r-family.md", "adopted", 0, True, 0),
        ("acts/2026/r-late.md", "adopted", 6, False, 1),
    }
    assert {(a["source"], a["missing"]) for a in data["no_data"]} == {
        ("acts/2026/d-nothing.md", "consideration"), ("acts/2026/r-undated.md", "adopted")}
    rows = list(csv.DictReader(io.StringIO((build.output / "stats/compliance.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 7 and {r["source"] for r in rows} == {a["source"] for a in [*data["acts"], *data["no_data"]]}
    assert next(r for r in rows if r["source"] == "acts/2026/r-late.md")["on_time"] == "false"
    formula = next(r for r in rows if r["source"] == "acts/2026/r-undated.md")  # stays text in a spreadsheet
    assert formula["title"] == "'=HYPERLINK(\"http://x.example\")" and formula["on_time"] == ""
    assert next(a for a in data["no_data"] if a["source"] == "acts/2026/r-undated.md")["title"].startswith("=HYP")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "acts": [{**data["acts"][0], "on_time": "так"}]}, schema)


def test_compliance_page_counts_and_lists_the_late_ones(built):
    _site, build = built
    page = build.page("stats/compliance/")
    assert "<h1>Дотримання строків оприлюднення</h1>" in page
    lines = texts(page, "//ul[@class='report-figures']/li")
    assert lines == [
        "Оприлюднено 4 проєкти рішень: 2 — вчасно, не пізніше ніж за 10 робочих днів до розгляду; 1 — із "
        "запізненням, менше ніж за 10 робочих днів до розгляду; 1 — без дати розгляду, тож дотримання строку не "
        "оцінено.",
        "Оприлюднено 3 ухвалені акти: 1 — вчасно, не пізніше ніж через 5 робочих днів після ухвалення; 1 — із "
        "запізненням, пізніше ніж через 5 робочих днів після ухвалення; 1 — без дати ухвалення, тож дотримання "
        "строку не оцінено.",
    ]
    late = texts(page, "//h3[starts-with(@id, 'late-')]/following-sibling::ul[1]/li")
    assert [line.split(" Розпорядження")[0].split(" Проєкт рішення")[0] for line in late] == [
        "Розпорядження про конкурс", "Проєкт рішення про програму"]
    assert "запізнення на 1 робочий день" in late[0] and "запізнення на 3 робочі дні" in late[1]
    rows = lxml_html.fromstring(page).xpath("(//table)[1]/tbody/tr")
    months = [[cell.text_content().strip() for cell in row] for row in rows]
    # Month, then drafts on time / late / no data, then adopted acts on time / late / no data.
    assert months == [["Травень", "0", "0", "0", "0", "1", "1"], ["Жовтень", "0", "1", "0", "1", "0", "0"],
                      ["Листопад", "2", "0", "1", "0", "0", "0"]]


def test_reports_carry_the_deadline_sentences(built):
    _site, build = built
    october = build.page("reports/2026/10/info/").replace("\xa0", " ")  # no-break spaces: test_official_wording
    assert ("Оприлюднено 1 проєкт рішення — із запізненням, менше ніж за 10 робочих днів до розгляду.") in october
    assert "Оприлюднено 1 ухвалений акт — вчасно, не пізніше ніж через 5 робочих днів після ухвалення." in october
    assert "оголошено 1 засідання" in october
    may = build.page("reports/2026/05/").replace("\xa0", " ")  # the council-wide page sums the departments
    assert ("Оприлюднено 2 ухвалені акти: 1 — із запізненням, пізніше ніж через 5 робочих днів після ухвалення; "
            "1 — без дати ухвалення, тож дотримання строку не оцінено.") in may
    # A period with a meeting and no act: the meeting is counted, and no deadline sentence is made up.
    march = " ".join(texts(build.page("reports/2026/03/info/"), "//main"))
    assert "Протягом березня 2026 року на офіційному сайті: оголошено 1 засідання." in march, march
    assert "Березнева сесія — засідання" in march, march
    assert "робоч" not in march and "проєкт рішен" not in march and "ухвален" not in march, march
    assert not (build.output / "reports/2025").exists()  # a year with no content has no report pages


def test_check_warns_about_late_publications_and_the_build_passes(built, capsys, monkeypatch):
    import test_tasks

    site, build = built
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert test_tasks.run("check", "--content", str(site.content)) == 0
    out = capsys.readouterr().out
    # 4 acts, and 6 meetings' records since issue 26: sessions and commissions without their video or protocol
    assert "Строки оприлюднення: 10 зауважень (сайт збереться" in out
    assert "у засіданні не зазначено відеозапис — коли відеозапис оприлюднено, додайте video: шлях до нього" in out
    assert ("acts/2026/d-family.md:3: проєкт рішення оприлюднено пізно: між оприлюдненням і розглядом "
            "7 робочих днів, а має бути щонайменше 10 — запізнення на 3 робочі дні") in out
    assert "acts/2026/r-late.md:3: акт оприлюднено пізно: через 6 робочих днів після ухвалення" in out
    assert out.rstrip().endswith("помилок немає.")


def test_impossible_data_stops_the_build_with_file_and_line(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("acts/a.md", item(title="Рішення", date="2026-05-20 10:00", act_kind="council_decision",
                              adopted="2026-05-22"))
    s.write("meetings/m.md", meeting("Сесія", "2026-05-01 10:00", "2026-05-20 14:00", ends="2026-05-20 12:00",
                                     agenda=[("Питання", "acts/none.md")]))
    result = s.build(epoch=EPOCH)
    assert result.returncode == 1
    assert "acts/a.md:6: акт оприлюднено (2026-05-20) раніше, ніж ухвалено (2026-05-22)" in result.stderr
    assert "meetings/m.md:7: засідання закінчується (2026-05-20 12:00) не пізніше, ніж починається" in result.stderr
    assert "Traceback" not in result.text


def test_the_holiday_calendar_is_a_checked_setting(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("acts/d.md", item(title="Проєкт", date="2026-11-11 16:00", act_kind="draft_decision",
                              consideration="2026-11-26"))
    bad = s.build("-e", 'VISNYK_DAYS_OFF=["2026-11-16", "16.11.2026"]', epoch=EPOCH)
    assert bad.returncode == 1 and "VISNYK_DAYS_OFF: expected dates as 'YYYY-MM-DD', got '16.11.2026'" in bad.text
    peace = s.build("-e", 'VISNYK_DAYS_OFF=["2026-11-16"]', epoch=EPOCH)  # one day off: 9 days, late
    assert peace.returncode == 0, peace.text
    data = json.loads((peace.output / "stats/compliance.json").read_text(encoding="utf-8"))
    assert [(a["working_days"], a["on_time"]) for a in data["acts"]] == [(9, False)]
