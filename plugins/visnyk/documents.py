"""A department report as a document to sign: Markdown or Word (.docx), from the content folder alone.

Used by `invoke report`; Pelican is not involved, so a head of department gets the same figures as the
site without building it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

from .domain import reports
from .domain.clock import build_clock
from .domain.counting import Counts
from .domain.cycle import Cycle
from .domain.items import parse_item
from .domain.problems import format_report
from .domain.scan import scan
from .domain.urls import item_url
from .domain.wording import TYPE_SINGULAR, long_date
from .domain.workdays import DEFAULT as DEFAULT_CALENDAR
from .domain.workdays import Calendar

FORMATS = ("md", "docx")
_PERIOD = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")
_INLINE = [(re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"), (re.compile(r"(\*\*|__|\*|_|`)"), "")]


class DocumentError(ValueError):
    pass


@dataclass(frozen=True)
class Document:
    report: reports.Report
    council: str
    narrative: str  # Markdown, as the department wrote it
    siteurl: str


def plain(markdown_line: str) -> str:
    for pattern, replacement in _INLINE:
        markdown_line = pattern.sub(replacement, markdown_line)
    return markdown_line.strip()


def collect(content: str, period: str, department: str | None, council: str, siteurl: str = "",
            clock: dt.datetime | None = None, calendar: Calendar | None = None) -> list[Document]:
    if not _PERIOD.fullmatch(period):
        raise DocumentError(f"період «{period}» не розпізнано: напишіть РРРР-ММ (місяць) або РРРР (рік)")
    clock = clock or build_clock()
    calendar = calendar or DEFAULT_CALENDAR
    result = scan(content, clock=clock, calendar=calendar)
    if result.problems:
        raise DocumentError(format_report(result.problems))
    if department is not None and department not in result.departments:
        raise DocumentError(f"невідомий підрозділ «{department}»; допустимі: {', '.join(sorted(result.departments))}")
    counts = Counts.of(result.items, clock)
    extras = reports.hand_written(result.items, clock)
    cycle = Cycle.of(result.items, clock, calendar)
    wanted = reports.Period.parse(period)
    documents = []
    for slug in [department] if department else sorted(result.departments):
        extra = extras.get((slug, wanted.key))
        narrative = ""
        if extra is not None:
            with open(os.path.join(content, extra.source), "rb") as handle:
                narrative = parse_item(extra.source, handle.read()).body.strip()
        page = reports.report(counts, wanted, result.departments[slug], extra, cycle)
        documents.append(Document(page, council, narrative, siteurl))
    return documents


def to_markdown(doc: Document) -> str:
    r = doc.report
    lines = [f"# {r.title}", "", f"**{doc.council}**", ""]
    if doc.narrative:
        lines += [doc.narrative, ""]
    lines.append(r.intro)
    lines.append("")
    bullets = [f.text for f in r.figures] + list(r.activities)
    lines += [f"- {text}{'.' if i == len(bullets) - 1 else ';'}" for i, text in enumerate(bullets)]
    lines += [line for sentence in r.deadlines for line in ("", sentence)]
    lines += ["", f"{r.signer_title} _______________ {r.signature_name}", ""]
    if r.items:
        lines += ["## Додаток: ураховані публікації", ""]
        base = doc.siteurl.rstrip("/") + "/"
        lines += [
            f"{n}. {item.title} — {TYPE_SINGULAR[item.type].lower()}, {long_date(item.date)}, {base}{item_url(item)}"
            for n, item in enumerate(r.items, 1)
        ]
        lines.append("")
    return "\n".join(lines)


def to_docx(doc: Document, path: str) -> None:
    """An A4 document in the usual Ukrainian office style: Times New Roman 14, signature line."""
    from docx import Document as Docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    r = doc.report
    document = Docx()
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    section.left_margin, section.right_margin = Cm(3.0), Cm(1.5)
    section.top_margin = section.bottom_margin = Cm(2.0)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    # Fixed metadata: the same report gives the same file.
    document.core_properties.created = document.core_properties.modified = r.date.replace(tzinfo=None)
    document.core_properties.title = r.title
    document.core_properties.author = doc.council
    document.core_properties.last_modified_by = doc.council
    document.core_properties.revision = 1

    def paragraph(text: str, bold: bool = False, align=None, style_name: str | None = None):
        p = document.add_paragraph(style=style_name)
        run = p.add_run(text)
        run.bold = bold
        if align is not None:
            p.alignment = align
        return p

    paragraph(doc.council, align=WD_ALIGN_PARAGRAPH.CENTER)
    paragraph(r.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for block in re.split(r"\n\s*\n", doc.narrative):
        lines = [line for line in block.splitlines() if line.strip()]
        if lines and all(re.match(r"\s*[-*·]\s", line) for line in lines):
            for line in lines:
                paragraph(plain(re.sub(r"^\s*[-*·]\s", "", line)), style_name="List Bullet")
        elif lines:
            paragraph(plain(" ".join(lines)), align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph(r.intro, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    bullets = [f.text for f in r.figures] + list(r.activities)
    for i, text in enumerate(bullets):
        paragraph(text + ("." if i == len(bullets) - 1 else ";"), style_name="List Bullet")
    for sentence in r.deadlines:
        paragraph(sentence, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    document.add_paragraph()
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.text, right.text = r.signer_title, r.signature_name
    right.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if r.items:
        document.add_page_break()
        paragraph("Додаток: ураховані публікації", bold=True)
        base = doc.siteurl.rstrip("/") + "/"
        for item in r.items:
            paragraph(f"{item.title} — {TYPE_SINGULAR[item.type].lower()}, {long_date(item.date)}, {base}{item_url(item)}",
                      style_name="List Number")
    document.save(path)


def write(documents: list[Document], fmt: str, folder: str) -> list[str]:
    if fmt not in FORMATS:
        raise DocumentError(f"формат «{fmt}» не підтримується; допустимі: {', '.join(FORMATS)}")
    written = []
    for doc in documents:
        target = os.path.join(folder, doc.report.period.key)
        os.makedirs(target, exist_ok=True)
        path = os.path.join(target, f"{doc.report.department.slug}.{fmt}")
        if fmt == "md":
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(to_markdown(doc))
        else:
            to_docx(doc, path)
        written.append(path)
    return written
