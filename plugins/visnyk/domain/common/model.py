"""Typed records of the council's content: types, statuses, act kinds, items, departments.

No Pelican here: this is the vocabulary every other module (and every test) shares.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class ContentType(str, Enum):
    """A publication type; its value is the `type:` word and its folder is `FOLDERS[type]`."""

    NEWS = "news"
    ANNOUNCEMENT = "announcement"
    ACT = "act"
    MEETING = "meeting"
    VIDEO = "video"
    REPORT = "report"
    PAGE = "page"

    @property
    def folder(self) -> str:
        return FOLDERS[self]

    @property
    def counted(self) -> bool:
        """Standing pages are not publications and are never counted."""
        return self is not ContentType.PAGE


FOLDERS: dict[ContentType, str] = {
    ContentType.NEWS: "news",
    ContentType.ANNOUNCEMENT: "announcements",
    ContentType.ACT: "acts",
    ContentType.MEETING: "meetings",
    ContentType.VIDEO: "videos",
    ContentType.REPORT: "reports",
    ContentType.PAGE: "pages",
}
TYPE_BY_FOLDER: dict[str, ContentType] = {folder: t for t, folder in FOLDERS.items()}
COUNTED_TYPES: tuple[ContentType, ...] = tuple(t for t in ContentType if t.counted)


class Status(str, Enum):
    PUBLISHED = "published"
    DRAFT = "draft"
    HIDDEN = "hidden"


class ActKind(str, Enum):
    COUNCIL_DECISION = "council_decision"
    EXECUTIVE_DECISION = "executive_decision"
    MAYOR_ORDER = "mayor_order"
    DRAFT_DECISION = "draft_decision"
    REGULATORY_ACT = "regulatory_act"
    PROTOCOL = "protocol"
    COMMISSION_CONCLUSION = "commission_conclusion"  # висновок постійної комісії (Law on local self-government, art. 47)
    COMMISSION_RECOMMENDATIONS = "commission_recommendations"  # рекомендації постійної комісії (same article)
    OTHER = "other"


# Acts the publication rules apply to (Law "On access to public information", art. 15).
ADOPTED_KINDS: tuple[ActKind, ...] = (
    ActKind.COUNCIL_DECISION, ActKind.EXECUTIVE_DECISION, ActKind.MAYOR_ORDER, ActKind.REGULATORY_ACT,
)  # fmt: skip


class MeetingBody(str, Enum):
    """Who meets: the `body:` word of a meeting."""

    COUNCIL = "council"  # сесія міської ради
    EXECUTIVE = "executive"  # засідання виконавчого комітету
    COMMISSION = "commission"  # постійна комісія
    PUBLIC_COUNCIL = "public_council"  # громадська рада
    OTHER = "other"

    @property
    def adopts(self) -> bool:
        """A session or the executive committee adopts decisions: their date is a draft's consideration."""
        return self in (MeetingBody.COUNCIL, MeetingBody.EXECUTIVE)


LANGUAGES: tuple[str, ...] = ("uk", "en")
DEFAULT_LANGUAGE = "uk"


@dataclass(frozen=True)
class Department:
    slug: str
    name: str
    name_genitive: str
    head: str
    head_title: str
    # Contacts, optional (departments.yml): shown on the department's page.
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class Attachment:
    path: str  # as written: relative to the content folder, e.g. "files/2024/rishennia-12.pdf"
    title: str


@dataclass(frozen=True)
class Activity:
    """A figure only people know, from a hand-written report: "Брали участь у 2 прийомах …"."""

    text: str  # either a whole sentence with "{n}" or a lead-in followed by the number and noun
    count: int
    forms: tuple[str, str, str] | None = None  # one / few / many noun forms


@dataclass(frozen=True)
class ReportExtra:
    """What a hand-written report adds to a generated one."""

    period: str  # "YYYY-MM" or "YYYY"
    activities: tuple[Activity, ...] = ()
    signer_name: str | None = None
    signer_title: str | None = None
    number: str | None = None  # the registration index the document was filed under


@dataclass(frozen=True, order=True)
class Link:
    """A site link in a body: `kind` is filename, static, tag (or whatever else was written), `target` as written."""

    kind: str
    target: str
    line: int
    element: str = ""  # the HTML element the placeholder stands in ("img", "a"), "" when not known


@dataclass(frozen=True)
class AgendaEntry:
    text: str
    act: str | None = None  # content-relative path of an act, e.g. "acts/2026/proiekt-rishennia.md"
    line: int = 1  # of the entry in its file, for messages


@dataclass(frozen=True)
class Meeting:
    """What a meeting announcement adds to an item: who meets, when, where, on what."""

    body: MeetingBody
    starts: dt.datetime  # aware, Europe/Kyiv
    venue: str
    ends: dt.datetime | None = None
    agenda: tuple[AgendaEntry, ...] = ()
    protocol: str | None = None  # content-relative path of its protocol (an act of kind protocol)
    video: str | None = None  # content-relative path of its video (a video item)


@dataclass(frozen=True)
class Item:
    """One content file, validated. Dates are aware datetimes in Europe/Kyiv."""

    source: str  # path relative to the content folder, with "/" separators
    type: ContentType
    title: str
    date: dt.datetime
    slug: str
    status: Status = Status.PUBLISHED
    lang: str = DEFAULT_LANGUAGE
    department: str | None = None
    tags: tuple[str, ...] = ()
    summary: str | None = None
    modified: dt.datetime | None = None
    image: str | None = None  # content-relative, under images/ (domain/media/images.py)
    image_alt: str | None = None  # its text alternative: required with an image
    attachments: tuple[Attachment, ...] = ()
    act_kind: ActKind | None = None
    number: str | None = None
    consideration: dt.datetime | None = None  # draft decisions: when it is to be considered
    adopted: dt.datetime | None = None  # decisions and orders: when adopted or signed
    draft: str | None = None  # decisions: content-relative path of the draft this act adopted
    amends: tuple[str, ...] = ()  # adopted acts: content-relative paths of the acts this one amends
    repeals: tuple[str, ...] = ()  # … and of those it repeals (domain/legal/status.py)
    in_force_from: dt.datetime | None = None  # adopted acts: when it takes effect, if not on adoption
    meeting: Meeting | None = None  # meetings/
    video_url: str | None = None  # videos: where the video is watched (a link, never an embed)
    report: ReportExtra | None = None
    # Site links in the body (`{filename}`, `{static}`, `{tag}`…), with their line numbers.
    links: tuple[Link, ...] = ()
    # Line number of each front-matter key, for messages about cross-file problems.
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, 1)
