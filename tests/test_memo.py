"""Answers kept between a build's rounds (domain/common/memo.py): the live preview builds again with the same
item objects but the one a save changed, so only that one is asked again — and never answered from before."""

from __future__ import annotations

import datetime as dt

import pytest

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


# --- whole answers kept while what they read is the same (LastAnswer) ---------------------------------------------

from test_cycle import act, meeting  # noqa: E402
from test_records import video  # noqa: E402
from visnyk.domain.common.memo import LastAnswer  # noqa: E402
from visnyk.domain.cycle.cycle import Cycle, cross_problems, cycle_of, cycle_problems  # noqa: E402
from visnyk.domain.cycle.workdays import DEFAULT  # noqa: E402
from visnyk.domain.legal.status import act_problems, relation_problems, statuses, statuses_of  # noqa: E402

# Each file's versions, as a save would leave it (parsed once: an object stands for one version of a file, and the
# same version met again is the same object, as the preview's kept items are). None: the file is not there.
VERSIONS = {
    "news/2026/n.md": [_item("news/2026/n.md", "2026-11-02 10:00"), _item("news/2026/n.md", "2026-12-05 10:00"),
                       _item("news/2026/n.md", "2026-11-03 10:00", slug="other")],
    "videos/x.md": [None, video("videos/x.md", date="2026-11-27 11:00")],  # named by a meeting, there or not
    "acts/d.md": [act("acts/d.md", date="2026-11-06 09:30"), act("acts/d.md", date="2026-11-12 09:30"),
                  act("acts/d.md", date="2026-11-06 09:30", consideration="2026-11-20"), None],
    "acts/q.md": [act("acts/q.md", "council_decision", date="2026-10-01 09:00", adopted="2026-09-30"),
                  act("acts/q.md", "council_decision", date="2026-12-05 10:00", adopted="2026-09-30"),
                  act("acts/q.md", "council_decision", date="2026-12-10 09:00", adopted="2026-09-30"), None],
    "acts/r.md": [act("acts/r.md", "council_decision", date="2026-11-27 09:00", adopted="2026-11-26",
                      draft="acts/d.md", amends="[acts/q.md]"),
                  act("acts/r.md", "council_decision", date="2026-11-27 09:00", adopted="2026-11-26",
                      draft="acts/d.md", repeals="[acts/q.md]", in_force_from="2026-12-20"),
                  act("acts/r.md", "council_decision", date="2026-11-27 09:00", adopted="2026-11-26",
                      amends="[acts/none.md]"),
                  act("acts/r.md", "council_decision", date="2026-12-05 10:00", adopted="2026-11-26", amends="[acts/q.md]"),
                  None],
    "acts/p.md": [act("acts/p.md", "protocol", date="2026-11-30 09:00"),
                  act("acts/p.md", "protocol", date="2026-12-15 09:00"), None],
    "videos/v.md": [video("videos/v.md", date="2026-11-27 09:00"), video("videos/v.md", date="2026-12-12 09:00"), None],
    "meetings/m.md": [meeting(starts="2026-11-26 10:00", agenda=["acts/d.md"], video="videos/v.md", protocol="acts/p.md"),
                      meeting(starts="2026-12-08 10:00", date="2026-11-20 10:00", agenda=["acts/d.md"],
                              video="videos/v.md", protocol="acts/p.md"),
                      meeting(starts="2026-11-26 10:00", agenda=["acts/d.md"], protocol="acts/q.md"),
                      meeting(starts="2026-11-26 10:00", agenda=["acts/d.md"], video="videos/x.md"), None],
}
# Clocks on both sides of the dates above: a scheduled item comes out, a meeting starts, a term runs out, a change
# takes effect — between two saves, as in a preview left open for days.
CLOCKS = [dt.datetime(2026, 12, d, h, tzinfo=KYIV) for d, h in ((1, 12), (5, 9), (5, 11), (8, 9), (8, 11), (12, 10),
                                                                    (16, 10), (21, 10), (31, 23))]


def _round(version: dict):
    return [VERSIONS[path][n] for path, n in sorted(version.items()) if VERSIONS[path][n] is not None]


def _texts(problems):
    return [str(p) for p in problems]


def _states():
    """The default versions of every file, and each state one save away from it."""
    default = {path: 0 for path in VERSIONS}
    yield default
    for path, versions in sorted(VERSIONS.items()):
        for n in range(1, len(versions)):
            yield {**default, path: n}


# Clock moves: none, and to each neighbour either way (within a day, across a day, across the dates above).
MOVES = [(a, b) for a in range(len(CLOCKS)) for b in (a - 1, a, a + 1) if 0 <= b < len(CLOCKS)]


