"""A department report as an official document (ДСТУ 4163:2020): one model, five renderings.

The web page, its print stylesheet, Markdown, Word and PDF all show a `ReportDocument`; none of them
decides what the report says. What it says:

- requisites: council, department, document kind and heading, date and registration number on one
  line (the hand-written file's `date` and `number:`; a generated report is dated the first day after
  its period, Kyiv time);
- the text, in the order both source reports (shared/seeds/) use: the department's own narrative
  opens it, then what was published on the official website (counted, under its lead-in), the annual
  month-by-month table, then other work (`activities`, under their own lead-in — never inside the
  "on the website" list, which would be a false statement in a signed document);
- the mark of the appendix, the signature block (full position, room to sign, "Власне ім'я ПРІЗВИЩЕ");
- the appendix: every counted publication with its absolute address (SITEURL / VISNYK_SITEURL), so
  it works on paper and in a mailed file.

List items follow one convention: a lower-case continuation ending in ";" and "." on the last (a proper
name keeps its capital). Every text passes through `typography.typeset` here, once, so the web page,
Markdown, Word and PDF have the same no-break spaces, apostrophe and quotes.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .clock import kyiv
from .model import COUNTED_TYPES
from .reports import Report
from .slugs import slugify
from .typography import keeps_capital, typeset
from .urls import item_url
from . import wording

KIND = "Звіт"
PUBLICATIONS_LEAD = "{throughout} на офіційному сайті:"
NOTHING_PUBLISHED = "{throughout} на офіційному сайті не оприлюднено жодного матеріалу підрозділу."
ACTIVITIES_LEAD = "Крім того:"
APPENDIX_TITLE = "Перелік публікацій на офіційному сайті, урахованих у звіті"
POSITIONS = wording.Forms("позиція", "позиції", "позицій")
_INLINE = (re.compile(r"(\*\*|__|`)"), re.compile(r"(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)"))
_LINK = re.compile(r"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_BULLET = re.compile(r"^\s*(?:[-*+·•]|\d+[.)])\s+")


@dataclass(frozen=True)
class Run:
    """A piece of running text; with `url` (absolute), a link."""

    text: str
    url: str = ""


@dataclass(frozen=True)
class Block:
    """A paragraph of the narrative (one item in `items`) or a list (`listed`)."""

    items: tuple[tuple[Run, ...], ...]
    listed: bool = False


@dataclass(frozen=True)
class ListSection:
    lead: str
    items: tuple[str, ...]  # punctuated: "…;" and "…." on the last


@dataclass(frozen=True)
class Table:
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]


@dataclass(frozen=True)
class Signature:
    position: str  # "Начальник відділу інформаційної діяльності та комунікацій з громадськістю"
    name: str  # "Ірина МЕЛЬНИЧУК"


@dataclass(frozen=True)
class Entry:
    """One counted publication in the appendix."""

    title: str
    kind: str  # "новина"
    date: str  # "03 жовтня 2026 року"
    url: str  # absolute when the site's address is known


@dataclass(frozen=True)
class ReportDocument:
    council: str
    department: str
    kind: str
    title: str  # "Звіт про роботу … за жовтень 2026 року"
    date: dt.date
    number: str | None
    narrative: tuple[Block, ...]
    publications: ListSection
    months: Table | None
    activities: ListSection | None
    appendix: tuple[Entry, ...]
    signature: Signature
    url: str  # the report's own page, absolute when the site's address is known
    base_url: str  # "https://rada.example/" or "" when the build has no address
    period_key: str
    slug: str
    # Publication deadlines (domain/cycle.py), after the publications: "З 14 проєктів рішень 13 оприлюднено …"
    deadlines: tuple[str, ...] = ()

    @property
    def date_text(self) -> str:
        """The requisite's form: "03.11.2026"."""
        return f"{self.date:%d.%m.%Y}"

    @property
    def number_text(self) -> str:
        return typeset(f"№ {self.number}") if self.number else ""

    @property
    def appendix_mark(self) -> str:
        """The mark after the text: "Додаток: перелік публікацій … — 12 позицій."."""
        if not self.appendix:
            return ""
        return typeset(f"Додаток: {APPENDIX_TITLE[0].lower()}{APPENDIX_TITLE[1:]} — {self.appendix_size}.")

    @property
    def appendix_size(self) -> str:
        """ "12 позицій"."""
        return POSITIONS.count(len(self.appendix))

    @property
    def appendix_title(self) -> str:
        return APPENDIX_TITLE

    @property
    def appendix_heading(self) -> str:
        """ "до звіту від 03.11.2026 № 12-05/41" — under "Додаток", top right."""
        return typeset(f"до звіту від {self.date_text}" + (f" {self.number_text}" if self.number else ""))

    @property
    def filename(self) -> str:
        """ "zvit-komunikatsii-2026-10" — what a downloaded file is called."""
        return f"zvit-{self.slug}-{self.period_key}"


def list_item(text: str, last: bool) -> str:
    """One convention whatever the editor typed: lower-case continuation, ";" — "." on the last.
    A proper name keeps its capital (an abbreviation «ЗМІ», «YouTube», «Facebook», «Ясногірська молодіжна
    рада»: `typography.keeps_capital`)."""
    text = text.strip().rstrip(";,.").rstrip()
    if not text:
        return text
    first = re.split(r"[\s\u00a0-]", text, 1)[0]
    if not keeps_capital(first):
        text = text[0].lower() + text[1:]
    return text + ("." if last else ";")


def punctuated(lines: list[str]) -> tuple[str, ...]:
    return tuple(typeset(list_item(line, i == len(lines) - 1)) for i, line in enumerate(lines))


