"""Issue 22 points 4, 6, 7, 11: Ukrainian an official would sign — act kinds by their own nouns, deadline
sentences, activities, typography, and the working-day calendar as the law has it. Expected Ukrainian is
written out by hand."""

from __future__ import annotations

import datetime as dt
import json
import re

from conftest import DEPARTMENTS, Site, item
from visnyk.domain.cycle.workdays import DEFAULT, HOLIDAYS_SUSPENDED_SINCE, Calendar

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
    raw = built.page("stats/compliance/")
    assert "З 24\u00a0березня\u00a02022\u00a0року" in raw and "№\u00a02136-IX" in raw  # typeset (point 7)
    page = raw.replace("\u00a0", " ")
    assert "частина третя статті 15 Закону України «Про доступ до публічної інформації»" in page
    assert "Рахуємо робочі дні між днем оприлюднення і днем розгляду, не враховуючи ні того, ні іншого" in page
    assert "стаття 253 Цивільного кодексу України" in page
    assert "З 24 березня 2022 року на час воєнного стану ці норми не застосовуються" in page
    assert "8 березня 2022 року — не робочий день" in page
    assert "consideration" not in page.split("<main", 1)[1]
    # The late draft in the list is worded as on its own page.
    assert ("Оприлюднено за 9 робочих днів до розгляду, а закон вимагає не пізніше ніж за 10 робочих днів до "
            "розгляду: запізнення на 1 робочий день.") in page
    data = json.loads((built.output / "stats/compliance.json").read_text(encoding="utf-8"))
    assert [(a["working_days"], a["on_time"]) for a in data["acts"]] == [(9, False)]
    assert "строго між датою оприлюднення і датою розгляду" in data["rules"]["draft"]

    counted = s.build("-e", 'VISNYK_DRAFT_DAYS_COUNTING="with_publication_day"', epoch=EPOCH,
                      output=tmp_path / "with-day")
    assert counted.returncode == 0, counted.text
    data = json.loads((counted.output / "stats/compliance.json").read_text(encoding="utf-8"))
    assert [(a["working_days"], a["on_time"]) for a in data["acts"]] == [(10, True)]
    assert "від дати оприлюднення включно до дати розгляду" in data["rules"]["draft"]
    assert "Рахуємо робочі дні від дня оприлюднення (якщо він робочий)" in counted.page("stats/compliance/").replace(
        "\u00a0", " ")


def test_a_wrong_convention_stops_the_build_with_the_allowed_values(tmp_path):
    bad = _draft_site(tmp_path).build("-e", 'VISNYK_DRAFT_DAYS_COUNTING="inclusive"', epoch=EPOCH)
    assert bad.returncode == 1
    assert ("VISNYK_DRAFT_DAYS_COUNTING: expected one of 'strictly_between', 'with_publication_day', "
            "got 'inclusive'") in bad.text
    assert "Traceback" not in bad.text


# --- point 6: sentences an official would not rewrite -----------------------------------------

from visnyk.domain.language import wording  # noqa: E402
from visnyk.domain.content.items import parse_item  # noqa: E402

DRAFTS = {1: "1 проєкт рішення", 2: "2 проєкти рішень", 5: "5 проєктів рішень", 11: "11 проєктів рішень",
          21: "21 проєкт рішення"}
ADOPTED = {1: "1 ухвалений акт", 2: "2 ухвалені акти", 5: "5 ухвалених актів", 11: "11 ухвалених актів",
           21: "21 ухвалений акт"}
ON_TIME_D = "вчасно, не пізніше ніж за 10 робочих днів до розгляду"
LATE_D = "із запізненням, менше ніж за 10 робочих днів до розгляду"
NONE_D = "без дати розгляду, тож дотримання строку не оцінено"
ON_TIME_A = "вчасно, не пізніше ніж через 5 робочих днів після ухвалення"
LATE_A = "із запізненням, пізніше ніж через 5 робочих днів після ухвалення"
NONE_A = "без дати ухвалення, тож дотримання строку не оцінено"