def test_answers_kept_between_saves_are_the_answers_asked_afresh():
    """The decision cycle, its problems, the acts' status and the relations' problems, asked after a build one save
    and a clock move away (every file, every version, the clock moving either way), equal the same questions asked
    of fresh code. Every state is visited from every other state one save away."""
    states = list(_states())
    wrong = []
    for before in states:
        for path, versions in sorted(VERSIONS.items()):
            for n in range(len(versions)):
                after = {**before, path: n}
                for first, then in MOVES:
                    for version, clock in ((before, CLOCKS[first]), (after, CLOCKS[then])):
                        items = _round(version)
                        found = (cycle_of(items, clock, DEFAULT), _texts(cycle_problems(items)),
                                 statuses(items, clock), _texts(relation_problems(items)))
                    fresh = (Cycle.of(items, clock, DEFAULT), _texts(cross_problems(items)),
                             statuses_of(items, clock), _texts(act_problems(items)))
                    names = ("cycle", "cycle problems", "statuses", "relation problems")
                    wrong += [(name, path, n, first, then) for name, a, b in zip(names, found, fresh) if a != b]
    assert not wrong, wrong[:5]


def test_a_save_of_a_news_item_keeps_the_cycle_and_the_status_and_a_save_of_an_act_does_not():
    version = {path: 0 for path in VERSIONS}
    items, now = _round(version), CLOCKS[0]
    cycle, status = cycle_of(items, now, DEFAULT), statuses(items, now)
    version["news/2026/n.md"] = 2
    assert cycle_of(_round(version), now, DEFAULT) is cycle
    assert statuses(_round(version), now) is status
    assert cycle_of(_round(version), now + dt.timedelta(minutes=5), DEFAULT) is cycle  # the clock decides the same
    version["acts/d.md"] = 1
    assert cycle_of(_round(version), now, DEFAULT) is not cycle
    assert statuses(_round(version), now) is status  # a draft has no status
    version["acts/q.md"] = 2
    assert statuses(_round(version), now) is not status


def test_a_kept_answer_needs_the_same_objects_and_equal_facts_and_a_failed_computation_keeps_nothing():
    memo: LastAnswer[str] = LastAnswer()
    a, b = _item("news/2026/a.md", "2026-05-14 10:00"), _item("news/2026/b.md", "2026-05-14 10:00")
    assert memo.get([a, b], 1, lambda: "first") == "first"
    assert memo.get([a, b], 1, lambda: "second") == "first"
    assert memo.get([a, _item("news/2026/b.md", "2026-05-14 10:00")], 1, lambda: "equal, not the same") == \
        "equal, not the same"
    assert memo.get([a], 1, lambda: "fewer") == "fewer"
    assert memo.get([a], 2, lambda: "other facts") == "other facts"

    def fails():
        raise ValueError

    with pytest.raises(ValueError):
        memo.get([b], 2, fails)
    assert memo.get([a], 2, lambda: "asked again") == "asked again"


# --- check_items over a preview's rounds (domain/content/crossed.py) ------------------------------------------------

import random  # noqa: E402

from visnyk.domain.common.model import Department  # noqa: E402
from visnyk.domain.content.checks import check_items as check_afresh  # noqa: E402
from visnyk.domain.content.crossed import CrossChecks  # noqa: E402


def _variant(path: str, rng: random.Random):
    """One version of a file, drawn: clashing slugs, drafts, translations, unknown departments, tags and links of
    every kind (to items there or not, drafts, scheduled ones, files there or not), attachments, reports."""
    slug = rng.choice(["a", "b", "c", "news", path.rsplit("/", 1)[1][:-3]])
    lines = [f"title: Матеріал {rng.randrange(3)}", f"date: 2026-{rng.choice(['05-14 10:00', '12-20 10:00'])}",
             f"department: {rng.choice(['info', 'finansy', 'none'])}", f"slug: {slug}"]
    if rng.random() < 0.2:
        lines.append("status: draft")
    if rng.random() < 0.2 and not path.startswith("reports/"):
        lines.append("lang: en")
    if rng.random() < 0.5:
        lines.append(f"tags: [{', '.join(rng.sample(['бюджет', 'школа', 'дороги'], rng.randrange(1, 3)))}]")
    if rng.random() < 0.3:
        lines.append(f"attachments: [{{file: files/{rng.choice(['f.pdf', 'gone.pdf'])}, title: Файл}}]")
    if path.startswith("reports/"):
        lines.append(f"period: 2026-0{rng.choice([3, 4])}")
    body = " ".join(rng.sample([
        "[a]({filename}/news/2026/n1.md)", "[b]({filename}/news/2026/n2.md)", "[c]({filename}/pages/p.md)",
        "[d]({filename}/news/2026/none.md)", "[e]({static}/files/f.pdf)", "[f]({static}/files/gone.pdf)",
        "[g]({tag}бюджет)", "[h]({tag}дороги)", "Текст."], rng.randrange(1, 4)))
    parsed = parse_item(path, ("---\n" + "\n".join(lines) + "\n---\n" + body + "\n").encode())
    return parsed.item  # None when the version fails its own checks (then the file is not among the items)


