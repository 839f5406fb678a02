"""The decision cycle without Pelican: the working-day calendar, the two publication rules, the cross-file
problems and the wording of the deadline sentences (issue 16)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import item
from visnyk.domain.common.clock import KYIV
from visnyk.domain.cycle.cycle import Cycle, Rule, cycle_problems, deadline_warnings, judge
from visnyk.domain.content.items import parse_item
from visnyk.domain.cycle.workdays import DAYS_OFF_BEFORE_SUSPENSION, DEFAULT, HOLIDAYS_SUSPENDED_SINCE, Calendar
from visnyk.domain.language import wording

D = dt.date
CLOCK = dt.datetime(2026, 12, 31, 12, 0, tzinfo=KYIV)


# --- an oracle independent of the calendar under test -----------------------------------------
# Written from the Labour Code, not from workdays.py: the holidays of art. 73 as they stood in each year, the
# Orthodox Easter of each year (Trinity is 49 days later), and art. 67 part 3 — a holiday on a Saturday or a
# Sunday moves to the next working day. Law No. 2136-IX (art. 6 part 6), in force from 24 March 2022 — a month
# after martial law began on 24 February, and not retroactive — suspends both articles while martial law lasts,
# so from that day every Monday–Friday is a working day (8 March 2022 was still a day off). The calendar's data
# begins in 2015.
ORTHODOX_EASTER = {2015: D(2015, 4, 12), 2016: D(2016, 5, 1), 2017: D(2017, 4, 16), 2018: D(2018, 4, 8),
                   2019: D(2019, 4, 28), 2020: D(2020, 4, 19), 2021: D(2021, 5, 2), 2022: D(2022, 4, 24)}
ORACLE_FROM, HOLIDAYS_SUSPENDED = D(2015, 1, 1), D(2022, 3, 24)


def holidays_of(year: int) -> list[dt.date]:
    days = [D(year, 1, 1), D(year, 1, 7), D(year, 3, 8), D(year, 5, 1), D(year, 5, 9), D(year, 6, 28),
            D(year, 8, 24), D(year, 10, 14)]  # Defender's Day is a holiday from 2015
    days += [ORTHODOX_EASTER[year], ORTHODOX_EASTER[year] + dt.timedelta(days=49)]
    if year <= 2017:
        days.append(D(year, 5, 2))  # the second day of Labour Day, until 2018
    if year >= 2017:
        days.append(D(year, 12, 25))  # Western Christmas, from 2017
    return sorted(set(days))


def oracle_days_off(year: int) -> set[dt.date]:
    holidays = holidays_of(year)
    off = {d for d in holidays if d.weekday() < 5}
    for day in holidays:
        if day.weekday() >= 5:  # moved to the next weekday that is neither a holiday nor already taken
            moved = day
            while moved.weekday() >= 5 or moved in off or moved in holidays:
                moved += dt.timedelta(days=1)
            off.add(moved)
    return {d for d in off if d < HOLIDAYS_SUSPENDED}


ORACLE_OFF = frozenset(d for year in range(2015, 2023) for d in oracle_days_off(year))


def oracle_is_working(day: dt.date) -> bool:
    assert day >= ORACLE_FROM
    return day.weekday() < 5 and day not in ORACLE_OFF


def oracle_count(first: dt.date, last: dt.date) -> int:
    return sum(oracle_is_working(first + dt.timedelta(days=n)) for n in range((last - first).days + 1))


# --- the calendar ---------------------------------------------------------------------------


def test_every_day_from_2015_is_working_or_not_as_the_labour_code_says():
    day, wrong = ORACLE_FROM, []
    while day <= D(2027, 12, 31):
        if DEFAULT.is_working(day) != oracle_is_working(day):
            wrong.append(f"{day} {day:%a}: calendar {DEFAULT.is_working(day)}, Labour Code {oracle_is_working(day)}")
        day += dt.timedelta(days=1)
    assert not wrong, "\n".join(wrong)
    assert len(ORACLE_OFF) > 70  # about ten days off a year for seven years and the start of 2022


@given(st.dates(ORACLE_FROM, D(2027, 12, 31)), st.integers(-3, 400))
def test_working_days_equal_a_day_by_day_count(first, span):
    last = first + dt.timedelta(days=span)
    expected = oracle_count(first, last) if span >= 0 else 0
    assert DEFAULT.working_days(first, last) == expected


def test_before_martial_law_holidays_are_days_off_and_moved_from_weekends():
    # 2021: 1 May (Saturday) and Orthodox Easter 2 May (Sunday) moved to Monday 3 and Tuesday 4 May.
    assert not DEFAULT.is_working(D(2021, 5, 3)) and not DEFAULT.is_working(D(2021, 5, 4))
    assert DEFAULT.is_working(D(2021, 5, 5))
    # Christmas 25 December 2021 was a Saturday: Monday 27 December off.
    assert not DEFAULT.is_working(D(2021, 12, 27))
    # 7 January 2022 (Friday), still before martial law.
    assert not DEFAULT.is_working(D(2022, 1, 7))
    # Adopted Friday 30 April 2021, published Friday 7 May: 5, 6, 7 May are the only working days after.
    assert DEFAULT.after_up_to(D(2021, 4, 30), D(2021, 5, 7)) == 3


def test_since_24_march_2022_every_weekday_is_a_working_day():
    assert all(D.fromisoformat(d) < HOLIDAYS_SUSPENDED_SINCE for d in DAYS_OFF_BEFORE_SUSPENSION)
    # 9 May 2022, 24 August 2023, 25 December 2024 (weekdays that were holidays) are working days.
    for day in (D(2022, 5, 9), D(2023, 8, 24), D(2024, 12, 25), D(2025, 1, 1)):
        assert DEFAULT.is_working(day), day
    # Across the date: Monday 21 March to Monday 28 March 2022 counts Mon–Fri only.
    assert DEFAULT.strictly_between(D(2022, 3, 21), D(2022, 3, 28)) == 4


def test_the_calendar_is_data_a_council_can_change():
    peace = Calendar.of([*DAYS_OFF_BEFORE_SUSPENSION, "2027-01-01", "2027-01-02"])  # a Saturday changes nothing
    assert peace.days_off[-1] == D(2027, 1, 1)
    assert not peace.is_working(D(2027, 1, 1)) and DEFAULT.is_working(D(2027, 1, 1))
    assert peace.working_days(D(2026, 12, 28), D(2027, 1, 8)) == DEFAULT.working_days(D(2026, 12, 28), D(2027, 1, 8)) - 1


# --- the rules ------------------------------------------------------------------------------


def act(source="acts/a.md", kind="draft_decision", date="2026-11-06 09:30", **fields):
    text = item(title="Акт", date=date, department="info", act_kind=kind, **fields)
    parsed = parse_item(source, text.encode())
    assert parsed.item is not None, parsed.problems
    return parsed.item


@pytest.mark.parametrize(("published", "considered", "days", "on_time"), [
    ("2026-11-06", "2026-11-23", 10, True),   # Fri → Mon two weeks later: 9..20 Nov = 10 working days
    ("2026-11-09", "2026-11-23", 9, False),   # Mon: one short
    ("2026-11-11", "2026-11-26", 10, True),   # Wed → Thu across two weekends
    ("2026-11-12", "2026-11-26", 9, False),
    ("2026-11-20", "2026-11-20", 0, False),   # considered the day it was published
    ("2026-11-25", "2026-11-20", 0, False),   # published after the consideration
    ("2021-12-20", "2022-01-10", 11, True),   # 27 Dec, 3 Jan and 7 Jan were days off: 11, not 14
])
def test_draft_rule_counts_working_days_strictly_between(published, considered, days, on_time):
    verdict = judge(act(date=published), Rule.DRAFT, D.fromisoformat(considered), DEFAULT)
    assert (verdict.working_days, verdict.on_time) == (days, on_time)
    assert verdict.late_by == (0 if on_time else 10 - days)


@pytest.mark.parametrize(("adopted", "published", "days", "on_time"), [
    ("2026-03-26", "2026-04-02", 5, True),    # Thu → next Thu across a weekend
    ("2026-05-18", "2026-05-26", 6, False),
    ("2026-11-19", "2026-11-19", 0, True),    # the same day
    ("2021-04-30", "2021-05-10", 3, True),    # 3, 4 and 10 May 2021 were days off (10: 9 May moved)
    ("2022-05-03", "2022-05-10", 5, True),    # 9 May 2022 is a working day under martial law
])
def test_adopted_rule_counts_working_days_after_adoption_up_to_publication(adopted, published, days, on_time):
    verdict = judge(act(kind="council_decision", date=published), Rule.ADOPTED, D.fromisoformat(adopted), DEFAULT)
    assert (verdict.working_days, verdict.on_time) == (days, on_time)


def meeting_text(date="2026-11-10 10:00", body="council", starts="2026-11-26 10:00", agenda=(), **fields) -> str:
    """A meeting file (conftest.item's `body` is the text, and a meeting has a `body:` field)."""
    lines = ["---", "title: Сесія", f"date: {date}", "department: info", f"body: {body}", f"starts: {starts}",
             "venue: Зала", *(f"{k}: {v}" for k, v in fields.items()), "agenda:" if agenda else "agenda: []",
             *(f"  - {{text: Питання, act: {a}}}" for a in agenda), "---", "Текст.", ""]
    return "\n".join(line for line in lines if line is not None)


def meeting(source="meetings/m.md", body="council", starts="2026-11-26 10:00", agenda=(), date="2026-11-10 10:00",
            **fields):
    text = meeting_text(date=date, body=body, starts=starts, agenda=agenda, **fields)
    parsed = parse_item(source, text.encode())
    assert parsed.item is not None, parsed.problems
    return parsed.item


def test_a_meeting_gives_the_consideration_date_and_a_commission_does_not():
    draft = act("acts/d.md", date="2026-11-11 16:00")
    commission = meeting("meetings/k.md", body="commission", starts="2026-11-13 10:00", agenda=["acts/d.md"])
    session = meeting("meetings/s.md", starts="2026-11-26 14:00", agenda=["acts/d.md"])
    cycle = Cycle.of([draft, commission, session], CLOCK, DEFAULT)
    verdict = cycle.by_source["acts/d.md"]
    assert verdict.event == D(2026, 11, 26) and verdict.working_days == 10 and verdict.on_time
    assert cycle.considered_at["acts/d.md"] is session
    assert cycle.listed_in["acts/d.md"] == [commission, session]


def test_drafts_and_decisions_link_and_acts_without_dates_are_no_data():
    draft = act("acts/d.md", date="2026-11-11 16:00")
    decision = act("acts/r.md", kind="council_decision", date="2026-11-27 10:00", adopted="2026-11-26",
                   draft="acts/d.md")
    undated = act("acts/u.md", kind="mayor_order", date="2026-11-27 10:00")
    protocol = act("acts/p.md", kind="protocol", date="2026-11-27 10:00")
    cycle = Cycle.of([draft, decision, undated, protocol], CLOCK, DEFAULT)
    assert cycle.adopted_by["acts/d.md"] == [decision]
    assert [v.source for v in cycle.no_data()] == ["acts/d.md", "acts/u.md"]
    assert "acts/p.md" not in cycle.by_source  # a protocol has no rule
    assert cycle.tally(Rule.ADOPTED, 2026, 11, "info").on_time == 1
    assert cycle.tally(Rule.ADOPTED).no_data == 1 and cycle.tally(Rule.DRAFT).no_data == 1
    messages = [str(w) for w in deadline_warnings(cycle)]
    assert messages[0].startswith("acts/d.md:3: дотримання строку оприлюднення не оцінено: немає дати розгляду")
    assert messages[1].startswith("acts/u.md:3: дотримання строку оприлюднення не оцінено: немає дати ухвалення")


def test_a_late_act_is_a_warning_with_file_line_and_working_days():
    late = act("acts/l.md", kind="executive_decision", date="2026-06-11 14:50", adopted="2026-06-03")
    draft = act("acts/d.md", date="2026-10-19 11:00", consideration="2026-10-29")
    cycle = Cycle.of([late, draft], CLOCK, DEFAULT)
    assert sorted(str(w) for w in deadline_warnings(cycle)) == [
        "acts/d.md:3: проєкт рішення оприлюднено пізно: між оприлюдненням і розглядом 7 робочих днів, "
        "а має бути щонайменше 10 — запізнення на 3 робочі дні",
        "acts/l.md:3: акт оприлюднено пізно: через 6 робочих днів після ухвалення, а має бути "
        "не пізніше ніж через 5 — запізнення на 1 робочий день",
    ]


def test_unpublished_items_are_not_counted():
    draft = act("acts/d.md", date="2027-01-05 10:00", consideration="2027-01-29")  # after the clock
    hidden = act("acts/h.md", date="2026-11-05 10:00", consideration="2026-11-29", status="hidden")
    session = meeting(status="draft", agenda=["acts/d.md"])
    cycle = Cycle.of([draft, hidden, session], CLOCK, DEFAULT)
    assert cycle.verdicts == [] and cycle.meetings == []


# --- impossible data ------------------------------------------------------------------------


def problems_of(source: str, text: str) -> list[str]:
    return [str(p) for p in parse_item(source, text.encode()).problems]


def test_impossible_data_in_one_file_is_an_error_with_its_line():
    assert problems_of("acts/a.md", item(date="2026-11-03 10:00", act_kind="council_decision", adopted="2026-11-05")) == [
        "acts/a.md:6: акт оприлюднено (2026-11-03) раніше, ніж ухвалено (2026-11-05) — перевірте дати date "
        "(оприлюднення) і adopted (ухвалення)"]
    found = problems_of("meetings/m.md", meeting_text(starts="2026-11-26 14:00", ends="2026-11-26 10:00"))
    assert found == ["meetings/m.md:8: засідання закінчується (2026-11-26 10:00) не пізніше, ніж починається "
                     "(2026-11-26 14:00) — перевірте starts і ends"]
    found = problems_of("acts/a.md", item(act_kind="council_decision", consideration="2026-11-26"))
    assert found[0].startswith("acts/a.md:6: поле consideration (дата розгляду) буває лише в проєктах рішень")
    found = problems_of("acts/a.md", item(act_kind="draft_decision", adopted="2026-11-26", draft="acts/x.md"))
    assert [f.split(":")[1] for f in found] == ["6", "7"]
    text = meeting_text(body="session", agenda=["news/a.md"]).replace("starts: 2026-11-26 10:00\n", "")
    assert sorted(f.split(" — ")[0] for f in problems_of("meetings/m.md", text)) == [
        "meetings/m.md:1: немає обов'язкового поля starts",
        "meetings/m.md:5: невідоме значення органу body: «session»",
        "meetings/m.md:8: пункт порядку денного має вигляд {text: …} і, за потреби, act: acts/….md"]
    assert problems_of("news/n.md", item(starts="2026-11-26 10:00"))[0].startswith(
        "news/n.md:5: поле starts буває лише в теці meetings/, а не в news/")


def test_cross_file_problems_name_the_file_and_line():
    draft = act("acts/d.md", date="2026-11-06 09:30", consideration="2026-11-25")
    session = meeting("meetings/s.md", starts="2026-11-26 10:00", agenda=["acts/d.md", "acts/none.md"])
    decision = act("acts/r.md", kind="council_decision", date="2026-11-27 10:00", draft="acts/s.md")
    not_a_draft = act("acts/s.md", kind="council_decision", date="2026-11-27 10:00", draft="acts/r.md")
    found = [str(p) for p in cycle_problems([draft, session, decision, not_a_draft])]
    assert found == [
        "acts/r.md:6: draft: acts/s.md — це не проєкт рішення (act_kind: draft_decision) — вкажіть шлях до "
        "проєкту рішення, який ухвалено цим актом",
        "acts/s.md:6: draft: acts/r.md — це не проєкт рішення (act_kind: draft_decision) — вкажіть шлях до "
        "проєкту рішення, який ухвалено цим актом",
        "meetings/s.md:10: у порядку денному посилання на acts/none.md: такого акта немає — перевірте шлях до "
        "файлу в теці acts/",
        "acts/d.md:6: дата розгляду 2026-11-25 не збігається з датою засідання 2026-11-26 (meetings/s.md), у "
        "порядку денному якого є цей проєкт — виправте consideration: або приберіть його — дату дасть засідання",
    ]


# --- wording --------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "expected"), [
    (("draft", 13, 1, 0), "Оприлюднено 14 проєктів рішень: 13 — вчасно, не пізніше ніж за 10 робочих днів до "
                          "розгляду; 1 — із запізненням, менше ніж за 10 робочих днів до розгляду."),
    (("draft", 1, 0, 0), "Оприлюднено 1 проєкт рішення — вчасно, не пізніше ніж за 10 робочих днів до розгляду."),
    (("draft", 20, 1, 1), "Оприлюднено 22 проєкти рішень: 20 — вчасно, не пізніше ніж за 10 робочих днів до розгляду; "
                          "1 — із запізненням, менше ніж за 10 робочих днів до розгляду; 1 — без дати розгляду, тож "
                          "дотримання строку не оцінено."),
    (("adopted", 21, 0, 0), "Оприлюднено 21 ухвалений акт — усі вчасно, не пізніше ніж через 5 робочих днів після "
                            "ухвалення."),
    (("adopted", 0, 3, 0), "Оприлюднено 3 ухвалені акти — усі із запізненням, пізніше ніж через 5 робочих днів після "
                           "ухвалення."),
    (("adopted", 0, 0, 3), "Оприлюднено 3 ухвалені акти — усі без дати ухвалення, тож дотримання строку не оцінено."),
    (("draft", 0, 0, 1), "Оприлюднено 1 проєкт рішення — без дати розгляду, тож дотримання строку не оцінено."),
])
def test_deadline_sentences_agree_with_every_number(args, expected):
    assert wording.deadline_sentence(*args) == expected


