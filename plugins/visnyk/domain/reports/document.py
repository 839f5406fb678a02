"""A department report as an official document (ДСТУ 4163:2020): one model, five renderings.

The web page, its print stylesheet, Markdown, Word and PDF all show a `ReportDocument`; none of them
decides what the report says. What it says:

- requisites in the order of ДСТУ 4163:2020: council, department, the document's kind ("ЗВІТ"), its
  date and registration number on one line (the hand-written file's `date` and `number:`, "№ ____" left
  blank to fill in when there is none), the place of compilation (VISNYK_PLACE: "м. Ясногірськ"), then
  the heading to the text ("про роботу … за … року");
- a report is the head's only when the department wrote its part for the period (`Report.signed`).
  Until then the document is "Інформація про оприлюднення матеріалів …", generated from the site:
  no date, no number, no signature, and it says so; its Word file is marked "ПРОЄКТ";
- the text, in the order both source reports (shared/seeds/) use: the department's own narrative
  opens it, then what was published on the official website (counted, under its lead-in), the annual
  month-by-month table, then other work (`activities`, under their own lead-in — never inside the
  "on the website" list, which would be a false statement in a signed document);
- the mark of the appendix with its size in sheets ("на 2 арк."), the signature block (full position,
  room to sign, "Власне ім'я ПРІЗВИЩЕ");
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

from ..common.clock import kyiv
from ..common.model import Item
from .reports import COUNTED as REPORTED
from .reports import CouncilPeriod, Figure, Report
from ..navigation.slugs import slugify
from ..language.typography import keeps_capital, typeset
from ..navigation.urls import item_url
from ..language import wording

NUMBER_BLANK = "____"  # a report without `number:` gets the blank the records office fills in
GENERATED_NOTE = ("Сформовано автоматично з публікацій на офіційному сайті; не підписано. "
                  "Звітом керівника це стане, коли підрозділ напише свою частину за цей період.")
COUNCIL_NOTE = "Сформовано автоматично з публікацій підрозділів на офіційному сайті; не підписано."
# The appendix on A4 at 12 pt, single spacing, 30/10/20/20 mm (render/word.py): what one sheet holds.
# Calibrated with LibreOffice (tests/test_report_pages.py); an estimate errs towards one sheet more.
SHEET_LINES = 52  # LibreOffice fits 52 lines of 12 pt in 257 mm
LINE_CHARS = 92  # of Times New Roman 12 pt in 162 mm (170 mm less the hanging indent), measured with LibreOffice
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
    department: str  # "" for the council-wide document
    kind: str  # "Звіт" (signed by the head) or "Інформація" (generated from the site)
    title: str  # "Звіт про роботу … за жовтень 2026 року": the kind and the heading, for the page and metadata
    date: dt.date | None  # the report's date; None: generated, not a dated document
    number: str | None
    narrative: tuple[Block, ...]
    publications: ListSection
    months: Table | None  # the annual month-by-month table; the council-wide one by department
    activities: ListSection | None
    appendix: tuple[Entry, ...]
    signature: Signature | None  # None: nobody signs generated information
    url: str  # the report's own page, absolute when the site's address is known
    base_url: str  # "https://rada.example/" or "" when the build has no address
    period_key: str
    slug: str
    # Publication deadlines (domain/cycle/cycle.py), after the publications: "З 14 проєктів рішень 13 оприлюднено …"
    deadlines: tuple[str, ...] = ()
    heading: str = ""  # the heading to the text, after the kind: "про роботу відділу … за жовтень 2026 року"
    place: str = ""  # the place of compilation (VISNYK_PLACE): "м. Ясногірськ"
    note: str = ""  # what a generated document is: GENERATED_NOTE; "" for a report

    @property
    def signed(self) -> bool:
        return self.signature is not None

    @property
    def draft(self) -> bool:
        """Its Word file is marked "ПРОЄКТ": generated, nobody has signed it."""
        return not self.signed

    @property
    def date_text(self) -> str:
        """The requisite's form: "03.11.2026"; "" when the document has no date."""
        return f"{self.date:%d.%m.%Y}" if self.date is not None else ""

    @property
    def number_text(self) -> str:
        """ "№ 12-05/41"; a signed report without a number gets the blank "№ ____"; information none."""
        if self.number:
            return f"№\u00a0{self.number}"
        return f"№\u00a0{NUMBER_BLANK}" if self.signed else ""

    @property
    def appendix_sheets(self) -> int:
        """How many A4 sheets the appendix takes in the Word file (an estimate by lines; see SHEET_LINES)."""
        lines = 6  # "Додаток", the line under it, a blank line, the title and its spacing
        for n, entry in enumerate(self.appendix, 1):
            # The entry, then its address on a line of its own (render/word.py); a no-break space joins words.
            lines += wrapped_lines(f"{n}. {entry.title} — {entry.kind}, {entry.date},".split(" "), LINE_CHARS)
            lines += wrapped_lines([entry.url], LINE_CHARS)
        return max(1, -(-lines // SHEET_LINES))

    @property
    def appendix_mark(self) -> str:
        """The mark after the text (ДСТУ 4163:2020): "Додаток: перелік публікацій … (12 позицій) на 1 арк."."""
        if not self.appendix:
            return ""
        title = self.appendix_title
        return typeset(f"Додаток: {title[0].lower()}{title[1:]} ({self.appendix_size}) "
                       f"на\u00a0{self.appendix_sheets}\u00a0арк.")

    @property
    def appendix_size(self) -> str:
        """ "12 позицій"."""
        return POSITIONS.count(len(self.appendix))

    @property
    def appendix_title(self) -> str:
        """ "…, урахованих у звіті"; generated information is not a report: "…, урахованих в інформації"."""
        return APPENDIX_TITLE if self.signed else APPENDIX_TITLE.replace("у звіті", "в інформації")

    @property
    def appendix_heading(self) -> str:
        """ "до звіту від 03.11.2026 № 12-05/41" — under "Додаток", top right; "до інформації" when undated."""
        if self.date is None:
            return "до інформації"
        return typeset(f"до звіту від {self.date_text} {self.number_text}")

    @property
    def filename(self) -> str:
        """ "zvit-komunikatsii-2026-10" — what a downloaded file is called."""
        return f"zvit-{self.slug}-{self.period_key}"


def wrapped_lines(words: list[str], width: int) -> int:
    """Lines a paragraph takes when its words wrap at `width` characters (a longer word breaks)."""
    lines, used = 1, 0
    for word in words:
        need = len(word) + (1 if used else 0)
        if used and used + need > width:
            lines, used = lines + 1, 0
            need = len(word)
        while need > width:
            lines, need = lines + 1, need - width
        used += need
    return lines


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
    header = ("Місяць", *(wording.TYPE_LABEL[t] for t in REPORTED), "Усього")
    rows = tuple((row.label.capitalize(), *map(str, row.by_type), str(row.total)) for row in report.months)
    totals = [sum(row.by_type[i] for row in report.months) for i in range(len(REPORTED))]
    total = ("Усього", *map(str, totals), str(sum(totals)))
    return Table(typeset(f"Публікації за місяцями {report.period.year} року"), header, rows, total)


def running_date(value: dt.date) -> str:
    """A date in the text of an official document: "02 жовтня 2026 року" (two-digit day)."""
    return f"{value.day:02d} {wording.month_genitive(value.month)} {value.year} року"


def document_date(report: Report) -> dt.date | None:
    """The hand-written file's date (Kyiv); generated information has none — never one from the period."""
    return kyiv(report.date).date() if report.date is not None else None


def build(report: Report, council: str, narrative: str = "", siteurl: str = "",
          urls: dict[str, str] | None = None, place: str = "") -> ReportDocument:
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
        kind=report.kind,
        title=typeset(report.title),
        date=document_date(report),
        number=number,
        narrative=narrative_blocks(narrative, base, urls or {}),
        publications=ListSection(lead, punctuated(figures)),
        months=months_table(report),
        activities=ListSection(ACTIVITIES_LEAD, punctuated(activities)) if activities else None,
        appendix=appendix,
        signature=Signature(position(report.signer_title, report.department.name_genitive), report.signature_name)
        if report.signed else None,
        url=absolute(base, report.url),
        base_url=base,
        period_key=report.period.key,
        slug=report.department.slug,
        deadlines=tuple(typeset(sentence) for sentence in report.deadlines),
        heading=typeset(report.heading),
        place=place if report.signed else "",
        note="" if report.signed else GENERATED_NOTE,
    )


def council_table(summary: CouncilPeriod) -> Table:
    """The council-wide table: a row per department, a column per counted type, totals."""
    header = ("Підрозділ", *summary.labels, "Усього")
    rows = tuple((row.department.name, *map(str, row.by_type), str(row.total)) for row in summary.rows)
    return Table(typeset(f"Публікації підрозділів {summary.period.for_phrase}"), header, rows,
                 ("Усього", *map(str, summary.totals), str(summary.total)))


def build_council(summary: CouncilPeriod, figures: tuple[Figure, ...], items: tuple[Item, ...], council: str,
                  siteurl: str = "") -> ReportDocument:
    """The council-wide monthly (or annual) document for `invoke report --council`: generated from the
    site, like a department's page before its report is written — "Інформація", no date, no signer."""
    base = site_base(siteurl)
    lead = (PUBLICATIONS_LEAD if figures else NOTHING_PUBLISHED).format(throughout=summary.period.throughout)
    if not figures:
        lead = lead.replace(" підрозділу.", " підрозділами.")
    lead = typeset(lead)
    appendix = tuple(
        Entry(typeset(item.title), typeset(wording.item_kind(item)), typeset(wording.long_date(kyiv(item.date))),
              absolute(base, item_url(item)))
        for item in items
    )
    return ReportDocument(
        council=council,
        department="",
        kind="Інформація",
        title=typeset(f"Інформація {summary.heading}"),
        date=None,
        number=None,
        narrative=(),
        publications=ListSection(lead, punctuated([f.text for f in figures])),
        months=council_table(summary),
        activities=None,
        appendix=appendix,
        signature=None,
        url=absolute(base, summary.url),
        base_url=base,
        period_key=summary.period.key,
        slug="rada",
        deadlines=tuple(typeset(sentence) for sentence in summary.deadlines),
        heading=typeset(summary.heading),
        note=COUNCIL_NOTE,
    )

