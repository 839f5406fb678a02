"""Counting rules without Pelican: unit tests and properties (sums agree; Kyiv month at every boundary)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from visnyk.domain.common.clock import KYIV, parse_date
from visnyk.domain.counting.counting import Counts, last_ended_month, months_between, month_of
from visnyk.domain.common.model import COUNTED_TYPES, ActKind, ContentType, Item, Status

UTC = dt.timezone.utc
CLOCK = dt.datetime(2030, 1, 1, tzinfo=KYIV)
DEPARTMENTS = ("info", "finansy", "osvita")


def make(date, type=ContentType.NEWS, department="info", status=Status.PUBLISHED, lang="uk", act_kind=None, n=[0]):
    n[0] += 1
    if type is ContentType.ACT and act_kind is None:
        act_kind = ActKind.COUNCIL_DECISION
    return Item(source=f"x/{n[0]}.md", type=type, title=f"t{n[0]}", date=date, slug=f"s{n[0]}",
                status=status, lang=lang, department=department, act_kind=act_kind)


def test_an_item_counts_once_in_its_kyiv_month_type_and_department():
    counts = Counts.of([make(parse_date("2019-09-30 23:30")), make(parse_date("2019-09-30T21:30:00Z"))], CLOCK)
    assert counts.count(year=2019, month=9) == 1  # 23:30 Kyiv on the 30th is September
    assert counts.count(year=2019, month=10) == 1  # 21:30Z on the 30th is 00:30 on 1 October in Kyiv
    assert counts.rows() == [
        {"period": "2019-09", "type": "news", "department": "info", "count": 1},
        {"period": "2019-10", "type": "news", "department": "info", "count": 1},
    ]


def test_drafts_hidden_translations_pages_and_future_items_never_count():
    date = dt.datetime(2024, 5, 1, 12, tzinfo=KYIV)
    items = [
        make(date),
        make(date, status=Status.DRAFT),
        make(date, status=Status.HIDDEN),
        make(date, lang="en"),
        make(date, type=ContentType.PAGE, department=None),
        make(dt.datetime(2024, 6, 1, tzinfo=KYIV)),  # after the clock below
    ]
    counts = Counts.of(items, clock=dt.datetime(2024, 5, 31, 23, 59, tzinfo=KYIV))
    assert counts.count() == 1
    # The same future item counts once a build happens at or after its date.
    assert Counts.of(items, clock=dt.datetime(2024, 6, 1, tzinfo=KYIV)).count() == 2


def test_acts_are_also_counted_by_kind_in_a_fixed_order():
    date = dt.datetime(2024, 5, 2, tzinfo=KYIV)
    items = [make(date, ContentType.ACT, act_kind=ActKind.MAYOR_ORDER)] * 1 + [
        make(date, ContentType.ACT, act_kind=ActKind.COUNCIL_DECISION) for _ in range(3)
    ]
    counts = Counts.of(items, CLOCK)
    assert list(counts.by_act_kind(2024, 5, "info").items()) == [(ActKind.COUNCIL_DECISION, 3), (ActKind.MAYOR_ORDER, 1)]
    assert counts.count(type=ContentType.ACT) == 4


def test_quarters_and_listed_items():
    items = [make(dt.datetime(2024, m, 10, tzinfo=KYIV)) for m in (1, 3, 4, 12)]
    counts = Counts.of(items, CLOCK)
    assert [counts.count(year=2024, quarter=q) for q in (1, 2, 3, 4)] == [2, 1, 0, 1]
    assert [i.title for i in counts.listed(2024, 3, "info")] == [items[1].title]
    assert [i.title for i in counts.listed(2024)] == [i.title for i in items]


def test_month_helpers():
    assert months_between((2019, 11), (2020, 2)) == [(2019, 11), (2019, 12), (2020, 1), (2020, 2)]
    assert last_ended_month(dt.datetime(2020, 1, 1, 0, 0, tzinfo=KYIV)) == (2019, 12)
    # 31 Dec 22:30 UTC is already 1 January in Kyiv: December has ended there.
    assert last_ended_month(dt.datetime(2019, 12, 31, 22, 30, tzinfo=UTC)) == (2019, 12)
    assert last_ended_month(dt.datetime(2019, 12, 31, 21, 30, tzinfo=UTC)) == (2019, 11)


# --- properties --------------------------------------------------------------------------------
# The truth is worked out here without the code under test: Kyiv time straight from the tz database
# (zoneinfo, not visnyk.domain.common.clock), instants compared as UTC timestamps, the counting rules spelled out.

TZDB_KYIV = ZoneInfo("Europe/Kyiv")
LANGS = ("uk", "en")


def true_month(instant: dt.datetime) -> tuple[int, int]:
    local = instant.astimezone(TZDB_KYIV)
    return local.year, local.month


def truly_counted(date: dt.datetime, status: Status, lang: str, clock: dt.datetime) -> bool:
    """Published, in Ukrainian (not a translation) and dated at or before the build clock."""
    return status is Status.PUBLISHED and lang == "uk" and date.timestamp() <= clock.timestamp()


def last_sunday(year: int, month: int) -> int:
    """The day of the last Sunday of a 31-day month, from the calendar alone."""
    return 31 - (dt.date(year, month, 31).weekday() + 1) % 7


instants = st.datetimes(min_value=dt.datetime(2018, 1, 1), max_value=dt.datetime(2030, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)
boundary_local = st.builds(
    lambda y, m, end, minute: dt.datetime(y, m, 1, tzinfo=TZDB_KYIV) - dt.timedelta(minutes=minute) if end
    else dt.datetime(y, m, 1, tzinfo=TZDB_KYIV) + dt.timedelta(minutes=minute),
    st.integers(2018, 2030), st.integers(1, 12), st.booleans(), st.integers(0, 180),
)
# Kyiv follows the EU rule: clocks change at 01:00 UTC on the last Sunday of March (03:00 → 04:00 local) and
# of October (04:00 → 03:00). Dates up to six hours either side of that instant, to the minute, and anywhere in
# the last week of the month.
dst_nights = st.builds(
    lambda y, october, minute: dt.datetime(y, 10 if october else 3, last_sunday(y, 10 if october else 3), 1,
                                           tzinfo=UTC) + dt.timedelta(minutes=minute),
    st.integers(2018, 2030), st.booleans(), st.integers(-6 * 60, 6 * 60),
)
dst_weeks = st.builds(
    lambda y, october, minute: dt.datetime(y, 10 if october else 3, 24, tzinfo=UTC) + dt.timedelta(minutes=minute),
    st.integers(2018, 2030), st.booleans(), st.integers(0, 8 * 24 * 60),
)
# The hour Kyiv lives twice (03:00–04:00 local, 00:00–02:00 UTC), where wall clocks do not order instants.
repeated_hour = st.builds(
    lambda y, minute: dt.datetime(y, 10, last_sunday(y, 10), tzinfo=UTC) + dt.timedelta(minutes=minute),
    st.integers(2018, 2030), st.integers(0, 119),
)
dates = st.one_of(instants, boundary_local, dst_nights, dst_weeks, repeated_hour)
statuses = st.sampled_from(list(Status))
langs = st.sampled_from(LANGS)


@st.composite
def with_clock(draw, specs_strategy):
    """Specs and a build clock anywhere among them: some dates fall after it, some exactly on it, some
    minutes either side of it; or one item in the first pass of the repeated autumn hour and the clock in
    the second, its wall clock earlier than the item's."""
    specs = draw(specs_strategy)
    dated = [spec[0] for spec in specs]
    if dated and draw(st.integers(0, 4)) == 0:
        year, which = draw(st.integers(2018, 2030)), draw(st.integers(0, len(specs) - 1))
        item_minute = draw(st.integers(1, 59))
        night = dt.datetime(year, 10, last_sunday(year, 10), tzinfo=UTC)  # 00:00 UTC = 03:00 local, first time
        specs[which] = (night + dt.timedelta(minutes=item_minute), *specs[which][1:])
        clock = night + dt.timedelta(hours=1, minutes=draw(st.integers(0, item_minute - 1)))  # 03:0x, second time
    else:
        near = st.sampled_from(dated).flatmap(lambda d: st.integers(-75, 75).map(lambda m: d + dt.timedelta(minutes=m)))
        clock = draw(st.one_of(dates, st.sampled_from(dated), near) if dated else dates)
    # As the build has them: items' dates and the clock in Kyiv time (where comparing wall clocks would be
    # wrong inside the repeated hour), whatever zone they were drawn in.
    return [(spec[0].astimezone(KYIV), *spec[1:]) for spec in specs], clock.astimezone(KYIV)


