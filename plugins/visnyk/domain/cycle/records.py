"""A meeting's records: its video and its protocol, each published within its term (issue 26 §5).

Rules (Kyiv local dates), beside the two of cycle.py and in its shape — one verdict per counted meeting that
has ended, tallied by the month of the meeting:
- the video of a plenary session of the council or of a meeting of a standing commission is published no
  later than `Calendar.video_days` calendar days after the day of the meeting (Law "On local self-government
  in Ukraine" as amended by Law No. 3590-IX of 22.02.2024 "щодо забезпечення прозорості місцевого
  самоврядування": the recording is published at once after the meeting and no later than the next day;
  in force for meetings from `VIDEO_SINCE`);
- the protocol of a session, of the executive committee or of a standing commission is published no later
  than `Calendar.protocol_days` working days after the meeting (the council's own term, its Regulations);
- a meeting that names no video or protocol yet has no verdict while its term runs; once the term is over it
  is "no data" (listed, never counted as on time): the editor is told to name the published record.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum

from ..common.clock import kyiv
from ..common.model import ActKind, ContentType, Item, MeetingBody, Status
from ..common.problems import Problem
from ..language.wording import DAYS, WORKING_DAYS, Forms
from .workdays import Calendar

VIDEO_SINCE = dt.date(2024, 8, 15)  # Law No. 3590-IX: its video provisions in force three months after publication


class Record(str, Enum):
    VIDEO = "video"
    PROTOCOL = "protocol"


BODIES = {
    Record.VIDEO: (MeetingBody.COUNCIL, MeetingBody.COMMISSION),
    Record.PROTOCOL: (MeetingBody.COUNCIL, MeetingBody.EXECUTIVE, MeetingBody.COMMISSION),
}


@dataclass(frozen=True)
class RecordVerdict:
    """One ended meeting under one record rule. `on_time` is None when the meeting names no published record."""

    meeting: Item
    rule: Record
    held: dt.date  # the day of the meeting (Kyiv)
    record: Item | None  # the video or protocol item
    published: dt.date | None
    days: int | None  # calendar days (video) or working days (protocol) after the meeting, up to publication
    limit: int
    on_time: bool | None

    @property
    def late_by(self) -> int:
        return self.days - self.limit if self.on_time is False and self.days is not None else 0

    @property
    def source(self) -> str:
        return self.meeting.source


def _day(value: dt.datetime) -> dt.date:
    return kyiv(value).date()


def deadline(rule: Record, held: dt.date, calendar: Calendar) -> dt.date:
    """The last day the record may be published."""
    if rule is Record.VIDEO:
        return held + dt.timedelta(days=calendar.video_days)
    day, left = held, calendar.protocol_days
    while left:
        day += dt.timedelta(days=1)
        left -= calendar.is_working(day)
    return day


def judge(meeting: Item, rule: Record, record: Item | None, calendar: Calendar, today: dt.date) -> RecordVerdict | None:
    held = _day(meeting.meeting.starts)
    limit = calendar.video_days if rule is Record.VIDEO else calendar.protocol_days
    if record is None:
        return None if today <= deadline(rule, held, calendar) else RecordVerdict(meeting, rule, held, None, None,
                                                                                   None, limit, None)
    published = _day(record.date)
    days = (published - held).days if rule is Record.VIDEO else calendar.after_up_to(held, published)
    return RecordVerdict(meeting, rule, held, record, published, max(days, 0), limit, days <= limit)


def verdicts(meetings: list[Item], published: Mapping[str, Item], clock: dt.datetime,
             calendar: Calendar) -> list[RecordVerdict]:
    """Every counted meeting that has started by the clock, under each record rule its body has; by day, source.
    `published`: source → item, of the items counted by the clock (counts_item)."""
    today = kyiv(clock).date()
    found = []
    for meeting in meetings:
        if meeting.meeting is None or kyiv(meeting.meeting.starts) > kyiv(clock):
            continue
        for rule in Record:
            if meeting.meeting.body not in BODIES[rule]:
                continue
            if rule is Record.VIDEO and _day(meeting.meeting.starts) < VIDEO_SINCE:
                continue
            path = meeting.meeting.video if rule is Record.VIDEO else meeting.meeting.protocol
            verdict = judge(meeting, rule, published.get(posixpath.normpath(path)) if path else None, calendar, today)
            if verdict is not None:
                found.append(verdict)
    return sorted(found, key=lambda v: (v.held, v.source, v.rule.value))


def record_problems(items: list[Item]) -> list[Problem]:
    """A meeting's `protocol:` that is no protocol, or `video:` that is no video: errors with file and line."""
    items = [i for i in items if i.status is not Status.DRAFT]
    by_source = {i.source: i for i in items}
    problems = []
    for item in sorted((i for i in items if i.meeting is not None), key=lambda i: i.source):
        if item.meeting.protocol:
            target = by_source.get(posixpath.normpath(item.meeting.protocol))
            if target is None or target.act_kind is not ActKind.PROTOCOL:
                what = "такого акта немає" if target is None else "це не протокол (act_kind: protocol)"
                problems.append(Problem(item.source, item.line_of("protocol"), f"protocol: {item.meeting.protocol} — {what}",
                                        "вкажіть шлях до протоколу цього засідання в теці acts/"))
        if item.meeting.video:
            target = by_source.get(posixpath.normpath(item.meeting.video))
            if target is None or target.type is not ContentType.VIDEO:
                what = "такого відео немає" if target is None else "це не відео (тека videos/)"
                problems.append(Problem(item.source, item.line_of("video"), f"video: {item.meeting.video} — {what}",
                                        "вкажіть шлях до відеозапису цього засідання в теці videos/"))
    return problems