def test_deadline_sentences_for_every_case_and_number():
    for n in (1, 2, 5, 11, 21):
        all_ = "" if n == 1 else "усі "
        # all on time, none on time, no data at all — each a single clause, no "0", no double negative
        assert wording.deadline_sentence("draft", n, 0, 0) == f"Оприлюднено {DRAFTS[n]} — {all_}{ON_TIME_D}."
        assert wording.deadline_sentence("draft", 0, n, 0) == f"Оприлюднено {DRAFTS[n]} — {all_}{LATE_D}."
        assert wording.deadline_sentence("draft", 0, 0, n) == f"Оприлюднено {DRAFTS[n]} — {all_}{NONE_D}."
        assert wording.deadline_sentence("adopted", n, 0, 0) == f"Оприлюднено {ADOPTED[n]} — {all_}{ON_TIME_A}."
        assert wording.deadline_sentence("adopted", 0, n, 0) == f"Оприлюднено {ADOPTED[n]} — {all_}{LATE_A}."
        assert wording.deadline_sentence("adopted", 0, 0, n) == f"Оприлюднено {ADOPTED[n]} — {all_}{NONE_A}."
    # some on time: the groups that exist, in one sentence
    assert wording.deadline_sentence("draft", 1, 1, 0) == f"Оприлюднено 2 проєкти рішень: 1 — {ON_TIME_D}; 1 — {LATE_D}."
    assert wording.deadline_sentence("draft", 3, 2, 0) == f"Оприлюднено 5 проєктів рішень: 3 — {ON_TIME_D}; 2 — {LATE_D}."
    assert wording.deadline_sentence("adopted", 10, 0, 1) == (
        f"Оприлюднено 11 ухвалених актів: 10 — {ON_TIME_A}; 1 — {NONE_A}.")
    assert wording.deadline_sentence("adopted", 19, 1, 1) == (
        f"Оприлюднено 21 ухвалений акт: 19 — {ON_TIME_A}; 1 — {LATE_A}; 1 — {NONE_A}.")
    assert wording.deadline_sentence("draft", 0, 0, 0) == ""
    for on_time in range(4):
        for late in range(4):
            for none in range(4):
                text = wording.deadline_sentence("draft", on_time, late, none)
                assert "жодного" not in text and " 0 " not in text and "З " not in text[:2]


def test_an_acts_own_deadline_reads_as_an_official_writes_it():
    d = dt.date
    assert wording.act_deadline("adopted", d(2026, 5, 18), d(2026, 5, 18), 0, True, 0) == (
        "Оприлюднено в день ухвалення — строк (не пізніше ніж через 5 робочих днів після ухвалення) дотримано.")
    assert wording.act_deadline("adopted", d(2026, 5, 23), d(2026, 5, 22), 0, True, 0) == (
        "Оприлюднено до першого робочого дня після ухвалення — строк (не пізніше ніж через 5 робочих днів після "
        "ухвалення) дотримано.")
    assert wording.act_deadline("adopted", d(2026, 5, 26), d(2026, 5, 18), 6, False, 1) == (
        "Оприлюднено на 6-й робочий день після ухвалення, а закон вимагає не пізніше ніж через 5 робочих днів після "
        "ухвалення: запізнення на 1 робочий день.")
    assert wording.act_deadline("draft", d(2026, 11, 6), d(2026, 11, 23), 10, True, 0) == (
        "Оприлюднено за 10 робочих днів до розгляду — строк (не пізніше ніж за 10 робочих днів до розгляду) дотримано.")
    assert wording.act_deadline("draft", d(2026, 11, 27), d(2026, 11, 30), 0, False, 10).startswith(
        "Оприлюднено без жодного робочого дня до розгляду, а закон вимагає")
    assert wording.act_deadline("draft", d(2026, 11, 30), d(2026, 11, 30), 0, False, 10).startswith(
        "Оприлюднено в день розгляду, а закон")
    assert wording.act_deadline("draft", d(2026, 11, 6), None, None, None, 0) == (
        "Дату розгляду не зазначено, тому дотримання строку оприлюднення не оцінено.")


def test_an_activity_carries_its_noun_forms_in_its_text():
    text = "Брали участь у {n} {прийомі|прийомах|прийомах} міського голови"
    assert [wording.activity_phrase(text, n, None) for n in (1, 2, 5, 11, 21)] == [
        "Брали участь у 1 прийомі міського голови", "Брали участь у 2 прийомах міського голови",
        "Брали участь у 5 прийомах міського голови", "Брали участь у 11 прийомах міського голови",
        "Брали участь у 21 прийомі міського голови"]
    # Without {n} the number stands just before the forms.
    assert wording.activity_phrase("Реалізовано {проєкт|проєкти|проєктів} бюджету участі", 8, None) == (
        "Реалізовано 8 проєктів бюджету участі")
    # A text with no forms at all still reads as Ukrainian, never "text: 2".
    assert wording.activity_phrase("Брали участь у прийомах міського голови", 2, None) == (
        "Брали участь у прийомах міського голови — усього 2")