item_specs = with_clock(st.lists(
    st.tuples(dates, st.sampled_from(COUNTED_TYPES), st.sampled_from(DEPARTMENTS), statuses, langs),
    max_size=60,
))
act_specs = with_clock(st.lists(
    st.tuples(dates, st.sampled_from(list(ActKind)), st.sampled_from(DEPARTMENTS), statuses, langs), max_size=40,
))


CASES = {
    "published, dated after the clock": lambda s, clock: s[3] is Status.PUBLISHED and s[0].timestamp() > clock.timestamp(),
    "a translation before the clock": lambda s, clock: s[4] == "en" and s[0].timestamp() <= clock.timestamp(),
    "dated exactly at the clock": lambda s, clock: s[0].timestamp() == clock.timestamp(),
    "counted": lambda s, clock: truly_counted(s[0], s[3], s[4], clock),
    "a draft": lambda s, clock: s[3] is Status.DRAFT,
    "hidden": lambda s, clock: s[3] is Status.HIDDEN,
    "the March switching night": lambda s, clock: switching(s[0], 3),
    "the October switching night": lambda s, clock: switching(s[0], 10),
    "the repeated hour": lambda s, clock: s[0].fold == 1,
    # before the clock, though its Kyiv wall clock reads later (the clock in the second 03:xx of October)
    "a wall clock later than the build's": lambda s, clock: s[0].timestamp() <= clock.timestamp()
    and s[0].replace(tzinfo=None) > clock.replace(tzinfo=None),
}


