"""The search index: Pagefind, run inside the build, writes output/pagefind/ for the search page.

Pagefind cannot stem Ukrainian, so it does not crawl the written pages: each published Ukrainian item
and standing page becomes a record whose words are stemmed (domain/search/searchindex.py), built from the
typed records the build already holds, and Pagefind's command line indexes those records from small
stand-in pages in a temporary folder, writing its bundle straight into output/pagefind/.

Cost at archive scale: Pagefind's memory grows with the words it indexes (~0.3 GB per 1,000 items of
350 words) and it works on about one core. So the records are indexed in shards of
`searchindex.SHARD_SIZE`, one Pagefind run after another (memory stays bounded; the search page merges
the shards listed in pagefind/shards.json), and the runs start in a background thread as soon as the
content is known (`all_generators_finalized`), while Pelican renders the pages on the other core;
the search generator waits for them after the item pages are written.

Pagefind's output is byte-identical from one build to the next for the same records (checked by
tests/test_search.py). Its bundled interfaces (pagefind-ui.js, -component-ui, -modular-ui,
-highlight and their CSS) are removed: the site has its own search script, and only pagefind.js,
its worker, the WebAssembly and the index files are used.
"""

from __future__ import annotations

import functools

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from html import escape
from collections.abc import Callable
from dataclasses import dataclass, field

from pelican.generators import ArticlesGenerator, Generator

from ...domain.language import lemmas, names, wording
from ...domain.search import searchindex
from ...domain.common.clock import kyiv
from ...domain.language.lemmas import Lemmatizer
from ...domain.common.model import ContentType, Status
from ...domain.search.searchindex import SearchRecord, record
from ...domain.language.stemmer import Stemmer
from ...domain.votes import rollcall
from ..build.state import state
from ..rebuild import parallel

FOLDER = "pagefind"
# A command each Pagefind run is started through (the run's own command follows it), or none. The live preview's
# indexing process sets one so that a run ends with that process, however it ends (preview/processes.py).
PAGEFIND_LAUNCHER: tuple[str, ...] = ()
SHARDS = "shards.json"
LEMMAS = "lemmas.txt"  # form → lemma for the query, read by search.js (domain/language/lemmas.py)
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
)  # fmt: skip
LANGUAGE = "uk"  # the search page is Ukrainian; Pagefind keeps one index per language
log = logging.getLogger(__name__)


class SearchError(SystemExit):
    """Pagefind failed: the build stops (exit status 1) with the reason, no traceback."""


@dataclass(frozen=True)
class Source:
    """What a record is made of, gathered in the main thread; stemming and lemmas run in the background."""

    url: str
    title: str
    html: str
    meta: dict[str, str]
    unseen: tuple[str, ...] = ()  # indexed, never shown (searchindex.record)


def sources(build, language: str) -> list[Source]:
    """One source per published item or standing page in `language`, sorted by URL."""
    found = []
    for item in build.items:
        content = build.by_source.get(item.source)
        if item.status is not Status.PUBLISHED or item.lang != language or content is None:
            continue
        if getattr(content, "status", "published") != "published" or not content.save_as:
            continue  # scheduled for later: not on the site yet
        meta = {"kind": wording.TYPE_SINGULAR[item.type]}
        if item.type is not ContentType.PAGE:
            meta["date"] = wording.long_date(kyiv(item.date))
        legal = build.legal.get(item.source)  # an adopted act: its legal status (adapters/outputs/acts.py, run before)
        if legal is not None:
            meta["status"] = legal.label
        found.append(Source(content.url, item.title, content.content, meta))
    roll = getattr(build, "roll", None)
    if roll is not None and roll.council is not None and language == LANGUAGE:  # issue 25: «Петренка» finds Петренко
        for deputy in roll.council.deputies:
            text = f"<p>{escape(deputy.faction)}. {escape(deputy.elected)}. {escape(roll.council.term)}.</p>"
            found.append(Source(rollcall.deputy_url(deputy), deputy.name, text, {"kind": "Депутат"},
                                tuple(names.search_forms(deputy.name))))  # «Петренкові», «Юрієм»
    found.sort(key=lambda s: s.url)
    return found


def _gathered(context: dict, siteurl, build) -> list[Source]:
    """sources() with the context's localsiteurl as it was when the contract passed (a full build gathers then)."""
    current = context.get("localsiteurl")
    context["localsiteurl"] = siteurl
    try:
        return sources(build, LANGUAGE)
    finally:
        context["localsiteurl"] = current


def records(found: list[Source], language: str, lemmatizer: Lemmatizer | None) -> list[SearchRecord]:
    """The index records of the sources: stemmed words, and their lemmas' stems with a lemmatizer."""
    stemmer = Stemmer()
    return [record(s.url, s.title, s.html, language, stemmer, lemmatizer, s.unseen, **s.meta) for s in found]


