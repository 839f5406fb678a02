"""Department reports: which exist, and what each says — figures from the counts, merged with people's part.

A month's page exists once the month has ended in Kyiv (by the build clock), for every department in the
registry, from the first month with a publication on (and not before VISNYK_ARCHIVE_START). A year's,
once the year has ended. A page is the department head's **report** only when the department's
hand-written part for that period exists (content/reports/, published, dated by the clock, never before
its period has ended); until then it is information generated from the site: no date, no signer.

A department's own report is not counted among its publications here: the source reports (shared/seeds/)
count what the department published — news, announcements, acts, videos — and a report about the last
month is not work of this one (October's report would count September's). The site's statistics still
count reports, as everything the site published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..language.alphabet import by_name
from ..common.clock import KYIV, kyiv, not_after
from ..cycle.compliance import sentences
from ..votes import rollcall
from ..counting.counting import Counts, last_ended_month, months_between
from ..cycle import records
from ..cycle.cycle import Cycle, Rule
from ..language.typography import typeset
from ..common.model import COUNTED_TYPES
from ..common.model import DEFAULT_LANGUAGE, ActKind, ContentType, Department, Item, Status
from ..common.problems import Problem
from ..navigation.urls import report_url
from ..language import wording

# What a report counts: every counted type but reports themselves (see the module's docstring).
COUNTED = tuple(t for t in COUNTED_TYPES if t is not ContentType.REPORT)


@dataclass(frozen=True, order=True)
class Period:
    year: int
    month: int | None = None  # None: the whole year

    @classmethod
    def parse(cls, text: str) -> Period:
        year, _, month = text.partition("-")
        return cls(int(year), int(month) if month else None)

    @property
    def key(self) -> str:
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    @property
    def label(self) -> str:
        """ "вересень 2019" / "2019 рік"."""
        return f"{self.year} рік" if self.month is None else wording.month_year(self.year, self.month)

    @property
    def for_phrase(self) -> str:
        """ "за вересень 2019 року" / "за 2019 рік"."""
        return wording.for_year(self.year) if self.month is None else wording.for_month(self.year, self.month)

    @property
    def throughout(self) -> str:
        """ "Протягом вересня 2019 року" / "Протягом 2019 року"."""
        if self.month is None:
            return f"Протягом {self.year} року"
        return f"Протягом {wording.month_genitive(self.month)} {self.year} року"

    @property
    def during(self) -> str:
        """ "у вересні 2019 року" / "у 2019 році"."""
        return wording.during_year(self.year) if self.month is None else wording.during_month(self.year, self.month)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month or 1, 1)

    @property
    def last_day(self) -> dt.date:
        return (self.end - dt.timedelta(days=1)).date()

    @property
    def end(self) -> dt.datetime:
        """The first moment after the period, in Kyiv: when it has ended (never a document's date)."""
        if self.month is None or self.month == 12:
            return dt.datetime(self.year + 1, 1, 1, tzinfo=KYIV)
        return dt.datetime(self.year, self.month + 1, 1, tzinfo=KYIV)

    def url(self, department: str | None = None) -> str:
        return report_url(self.key, department)

    def refusal(self, clock: dt.datetime, archive_start: dt.date) -> str:
        """Why nobody can report on this period yet or at all (Ukrainian), or "" when it can be reported:
        it has ended in Kyiv by `clock`, and it starts on or after the archive's first day."""
        today = kyiv(clock).date()
        if self.start < archive_start:
            return (f"період {self.key} починається {self.start:%d.%m.%Y}, раніше за початок архіву сайту "
                    f"({archive_start:%d.%m.%Y}, VISNYK_ARCHIVE_START): за нього на сайті немає повних даних")
        if self.start > today:
            return (f"період {self.key} ще не почався (сьогодні {today:%d.%m.%Y} за київським часом): "
                    "звіт складають за період, що вже минув")
        if not not_after(self.end, clock):
            return (f"період {self.key} ще не закінчився: він триває до {self.last_day:%d.%m.%Y} включно "
                    f"(сьогодні {today:%d.%m.%Y} за київським часом); звіт за нього можна скласти "
                    f"з {self.end:%d.%m.%Y}")
        return ""


@dataclass(frozen=True)
class Figure:
    type: ContentType
    count: int
    sentence: str  # "підготовлено та розміщено 321 новину"
    detail: str = ""  # "з них 12 рішень міської ради, …" (acts only)

    @property
    def text(self) -> str:
        return f"{self.sentence}, {self.detail}" if self.detail else self.sentence


@dataclass(frozen=True)
class MonthRow:
    month: int
    label: str
    by_type: tuple[int, ...]  # in COUNTED order
    total: int


@dataclass(frozen=True)
class Report:
    period: Period
    department: Department
    figures: tuple[Figure, ...]
    total: int
    activities: tuple[str, ...]
    items: tuple[Item, ...]
    signer_title: str
    signer_name: str
    source: Item | None = None  # the hand-written part, if any: only then is it the head's report
    months: tuple[MonthRow, ...] = ()  # annual reports: the month-by-month table
    deadlines: tuple[str, ...] = ()  # "З 14 проєктів рішень 13 оприлюднено …" (domain/cycle/cycle.py)

    @property
    def signed(self) -> bool:
        """A report the head signs: the department has written its part for the period."""
        return self.source is not None

    @property
    def kind(self) -> str:
        """The document's kind (ДСТУ 4163:2020): "Звіт" only when someone wrote and signs it."""
        return "Звіт" if self.signed else "Інформація"

    @property
    def heading(self) -> str:
        """The heading to the text, after the kind: "про роботу відділу … за вересень 2026 року"."""
        if self.signed:
            return f"про роботу {self.department.name_genitive} {self.period.for_phrase}"
        return f"про оприлюднення матеріалів {self.department.name_genitive} на офіційному сайті {self.period.for_phrase}"

    @property
    def title(self) -> str:
        return f"{self.kind} {self.heading}"

    @property
    def url(self) -> str:
        return self.period.url(self.department.slug)

    @property
    def date(self) -> dt.datetime | None:
        """The report's date: its hand-written part's. Generated information has no document date."""
        return self.source.date if self.source is not None else None

    @property
    def appeared(self) -> dt.datetime:
        """When the page appeared on the site (for the feed): the report's date, else the moment its
        period ended (generated pages are made from then on). Not a date any document shows."""
        return self.source.date if self.source is not None else self.period.end

    @property
    def intro(self) -> str:
        if not self.total:
            return f"{self.period.throughout} на офіційному сайті не оприлюднено жодного матеріалу підрозділу."
        return f"{self.period.throughout} на офіційному сайті:"

    @property
    def signature_name(self) -> str:
        """Ukrainian official style (ДСТУ 4163:2020): given name, then SURNAME in capitals."""
        *given, surname = self.signer_name.split()
        return " ".join([*given, surname.upper()]) if given else surname.upper()


@dataclass(frozen=True)
class DepartmentRow:
    department: Department
    by_type: tuple[int, ...]
    total: int
    url: str


@dataclass(frozen=True)
class CouncilPeriod:
    """reports/YYYY/MM/ and reports/YYYY/: every department's figures side by side."""

    period: Period
    rows: tuple[DepartmentRow, ...]
    totals: tuple[int, ...]
    total: int
    deadlines: tuple[str, ...] = ()  # the departments' deadline sentences summed
    labels: tuple[str, ...] = tuple(wording.TYPE_LABEL[t] for t in COUNTED)  # the columns of by_type

    @property
    def title(self) -> str:
        return f"Звіти підрозділів {self.period.for_phrase}"

    @property
    def heading(self) -> str:
        """The council-wide document's heading, after its kind ("Інформація")."""
        return f"про оприлюднення матеріалів підрозділів на офіційному сайті {self.period.for_phrase}"

    @property
    def url(self) -> str:
        return self.period.url()


def figures(counts: Counts, period: Period, department: str) -> tuple[Figure, ...]:
    by_type = _by_type(counts, period, department)
    result = []
    for item_type in COUNTED:
        n = by_type.get(item_type, 0)
        if not n:
            continue
        if item_type is ContentType.ACT:
            sentence = wording.acts_done(n, _by_act_kind(counts, period, department))
        else:
            sentence = wording.done_phrase(item_type, n)
        result.append(Figure(item_type, n, sentence))
    return tuple(result)


def _by_act_kind(counts: Counts, period: Period, department: str) -> dict:
    return counts.by_act_kind(period.year, period.month, department)


def _by_type(counts: Counts, period: Period, department: str) -> dict[ContentType, int]:
    if period.month is not None:
        return counts.cell(period.year, period.month, department)
    total: dict[ContentType, int] = {}
    for month in range(1, 13):
        for item_type, n in counts.cell(period.year, month, department).items():
            total[item_type] = total.get(item_type, 0) + n
    return total


def hand_written(items: Iterable[Item], clock: dt.datetime) -> dict[tuple[str, str], Item]:
    """Published hand-written reports by (department, period key), as the build clock sees them."""
    return {
        (item.department or "", item.report.period): item
        for item in items
        if item.report is not None
        and item.status is Status.PUBLISHED
        and item.lang == DEFAULT_LANGUAGE
        and not_after(item.date, clock)
    }


def period_problems(items: Iterable[Item], archive_start: dt.date = dt.date(2000, 1, 1)) -> list[Problem]:
    """A hand-written report is dated once its period has ended in Kyiv: a report is signed about a past
    month or year. Judged against the report's own date, not the build clock, so `check` and every build
    agree: a report dated later is simply scheduled (it appears on its date, when the period is over)."""
    problems = []
    for item in items:
        if item.report is None or item.status is Status.DRAFT:
            continue
        period = Period.parse(item.report.period)
        local = kyiv(item.date)
        if period.start < archive_start and period.year >= archive_start.year:  # an earlier year: checks.py
            problems.append(
                Problem(item.source, item.line_of("period"),
                        f"період {period.key} починається раніше за початок архіву сайту "
                        f"({archive_start:%d.%m.%Y}): звіт за нього не можна звести з даних сайту",
                        "перевірте period: (можливо, описка); старіші звіти — див. VISNYK_ARCHIVE_START")
            )
        elif local.date() < period.start:
            problems.append(
                Problem(item.source, item.line_of("period"),
                        f"звіт за період {period.key} датовано {local:%Y-%m-%d}, ще до початку цього періоду",
                        "перевірте period: і date: звіт пишуть за період, що вже минув")
            )
        elif not not_after(period.end, item.date):
            problems.append(
                Problem(item.source, item.line_of("period"),
                        f"звіт за період {period.key} датовано {local:%Y-%m-%d}, а період триває до "
                        f"{period.last_day:%d.%m.%Y} включно: звіт за незакінчений період не складають",
                        f"поставте в date: день, коли звіт підписано, не раніше {period.end:%d.%m.%Y}")
            )
    return problems


@dataclass(frozen=True)
class Plan:
    """Which report pages exist: ended periods, for every department."""

    months: tuple[Period, ...]  # ended months, newest first: a council page and one per department
    years: tuple[Period, ...]  # ended years, likewise (a report for a running period is an error: issue 22)

    def pages(self, departments: Iterable[str]) -> list[tuple[Period, str]]:
        slugs = sorted(departments)
        return [(p, d) for p in (*self.months, *self.years) for d in slugs]


def plan(counts: Counts, extras: Mapping[tuple[str, str], Item], clock: dt.datetime,
         archive_start: dt.date = dt.date(2000, 1, 1)) -> Plan:
    """Ended periods from the first publication (or hand-written report) on; a period that cannot be
    reported (Period.refusal: not ended, or starting before the archive) gets no page."""
    first = counts.first_month()
    last = last_ended_month(clock)
    months: list[Period] = []
    years: list[Period] = []
    if first is not None and first <= last:
        months = [Period(y, m) for y, m in months_between(first, last)]
        years = [Period(y) for y in range(first[0], kyiv(clock).year)]
    wanted = set(months) | set(years)
    wanted |= {Period.parse(key) for _, key in extras}  # a hand-written report before the first publication
    reportable = [p for p in wanted if not p.refusal(clock, archive_start)]
    return Plan(tuple(sorted((p for p in reportable if p.month), reverse=True)),
                tuple(sorted((p for p in reportable if p.month is None), reverse=True)))


def deadlines(cycle: Cycle | None, period: Period, department: str | None = None, roll=None) -> tuple[str, ...]:
    """The publication-deadline sentences of a period (a department's, or the council's with None); with
    `roll` (domain/votes), the roll-call results its meetings' votes had published too."""
    if cycle is None:
        return ()
    query = dict(year=period.year, month=period.month, department=department)
    found = sentences(cycle.tally(Rule.DRAFT, **query), cycle.tally(Rule.ADOPTED, **query))
    found += tuple(typeset(line) for line in (
        records.sentence(rule, records.tally(records.in_period(cycle.records, rule, **query)), cycle.calendar)
        for rule in records.Record) if line)  # the meetings' videos and protocols
    votes = rollcall.report_sentence(*rollcall.published_in(roll, cycle.meetings, **query))
    return (*found, votes) if votes else found


def report(counts: Counts, period: Period, department: Department, extra: Item | None,
           cycle: Cycle | None = None, roll=None) -> Report:
    found = figures(counts, period, department.slug)
    activities: tuple[str, ...] = ()
    signer_title, signer_name = department.head_title, department.head
    if extra is not None and extra.report is not None:
        activities = tuple(wording.activity_phrase(a.text, a.count, a.forms) for a in extra.report.activities)
        signer_title = extra.report.signer_title or signer_title
        signer_name = extra.report.signer_name or signer_name
    items = tuple(i for i in counts.listed(period.year, period.month, department.slug) if i.type in COUNTED)
    months: tuple[MonthRow, ...] = ()
    if period.month is None:
        rows = []
        for month in range(1, 13):
            cell = counts.cell(period.year, month, department.slug)
            by_type = tuple(cell.get(t, 0) for t in COUNTED)
            rows.append(MonthRow(month, wording.month_name(month), by_type, sum(by_type)))
        months = tuple(rows)
    return Report(period, department, found, sum(f.count for f in found), activities, items,
                  signer_title, signer_name, extra, months, deadlines(cycle, period, department.slug, roll))


def council_period(counts: Counts, period: Period, departments: Mapping[str, Department],
                   cycle: Cycle | None = None, roll=None) -> CouncilPeriod:
    rows = []
    for slug in by_name(departments):
        by = _by_type(counts, period, slug)
        by_type = tuple(by.get(t, 0) for t in COUNTED)
        rows.append(DepartmentRow(departments[slug], by_type, sum(by_type), period.url(slug)))
    totals = tuple(sum(r.by_type[i] for r in rows) for i in range(len(COUNTED)))
    return CouncilPeriod(period, tuple(rows), totals, sum(totals), deadlines(cycle, period, roll=roll))


def council_figures(counts: Counts, period: Period, departments: Mapping[str, Department]) -> tuple[Figure, ...]:
    """The council-wide sentences ("підготовлено та розміщено 321 новину", …): the departments' summed."""
    by_type: dict[ContentType, int] = {}
    kinds: dict = {}
    for slug in departments:
        for item_type, n in _by_type(counts, period, slug).items():
            by_type[item_type] = by_type.get(item_type, 0) + n
        for month in [period.month] if period.month else range(1, 13):
            for kind, n in counts.by_act_kind(period.year, month, slug).items():
                kinds[kind] = kinds.get(kind, 0) + n
    result = []
    for item_type in COUNTED:
        n = by_type.get(item_type, 0)
        if n:
            sentence = wording.acts_done(n, {k: kinds[k] for k in ActKind if k in kinds}) \
                if item_type is ContentType.ACT else wording.done_phrase(item_type, n)
            result.append(Figure(item_type, n, sentence))
    return tuple(result)
