"""What the pages show of the decision cycle: a meeting with its agenda, an act with its draft,
decision, meeting and deadline, the list of meetings (upcoming first, then past by month)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..language import wording
from ..common.clock import kyiv
from .cycle import ADOPTED_DAYS, DRAFT_DAYS, Cycle, Rule, Verdict
from ..common.model import Item
from ..language.typography import typeset


@dataclass(frozen=True)
class AgendaLine:
    number: int
    text: str
    act: Item | None  # the linked act when its page exists


@dataclass(frozen=True)
class MeetingView:
    item: Item
    agenda: tuple[AgendaLine, ...]
    protocol: Item | None = None  # its protocol's page, once published (issue 26)
    video: Item | None = None  # its video's page, once published

    @property
    def label(self) -> str:
        return wording.MEETING_BODY_LABEL[self.item.meeting.body]

    @property
    def when(self) -> str:
        """ "24 листопада 2026 року, 10:00–13:00"."""
        return when(self.item)


def when(item: Item) -> str:
    meeting = item.meeting
    text = wording.date_time(meeting.starts)
    if meeting.ends is not None:
        ends = kyiv(meeting.ends)
        same_day = ends.date() == kyiv(meeting.starts).date()
        text += f"–{ends:%H:%M}" if same_day else f" — {wording.date_time(ends)}"
    return text


def meeting_view(item: Item, linkable: Callable[[str], Item | None]) -> MeetingView:
    lines = tuple(AgendaLine(n, e.text, linkable(e.act) if e.act else None)
                  for n, e in enumerate(item.meeting.agenda, 1))
    meeting = item.meeting
    return MeetingView(item, lines, linkable(meeting.protocol) if meeting.protocol else None,
                       linkable(meeting.video) if meeting.video else None)


@dataclass(frozen=True)
class ActCycle:
    """Shown on an act's page: where its draft is considered, which decision adopted it, its deadline."""

    verdict: Verdict | None
    meeting: Item | None = None  # the meeting that considers this draft
    consideration: dt.date | None = None
    decisions: tuple[Item, ...] = ()  # decisions that adopted this draft
    draft: Item | None = None  # the draft this decision adopted
    discussed: tuple[Item, ...] = ()  # other meetings (commissions…) whose agenda lists it

    @property
    def deadline_text(self) -> str:
        """The act's own deadline, as an official writes it (wording.act_deadline)."""
        v = self.verdict
        if v is None:
            return ""
        return typeset(wording.act_deadline(v.rule.value, v.published, v.event, v.working_days, v.on_time,
                                            v.late_by, DRAFT_DAYS, ADOPTED_DAYS))


def act_cycle(item: Item, cycle: Cycle, linkable: Callable[[str], Item | None]) -> ActCycle | None:
    verdict = cycle.by_source.get(item.source)
    meeting = cycle.considered_at.get(item.source)
    decisions = tuple(cycle.adopted_by.get(item.source, ()))
    draft = linkable(item.draft) if item.draft else None
    discussed = tuple(m for m in cycle.listed_in.get(item.source, ()) if m is not meeting)
    if verdict is None and meeting is None and not decisions and draft is None and not discussed:
        return None
    consideration = verdict.event if verdict is not None and verdict.rule is Rule.DRAFT else None
    return ActCycle(verdict, meeting, consideration, decisions, draft, discussed)


@dataclass(frozen=True)
class MonthGroup:
    year: int
    month: int
    meetings: tuple[Item, ...]

    @property
    def label(self) -> str:
        return wording.month_year(self.year, self.month).capitalize()


def past_by_month(past: list[Item]) -> tuple[MonthGroup, ...]:
    """Past meetings (latest first) grouped by the Kyiv month they started in."""
    groups: list[MonthGroup] = []
    for item in past:
        start = kyiv(item.meeting.starts)
        if groups and (groups[-1].year, groups[-1].month) == (start.year, start.month):
            groups[-1] = MonthGroup(start.year, start.month, (*groups[-1].meetings, item))
        else:
            groups.append(MonthGroup(start.year, start.month, (item,)))
    return tuple(groups)