def _index_shard(found: list[SearchRecord], folder: str) -> str | None:
    """One Pagefind run over `found` into `folder`; the error text, or None when it worked."""
    with tempfile.TemporaryDirectory(prefix="visnyk-search-") as staging:
        for r in found:
            path = os.path.join(staging, *searchindex.page_path(r).split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(searchindex.page(r))
        command = [*PAGEFIND_LAUNCHER, sys.executable, "-m", "pagefind", "--site", staging, "--output-path",
                   os.path.abspath(folder), "--silent"]
        run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0 or not os.path.isfile(os.path.join(folder, "pagefind.js")):
        return f"(код {run.returncode}):\n{(run.stdout + run.stderr).strip()}"
    for name in UNUSED:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)
    return None


def write_index(found: list[SearchRecord], folder: str, size: int = searchindex.SHARD_SIZE,
                lemma_map: dict[str, str] | None = None) -> None:
    """Write Pagefind's bundle(s) into `folder` (replacing it), the list of shards beside them and,
    with lemmas, the search page's form → lemma table (LEMMAS)."""
    shutil.rmtree(folder, ignore_errors=True)
    parts = searchindex.shards(found, size)
    for number, part in enumerate(parts):
        error = _index_shard(part, os.path.join(folder, searchindex.shard_folder(number)))
        if error is not None:
            raise SearchError(
                f"Не вдалося побудувати пошуковий індекс Pagefind у {folder} {error}\n"
                "Перевірте, що встановлено pagefind[bin] з requirements.txt (./visnyk перевстановлює .venv), "
                "або вимкніть пошук: VISNYK_SEARCH = False."
            )
    with open(os.path.join(folder, SHARDS), "w", encoding="utf-8") as handle:
        json.dump([searchindex.shard_folder(n) for n in range(1, len(parts))], handle)
        handle.write("\n")
    with open(os.path.join(folder, LEMMAS), "w", encoding="utf-8", newline="\n") as handle:
        handle.write(lemmas.write_map(lemma_map or {}))  # empty without lemmas: the page finds no 404


@dataclass
class Pending:
    """The live preview's search: what to index, gathered when the preview asks (after its build)."""

    gather: Callable[[], list[Source]]
    shard_size: int
    lemmas: bool


@dataclass
class IndexJob:
    """Pagefind running in the background while Pelican writes pages."""

    thread: threading.Thread
    pages: int
    folder: str  # where the bundle is written
    shard_size: int = searchindex.SHARD_SIZE
    lemmas: bool = True
    lemma_forms: int = 0
    started: float = field(default_factory=time.perf_counter)
    failure: BaseException | None = None


def index(found: list[Source], folder: str, shard_size: int, with_lemmas: bool) -> int:
    """Stem (and lemmatize) the sources and write Pagefind's bundle into `folder`; the lemma table's size."""
    lemmatizer = Lemmatizer() if with_lemmas else None
    indexed = records(found, LANGUAGE, lemmatizer)
    table = lemmas.query_map(lemmatizer) if lemmatizer is not None else None
    write_index(indexed, folder, shard_size, table)
    return len(table or ())


def start(generators) -> None:
    """all_generators_finalized (after the contract check): gather the records and start indexing."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    build = state(articles.context, articles.settings)
    if not build.options["VISNYK_SEARCH"]:
        return
    with_lemmas, shard_size = build.options["VISNYK_SEARCH_LEMMAS"], build.options["VISNYK_SEARCH_SHARD_SIZE"]
    if build.options["VISNYK_PREVIEW"]:
        # The live preview gathers the records after the build, once the open tab has its page (adapters/preview/site.py),
        # with the site address items resolve their links against as here, before Pelican moves it page by page.
        build.search = Pending(functools.partial(_gathered, articles.context, articles.context.get("localsiteurl"),
                                                 build), shard_size, with_lemmas)
        return
    found = sources(build, LANGUAGE)
    if not found:  # Pagefind cannot index nothing; the search page says search is unavailable
        log.info("Search index: nothing published yet, no index written")
        return
    folder = os.path.join(articles.output_path, FOLDER)

    def run() -> None:
        try:
            job.lemma_forms = index(found, job.folder, shard_size, with_lemmas)
        except BaseException as exc:  # handed to the main thread, which stops the build with it
            job.failure = exc

    job = IndexJob(threading.Thread(target=run, name="visnyk-search", daemon=True), len(found), folder, shard_size,
                   with_lemmas)
    build.search = job
    job.thread.start()


class SearchGenerator(Generator):
    def generate_output(self, writer) -> None:
        """Runs after the item pages are written: wait for the index, stop the build if it failed."""
        parallel.flush(writer)  # the pages recorded so far are rendered on every core while the index is built
        job = getattr(state(self.context, self.settings), "search", None)
        if job is None or state(self.context, self.settings).options["VISNYK_PREVIEW"]:
            return  # the live preview never waits for the index
        job.thread.join()
        if job.failure is not None:
            raise job.failure
        log.info("Search index: %d pages, %d forms in the lemma table, %.1f s in the background",
                 job.pages, job.lemma_forms, time.perf_counter() - job.started)


def get_generators(pelican):
    return SearchGenerator