# --- views: the rules' text, a period's sentence, open data --------------------------------------------

MEETINGS_GENITIVE = Forms("засідання", "засідань", "засідань")  # «для 1 засідання», «для 5 засідань»
WHAT = {Record.VIDEO: "відеозапису", Record.PROTOCOL: "протоколу"}
MISSING = {Record.VIDEO: "відеозапис на сайті не зазначено", Record.PROTOCOL: "протокол на сайті не зазначено"}


def term(rule: Record, calendar: Calendar) -> str:
    """ «не пізніше ніж через 1 день після засідання» """
    limit = DAYS.count(calendar.video_days) if rule is Record.VIDEO else WORKING_DAYS.count(calendar.protocol_days)
    return f"не пізніше ніж через {limit} після засідання"


def rules(calendar: Calendar) -> dict[str, str]:
    return {
        "video": f"відеозапис пленарного засідання ради чи засідання постійної комісії: {term(Record.VIDEO, calendar)} "
                 "(календарні дні; Закон № 3590-IX)",
        "protocol": f"протокол засідання сесії, виконавчого комітету чи постійної комісії: "
                    f"{term(Record.PROTOCOL, calendar)} (робочі дні; строк, встановлений радою)",
    }


def method(calendar: Calendar) -> tuple[str, ...]:
    """ «Як рахуємо»: both rules and their legal basis."""
    return (
        "Відеозапис пленарного засідання ради чи засідання постійної комісії вчасний, якщо його оприлюднено "
        f"{term(Record.VIDEO, calendar)}: Закон України від 22.02.2024 № 3590-IX «Про внесення змін до Закону "
        "України „Про місцеве самоврядування в Україні“ щодо забезпечення прозорості місцевого самоврядування» "
        "вимагає оприлюднювати запис невідкладно після засідання, але не пізніше наступного дня. Рахуємо "
        "календарні дні від дня засідання до дня оприлюднення відео, для засідань з 15 серпня 2024 року, коли ці "
        "норми набрали чинності.",
        "Протокол засідання сесії, виконавчого комітету чи постійної комісії вчасний, якщо його оприлюднено "
        f"{term(Record.PROTOCOL, calendar)} — у строк, який рада встановила сама (регламент); рахуємо від дня "
        "після засідання до дня оприлюднення включно. Засідання, у якому не зазначено відео чи протоколу, коли "
        "строк минув, — «без даних». Протокол не є нормативним актом і не входить до підрахунку актів.",
    )