def position(title: str, department_genitive: str) -> str:
    """ "Начальник відділу" + "юридичного відділу" → "Начальник юридичного відділу": the head's title
    with the department's name, when the title ends in the word that the name ends in or contains."""
    words = title.split()
    if len(words) < 2 or department_genitive in title:
        return title
    if words[-1].lower() in department_genitive.lower().split():
        return " ".join(words[:-1] + [department_genitive])
    return title


def absolute(base_url: str, path: str) -> str:
    """A site path ("news/2026/x/") as an address: "https://rada.example/news/2026/x/"."""
    if re.match(r"https?://", path) or path.startswith("mailto:"):
        return path
    return (base_url or "/") + path.lstrip("/")


def site_base(siteurl: str) -> str:
    """ "https://rada.example/" from SITEURL / VISNYK_SITEURL; "" when the build has no address."""
    siteurl = (siteurl or "").strip()
    return siteurl.rstrip("/") + "/" if re.match(r"https?://", siteurl) else ""


def narrative_blocks(markdown: str, base_url: str, urls: dict[str, str]) -> tuple[Block, ...]:
    """The department's Markdown as plain paragraphs and lists. Links keep their text and get an
    absolute address: `{filename}/news/x.md` through `urls` (source → site path), `{static}/…` and
    site paths from the site's address."""

    def runs(text: str) -> tuple[Run, ...]:
        out: list[Run] = []
        position_ = 0
        for match in _LINK.finditer(text):
            out.append(Run(typeset(_plain(text[position_:match.start()]))))
            label, target = typeset(_plain(match.group(1))), match.group(2)
            out.append(Run(label or target, _target(target, base_url, urls)))
            position_ = match.end()
        out.append(Run(typeset(_plain(text[position_:]))))
        return tuple(r for r in out if r.text)

    blocks = []
    for chunk in re.split(r"\n\s*\n", markdown.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines or all(re.fullmatch(r"\s*#+\s*", line) for line in lines):
            continue
        if all(_BULLET.match(line) for line in lines):
            blocks.append(Block(tuple(runs(_BULLET.sub("", line)) for line in lines), listed=True))
        else:
            text = " ".join(re.sub(r"^\s*#+\s*", "", line.strip()) for line in lines)
            blocks.append(Block((runs(text),)))
    return tuple(blocks)


def _plain(text: str) -> str:
    for pattern in _INLINE:
        text = pattern.sub("", text)
    return re.sub(r"\s+", " ", text)


def _target(target: str, base_url: str, urls: dict[str, str]) -> str:
    for prefix in ("{filename}", "{attach}"):
        if target.startswith(prefix):
            path = target[len(prefix):].lstrip("/").split("#", 1)[0]
            return absolute(base_url, urls.get(path, path))
    if target.startswith("{static}"):
        return absolute(base_url, target[len("{static}"):])
    if target.startswith("{tag}"):
        return absolute(base_url, f"tags/{slugify(target[len('{tag}'):])}/")
    return absolute(base_url, target)


def months_table(report: Report) -> Table | None:
    if not report.months:
        return None
    header = ("Місяць", *(wording.TYPE_LABEL[t] for t in COUNTED_TYPES), "Усього")
    rows = tuple((row.label.capitalize(), *map(str, row.by_type), str(row.total)) for row in report.months)
    totals = [sum(row.by_type[i] for row in report.months) for i in range(len(COUNTED_TYPES))]
    total = ("Усього", *map(str, totals), str(sum(totals)))
    return Table(typeset(f"Публікації за місяцями {report.period.year} року"), header, rows, total)


def running_date(value: dt.date) -> str:
    """A date in the text of an official document: "02 жовтня 2026 року" (two-digit day)."""
    return f"{value.day:02d} {wording.month_genitive(value.month)} {value.year} року"


def document_date(report: Report) -> dt.date:
    """The hand-written file's date; for a generated report, the first day after the period (Kyiv)."""
    moment = report.source.date if report.source is not None else report.period.end
    return kyiv(moment).date()


def build(report: Report, council: str, narrative: str = "", siteurl: str = "",
          urls: dict[str, str] | None = None) -> ReportDocument:
    """The document a report is. `narrative` is the hand-written Markdown; `urls` maps content
    sources to site paths (for `{filename}` links in it)."""
    base = site_base(siteurl)
    throughout = report.period.throughout
    figures = [f.text for f in report.figures]
    lead = typeset((PUBLICATIONS_LEAD if figures else NOTHING_PUBLISHED).format(throughout=throughout))
    activities = list(report.activities)
    appendix = tuple(
        Entry(typeset(item.title), typeset(wording.item_kind(item)), typeset(wording.long_date(kyiv(item.date))),
              absolute(base, item_url(item)))
        for item in report.items
    )
    number = report.source.report.number if report.source is not None and report.source.report else None
    return ReportDocument(
        council=council,
        department=report.department.name,
        kind=KIND,
        title=typeset(report.title),
        date=document_date(report),
        number=number,
        narrative=narrative_blocks(narrative, base, urls or {}),
        publications=ListSection(lead, punctuated(figures)),
        months=months_table(report),
        activities=ListSection(ACTIVITIES_LEAD, punctuated(activities)) if activities else None,
        appendix=appendix,
        signature=Signature(position(report.signer_title, report.department.name_genitive), report.signature_name),
        url=absolute(base, report.url),
        base_url=base,
        period_key=report.period.key,
        slug=report.department.slug,
        deadlines=tuple(typeset(sentence) for sentence in report.deadlines),
    )