def switching(date: dt.datetime, month: int) -> bool:
    """Within six hours of the DST switch of that month (the offsets six hours before and after differ)."""
    local = date.astimezone(TZDB_KYIV)
    return local.month == month and local.day >= 25 and (date - dt.timedelta(hours=6)).astimezone(TZDB_KYIV).utcoffset() \
        != (date + dt.timedelta(hours=6)).astimezone(TZDB_KYIV).utcoffset()


def test_the_strategies_reach_every_case_the_rules_have():
    """Each rule of counting is exercised by the strategies above: a narrowed strategy fails here."""
    seen = set()

    @settings(max_examples=600, deadline=None, database=None)
    @given(item_specs)
    def sample(specs_and_clock):
        specs, clock = specs_and_clock
        seen.update(name for name, case in CASES.items() if any(case(spec, clock) for spec in specs))

    sample()
    assert seen == set(CASES), sorted(set(CASES) - seen)


def test_the_dst_strategy_is_the_switching_night():
    # 2024: 31 March and 27 October; 2026: 29 March and 25 October.
    assert [last_sunday(2024, 3), last_sunday(2024, 10), last_sunday(2026, 3), last_sunday(2026, 10)] == [31, 27, 29, 25]
    switch = dt.datetime(2024, 3, 31, 1, tzinfo=UTC)
    assert (switch - dt.timedelta(minutes=1)).astimezone(TZDB_KYIV).strftime("%H:%M %z") == "02:59 +0200"
    assert switch.astimezone(TZDB_KYIV).strftime("%H:%M %z") == "04:00 +0300"