def test_a_broken_forms_brace_is_a_problem_with_its_line():
    text = item(title="Звіт", date="2026-10-02 10:00", period='"2026-09"',
                activities='\n  - {text: "Брали участь у {n} {прийомі|прийомах} міського голови", count: 2}')
    parsed = parse_item("reports/r.md", text.encode())
    assert parsed.item is None
    messages = [f"{p.line}: {p.message}" for p in parsed.problems]
    assert messages == ["7: пункт activities «Брали участь у {n} {прийомі|прийомах} міського голови»: у фігурних "
                        "дужках буває лише {n} (число) або три форми слова {одна|дві|пʼять}"], messages


# --- point 4: each act kind by its own noun -------------------------------------------------------

from visnyk.domain.common.model import ActKind  # noqa: E402


def test_act_kinds_are_counted_by_their_own_nouns_under_documents():
    kinds = {ActKind.COUNCIL_DECISION: 3, ActKind.MAYOR_ORDER: 2, ActKind.PROTOCOL: 1,
             ActKind.COMMISSION_CONCLUSION: 1}
    assert wording.acts_done(7, kinds) == (
        "оприлюднено 7 документів: 3 рішення міської ради, 2 розпорядження міського голови, 1 протокол засідання, "
        "1 висновок постійної комісії")
    # One kind: said by its own noun, no "1 документ, з них 1 протокол".
    assert wording.acts_done(1, {ActKind.PROTOCOL: 1}) == "оприлюднено 1 протокол засідання"
    assert wording.acts_done(21, {ActKind.DRAFT_DECISION: 21}) == "оприлюднено 21 проєкт рішення"
    assert wording.acts_done(5, {ActKind.COMMISSION_RECOMMENDATIONS: 5}) == (
        "оприлюднено 5 документів із рекомендаціями постійних комісій")
    # Kinds that do not cover every act: "з них".
    assert wording.acts_done(2, {ActKind.EXECUTIVE_DECISION: 1}) == (
        "оприлюднено 2 документи, з них 1 рішення виконавчого комітету")
    assert "нормативн" not in " ".join(wording.acts_done(n, {k: n}) for k in ActKind for n in (1, 2, 5, 11, 21))


def test_an_act_is_cited_with_its_adoption_date_and_number():
    assert wording.act_citation(ActKind.EXECUTIVE_DECISION, D(2026, 6, 3), "180") == (
        "рішення виконавчого комітету від 03.06.2026 №\u00a0180")
    assert wording.act_citation(ActKind.MAYOR_ORDER, None, "45-р") == "розпорядження міського голови №\u00a045-р"
    assert wording.act_citation(ActKind.COUNCIL_DECISION, D(2026, 6, 3), None) == "рішення міської ради від 03.06.2026"
    assert wording.act_citation(ActKind.PROTOCOL, None, None) == "протокол засідання"
    # The demo's files write the sign themselves ("number: № 1341"): one sign in the citation.
    assert wording.act_citation(ActKind.COUNCIL_DECISION, D(2025, 3, 27), "№ 1341") == (
        "рішення міської ради від 27.03.2025 №\u00a01341")