def test_cross_checks_kept_between_saves_are_check_items_asked_afresh():
    """Random rounds of saves (a file changed, added or deleted), with the registry, the files there and the clock
    changing too: CrossChecks answers every round what check_items answers afresh, problem for problem."""
    paths = [f"news/2026/n{i}.md" for i in range(1, 7)] + [f"reports/2026/r{i}.md" for i in range(1, 5)] + [
        "pages/p.md", "pages/q.md", "announcements/2026/o.md"]
    info = Department("info", "Інформаційний відділ", "інформаційного відділу", "Петренко", "начальник")
    finansy = Department("finansy", "Фінансове управління", "фінансового управління", "Іваненко", "начальник")
    registries = [{"info": info}, {"info": info, "finansy": finansy}]
    clocks = [dt.datetime(2026, 12, 1, 12, tzinfo=KYIV), dt.datetime(2026, 12, 21, 12, tzinfo=KYIV)]
    rng = random.Random(20261207)
    kept, said = CrossChecks(), 0
    for _series in range(40):
        files = {path: _variant(path, rng) for path in paths}
        for _round in range(25):
            path = rng.choice(paths)
            files[path] = None if rng.random() < 0.15 else _variant(path, rng)
            items = sorted((i for i in files.values() if i is not None), key=lambda i: i.source)
            there = {"files/f.pdf", *(p for p, i in files.items() if i is not None)}
            if rng.random() < 0.2:
                there.discard("files/f.pdf")
            departments, clock = rng.choice(registries), rng.choice(clocks)
            broken = {"news/2026/broken.md": (items[0].links if items else ())}
            fresh = [str(p) for p in check_afresh(items, departments, there.__contains__, broken, clock)]
            assert [str(p) for p in kept.check(items, departments, there.__contains__, broken, clock)] == fresh
            said += len(fresh)
    assert said > 1000  # the rounds had problems to compare


def test_cross_checks_given_two_items_of_one_source_answer_as_check_items():
    one, two = _item("news/2026/a.md", "2026-05-14 10:00"), _item("news/2026/a.md", "2026-05-14 10:00", slug="b")
    departments = {}
    kept = CrossChecks()
    for items in ([one], [one, two], [two]):
        assert [str(p) for p in kept.check(items, departments, lambda _p: True)] == \
            [str(p) for p in check_afresh(items, departments, lambda _p: True)]


# --- counting over a preview's rounds (domain/counting/kept.py) ---------------------------------------------------

from visnyk.domain.counting.counting import Counts  # noqa: E402
from visnyk.domain.counting.kept import KeptCounts  # noqa: E402


def _counted_variant(path: str, rng: random.Random):
    kind = rng.choice(["council_decision", "mayor_order", None])
    lines = [f"title: Матеріал {rng.randrange(3)}", f"department: {rng.choice(['info', 'finansy'])}",
             f"date: 2026-{rng.choice(['10-31 23:30', '11-01 00:30', '11-30 22:00', '12-01 10:00', '12-20 10:00'])}"]
    if path.startswith("acts/") and kind:
        lines.append(f"act_kind: {kind}")
    if rng.random() < 0.15:
        lines.append("status: " + rng.choice(["draft", "hidden"]))
    if rng.random() < 0.1:
        lines.append("lang: en")
    parsed = parse_item(path, ("---\n" + "\n".join(lines) + "\n---\nТекст.\n").encode())
    return parsed.item


def test_counts_kept_between_saves_are_the_counts_made_afresh():
    """Random rounds of saves and deletions, with the clock moving either way across items' dates and months:
    KeptCounts gives every round what Counts.of gives afresh — every cell, in order, and each list behind it."""
    paths = [f"news/2026/n{i}.md" for i in range(8)] + [f"acts/2026/a{i}.md" for i in range(6)] + \
        [f"announcements/2026/o{i}.md" for i in range(3)] + ["pages/p.md"]
    clocks = [dt.datetime(2026, 11, d, h, tzinfo=KYIV) for d, h in ((1, 0), (1, 1), (30, 23))] + \
        [dt.datetime(2026, 12, d, 12, tzinfo=KYIV) for d in (1, 21)]
    rng = random.Random(7)
    kept = KeptCounts()
    for _series in range(30):
        files = {path: _counted_variant(path, rng) for path in paths}
        for _round in range(20):
            path = rng.choice(paths)
            files[path] = None if rng.random() < 0.15 else _counted_variant(path, rng)
            items = [i for _p, i in sorted(files.items()) if i is not None]
            rng.shuffle(items)  # the build's order is not the counts' order
            clock = rng.choice(clocks)
            found, fresh = kept.of(items, clock), Counts.of(items, clock)
            assert list(found.monthly.items()) == list(fresh.monthly.items())
            assert list(found.act_kinds.items()) == list(fresh.act_kinds.items())
            assert [(k, [i.source for i in v]) for k, v in found.items.items()] == \
                [(k, [i.source for i in v]) for k, v in fresh.items.items()]
            assert all(a is b for k in fresh.items for a, b in zip(found.items[k], fresh.items[k]))
    assert sum(fresh.monthly.values()) > 3  # (the last round counted items)