def test_meetings_count_as_announced():
    from visnyk.domain.common.model import ContentType

    assert [wording.done_phrase(ContentType.MEETING, n) for n in (1, 3, 5, 21, 111)] == [
        "оголошено 1 засідання", "оголошено 3 засідання", "оголошено 5 засідань", "оголошено 21 засідання",
        "оголошено 111 засідань"]


@given(st.lists(st.sampled_from(["body", "starts", "ends", "venue", "agenda", "consideration", "adopted", "draft"]),
                max_size=6),
       st.lists(st.one_of(st.text(max_size=30), st.sampled_from(
           ["council", "2026-11-26 10:00", "2026-02-30", "[{text: a, act: acts/../x.md}]", "[{text: a, act: 1}]",
            "{a: b}", "[]", "acts/x.md", "- a", "2026-11-26T10:00:00Z", "null"])), min_size=6, max_size=6))
def test_any_value_of_the_new_fields_is_an_item_or_problems_never_an_exception(keys, values):
    for folder, kind in (("meetings", None), ("acts", "draft_decision"), ("acts", "council_decision")):
        lines = ["---", "title: Т", "date: 2026-11-20 10:00", "department: info"]
        lines += [f"act_kind: {kind}"] if kind else []
        lines += [f"{key}: {json_text(value)}" for key, value in zip(keys, values)]
        parsed = parse_item(f"{folder}/x.md", "\n".join([*lines, "---", "Текст.", ""]).encode())
        assert parsed.item is not None or parsed.problems
        assert all(p.path == f"{folder}/x.md" and p.line >= 1 for p in parsed.problems)


def json_text(value: str) -> str:
    """Structured samples as written; free text quoted, so that YAML sees one value per line."""
    import json

    return value if value.startswith(("[", "{", "- ")) or value == "null" else json.dumps(value, ensure_ascii=False)
