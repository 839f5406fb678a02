"""The council's decision cycle: meetings and their agendas, drafts and the decisions that adopt them,
and the two publication deadlines of the Law "On access to public information" (art. 15).

Rules (Kyiv local dates; working days from `workdays.Calendar`):
- a draft decision is on time when at least 10 working days lie strictly between its publication and
  its consideration (the default convention, `workdays.DraftCounting`) (its `consideration:` date, or the session or executive committee meeting whose
  agenda lists it; 0 days when the consideration is not after the publication);
- an adopted act is on time when at most 5 working days lie after its adoption up to and including
  its publication;
- an act without the date its rule needs has no verdict ("no data"): listed, never counted as on time.

Everything is worked out in one pass over the items (`Cycle.of`), then answered by lookups.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum

from ..common.clock import kyiv, not_after
from ..common.memo import LastAnswer
from ..counting.counting import counts_item
from ..common.model import ADOPTED_KINDS, ActKind, ContentType, Item, Status
from ..common.problems import Problem
from ..language.wording import deadline_late, record_late
from .records import Record, RecordVerdict, Tally, record_problems, verdicts as record_verdicts  # Tally: one for both
from .workdays import DEFAULT, Calendar

DRAFT_DAYS = 10  # at least this many working days before consideration
ADOPTED_DAYS = 5  # at most this many working days after adoption


class Rule(str, Enum):
    DRAFT = "draft"
    ADOPTED = "adopted"


def rule_of(item: Item) -> Rule | None:
    if item.type is not ContentType.ACT:
        return None
    if item.act_kind is ActKind.DRAFT_DECISION:
        return Rule.DRAFT
    if item.act_kind in ADOPTED_KINDS:
        return Rule.ADOPTED
    return None


def local_date(value: dt.datetime) -> dt.date:
    return kyiv(value).date()


@dataclass(frozen=True)
class Verdict:
    """One counted act under its rule. `on_time` is None when the date the rule needs is missing."""

    item: Item
    rule: Rule
    published: dt.date
    event: dt.date | None  # the consideration (drafts) or the adoption (adopted acts)
    working_days: int | None
    on_time: bool | None

    @property
    def late_by(self) -> int:
        """Working days past the deadline (0 when on time or no data)."""
        if not self.on_time and self.working_days is not None:
            return DRAFT_DAYS - self.working_days if self.rule is Rule.DRAFT else self.working_days - ADOPTED_DAYS
        return 0

    @property
    def source(self) -> str:
        return self.item.source


def judge(item: Item, rule: Rule, event: dt.date | None, calendar: Calendar) -> Verdict:
    published = local_date(item.date)
    if event is None:
        return Verdict(item, rule, published, None, None, None)
    if rule is Rule.DRAFT:
        days = calendar.before_consideration(published, event)
        return Verdict(item, rule, published, event, days, days >= DRAFT_DAYS)
    days = calendar.after_up_to(event, published)
    return Verdict(item, rule, published, event, days, days <= ADOPTED_DAYS)




def _tally_of(verdict: Verdict) -> Tally:
    if verdict.on_time is None:
        return Tally(no_data=1)
    return Tally(on_time=1) if verdict.on_time else Tally(late=1)


@dataclass
class Cycle:
    """Counted meetings, who considers and adopts which draft, and a verdict for every counted act
    that has a rule — all from one pass over the items."""

    meetings: list[Item] = field(default_factory=list)  # counted meetings, by start
    considered_at: dict[str, Item] = field(default_factory=dict)  # draft source → the meeting adopting it
    listed_in: dict[str, list[Item]] = field(default_factory=dict)  # act source → meetings listing it
    adopted_by: dict[str, list[Item]] = field(default_factory=dict)  # draft source → decisions adopting it
    verdicts: list[Verdict] = field(default_factory=list)  # by publication date, then source
    tallies: dict[tuple[int, int, str, Rule], Tally] = field(default_factory=dict)
    by_source: dict[str, Verdict] = field(default_factory=dict)
    calendar: Calendar = DEFAULT  # the working days and the counting convention the verdicts used
    records: list[RecordVerdict] = field(default_factory=list)  # meetings' videos and protocols (records.py)

    @classmethod
    def of(cls, items: Iterable[Item], clock: dt.datetime, calendar: Calendar) -> Cycle:
        items = list(items)
        meetings: list[Item] = []
        ruled: list[tuple[Item, Rule]] = []
        adopted_by: dict[str, list[Item]] = defaultdict(list)
        counted: dict[str, Item] = {}
        for item in items:
            if not counts_item(item, clock):
                continue
            counted[item.source] = item
            if item.meeting is not None:
                meetings.append(item)
                continue
            rule = rule_of(item)
            if rule is None:
                continue
            ruled.append((item, rule))
            if item.draft is not None:
                adopted_by[item.draft].append(item)
        meetings.sort(key=lambda m: (m.meeting.starts.timestamp(), m.source))
        considered_at: dict[str, Item] = {}
        listed_in: dict[str, list[Item]] = defaultdict(list)
        for meeting in meetings:  # earliest first: a draft is considered at the first adopting meeting
            for entry in meeting.meeting.agenda:
                if entry.act is None:
                    continue
                listed_in[entry.act].append(meeting)
                if meeting.meeting.body.adopts:
                    considered_at.setdefault(entry.act, meeting)
        verdicts = []
        tallies: dict = defaultdict(Tally)
        for item, rule in ruled:
            if rule is Rule.DRAFT:
                event = item.consideration or (considered_at[item.source].meeting.starts
                                               if item.source in considered_at else None)
                day = local_date(event) if event is not None else None
                # A decision that adopts a draft on or before the day the draft was published left it no
                # working day of public discussion: the draft is late (0 days), whatever else is dated.
                adoptions = [local_date(d.adopted) for d in adopted_by.get(item.source, ()) if d.adopted is not None]
                if adoptions and min(adoptions) <= local_date(item.date):
                    day = min(adoptions)
            else:
                day = local_date(item.adopted) if item.adopted is not None else None
            verdict = judge(item, rule, day, calendar)
            verdicts.append(verdict)
            key = (verdict.published.year, verdict.published.month, item.department or "", rule)
            tallies[key] = tallies[key] + _tally_of(verdict)
        verdicts.sort(key=lambda v: (v.published, v.source))
        for group in adopted_by.values():
            group.sort(key=lambda i: (i.date, i.source))
        return cls(meetings, considered_at, dict(listed_in), dict(adopted_by), verdicts, dict(sorted(tallies.items())),
                   {v.source: v for v in verdicts}, calendar, record_verdicts(meetings, counted, clock, calendar))

    # --- queries ---------------------------------------------------------------------------

    def tally(self, rule: Rule, year: int | None = None, month: int | None = None,
              department: str | None = None) -> Tally:
        total = Tally()
        for (y, m, d, r), found in self.tallies.items():
            if r is rule and (year is None or y == year) and (month is None or m == month) \
                    and (department is None or d == department):
                total = total + found
        return total

    def late(self, year: int | None = None, month: int | None = None, department: str | None = None) -> list[Verdict]:
        return [v for v in self.verdicts if v.on_time is False and _in(v, year, month, department)]

    def no_data(self, year: int | None = None, month: int | None = None, department: str | None = None) -> list[Verdict]:
        return [v for v in self.verdicts if v.on_time is None and _in(v, year, month, department)]

    def upcoming(self, clock: dt.datetime) -> list[Item]:
        """Meetings that have not ended by the clock, soonest first."""
        return [m for m in self.meetings if not not_after(m.meeting.ends or m.meeting.starts, clock)]

    def past(self, clock: dt.datetime) -> list[Item]:
        """Meetings that have ended, latest first."""
        return [m for m in reversed(self.meetings) if not_after(m.meeting.ends or m.meeting.starts, clock)]

    def years(self) -> list[int]:
        return sorted({y for (y, _m, _d, _r) in self.tallies})

    def months(self, year: int) -> list[int]:
        return sorted({m for (y, m, _d, _r) in self.tallies if y == year})


def _in(verdict: Verdict, year, month, department) -> bool:
    return ((year is None or verdict.published.year == year) and (month is None or verdict.published.month == month)
            and (department is None or (verdict.item.department or "") == department))


# --- problems and warnings for editors --------------------------------------------------------


# What the cycle reads: acts, meetings and videos (a meeting's `video:` is in videos/, its `protocol:` in acts/, as
# items.py checks). A save of a news item, an announcement, a report or a page changes none of it.
READ_KINDS = frozenset((ContentType.ACT, ContentType.MEETING, ContentType.VIDEO))
_CYCLE: LastAnswer[Cycle] = LastAnswer()
_PROBLEMS: LastAnswer[list[Problem]] = LastAnswer()


def read_by_cycle(items: list[Item]) -> list[Item]:
    """The items `Cycle.of` and `cycle_problems` may read, in order (a superset: see READ_KINDS)."""
    return [i for i in items if i.type in READ_KINDS or i.meeting is not None or i.draft is not None]


def cycle_of(items: Iterable[Item], clock: dt.datetime, calendar: Calendar) -> Cycle:
    """Cycle.of, the answer of the build before when it read the same item objects and the clock decides the same
    about them: which of them count by now, which meetings have started, and today's date (the live preview: a save
    of a news item, or a minute later, gives the very same cycle)."""
    items = list(items)
    read = [i for i in read_by_cycle(items) if counts_item(i, clock)]
    started = tuple(not_after(i.meeting.starts, clock) for i in read if i.meeting is not None)
    return _CYCLE.get(read, (kyiv(clock).date(), started, calendar), lambda: Cycle.of(items, clock, calendar))


def cycle_problems(items: Iterable[Item]) -> list[Problem]:
    """`cross_problems`, the answer of the build before when it read the same item objects (a new list)."""
    items = [i for i in items if i.status is not Status.DRAFT]
    return list(_PROBLEMS.get(read_by_cycle(items), None, lambda: cross_problems(items)))


def cross_problems(items: Iterable[Item]) -> list[Problem]:
    """Impossible cross-file data: an agenda or a decision pointing at no act or the wrong kind, and a
    draft whose `consideration:` differs from the meeting that considers it."""
    items = [i for i in items if i.status is not Status.DRAFT]
    acts = {i.source: i for i in items if i.type is ContentType.ACT}
    problems: list[Problem] = []
    considered: dict[str, tuple[dt.date, Item]] = {}
    for item in sorted((i for i in items if i.meeting is not None or i.draft is not None), key=lambda i: i.source):
        if item.meeting is not None:
            for entry in item.meeting.agenda:
                if entry.act is None:
                    continue
                path = posixpath.normpath(entry.act)
                if path not in acts:
                    problems.append(Problem(item.source, entry.line, f"у порядку денному посилання на {entry.act}: "
                                            "такого акта немає", "перевірте шлях до файлу в теці acts/"))
                elif item.meeting.body.adopts and acts[path].act_kind is ActKind.DRAFT_DECISION:
                    day = local_date(item.meeting.starts)
                    if path not in considered or day < considered[path][0]:
                        considered[path] = (day, item)
        if item.draft is not None:
            target = acts.get(posixpath.normpath(item.draft))
            if target is None or target.act_kind is not ActKind.DRAFT_DECISION:
                what = "такого акта немає" if target is None else "це не проєкт рішення (act_kind: draft_decision)"
                problems.append(Problem(item.source, item.line_of("draft"), f"draft: {item.draft} — {what}",
                                        "вкажіть шлях до проєкту рішення, який ухвалено цим актом"))
    for path, (day, meeting) in sorted(considered.items()):
        draft = acts[path]
        if draft.consideration is not None and local_date(draft.consideration) != day:
            problems.append(Problem(
                path, draft.line_of("consideration"),
                f"дата розгляду {local_date(draft.consideration):%Y-%m-%d} не збігається з датою засідання "
                f"{day:%Y-%m-%d} ({meeting.source}), у порядку денному якого є цей проєкт",
                "виправте consideration: або приберіть його — дату дасть засідання"))
    return problems + record_problems(items)


def deadline_warnings(cycle: Cycle) -> list[Problem]:
    """Late publications and acts without the date their rule needs: facts for the editor, not errors."""
    warnings = []
    for v in cycle.verdicts:
        line = v.item.line_of("date")
        if v.on_time is None and v.rule is Rule.DRAFT:
            warnings.append(Problem(v.source, line, "дотримання строку оприлюднення не оцінено: немає дати розгляду",
                                    "додайте consideration: РРРР-ММ-ДД або внесіть проєкт до порядку денного "
                                    "засідання сесії чи виконкому (meetings/)"))
        elif v.on_time is None:
            warnings.append(Problem(v.source, line, "дотримання строку оприлюднення не оцінено: немає дати ухвалення",
                                    "додайте adopted: РРРР-ММ-ДД — коли акт ухвалено чи підписано"))
        elif v.on_time is False:
            warnings.append(Problem(v.source, line, deadline_late(v.rule.value, v.working_days, v.late_by,
                                                                  DRAFT_DAYS, ADOPTED_DAYS)))
    for r in cycle.records:
        if r.on_time is None:
            key, what = ("video", "відеозапис") if r.rule is Record.VIDEO else ("protocol", "протокол")
            warnings.append(Problem(r.source, r.meeting.line_of("starts"),
                                    f"дотримання строку оприлюднення не оцінено: у засіданні не зазначено {what}",
                                    f"коли {what} оприлюднено, додайте {key}: шлях до нього"))
        elif r.on_time is False:
            warnings.append(Problem(r.source, r.meeting.line_of(r.rule.value),
                                    record_late(r.rule.value, r.days, r.limit, r.late_by)))
    return warnings
