"""The legal status of acts without Pelican (issue 26): `amends:`, `repeals:`, `in_force_from:` read from
the files, the status each adopted act gets from them, and every impossible relation as a Ukrainian error
with file and line."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import item
from visnyk.domain.common.clock import KYIV
from visnyk.domain.content.items import parse_item
from visnyk.domain.legal.status import Force, Relation, relation_problems, statuses

CLOCK = dt.datetime(2026, 6, 1, 12, 0, tzinfo=KYIV)


def act(path, kind="council_decision", date="2025-03-10 10:00", **fields):
    parsed = parse_item(path, item(title="Рішення", date=date, act_kind=kind, **fields).encode())
    assert parsed.item is not None, [str(p) for p in parsed.problems]
    return parsed.item


def problems_of(path, text):
    return [str(p) for p in parse_item(path, text.encode()).problems]


def test_status_follows_amendments_and_repeals_with_their_dates():
    rules = act("acts/rules.md", adopted="2024-02-01", number="№ 10")
    tariffs = act("acts/tariffs.md", kind="executive_decision", adopted="2024-05-02", date="2024-05-03 10:00")
    change = act("acts/change.md", adopted="2025-03-10", number="№ 55", amends="[acts/rules.md]")
    repeal = act("acts/repeal.md", kind="mayor_order", adopted="2025-04-01", date="2025-04-02 09:00",
                 repeals="[acts/tariffs.md]", in_force_from="2025-05-01")
    found = statuses([rules, tariffs, change, repeal], CLOCK)
    assert found["acts/rules.md"].force is Force.AMENDED
    assert [c.act.source for c in found["acts/rules.md"].amended_by] == ["acts/change.md"]
    assert found["acts/tariffs.md"].force is Force.REPEALED
    assert found["acts/tariffs.md"].repealed_by.effective == dt.date(2025, 5, 1)
    assert found["acts/tariffs.md"].repealed_by.relation is Relation.REPEALS
    assert found["acts/change.md"].force is Force.IN_FORCE
    assert [a.source for a in found["acts/change.md"].amends] == ["acts/rules.md"]
    assert [a.source for a in found["acts/repeal.md"].repeals] == ["acts/tariffs.md"]
    assert found["acts/rules.md"].label == "Чинний, зі змінами"
    assert found["acts/tariffs.md"].label == "Втратив чинність"


def test_a_change_still_to_come_is_shown_but_does_not_change_the_status_yet():
    tariffs = act("acts/tariffs.md", adopted="2024-05-02")
    repeal = act("acts/repeal.md", adopted="2026-05-20", date="2026-05-21 09:00", repeals="[acts/tariffs.md]",
                 in_force_from="2026-07-01")
    scheduled = act("acts/later.md", adopted="2026-05-25", date="2026-06-10 09:00", amends="[acts/tariffs.md]")
    found = statuses([tariffs, repeal, scheduled], CLOCK)
    assert found["acts/tariffs.md"].force is Force.IN_FORCE
    assert found["acts/tariffs.md"].repealed_by.taken_effect is False
    assert found["acts/tariffs.md"].amended_by == ()  # a scheduled act is not public yet
    assert found["acts/repeal.md"].force is Force.NOT_YET
    assert statuses([tariffs, repeal], dt.datetime(2026, 7, 1, 0, 0, tzinfo=KYIV))["acts/tariffs.md"].force \
        is Force.REPEALED


def test_drafts_and_protocols_have_no_status():
    draft = parse_item("acts/d.md", item(title="Проєкт", act_kind="draft_decision").encode()).item
    assert statuses([draft], CLOCK) == {}


def test_impossible_relations_are_errors_with_file_and_line():
    old = act("acts/old.md", adopted="2024-01-10")
    later = act("acts/later.md", adopted="2025-06-01", date="2025-06-02 10:00")
    draft = parse_item("acts/d.md", item(title="Проєкт", act_kind="draft_decision").encode()).item
    wrong = act("acts/wrong.md", adopted="2025-03-10",
                amends="[acts/none.md, acts/d.md, acts/later.md, acts/wrong.md]")
    assert [str(p) for p in relation_problems([old, later, draft, wrong])] == [
        "acts/wrong.md:7: amends: acts/none.md — такого акта немає — вкажіть шлях до файлу рішення чи "
        "розпорядження в теці acts/",
        "acts/wrong.md:7: amends: acts/d.md — це не рішення, не розпорядження і не регуляторний акт, тож змінити "
        "чи скасувати його не можна — вкажіть ухвалений акт, а не проєкт чи протокол",
        "acts/wrong.md:7: amends: acts/later.md ухвалено 01.06.2025, пізніше за цей акт (10.03.2025): змінити чи "
        "скасувати можна лише раніше ухвалений акт — перевірте шлях і дати adopted обох актів",
        "acts/wrong.md:7: amends: акт посилається сам на себе — приберіть цей шлях",
    ]


def test_a_cycle_of_changes_is_named_once():
    a = act("acts/a.md", adopted="2025-03-10", amends="[acts/b.md]")
    b = act("acts/b.md", adopted="2025-03-10", repeals="[acts/c.md]")
    c = act("acts/c.md", adopted="2025-03-10", amends="[acts/a.md]")
    assert [str(p) for p in relation_problems([a, b, c])] == [
        "acts/a.md:7: акти змінюють один одного по колу: acts/a.md → acts/b.md → acts/c.md → acts/a.md — акт може "
        "змінювати чи скасовувати лише раніше ухвалений акт"]
    statuses([a, b, c], CLOCK)  # a broken site still gets an answer, never a recursion


def test_a_change_to_an_act_already_repealed_is_an_error():
    old = act("acts/old.md", adopted="2024-01-10")
    repeal = act("acts/repeal.md", adopted="2025-01-15", number="12", repeals="[acts/old.md]")
    late = act("acts/late.md", adopted="2025-02-01", amends="[acts/old.md]")
    again = act("acts/twice.md", adopted="2025-01-15", repeals="[acts/old.md]")  # same day: the file order decides
    assert [str(p) for p in relation_problems([old, repeal, late, again])] == [
        "acts/late.md:7: amends: acts/old.md уже втратив чинність — його скасовує рішення міської ради від "
        "15.01.2025 №\u00a012 (acts/repeal.md) — змінити чи скасувати можна лише чинний акт: перевірте шлях",
        "acts/twice.md:7: repeals: acts/old.md уже втратив чинність — його скасовує рішення міської ради від "
        "15.01.2025 №\u00a012 (acts/repeal.md) — змінити чи скасувати можна лише чинний акт: перевірте шлях",
    ]


def test_the_fields_are_read_only_where_they_mean_something():
    assert problems_of("acts/d.md", item(title="Проєкт", act_kind="draft_decision", amends="[acts/a.md]")) == [
        "acts/d.md:6: поле amends буває лише в рішеннях, розпорядженнях і регуляторних актах — приберіть його або "
        "вкажіть act_kind: council_decision, executive_decision, mayor_order, regulatory_act"]
    assert problems_of("news/n.md", item(repeals="[acts/a.md]")) == [
        "news/n.md:5: поле repeals буває лише в теці acts/, а не в news/ — приберіть поле або перенесіть файл"]
    assert problems_of("acts/r.md", item(title="Р", date="2025-03-11 10:00", act_kind="council_decision", adopted="2025-03-10",
                                         in_force_from="2025-03-01", amends="[news/a.md]",
                                         repeals="acts/x.md")) == [
        "acts/r.md:8: amends: «news/a.md» має бути шляхом до файлу акта в теці acts/ — напишіть amends: "
        "[acts/2025/pro-….md]",
        "acts/r.md:7: акт набирає чинності (2025-03-01) раніше, ніж ухвалений (2025-03-10) — перевірте дати "
        "in_force_from і adopted"]
    assert problems_of("acts/r.md", item(title="Р", act_kind="council_decision", amends="[acts/x.md]",
                                         repeals="[acts/x.md]")) == [
        "acts/r.md:7: акт і змінює, і скасовує acts/x.md — залиште шлях лише в amends або лише в repeals"]


@given(st.lists(st.sampled_from(["amends", "repeals", "in_force_from", "adopted"]), max_size=4, unique=True),
       st.lists(st.one_of(st.text(max_size=20), st.sampled_from(
           ["[acts/a.md]", "acts/a.md, acts/b.md", "2025-03-10", "2025-02-30", "{a: b}", "[]", "[[x]]", "null",
            "[acts/../a.md]", "/acts/a.md"])), min_size=4, max_size=4))
def test_any_value_of_the_relation_fields_is_an_item_or_problems_never_an_exception(keys, values):
    for kind in ("council_decision", "draft_decision"):
        lines = ["---", "title: Т", "date: 2026-11-20 10:00", "department: info", f"act_kind: {kind}"]
        lines += [f"{k}: {v}" for k, v in zip(keys, values)]
        parsed = parse_item("acts/x.md", ("\n".join(lines + ["---", "Текст.", ""])).encode())
        if parsed.item is not None:
            others = [act("acts/a.md", adopted="2020-01-01"), act("acts/b.md", adopted="2020-01-01")]
            relation_problems([parsed.item, *others])
            statuses([parsed.item, *others], CLOCK)


# --- on a real site --------------------------------------------------------------------------


def test_a_built_site_shows_the_status_on_the_act_its_changers_and_the_list(site):
    site.write("acts/2024/rules.md", item(title="Про правила", date="2024-02-01 10:00", act_kind="council_decision",
                                           adopted="2024-02-01", number="№ 10"))
    site.write("acts/2024/group.md", item(title="Про робочу групу", date="2024-03-01 10:00", act_kind="mayor_order",
                                           adopted="2024-03-01", number="5-р"))
    site.write("acts/2025/change.md", item(title="Про зміни до правил", date="2025-03-10 10:00",
                                            act_kind="council_decision", adopted="2025-03-10", number="№ 55",
                                            amends="[acts/2024/rules.md]"))
    site.write("acts/2025/repeal.md", item(title="Про скасування", date="2025-04-02 10:00", act_kind="mayor_order",
                                            adopted="2025-04-01", number="9-р", in_force_from="2025-05-01",
                                            repeals="[acts/2024/group.md]"))
    built = site.build()
    assert built.returncode == 0, built.text
    rules, group = built.page("acts/2024/pro-pravyla"), built.page("acts/2024/pro-robochu-hrupu")
    assert '<dd class="legal legal-amended">Чинний, зі змінами</dd>' in rules
    assert ('Зміни внесено: <a href="../../../acts/2025/pro-zminy-do-pravyl/">рішення міської ради від 10.03.2025 '
            '№\u00a055</a> «Про зміни до правил» (з 10.03.2025)') in rules
    assert '<dd class="legal legal-repealed">Втратив чинність з 01.05.2025</dd>' in group
    assert ('Втратив чинність з 01.05.2025 на підставі: <a href="../../../acts/2025/pro-skasuvannia/">розпорядження '
            'міського голови від 01.04.2025 №\u00a09-р</a> «Про скасування»') in group
    change = built.page("acts/2025/pro-zminy-do-pravyl")
    assert ('Вносить зміни до: <a href="../../../acts/2024/pro-pravyla/">рішення міської ради від 01.02.2024 '
            '№\u00a010</a> «Про правила»') in change
    listing = built.page("acts")
    assert listing.count('<span class="legal legal-in_force">Чинний</span>') == 2
    assert '<span class="legal legal-repealed">Втратив чинність</span>' in listing


def test_an_impossible_relation_stops_the_build_and_check_alike(site):
    site.write("acts/2025/a.md", item(title="А", date="2025-03-10 10:00", act_kind="council_decision",
                                       adopted="2025-03-10", repeals="[acts/2025/none.md]"))
    built = site.build()
    assert built.returncode != 0
    message = "acts/2025/a.md:7: repeals: acts/2025/none.md — такого акта немає"
    assert message in built.text and "Traceback" not in built.text
    from visnyk.domain.site.scan import scan
    assert any(str(p).startswith(message) for p in scan(str(site.content)).problems)
