"""Answers kept between a build's rounds (domain/common/memo.py): the live preview builds again with the same
item objects but the one a save changed, so only that one is asked again — and never answered from before."""

from __future__ import annotations

import datetime as dt

from visnyk.domain.common.clock import KYIV
from visnyk.domain.common.memo import PerRecord
from visnyk.domain.content.checks import Rules, check_items, date_problems
from visnyk.domain.content.items import parse_item

CLOCK = dt.datetime(2026, 12, 1, 12, 0, tzinfo=KYIV)


def _item(path: str, date: str, slug: str = ""):
    name = path.rsplit("/", 1)[1][:-3]
    front = f"---\ntitle: Новина {name}\ndate: {date}\ndepartment: info\nslug: {slug or name}\n---\nТекст.\n"
    parsed = parse_item(path, front.encode())
    assert not parsed.problems
    return parsed.item


def test_a_round_asks_only_the_records_the_round_before_did_not_hold():
    asked = []
    memo = PerRecord(lambda record: asked.append(record) or record.date.day)
    a, b, c = _item("news/2026/a.md", "2026-05-14 10:00"), _item("news/2026/bb.md", "2026-05-14 10:00"), \
        _item("news/2026/ccc.md", "2026-05-14 10:00")
    assert memo.each([a, b]) == [(a, 14), (b, 14)]
    assert asked == [a, b]
    b2 = _item("news/2026/bb.md", "2026-05-15 10:00")  # the same file saved again: a new, equal-named object
    assert memo.each([a, b2, c]) == [(a, 14), (b2, 15), (c, 14)]
    assert asked == [a, b, b2, c]
    assert memo.each([b, c]) == [(b, 14), (c, 14)]  # b was not in the latest round: asked again
    assert asked == [a, b, b2, c, b]
    assert len(memo._kept) == 2  # only the latest round's records are held


def test_an_answer_is_never_taken_from_an_object_that_only_shares_an_address():
    memo = PerRecord(lambda record: record.date.year)
    first = _item("news/2026/a.md", "2026-05-14 10:00")
    assert memo.each([first]) == [(first, 2026)]
    address = id(first)
    memo._kept = {address: (object(), 1999)}  # what a collected object's reused id would leave behind
    assert memo.each([first]) == [(first, 2026)]


def test_the_preview_pattern_reports_a_saved_typo_and_forgets_it_once_fixed():
    """date_problems and check_items keep answers per item: the save that makes a date a typo is reported,
    the save that fixes it is clean again — the same as asking afresh."""
    rules = Rules()
    others = [_item(f"news/2026/n{i}.md", "2026-05-14 10:00") for i in range(50)]
    assert date_problems(others, rules, CLOCK) == []
    typo = _item("news/2026/x.md", "1025-05-14 10:00")
    said = [(p.path, p.line, p.message) for p in date_problems([*others, typo], rules, CLOCK)]
    assert said == [("news/2026/x.md", 3, "дата 1025-05-14 раніша за початок архіву сайту (2000-01-01)")]
    assert date_problems([*others, _item("news/2026/x.md", "2026-05-14 10:00")], rules, CLOCK) == []

    same_slug = _item("news/2026/y.md", "2026-05-14 10:00", slug="n3")
    clash = check_items([*others, same_slug], {}, lambda _path: False, clock=CLOCK)
    assert [(p.path, p.message) for p in clash] == [
        ("news/2026/y.md", "адреса /news/2026/n3/ збігається з адресою news/2026/n3.md")]
    assert check_items([*others, _item("news/2026/y.md", "2026-05-14 10:00", slug="y")], {},
                       lambda _path: False, clock=CLOCK) == []
