"""Counting rules without Pelican: unit tests and properties (sums agree; Kyiv month at every boundary)."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from visnyk.domain.clock import KYIV, parse_date
from visnyk.domain.counting import Counts, last_ended_month, months_between, month_of
from visnyk.domain.model import COUNTED_TYPES, ActKind, ContentType, Item, Status

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

instants = st.datetimes(min_value=dt.datetime(2018, 1, 1), max_value=dt.datetime(2029, 12, 31)).map(
    lambda d: d.replace(tzinfo=UTC)
)
boundary_local = st.builds(
    lambda y, m, end, minute: dt.datetime(y, m, 1, tzinfo=KYIV) - dt.timedelta(minutes=minute) if end
    else dt.datetime(y, m, 1, tzinfo=KYIV) + dt.timedelta(minutes=minute),
    st.integers(2018, 2029), st.integers(1, 12), st.booleans(), st.integers(0, 180),
)
# The DST switches in Kyiv: last Sunday of March 03:00 → 04:00, last Sunday of October 04:00 → 03:00.
dst_days = st.builds(
    lambda y, october, minute: dt.datetime(y, 10 if october else 3, 31, tzinfo=UTC) - dt.timedelta(days=7)
    + dt.timedelta(minutes=minute * 7),
    st.integers(2018, 2029), st.booleans(), st.integers(0, 3 * 24 * 60 // 7 * 7),
)
dates = st.one_of(instants, boundary_local, dst_days)
item_specs = st.lists(
    st.tuples(dates, st.sampled_from(COUNTED_TYPES), st.sampled_from(DEPARTMENTS), st.sampled_from(list(Status))),
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(item_specs)
def test_sums_agree_departments_to_total_and_months_to_years(specs):
    counts = Counts.of([make(d, t, dep, s) for d, t, dep, s in specs], CLOCK)
    assert counts.count() == sum(counts.count(department=d) for d in DEPARTMENTS)
    assert counts.count() == sum(counts.count(type=t) for t in COUNTED_TYPES)
    for year in counts.years():
        assert counts.count(year=year) == sum(counts.count(year=year, month=m) for m in range(1, 13))
        assert counts.count(year=year) == sum(counts.count(year=year, quarter=q) for q in (1, 2, 3, 4))
    assert counts.count() == sum(row["count"] for row in counts.rows())
    assert counts.count() == sum(1 for d, t, dep, s in specs if s is Status.PUBLISHED)


@settings(max_examples=300, deadline=None)
@given(dates)
def test_the_month_is_the_kyiv_local_month_however_the_date_is_written(instant):
    local = instant.astimezone(KYIV)
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
def test_rows_are_sorted_unique_and_non_zero(specs):
    counts = Counts.of([make(d, t, dep, s) for d, t, dep, s in specs], CLOCK)
    keys = [(r["period"], r["type"], r["department"]) for r in counts.rows()]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(r["count"] > 0 for r in counts.rows())
    expected = Counter(
        (f"{month_of(make(d))[0]:04d}-{month_of(make(d))[1]:02d}", t.value, dep)
        for d, t, dep, s in specs if s is Status.PUBLISHED
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
@given(st.lists(st.tuples(dates, st.sampled_from(list(ActKind)), st.sampled_from(DEPARTMENTS)), max_size=40))
def test_act_kinds_of_one_report_page_agree_with_the_totals(specs):
    counts = Counts.of([make(d, ContentType.ACT, dep, act_kind=k) for d, k, dep in specs], CLOCK)
    for (year, month, department), _ in counts.items.items():
        expected = Counter(k for d, k, dep in specs if dep == department and month_of(make(d)) == (year, month))
        assert counts.by_act_kind(year, month, department) == {k: expected[k] for k in ActKind if expected[k]}
    for year in counts.years():
        assert sum(counts.by_act_kind(year=year).values()) == counts.count(year=year, type=ContentType.ACT)