@settings(max_examples=200, deadline=None)
@given(item_specs)
def test_sums_agree_departments_to_total_and_months_to_years(specs_and_clock):
    specs, clock = specs_and_clock
    counts = Counts.of([make(d, t, dep, s, lang) for d, t, dep, s, lang in specs], clock)
    assert counts.count() == sum(counts.count(department=d) for d in DEPARTMENTS)
    assert counts.count() == sum(counts.count(type=t) for t in COUNTED_TYPES)
    for year in counts.years():
        assert counts.count(year=year) == sum(counts.count(year=year, month=m) for m in range(1, 13))
        assert counts.count(year=year) == sum(counts.count(year=year, quarter=q) for q in (1, 2, 3, 4))
    assert counts.count() == sum(row["count"] for row in counts.rows())
    assert counts.count() == sum(1 for d, t, dep, s, lang in specs if truly_counted(d, s, lang, clock))


@settings(max_examples=300, deadline=None)
@given(dates)
def test_the_month_is_the_kyiv_local_month_however_the_date_is_written(instant):
    local = instant.astimezone(TZDB_KYIV)
    expected = (local.year, local.month)
    written = [
        instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        instant.astimezone(dt.timezone(dt.timedelta(hours=5))).isoformat(),
        local.isoformat(),
    ]
    for text in written:
        assert month_of(make(parse_date(text))) == expected, text
    # Kyiv wall-clock text, when that wall-clock time exists unambiguously (fold 0).
    if local.fold == 0:
        wall = local.strftime("%Y-%m-%d %H:%M:%S")
        assert month_of(make(parse_date(wall))) == expected


@settings(max_examples=100, deadline=None)
@given(item_specs)
def test_rows_are_sorted_unique_and_non_zero(specs_and_clock):
    specs, clock = specs_and_clock
    counts = Counts.of([make(d, t, dep, s, lang) for d, t, dep, s, lang in specs], clock)
    keys = [(r["period"], r["type"], r["department"]) for r in counts.rows()]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(r["count"] > 0 for r in counts.rows())
    expected = Counter(
        ("{:04d}-{:02d}".format(*true_month(d)), t.value, dep)
        for d, t, dep, s, lang in specs if truly_counted(d, s, lang, clock)
    )
    assert {k: r["count"] for k, r in zip(keys, counts.rows())} == dict(expected)


def test_the_build_clock_compares_instants_inside_the_repeated_autumn_hour():
    # 2024-10-27: Kyiv wall clocks run 03:00–04:00 twice. 03:50 the first time is 00:50 UTC; 03:10 the
    # second time is 01:10 UTC — later, although its wall clock reads earlier.
    first = dt.datetime(2024, 10, 27, 3, 50, fold=0, tzinfo=KYIV)
    second = dt.datetime(2024, 10, 27, 3, 10, fold=1, tzinfo=KYIV)
    assert first.astimezone(UTC) < second.astimezone(UTC)
    assert Counts.of([make(first)], clock=second).count() == 1  # comparing wall clocks would drop it
    assert Counts.of([make(second)], clock=first).count() == 0  # …and would count this one early


@settings(max_examples=100, deadline=None)
@given(act_specs)
def test_act_kinds_of_one_report_page_agree_with_the_totals(specs_and_clock):
    specs, clock = specs_and_clock
    counts = Counts.of([make(d, ContentType.ACT, dep, s, lang, act_kind=k) for d, k, dep, s, lang in specs], clock)
    truth = Counter((*true_month(d), dep, k) for d, k, dep, s, lang in specs if truly_counted(d, s, lang, clock))
    assert counts.act_kinds == dict(truth)
    for (year, month, department), _ in counts.items.items():
        expected = {k: truth[(year, month, department, k)] for k in ActKind if truth[(year, month, department, k)]}
        assert counts.by_act_kind(year, month, department) == expected
    for year in counts.years():
        assert sum(counts.by_act_kind(year=year).values()) == counts.count(year=year, type=ContentType.ACT)
