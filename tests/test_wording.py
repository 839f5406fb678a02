"""Ukrainian wording: every counted phrase agrees with every number; months in the right case."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from visnyk.domain import wording
from visnyk.domain.model import COUNTED_TYPES, ActKind, ContentType

# Numbers of every CLDR class, with the usual traps: one (1, 21, 91, 321), few (2, 4, 22) and many (0, 5,
# 11, 12, 14 — the teens are "many" though they end in 1–4 — 111).
NUMBERS = (1, 2, 4, 5, 11, 12, 14, 21, 22, 91, 111, 321, 0)

# Every expected phrase is written out here by hand, not assembled from three forms: a wrong form in the
# production tables (or a wrong rule choosing among them) cannot be copied into the expectation.
# A noun in a table or a heading (nominative).
NOUN_PHRASES = {
    ContentType.NEWS: """1 новина | 2 новини | 4 новини | 5 новин | 11 новин | 12 новин | 14 новин | 21 новина |
        22 новини | 91 новина | 111 новин | 321 новина | 0 новин""",
    ContentType.ANNOUNCEMENT: """1 оголошення | 2 оголошення | 4 оголошення | 5 оголошень | 11 оголошень |
        12 оголошень | 14 оголошень | 21 оголошення | 22 оголошення | 91 оголошення | 111 оголошень |
        321 оголошення | 0 оголошень""",
    ContentType.ACT: """1 нормативний акт | 2 нормативні акти | 4 нормативні акти | 5 нормативних актів |
        11 нормативних актів | 12 нормативних актів | 14 нормативних актів | 21 нормативний акт |
        22 нормативні акти | 91 нормативний акт | 111 нормативних актів | 321 нормативний акт |
        0 нормативних актів""",
    ContentType.MEETING: """1 засідання | 2 засідання | 4 засідання | 5 засідань | 11 засідань | 12 засідань |
        14 засідань | 21 засідання | 22 засідання | 91 засідання | 111 засідань | 321 засідання | 0 засідань""",
    ContentType.VIDEO: """1 відеоролик | 2 відеоролики | 4 відеоролики | 5 відеороликів | 11 відеороликів |
        12 відеороликів | 14 відеороликів | 21 відеоролик | 22 відеоролики | 91 відеоролик | 111 відеороликів |
        321 відеоролик | 0 відеороликів""",
    ContentType.REPORT: """1 звіт | 2 звіти | 4 звіти | 5 звітів | 11 звітів | 12 звітів | 14 звітів | 21 звіт |
        22 звіти | 91 звіт | 111 звітів | 321 звіт | 0 звітів""",
}
# What a report says was done (the noun in the accusative after the verb: "розміщено 321 новину").
DONE_PHRASES = {
    ContentType.NEWS: """підготовлено та розміщено 1 новину | підготовлено та розміщено 2 новини |
        підготовлено та розміщено 4 новини | підготовлено та розміщено 5 новин |
        підготовлено та розміщено 11 новин | підготовлено та розміщено 12 новин |
        підготовлено та розміщено 14 новин | підготовлено та розміщено 21 новину |
        підготовлено та розміщено 22 новини | підготовлено та розміщено 91 новину |
        підготовлено та розміщено 111 новин | підготовлено та розміщено 321 новину |
        підготовлено та розміщено 0 новин""",
    ContentType.ANNOUNCEMENT: """розміщено 1 оголошення | розміщено 2 оголошення | розміщено 4 оголошення |
        розміщено 5 оголошень | розміщено 11 оголошень | розміщено 12 оголошень | розміщено 14 оголошень |
        розміщено 21 оголошення | розміщено 22 оголошення | розміщено 91 оголошення | розміщено 111 оголошень |
        розміщено 321 оголошення | розміщено 0 оголошень""",
    ContentType.ACT: """оприлюднено 1 нормативний акт | оприлюднено 2 нормативні акти | оприлюднено 4 нормативні акти |
        оприлюднено 5 нормативних актів | оприлюднено 11 нормативних актів | оприлюднено 12 нормативних актів |
        оприлюднено 14 нормативних актів | оприлюднено 21 нормативний акт | оприлюднено 22 нормативні акти |
        оприлюднено 91 нормативний акт | оприлюднено 111 нормативних актів | оприлюднено 321 нормативний акт |
        оприлюднено 0 нормативних актів""",
    ContentType.MEETING: """оголошено 1 засідання | оголошено 2 засідання | оголошено 4 засідання |
        оголошено 5 засідань | оголошено 11 засідань | оголошено 12 засідань | оголошено 14 засідань |
        оголошено 21 засідання | оголошено 22 засідання | оголошено 91 засідання | оголошено 111 засідань |
        оголошено 321 засідання | оголошено 0 засідань""",
    ContentType.VIDEO: """розміщено 1 відеоролик | розміщено 2 відеоролики | розміщено 4 відеоролики |
        розміщено 5 відеороликів | розміщено 11 відеороликів | розміщено 12 відеороликів |
        розміщено 14 відеороликів | розміщено 21 відеоролик | розміщено 22 відеоролики | розміщено 91 відеоролик |
        розміщено 111 відеороликів | розміщено 321 відеоролик | розміщено 0 відеороликів""",
    ContentType.REPORT: """оприлюднено 1 звіт | оприлюднено 2 звіти | оприлюднено 4 звіти | оприлюднено 5 звітів |
        оприлюднено 11 звітів | оприлюднено 12 звітів | оприлюднено 14 звітів | оприлюднено 21 звіт |
        оприлюднено 22 звіти | оприлюднено 91 звіт | оприлюднено 111 звітів | оприлюднено 321 звіт |
        оприлюднено 0 звітів""",
}
# Act kinds after "з них"; a kind with none is left out of the phrase.
ACT_KIND_PHRASES = {
    ActKind.COUNCIL_DECISION: """з них 1 рішення міської ради | з них 2 рішення міської ради |
        з них 4 рішення міської ради | з них 5 рішень міської ради | з них 11 рішень міської ради |
        з них 12 рішень міської ради | з них 14 рішень міської ради | з них 21 рішення міської ради |
        з них 22 рішення міської ради | з них 91 рішення міської ради | з них 111 рішень міської ради |
        з них 321 рішення міської ради""",
    ActKind.EXECUTIVE_DECISION: """з них 1 рішення виконавчого комітету | з них 2 рішення виконавчого комітету |
        з них 4 рішення виконавчого комітету | з них 5 рішень виконавчого комітету |
        з них 11 рішень виконавчого комітету | з них 12 рішень виконавчого комітету |
        з них 14 рішень виконавчого комітету | з них 21 рішення виконавчого комітету |
        з них 22 рішення виконавчого комітету | з них 91 рішення виконавчого комітету |
        з них 111 рішень виконавчого комітету | з них 321 рішення виконавчого комітету""",
    ActKind.MAYOR_ORDER: """з них 1 розпорядження міського голови | з них 2 розпорядження міського голови |
        з них 4 розпорядження міського голови | з них 5 розпоряджень міського голови |
        з них 11 розпоряджень міського голови | з них 12 розпоряджень міського голови |
        з них 14 розпоряджень міського голови | з них 21 розпорядження міського голови |
        з них 22 розпорядження міського голови | з них 91 розпорядження міського голови |
        з них 111 розпоряджень міського голови | з них 321 розпорядження міського голови""",
    ActKind.DRAFT_DECISION: """з них 1 проєкт рішення | з них 2 проєкти рішень | з них 4 проєкти рішень |
        з них 5 проєктів рішень | з них 11 проєктів рішень | з них 12 проєктів рішень | з них 14 проєктів рішень |
        з них 21 проєкт рішення | з них 22 проєкти рішень | з них 91 проєкт рішення | з них 111 проєктів рішень |
        з них 321 проєкт рішення""",
    ActKind.REGULATORY_ACT: """з них 1 регуляторний акт | з них 2 регуляторні акти | з них 4 регуляторні акти |
        з них 5 регуляторних актів | з них 11 регуляторних актів | з них 12 регуляторних актів |
        з них 14 регуляторних актів | з них 21 регуляторний акт | з них 22 регуляторні акти |
        з них 91 регуляторний акт | з них 111 регуляторних актів | з них 321 регуляторний акт""",
    ActKind.PROTOCOL: """з них 1 протокол | з них 2 протоколи | з них 4 протоколи | з них 5 протоколів |
        з них 11 протоколів | з них 12 протоколів | з них 14 протоколів | з них 21 протокол | з них 22 протоколи |
        з них 91 протокол | з них 111 протоколів | з них 321 протокол""",
    ActKind.OTHER: """з них 1 інший документ | з них 2 інші документи | з них 4 інші документи |
        з них 5 інших документів | з них 11 інших документів | з них 12 інших документів |
        з них 14 інших документів | з них 21 інший документ | з них 22 інші документи | з них 91 інший документ |
        з них 111 інших документів | з них 321 інший документ""",
}


def phrases(table: str) -> list[str]:
    return [" ".join(p.split()) for p in table.split("|")]


def test_the_hand_written_tables_cover_every_type_kind_and_number():
    assert set(NOUN_PHRASES) == set(DONE_PHRASES) == set(COUNTED_TYPES) == set(wording.TYPE_NOUN) == set(wording.TYPE_DONE)
    assert set(ACT_KIND_PHRASES) == set(ActKind) == set(wording.ACT_KIND_COUNTED)
    for table in [*NOUN_PHRASES.values(), *DONE_PHRASES.values()]:
        assert [int(re.search(r"\d+", p).group()) for p in phrases(table)] == list(NUMBERS), table
    for table in ACT_KIND_PHRASES.values():
        assert [int(re.search(r"\d+", p).group()) for p in phrases(table)] == list(NUMBERS[:-1]), table


@pytest.mark.parametrize("item_type", COUNTED_TYPES, ids=lambda t: t.value)
def test_noun_tables_agree_with_every_number(item_type):
    assert [wording.TYPE_NOUN[item_type].count(n) for n in NUMBERS] == phrases(NOUN_PHRASES[item_type])


@pytest.mark.parametrize("item_type", COUNTED_TYPES, ids=lambda t: t.value)
def test_done_phrase_agrees_with_every_number(item_type):
    assert [wording.done_phrase(item_type, n) for n in NUMBERS] == phrases(DONE_PHRASES[item_type])


@pytest.mark.parametrize("kind", list(ActKind), ids=lambda k: k.value)
def test_act_kind_phrase_agrees_with_every_number(kind):
    assert [wording.act_kinds_phrase({kind: n}) for n in NUMBERS[:-1]] == phrases(ACT_KIND_PHRASES[kind])
    assert wording.act_kinds_phrase({kind: 0}) == ""


def test_act_kinds_are_listed_in_a_fixed_order():
    assert wording.act_kinds_phrase({ActKind.MAYOR_ORDER: 1, ActKind.OTHER: 0, ActKind.COUNCIL_DECISION: 12}) == (
        "з них 12 рішень міської ради, 1 розпорядження міського голови")


def test_the_plural_rule_by_hand():
    assert {n: wording.plural_form(n) for n in NUMBERS} == {
        1: "one", 2: "few", 4: "few", 5: "many", 11: "many", 12: "many", 14: "many", 21: "one", 22: "few",
        91: "one", 111: "many", 321: "one", 0: "many"}


def test_seed_report_figures_are_now_grammatical():
    # The September 2019 report wrote "321 новин" and "91 нормативних актів".
    assert wording.done_phrase(ContentType.NEWS, 321) == "підготовлено та розміщено 321 новину"
    assert wording.done_phrase(ContentType.ACT, 91) == "оприлюднено 91 нормативний акт"


def test_activity_phrases():
    assert wording.activity_phrase("Брали участь у прийомах міського голови", 2, None) == (
        "Брали участь у прийомах міського голови — усього 2"
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
