"""reports/: department reports (monthly, annual), council-wide periods, the index and an Atom feed.

Everything comes from the build's counts and the hand-written reports; no page rescans articles.
Each department report is one document (domain/reports/document.py): its page shows it, and its Word file
(render/word.py) is written beside the page, so the page can give the file's size.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from dataclasses import dataclass

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from ...domain.reports import document, reports
from ...domain.media.attachments import file_size
from ...domain.navigation.urls import item_url
from ...render.word import WordRenderer
from ..rebuild import incremental
from ..content.reader import REPORT_SOURCE
from ..build.state import state

FEED = "reports/atom.xml"
FEED_SIZE = 60


@dataclass(frozen=True)
class Download:
    """A file of the report offered on its page: "Word (DOCX, 12 КБ)"."""

    url: str  # relative to the site root
    label: str
    kind: str
    size: int
    media_type: str

    @property
    def size_text(self) -> str:
        return file_size(self.size)


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def siteurl(settings: dict) -> str:
    """The site's address for the documents' absolute links: SITEURL, else VISNYK_SITEURL."""
    for value in (settings.get("SITEURL", ""), os.environ.get("VISNYK_SITEURL", "")):
        if document.site_base(value):
            return value
    return ""


class DocumentCache:
    """With Pelican's content cache on (warm rebuilds, adapters/rebuild/incremental.py), a report's .docx is
    rendered again only when its document or the Word renderer changed: the last build's digest of
    each document is kept in the cache folder. A kept file is touched, so the stale-file sweep at the
    end of a warm build counts it as written. Cold builds (no cache) always render."""

    FILE = "visnyk-documents.json"

    def __init__(self, path: str | None, output: str, previous: dict[str, str]):
        self.path, self.output, self.previous, self.current = path, os.path.abspath(output), previous, {}
        self.rendered = 0

    @classmethod
    def open(cls, settings: dict, output: str) -> DocumentCache:
        if not incremental.wanted(settings) and not settings.get("VISNYK_PREVIEW"):  # the live preview keeps them too
            return cls(None, output, {})
        path = os.path.join(settings["CACHE_PATH"], cls.FILE)
        previous = {}
        try:
            with open(path, encoding="utf-8") as stored:
                data = json.load(stored)
            if data.get("salt") == _salt() and data.get("output") == os.path.abspath(output):
                previous = data["files"]
        except (OSError, ValueError, KeyError):
            previous = {}
        return cls(path, output, previous)

    def unchanged(self, name: str, path: str, doc: document.ReportDocument) -> int | None:
        """The size of the file on disk when it is the one this document gave last time, else None."""
        if self.path is None:
            return None
        record = self.previous.get(name)
        key = _key(doc)
        if record is None or not record.startswith(key + " "):
            return None
        size = int(record.rsplit(" ", 1)[1])
        try:
            if os.path.getsize(path) != size:
                return None
            os.utime(path)
        except OSError:
            return None
        self.current[name] = record
        return size

    def note(self, name: str, doc: document.ReportDocument, size: int) -> None:
        self.rendered += 1
        if self.path is not None:
            self.current[name] = f"{_key(doc)} {size}"

    def save(self) -> None:
        if self.path is None:
            return
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        with open(self.path + ".tmp", "w", encoding="utf-8") as stored:
            json.dump({"salt": _salt(), "output": self.output, "files": self.current}, stored)
        os.replace(self.path + ".tmp", self.path)


def _key(doc: document.ReportDocument) -> str:
    return hashlib.blake2b(repr(doc).encode("utf-8"), digest_size=16).hexdigest()


def _salt() -> str:
    """The renderer's code (word.py and the table layout it uses) and python-docx's version: a change to
    any renders every file again."""
    import docx

    from ...render import layout, word

    code = b""
    for module in (word, layout):
        with open(module.__file__, "rb") as source:
            code += source.read()
    return hashlib.blake2b(code + docx.__version__.encode(), digest_size=16).hexdigest()


def kept_document(kept: dict | None, inputs: tuple, urls: dict) -> document.ReportDocument:
    """document.build of `inputs` (report, council, narrative, site address, place) with the items' URLs. The live
    preview keeps the last build's documents (`kept`: department and period → inputs and document; None → URLs) and
    gives the same document again while every input is equal: the document is a function of them alone, and
    typesetting every hand-written report again was the largest part of a save on a council's archive
    (issue 30: ~30% of its processor time with a report for every department and month). Full builds keep none."""
    if kept is None:
        return document.build(*inputs[:4], urls, inputs[4])
    if kept.get(None) is not urls:  # the items' URLs, compared once a build: changed, every document goes
        if kept.get(None) != urls:
            kept.clear()
        kept[None] = urls
    report = inputs[0]
    key = (report.department.slug, report.period.key)
    found = kept.get(key)
    doc = found[1] if found is not None and found[0] == inputs else document.build(*inputs[:4], urls, inputs[4])
    kept[key] = (inputs, doc)  # this build's inputs: no earlier build's items stay referenced
    return doc


class ReportsGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        extras, plan = build.extras, build.plan
        write = lambda name, template, **kw: writer.write_file(  # noqa: E731
            name, self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=name.removesuffix("index.html"), **kw)
        council_name = build.options["VISNYK_COUNCIL"]["name"]
        place = build.options["VISNYK_PLACE"]
        address = siteurl(self.settings)
        started = time.perf_counter()
        urls = {item.source: item_url(item) for item in build.items}
        downloads_on = build.options["VISNYK_REPORT_DOWNLOADS"]
        word = WordRenderer() if downloads_on else None
        kept = DocumentCache.open(self.settings, self.output_path)
        spent, files = time.perf_counter() - started, 0

        written = []
        for period, slug in plan.pages(build.departments):
            extra = extras.get((slug, period.key))
            page = reports.report(build.counts, period, build.departments[slug], extra, build.cycle, build.roll)
            content = build.by_source[extra.source] if extra is not None else None
            started = time.perf_counter()
            markdown = getattr(content, REPORT_SOURCE, "") if content is not None else ""
            doc = kept_document(build.documents, (page, council_name, markdown, address, place), urls)
            downloads = ()
            if word is not None:
                downloads = (self.write_docx(word, doc, page.url, kept),)
                files += 1
            spent += time.perf_counter() - started
            write(page.url + "index.html", "report", report=page, document=doc,
                  narrative=content.content if content is not None else "", item_url=item_url, downloads=downloads)
            written.append(page)
        kept.save()
        self.record_cost(files, kept.rendered, spent)
        for period in (*plan.months, *plan.years):
            summary = reports.council_period(build.counts, period, build.departments, build.cycle, build.roll)
            # Not `council=`: a page variable of that name hid the site's identity, and the footer lost it.
            write(summary.url + "index.html", "report_period", summary=summary)
        by_year = defaultdict(list)
        for period in plan.months:
            by_year[period.year].append(period)
        write("reports/index.html", "reports", plan=plan, months_by_year=dict(by_year),
              years=sorted({p.year for p in (*plan.months, *plan.years)}, reverse=True))
        if self.settings.get("FEED_ALL_ATOM"):
            self.write_feed(written)

    def write_docx(self, word: WordRenderer, doc: document.ReportDocument, url: str, kept: DocumentCache) -> Download:
        """The report's Word file beside its page (binary: not a template, so not the writer's). A warm
        build keeps the file the last build wrote for the same document (see DocumentCache)."""
        name = f"{url}{doc.filename}.docx"
        path = os.path.join(self.output_path, name)
        size = kept.unchanged(name, path, doc)
        if size is None:
            blob = word.render(doc)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as handle:
                handle.write(blob)
            size = len(blob)
            kept.note(name, doc, size)
        return Download(name, "Word", "DOCX", size, DOCX_TYPE)

    def record_cost(self, files: int, rendered: int, seconds: float) -> None:
        """For `invoke bench`: how long the report documents took in this build."""
        target = self.settings.get("VISNYK_TIMINGS_FILE") or ""
        if target:
            with open(target, "w", encoding="utf-8") as handle:
                json.dump({"report_documents": files, "report_documents_rendered": rendered,
                           "report_documents_seconds": round(seconds, 3)}, handle)

    def write_feed(self, written) -> None:
        siteurl = self.settings["SITEURL"].rstrip("/")
        feed = Atom1Feed(
            title=f"{self.settings['SITENAME']}: звіти підрозділів",
            link=f"{siteurl}/reports/",
            feed_url=f"{siteurl}/{FEED}",
            description="Щомісячні й річні звіти про роботу підрозділів",
            language="uk",
        )
        newest = sorted(written, key=lambda r: (-r.appeared.timestamp(), r.url))[:FEED_SIZE]
        for page in newest:
            summary = page.intro + " " + "; ".join(f.text for f in page.figures)
            feed.add_item(
                title=page.title,
                link=f"{siteurl}/{page.url}",
                unique_id=f"{siteurl}/{page.url}",
                description=summary.strip(),
                pubdate=page.appeared,
                updateddate=page.appeared,
            )
        path = os.path.join(self.output_path, FEED)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")


def get_generators(pelican):
    return ReportsGenerator
