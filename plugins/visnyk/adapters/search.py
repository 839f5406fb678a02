"""The search index: Pagefind, run inside the build, writes output/pagefind/ for the search page.

Pagefind cannot stem Ukrainian, so it does not crawl the written pages: each published Ukrainian item
and standing page becomes a record whose words are stemmed (domain/searchindex.py), built from the
typed records the build already holds, and Pagefind's command line indexes those records from small
stand-in pages in a temporary folder, writing its bundle straight into output/pagefind/.

This runs as a generator (after Pelican has written the items, before static files are copied), not
as a `finalized` handler: that one receives only the Pelican object, with none of the build's
records, and would have to parse every written HTML page again.

Pagefind's output is byte-identical from one build to the next for the same records (checked by
tests/test_search.py). Its bundled interfaces (pagefind-ui.js, -component-ui, -modular-ui,
-highlight and their CSS) are removed: the site has its own search script, and only pagefind.js,
its worker, the WebAssembly and the index files are used.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time

from pelican.generators import Generator

from ..domain import searchindex, wording
from ..domain.clock import kyiv
from ..domain.model import ContentType, Status
from ..domain.searchindex import SearchRecord, record
from ..domain.stemmer import Stemmer
from .state import state

FOLDER = "pagefind"
UNUSED = (
    "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
    "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js",
)  # fmt: skip
LANGUAGE = "uk"  # the search page is Ukrainian; Pagefind keeps one index per language
log = logging.getLogger(__name__)


class SearchError(SystemExit):
    """Pagefind failed: the build stops (exit status 1) with the reason, no traceback."""


def records(build, language: str) -> list[SearchRecord]:
    """One record per published item or standing page in `language`, sorted by URL."""
    stemmer = Stemmer()
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
        found.append(record(content.url, item.title, content.content, language, stemmer, **meta))
    found.sort(key=lambda r: r.url)
    return found


def write_index(found: list[SearchRecord], folder: str) -> None:
    """Write Pagefind's bundle into `folder` (replacing it) without the interfaces the site doesn't use."""
    shutil.rmtree(folder, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="visnyk-search-") as staging:
        for r in found:
            path = os.path.join(staging, *searchindex.page_path(r).split("/"))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(searchindex.page(r))
        command = [sys.executable, "-m", "pagefind", "--site", staging, "--output-path", os.path.abspath(folder), "--silent"]
        run = subprocess.run(command, capture_output=True, text=True)
    if run.returncode != 0 or not os.path.isfile(os.path.join(folder, "pagefind.js")):
        raise SearchError(
            f"Не вдалося побудувати пошуковий індекс Pagefind у {folder} (код {run.returncode}):\n"
            f"{(run.stdout + run.stderr).strip()}\n"
            "Перевірте, що встановлено pagefind[bin] з requirements.txt (./visnyk перевстановлює .venv), "
            "або вимкніть пошук: VISNYK_SEARCH = False."
        )
    for name in UNUSED:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)


class SearchGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        if not build.options["VISNYK_SEARCH"]:
            return
        start = time.perf_counter()
        found = records(build, LANGUAGE)
        stemmed = time.perf_counter()
        if not found:  # Pagefind cannot build an index of nothing; the search page says search is unavailable
            log.info("Search index: nothing published yet, no index written")
            return
        write_index(found, os.path.join(self.output_path, FOLDER))
        log.info("Search index: %d pages, stemmed in %.1f s, Pagefind %.1f s", len(found), stemmed - start,
                 time.perf_counter() - stemmed)


def get_generators(pelican):
    return SearchGenerator