@dataclass(frozen=True)
class Tally:
    on_time: int = 0
    late: int = 0
    no_data: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late + self.no_data

    def __add__(self, other: Tally) -> Tally:
        return Tally(self.on_time + other.on_time, self.late + other.late, self.no_data + other.no_data)


def in_period(found: list[RecordVerdict], rule: Record, year: int | None = None, month: int | None = None,
              department: str | None = None) -> list[RecordVerdict]:
    """A rule's verdicts for the meetings held in a period (by the meeting's day), of a department or all."""
    return [v for v in found if v.rule is rule and (year is None or v.held.year == year)
            and (month is None or v.held.month == month)
            and (department is None or (v.meeting.department or "") == department)]


def tally(found: list[RecordVerdict]) -> Tally:
    return Tally(sum(v.on_time is True for v in found), sum(v.on_time is False for v in found),
                 sum(v.on_time is None for v in found))


def sentence(rule: Record, counted: Tally, calendar: Calendar) -> str:
    """ «Строк оприлюднення відеозапису перевірено для 3 засідань: 2 — вчасно (не пізніше ніж через 1 день після
    засідання); 1 — із запізненням.» Empty groups left out, "усі" for one group of several, nothing for none."""
    if not counted.total:
        return ""
    head = f"Строк оприлюднення {WHAT[rule]} перевірено для {MEETINGS_GENITIVE.count(counted.total)}"
    groups = [(n, text) for n, text in ((counted.on_time, f"вчасно ({term(rule, calendar)})"),
                                        (counted.late, "із запізненням"), (counted.no_data, f"без даних ({MISSING[rule]})"))
              if n]
    if len(groups) == 1:
        return f"{head} — {'' if counted.total == 1 else 'усі '}{groups[0][1]}."
    return f"{head}: " + "; ".join(f"{n} — {text}" for n, text in groups) + "."


def compliance_records(found: list[RecordVerdict], url_of) -> list[dict]:
    """stats/compliance.json: one record a meeting and rule; `published` and `on_time` null when no data."""
    return [{
        "source": v.source,
        "rule": v.rule.value,
        "body": v.meeting.meeting.body.value,
        "department": v.meeting.department or "",
        "event_date": v.held.isoformat(),
        "record": v.record.source if v.record is not None else None,
        "published": v.published.isoformat() if v.published is not None else None,
        "days": v.days,
        "limit": v.limit,
        "on_time": v.on_time,
        "late_by": v.late_by,
        "title": v.meeting.title,
        "url": url_of(v.meeting),
    } for v in found]


COMPLIANCE_SCHEMA = {
    "type": "array", "description": "оприлюднення відеозаписів і протоколів засідань, одне засідання й правило — "
                                    "один запис",
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["source", "rule", "body", "department", "event_date", "record", "published", "days", "limit",
                     "on_time", "late_by", "title", "url"],
        "properties": {
            "source": {"type": "string", "pattern": r"^meetings/.+\.md$"},
            "rule": {"enum": ["video", "protocol"]},
            "body": {"enum": [b.value for b in MeetingBody]},
            "department": {"type": "string"},
            "event_date": {"type": "string", "format": "date", "description": "день засідання (київський час)"},
            "record": {"type": ["string", "null"], "description": "файл відео чи протоколу; null — не зазначено"},
            "published": {"type": ["string", "null"], "format": "date"},
            "days": {"type": ["integer", "null"], "minimum": 0,
                     "description": "днів після засідання до оприлюднення: календарних (video), робочих (protocol)"},
            "limit": {"type": "integer", "minimum": 1},
            "on_time": {"type": ["boolean", "null"]},
            "late_by": {"type": "integer", "minimum": 0},
            "title": {"type": "string"},
            "url": {"type": "string"},
        },
    },
}