def test_a_report_names_each_kind_and_its_appendix_cites_each_act(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    s.write("acts/a.md", item(title="Про тарифи", date="2026-06-04 10:00", act_kind="executive_decision",
                              adopted="2026-06-03", number='"180"'))
    s.write("acts/b.md", item(title="Про конкурс", date="2026-06-05 10:00", act_kind="mayor_order",
                              adopted="2026-06-05", number='"45-р"'))
    s.write("acts/c.md", item(title="Протокол засідання виконавчого комітету", date="2026-06-08 10:00",
                              act_kind="protocol"))
    s.write("acts/d.md", item(title="Висновок бюджетної комісії", date="2026-06-09 10:00",
                              act_kind="commission_conclusion"))
    built = s.build(epoch=EPOCH)
    assert built.returncode == 0, built.text
    page = built.page("reports/2026/06/info/")
    assert ("оприлюднено 4\u00a0документи: 1\u00a0рішення виконавчого комітету, 1\u00a0розпорядження міського "
            "голови, 1\u00a0протокол засідання, 1\u00a0висновок постійної комісії") in page
    assert "нормативн" not in page
    assert "рішення виконавчого комітету від 03.06.2026 №\u00a0180" in page
    assert "розпорядження міського голови від 05.06.2026 №\u00a045-р" in page


# --- point 7: typography in every format ------------------------------------------------------------

import docx  # noqa: E402

from visnyk.domain.reports.document import list_item  # noqa: E402
from visnyk.domain.language.typography import keeps_capital, typeset, typeset_html  # noqa: E402

N = "\u00a0"


def test_typeset_keeps_numbers_dates_and_signs_with_their_words():
    assert typeset("28 лютого 2026 року розміщено 4 позиції") == f"28{N}лютого{N}2026{N}року розміщено 4{N}позиції"
    assert typeset("рішення № 180, №12, 2026 р., 1,2 млн грн, 350 грн, 101,9 %") == (
        f"рішення №{N}180, №{N}12, 2026{N}р., 1,2{N}млн{N}грн, 350{N}грн, 101,9{N}%")
    assert typeset("за вересень 2026 року") == f"за вересень{N}2026{N}року"
    # One apostrophe, ʼ (U+02BC), for whatever the editor typed between letters; quotes stay quotes.
    assert typeset("пʼять, п'ять, п’ять, п`ять") == "пʼять, пʼять, пʼять, пʼять"
    assert typeset("\"Про тарифи\" і 'слово'") == "«Про тарифи» і 'слово'"
    # Quotes inside quotes are „…“.
    assert typeset("Закон «Про доступ до «публічної» інформації» і «інше»") == (
        "Закон «Про доступ до „публічної“ інформації» і «інше»")
    assert typeset(typeset("28 лютого 2026 року «а «б»»")) == typeset("28 лютого 2026 року «а «б»»")
    # In HTML: the text only — not tags, attributes, or code.
    assert typeset_html('<p title="2 рази">4 новини <a href="/a-1 2">об\'єкт</a></p><pre>4 новини "x"</pre>') == (
        f'<p title="2 рази">4{N}новини <a href="/a-1 2">обʼєкт</a></p><pre>4 новини "x"</pre>')


def test_list_items_keep_the_capitals_of_proper_names():
    assert list_item("Ясногірська молодіжна рада провела форум", last=False) == (
        "Ясногірська молодіжна рада провела форум;")
    assert list_item("YouTube-канал ради переглянули 5 тисяч разів", last=False).startswith("YouTube-канал")
    assert list_item("Facebook-сторінку оновлено", last=True) == "Facebook-сторінку оновлено."
    assert list_item("Тарас Шевченко — тема конкурсу", last=True).startswith("Тарас")
    assert list_item("ЗМІ поінформовано", last=True) == "ЗМІ поінформовано."
    assert list_item("Підготовлено 3 довідки", last=True) == "підготовлено 3 довідки."
    assert list_item("Моніторинг ЗМІ", last=False) == "моніторинг ЗМІ;"
    assert not keeps_capital("Проведено") and keeps_capital("Facebook")


def test_every_format_of_a_report_has_the_same_typography(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    for day in (1, 2, 3, 4):
        s.write(f"news/n{day}.md", item(title=f"Новина про обʼєкт {day}", date=f"2026-10-0{day} 10:00"))
    s.write("reports/r.md", item(
        title="Звіт", date="2026-11-03 10:00", period='"2026-10"', number='"01-15/7"',
        activities='[{text: "Ясногірська молодіжна рада провела {n} {форум|форуми|форумів}", count: 2},'
                   ' {text: "Опубліковано на YouTube {n} {відео|відео|відео}", count: 5}]',
        body="Відділ оприлюднив 4 новини про обʼєкти; бюджет — 1,2 млн грн.\n"))
    built = s.build(epoch=EPOCH)
    assert built.returncode == 0, built.text
    page = built.page("reports/2026/10/info/")
    word = "\n".join(p.text for p in docx.Document(next((built.output / "reports/2026/10/info").glob("*.docx")))
                     .paragraphs)
    for text in (page, word):
        assert f"за жовтень{N}2026{N}року" in text
        assert f"підготовлено та розміщено 4{N}новини" in text
        assert f"№{N}01-15/7" in text
        assert f"Ясногірська молодіжна рада провела 2{N}форуми;" in text
        assert f"опубліковано на YouTube 5{N}відео." in text
        assert f"(4{N}позиції) на{N}1{N}арк." in text  # the appendix mark
        assert "Новина про обʼєкт 1" in text and "об'єкт" not in text
        assert f"Відділ оприлюднив 4{N}новини про обʼєкти; бюджет — 1,2{N}млн{N}грн." in text  # the narrative
    # The appendix date: "1 жовтня", never "01 жовтня", on the page and in the Word file.
    assert re.search(f"— новина, <time datetime=\"[^\"]+\">1{N}жовтня{N}2026{N}року</time>", page)
    assert f"новина, 1{N}жовтня{N}2026{N}року" in word
    assert "01 жовтня" not in page and "01 жовтня" not in word and f"01{N}жовтня" not in word
