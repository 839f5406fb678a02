"""Issue 22 points 4, 6, 7, 11: Ukrainian an official would sign — act kinds by their own nouns, deadline
sentences, activities, typography, and the working-day calendar as the law has it. Expected Ukrainian is
written out by hand."""

from __future__ import annotations

import datetime as dt
import json

from conftest import DEPARTMENTS, Site, item
from visnyk.domain.workdays import DEFAULT, HOLIDAYS_SUSPENDED_SINCE, Calendar

D = dt.date
EPOCH = "1795428000"  # 2026-11-23 09:00 Kyiv, a Monday


# --- point 11: the working-day calendar ---------------------------------------------------------


def test_holidays_stayed_days_off_until_law_2136_ix_took_effect():
    # Martial law from 24 February 2022, but Law No. 2136-IX (art. 6 part 6) applies from 24 March 2022:
    # Tuesday 8 March 2022 was still a day off under the Labour Code's art. 73.
    assert HOLIDAYS_SUSPENDED_SINCE == D(2022, 3, 24)
    assert not DEFAULT.is_working(D(2022, 3, 8))
    assert DEFAULT.is_working(D(2022, 3, 7))  # the Cabinet's recommended transfer is not a day off by law
    # Strictly between Wednesday 23 Feb and Wednesday 9 March 2022 lie 9 weekdays; 8 March is not a working one.
    assert DEFAULT.strictly_between(D(2022, 2, 23), D(2022, 3, 9)) == 8
    # After the law: 9 May 2022, 24 August 2023, 25 December 2024 are working days.
    assert all(DEFAULT.is_working(d) for d in (D(2022, 5, 9), D(2023, 8, 24), D(2024, 12, 25)))


def test_the_draft_counting_convention_is_a_calendar_choice():
    # Published Thursday 12 Nov, considered Thursday 26 Nov 2026: 13–25 Nov hold 9 working days.
    assert DEFAULT.before_consideration(D(2026, 11, 12), D(2026, 11, 26)) == 9
    with_day = Calendar.of((), "with_publication_day")
    assert with_day.before_consideration(D(2026, 11, 12), D(2026, 11, 26)) == 10
    # A Saturday publication adds nothing; nor does a publication on the consideration day.
    assert with_day.before_consideration(D(2026, 11, 14), D(2026, 11, 26)) == 8  # 16–20, 23–25 Nov
    assert with_day.before_consideration(D(2026, 11, 26), D(2026, 11, 26)) == 0


def _draft_site(tmp_path) -> Site:
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("acts/d.md", item(title="Проєкт", date="2026-11-12 16:00", act_kind="draft_decision",
                              consideration="2026-11-26"))
    return s


def test_the_compliance_page_states_the_convention_and_its_legal_basis(tmp_path):
    s = _draft_site(tmp_path)
    built = s.build(epoch=EPOCH)
    assert built.returncode == 0, built.text
    page = built.page("stats/compliance/")
    assert "частина третя статті 15 Закону України «Про доступ до публічної інформації»" in page
    assert "Рахуємо робочі дні між днем оприлюднення і днем розгляду, не враховуючи ні того, ні іншого" in page
    assert "стаття 253 Цивільного кодексу України" in page
    assert "З 24 березня 2022 року на час воєнного стану ці норми не застосовуються" in page
    assert "8 березня 2022 року — не робочий день" in page
    assert "consideration" not in page.split("<main", 1)[1]
    data = json.loads((built.output / "stats/compliance.json").read_text(encoding="utf-8"))
    assert [(a["working_days"], a["on_time"]) for a in data["acts"]] == [(9, False)]
    assert "строго між датою оприлюднення і датою розгляду" in data["rules"]["draft"]

    counted = s.build("-e", 'VISNYK_DRAFT_DAYS_COUNTING="with_publication_day"', epoch=EPOCH,
                      output=tmp_path / "with-day")
    assert counted.returncode == 0, counted.text
    data = json.loads((counted.output / "stats/compliance.json").read_text(encoding="utf-8"))
    assert [(a["working_days"], a["on_time"]) for a in data["acts"]] == [(10, True)]
    assert "від дати оприлюднення включно до дати розгляду" in data["rules"]["draft"]
    assert "Рахуємо робочі дні від дня оприлюднення (якщо він робочий)" in counted.page("stats/compliance/")


def test_a_wrong_convention_stops_the_build_with_the_allowed_values(tmp_path):
    bad = _draft_site(tmp_path).build("-e", 'VISNYK_DRAFT_DAYS_COUNTING="inclusive"', epoch=EPOCH)
    assert bad.returncode == 1
    assert ("VISNYK_DRAFT_DAYS_COUNTING: expected one of 'strictly_between', 'with_publication_day', "
            "got 'inclusive'") in bad.text
    assert "Traceback" not in bad.text
