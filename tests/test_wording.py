"""Ukrainian wording: every counted phrase agrees with every number; months in the right case."""

from __future__ import annotations

import datetime as dt

import pytest

from visnyk.domain import wording
from visnyk.domain.model import ActKind, ContentType

NUMBERS = (0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 91, 111, 321)
# The form each number takes, written out by hand (CLDR: one / few / many).
FORM = {0: 2, 1: 0, 2: 1, 4: 1, 5: 2, 11: 2, 12: 2, 14: 2, 21: 0, 22: 1, 25: 2, 91: 0, 111: 2, 321: 0}

DONE = {
    ContentType.NEWS: ("підготовлено та розміщено", ("новину", "новини", "новин")),
    ContentType.ANNOUNCEMENT: ("розміщено", ("оголошення", "оголошення", "оголошень")),
    ContentType.ACT: ("оприлюднено", ("нормативний акт", "нормативні акти", "нормативних актів")),
    ContentType.VIDEO: ("розміщено", ("відеоролик", "відеоролики", "відеороликів")),
    ContentType.REPORT: ("оприлюднено", ("звіт", "звіти", "звітів")),
}
ACT_KINDS = {
    ActKind.COUNCIL_DECISION: ("рішення міської ради", "рішення міської ради", "рішень міської ради"),
    ActKind.EXECUTIVE_DECISION: ("рішення виконавчого комітету", "рішення виконавчого комітету", "рішень виконавчого комітету"),
    ActKind.MAYOR_ORDER: ("розпорядження міського голови", "розпорядження міського голови", "розпоряджень міського голови"),
    ActKind.DRAFT_DECISION: ("проєкт рішення", "проєкти рішень", "проєктів рішень"),
    ActKind.REGULATORY_ACT: ("регуляторний акт", "регуляторні акти", "регуляторних актів"),
    ActKind.PROTOCOL: ("протокол", "протоколи", "протоколів"),
    ActKind.OTHER: ("інший документ", "інші документи", "інших документів"),
}


@pytest.mark.parametrize("n", NUMBERS)
@pytest.mark.parametrize("item_type", list(DONE))
def test_done_phrase_agrees_with_the_number(item_type, n):
    verb, forms = DONE[item_type]
    assert wording.done_phrase(item_type, n) == f"{verb} {n} {forms[FORM[n]]}"


@pytest.mark.parametrize("n", NUMBERS)
@pytest.mark.parametrize("kind", list(ActKind))
def test_act_kind_phrase_agrees_with_the_number(kind, n):
    if n == 0:
        assert wording.act_kinds_phrase({kind: 0}) == ""
    else:
        assert wording.act_kinds_phrase({kind: n}) == f"з них {n} {ACT_KINDS[kind][FORM[n]]}"


@pytest.mark.parametrize("n", NUMBERS)
def test_noun_tables_cover_every_number(n):
    assert wording.TYPE_NOUN[ContentType.NEWS].count(n) == f"{n} {('новина', 'новини', 'новин')[FORM[n]]}"


def test_seed_report_figures_are_now_grammatical():
    # The September 2019 report wrote "321 новин" and "91 нормативних актів".
    assert wording.done_phrase(ContentType.NEWS, 321) == "підготовлено та розміщено 321 новину"
    assert wording.done_phrase(ContentType.ACT, 91) == "оприлюднено 91 нормативний акт"


def test_activity_phrases():
    assert wording.activity_phrase("Брали участь у прийомах міського голови", 2, None) == (
        "Брали участь у прийомах міського голови: 2"
    )
    forms = ("засідання громадської ради", "засідання громадської ради", "засідань громадської ради")
    assert wording.activity_phrase("Проведено {n}", 11, forms) == "Проведено 11 засідань громадської ради"
    assert wording.activity_phrase("Проведено {n}", 21, forms) == "Проведено 21 засідання громадської ради"
    assert wording.activity_phrase("Брали участь у", 2, ("прийомі", "прийомах", "прийомах")) == "Брали участь у 2 прийомах"


MONTHS = ("січень лютий березень квітень травень червень липень серпень вересень жовтень листопад грудень").split()
GENITIVE = ("січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня").split()


def test_months_in_every_case_without_a_system_locale():
    assert [wording.month_name(m) for m in range(1, 13)] == MONTHS
    assert [wording.month_genitive(m) for m in range(1, 13)] == GENITIVE
    assert wording.for_month(2019, 9) == "за вересень 2019 року"
    assert wording.during_month(2019, 9) == "у вересні 2019 року"
    assert wording.for_year(2018) == "за 2018 рік"
    assert wording.long_date(dt.date(2019, 9, 30)) == "30 вересня 2019 року"
    assert wording.month_span((2024, 5), (2025, 1)) == "з травня 2024 року до січня 2025 року"


def test_date_time_is_shown_in_kyiv_time():
    instant = dt.datetime(2019, 9, 30, 21, 30, tzinfo=dt.timezone.utc)
    assert wording.date_time(instant) == "1 жовтня 2019 року, 00:30"
