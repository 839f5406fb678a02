"""A meeting's records (issue 26 §5): its video (a session or a standing commission, Law No. 3590-IX) and its
protocol (the council's own term), judged like the two publication rules of the decision cycle."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import item
from test_cycle import CLOCK, act, meeting, meeting_text, problems_of
from visnyk.domain.content.items import parse_item
from visnyk.domain.cycle.cycle import Cycle, cycle_problems, deadline_warnings
from visnyk.domain.cycle.records import Record
from visnyk.domain.cycle.workdays import DEFAULT, Calendar

D = dt.date


def video(source="videos/v.md", date="2026-11-27 09:00"):
    parsed = parse_item(source, item(title="Відео", date=date, video_url="https://www.youtube.com/watch?v=x").encode())
    assert parsed.item is not None, parsed.problems
    return parsed.item


def records(cycle: Cycle, rule: Record) -> list[tuple[str, int | None, bool | None]]:
    return [(r.source, r.days, r.on_time) for r in cycle.records if r.rule is rule]


@pytest.mark.parametrize(("published", "days", "on_time"), [
    ("2026-11-26 18:00", 0, True),   # the same evening
    ("2026-11-27 09:00", 1, True),   # the next day: the law's limit
    ("2026-11-28 09:00", 2, False),  # a Saturday counts: calendar days
])
def test_a_sessions_video_is_due_the_next_day(published, days, on_time):
    session = meeting(starts="2026-11-26 10:00", video="videos/v.md", protocol="acts/p.md")
    found = Cycle.of([session, video(date=published), act("acts/p.md", kind="protocol", date="2026-11-27 10:00")],
                     CLOCK, DEFAULT)
    assert records(found, Record.VIDEO) == [("meetings/m.md", days, on_time)]
    assert records(found, Record.PROTOCOL) == [("meetings/m.md", 1, True)]


def test_the_protocol_term_is_the_councils_own_in_working_days():
    session = meeting(starts="2026-11-26 10:00", protocol="acts/p.md")
    protocol = act("acts/p.md", kind="protocol", date="2026-12-11 10:00")  # 11 working days after Thursday 26th
    assert records(Cycle.of([session, protocol], CLOCK, DEFAULT), Record.PROTOCOL) == [("meetings/m.md", 11, False)]
    longer = Calendar.of((), protocol_days=15)
    assert records(Cycle.of([session, protocol], CLOCK, longer), Record.PROTOCOL) == [("meetings/m.md", 11, True)]


def test_which_meetings_have_which_records():
    commission = meeting("meetings/k.md", body="commission", starts="2026-11-20 10:00")
    executive = meeting("meetings/e.md", body="executive", starts="2026-11-20 12:00")
    public = meeting("meetings/h.md", body="public_council", starts="2026-11-20 14:00")
    before_law = meeting("meetings/o.md", starts="2024-08-14 10:00", date="2024-08-01 10:00")
    running = meeting("meetings/r.md", starts="2026-12-31 10:00", date="2026-12-20 10:00")  # the clock's day
    found = Cycle.of([commission, executive, public, before_law, running], CLOCK, DEFAULT)
    # No executive or public-council video rule; the law's video rule starts on 15 August 2024; a record whose
    # term still runs has no verdict yet; one whose term is over is "no data".
    assert records(found, Record.VIDEO) == [("meetings/k.md", None, None)]
    assert records(found, Record.PROTOCOL) == [("meetings/o.md", None, None), ("meetings/e.md", None, None),
                                               ("meetings/k.md", None, None)]  # by day, then file


def test_check_warns_of_a_late_record_and_of_a_missing_one_with_file_and_line():
    session = meeting(starts="2026-11-26 10:00", video="videos/v.md")
    found = [str(w) for w in deadline_warnings(Cycle.of([session, video(date="2026-11-30 09:00")], CLOCK, DEFAULT))]
    assert found == [
        "meetings/m.md:6: дотримання строку оприлюднення не оцінено: у засіданні не зазначено протокол — коли "
        "протокол оприлюднено, додайте protocol: шлях до нього",
        "meetings/m.md:8: відеозапис засідання оприлюднено пізно: через 4 дні після засідання, а має бути не "
        "пізніше ніж через 1 день — запізнення на 3 дні",
    ]


def test_a_protocol_or_video_that_is_not_one_is_an_error_with_file_and_line():
    session = meeting(starts="2026-11-26 10:00", video="videos/none.md", protocol="acts/d.md")
    draft = act("acts/d.md")
    assert [str(p) for p in cycle_problems([session, draft])] == [
        "meetings/m.md:9: protocol: acts/d.md — це не протокол (act_kind: protocol) — вкажіть шлях до протоколу "
        "цього засідання в теці acts/",
        "meetings/m.md:8: video: videos/none.md — такого відео немає — вкажіть шлях до відеозапису цього засідання "
        "в теці videos/",
    ]
    assert problems_of("meetings/m.md", meeting_text(video="news/a.md", protocol="protocol.pdf")) == [
        "meetings/m.md:9: protocol «protocol.pdf» має бути шляхом до протоколу в теці acts/ — напишіть protocol: "
        "acts/2026/protokol-….md",
        "meetings/m.md:8: video «news/a.md» має бути шляхом до відео в теці videos/ — напишіть video: "
        "videos/2026/….md",
    ]


def test_the_terms_are_validated_settings():
    from visnyk.adapters.build.settings import SettingsError, validated

    values = validated({})
    assert (values["VISNYK_SESSION_VIDEO_DAYS"], values["VISNYK_PROTOCOL_DAYS"]) == (1, 10)
    for name, bad in (("VISNYK_SESSION_VIDEO_DAYS", 0), ("VISNYK_SESSION_VIDEO_DAYS", 31), ("VISNYK_PROTOCOL_DAYS", "5"),
                      ("VISNYK_PROTOCOL_DAYS", 61), ("VISNYK_PROTOCOL_DAYS", True)):
        with pytest.raises(SettingsError, match=name):
            validated({name: bad})


@pytest.mark.parametrize(("counts", "expected"), [
    ((1, 0, 0), "Строк оприлюднення відеозапису перевірено для 1 засідання — вчасно (не пізніше ніж через 1 день "
                "після засідання)."),
    ((2, 0, 0), "Строк оприлюднення відеозапису перевірено для 2 засідань — усі вчасно (не пізніше ніж через 1 день "
                "після засідання)."),
    ((20, 1, 0), "Строк оприлюднення відеозапису перевірено для 21 засідання: 20 — вчасно (не пізніше ніж через "
                 "1 день після засідання); 1 — із запізненням."),
    ((0, 3, 2), "Строк оприлюднення відеозапису перевірено для 5 засідань: 3 — із запізненням; 2 — без даних "
                "(відеозапис на сайті не зазначено)."),
])
def test_the_sentences_agree_with_every_number(counts, expected):
    from visnyk.domain.cycle.records import Tally, sentence

    assert sentence(Record.VIDEO, Tally(*counts), DEFAULT) == expected
    assert sentence(Record.VIDEO, Tally(), DEFAULT) == ""
    assert "через 3 робочі дні після засідання" in sentence(Record.PROTOCOL, Tally(1), Calendar.of((), protocol_days=3))


def test_a_built_site_reports_the_records_in_compliance_data_page_and_report(site):
    """Session on Thursday 20 November 2025: its video four days later (late), its protocol on the fifth working
    day (on time); the executive committee's meeting names no protocol (no data)."""
    import json

    site.write("meetings/2025/sesiia.md", meeting_text(date="2025-11-10 10:00", starts="2025-11-20 10:00",
                                                      video="videos/2025/sesiia.md", protocol="acts/2025/protokol.md"))
    site.write("meetings/2025/vykonkom.md", meeting_text(date="2025-11-03 10:00", body="executive",
                                                        starts="2025-11-06 14:00").replace("Сесія", "Виконком"))
    site.write("videos/2025/sesiia.md", item(title="Запис сесії", date="2025-11-24 10:00",
                                             video_url="https://www.youtube.com/watch?v=x"))
    site.write("acts/2025/protokol.md", item(title="Протокол сесії", date="2025-11-27 10:00", act_kind="protocol"))
    build = site.build()
    assert build.returncode == 0, build.text
    data = json.loads((build.output / "stats/compliance.json").read_text(encoding="utf-8"))
    found = {(r["source"], r["rule"]): (r["days"], r["on_time"], r["late_by"]) for r in data["meeting_records"]}
    assert found == {("meetings/2025/sesiia.md", "video"): (4, False, 3),
                     ("meetings/2025/sesiia.md", "protocol"): (5, True, 0),
                     ("meetings/2025/vykonkom.md", "protocol"): (None, None, 0)}
    assert "Закон № 3590-IX" in data["rules"]["video"]
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO((build.output / "stats/compliance.csv").read_text(encoding="utf-8"))))
    assert sorted((r["source"], r["rule"], r["working_days"], r["on_time"], r["late_by"]) for r in rows
                  if r["source"].startswith("meetings/")) == [
        ("meetings/2025/sesiia.md", "protocol", "5", "true", "0"), ("meetings/2025/sesiia.md", "video", "", "false", "3")]
    page = build.page("stats/compliance/").replace("\u00a0", " ").replace("&nbsp;", " ")
    assert "Строк оприлюднення відеозапису перевірено для 1 засідання — із запізненням." in page
    assert "протоколу перевірено для 2 засідань: 1 — вчасно (не пізніше ніж через 10 робочих днів після " \
           "засідання); 1 — без даних (протокол на сайті не зазначено)." in page
    assert "№ 3590-IX" in page
    report = build.page("reports/2025/11/info/").replace("\u00a0", " ").replace("&nbsp;", " ")
    assert "відеозапису перевірено для 1" in report and "протоколу перевірено для 2" in report
    # A protocol is not a normative act: counted by its own noun, never in the register of acts.
    assert "протокол засідання" in report
    assert "Протокол сесії" not in build.page("acts/register/")
    # The meeting's page names its protocol and its video, each a link to its page.
    import re

    meeting_page = build.page("meetings/2025/sesiia/")
    assert re.search(r'Протокол: <a href="[^"]*acts/2025/protokol-sesii/">Протокол сесії</a>', meeting_page), meeting_page
    assert re.search(r'Відеозапис: <a href="[^"]*videos/2025/zapys-sesii/">Запис сесії</a>', meeting_page)
    assert "Протокол і відеозапис" not in build.page("meetings/2025/vykonkom/")
