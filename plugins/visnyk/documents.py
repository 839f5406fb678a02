"""A department report as a document to sign: Markdown, Word (.docx) or PDF, from the content folder alone.

Used by `invoke report`; Pelican is not involved, so a head of department gets the same figures as the
site without building it. What the document says is `domain/reports/document.py`; `render/` only draws it.
A period is refused as the build refuses it (reports.Period.refusal): not ended in Kyiv, in the future,
or before VISNYK_ARCHIVE_START. `council=True` writes the council-wide document instead (all departments).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile

from .domain.reports import document as model
from .domain.reports import reports
from .domain.common.clock import build_clock
from .domain.counting.counting import Counts
from .domain.cycle.cycle import Cycle
from .domain.content.items import parse_item
from .domain.common.problems import format_report
from .domain.content.checks import Rules
from .domain.site.scan import scan
from .domain.navigation.urls import item_url
from .domain.cycle.workdays import DEFAULT as DEFAULT_CALENDAR
from .domain.cycle.workdays import Calendar
from .render import markdown
from .render.pdf import PdfError, convert
from .render.word import WordRenderer

FORMATS = ("md", "docx", "pdf")
_PERIOD = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


class DocumentError(ValueError):
    pass


def collect(content: str, period: str, department: str | None, council: str, siteurl: str = "",
            clock: dt.datetime | None = None, calendar: Calendar | None = None, rules: Rules | None = None,
            place: str = "", whole_council: bool = False) -> list[model.ReportDocument]:
    """The documents for a period: one per department (or the one named), or the council-wide one."""
    if not _PERIOD.fullmatch(period):
        raise DocumentError(f"період «{period}» не розпізнано: напишіть РРРР-ММ (місяць) або РРРР (рік)")
    clock = clock or build_clock()
    rules = rules or Rules()
    wanted = reports.Period.parse(period)
    refusal = wanted.refusal(clock, rules.archive_start)
    if refusal:
        raise DocumentError(f"звіт не складено: {refusal}")
    result = scan(content, rules, clock=clock, calendar=calendar or DEFAULT_CALENDAR)
    if result.problems:
        raise DocumentError(format_report(result.problems))
    if department is not None and department not in result.departments:
        raise DocumentError(f"невідомий підрозділ «{department}»; допустимі: {', '.join(sorted(result.departments))}")
    counts = Counts.of(result.items, clock)
    extras = reports.hand_written(result.items, clock)
    urls = {item.source: item_url(item) for item in result.items}
    cycle = Cycle.of(result.items, clock, calendar or DEFAULT_CALENDAR)
    if whole_council:
        summary = reports.council_period(counts, wanted, result.departments, cycle, result.roll)
        figures = reports.council_figures(counts, wanted, result.departments)
        items = tuple(i for i in counts.listed(wanted.year, wanted.month) if i.type in reports.COUNTED)
        return [model.build_council(summary, figures, items, council, siteurl)]
    documents = []
    for slug in [department] if department else sorted(result.departments):
        extra = extras.get((slug, wanted.key))
        narrative = ""
        if extra is not None:
            with open(os.path.join(content, extra.source), "rb") as handle:
                narrative = parse_item(extra.source, handle.read()).body.strip()
        page = reports.report(counts, wanted, result.departments[slug], extra, cycle, result.roll)
        documents.append(model.build(page, council, narrative, siteurl, urls, place))
    return documents


def write(documents: list[model.ReportDocument], fmt: str, folder: str) -> list[str]:
    """One file per document: FOLDER/PERIOD/DEPARTMENT.FORMAT."""
    if fmt not in FORMATS:
        raise DocumentError(f"формат «{fmt}» не підтримується; допустимі: {', '.join(FORMATS)}")
    targets = []
    for doc in documents:
        target = os.path.join(folder, doc.period_key)
        os.makedirs(target, exist_ok=True)
        targets.append(os.path.join(target, f"{doc.slug}.{fmt}"))
    if fmt == "md":
        for doc, path in zip(documents, targets):
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(markdown.render(doc))
    elif fmt == "docx":
        renderer = WordRenderer()
        for doc, path in zip(documents, targets):
            with open(path, "wb") as handle:
                handle.write(renderer.render(doc))
    else:
        renderer = WordRenderer()
        with tempfile.TemporaryDirectory(prefix="visnyk-docx-") as scratch:
            sources = []
            for doc, path in zip(documents, targets):
                # One LibreOffice run for all: distinct names in one scratch folder.
                source = os.path.join(scratch, f"{doc.period_key}--{doc.slug}.docx")
                with open(source, "wb") as handle:
                    handle.write(renderer.render(doc))
                sources.append(source)
            try:
                made = convert(sources, scratch)
            except PdfError as exc:
                raise DocumentError(str(exc)) from None
            for pdf, path in zip(made, targets):
                os.replace(pdf, path)
    return targets
