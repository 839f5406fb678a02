"""The search index: Pagefind, run inside the build, writes output/pagefind/ for the search page.

Pagefind cannot stem Ukrainian, so its HTML crawler is not used: each published Ukrainian item and
standing page becomes a custom record whose words are stemmed (domain/searchindex.py), built from the
typed records the build already holds — no written page is read back. This runs as a generator (after
Pelican has written the items, before static files are copied): a `finalized` handler receives only
the Pelican object, with none of the build's records, and would have to re-parse every HTML page.

Pagefind's own output is deterministic for the same records in the same order (checked by
tests/test_search.py): records are added one at a time, sorted by URL. Its bundled interfaces
(pagefind-ui.js, -component-ui, -modular-ui, -highlight and their CSS) are removed: the site has its
own search script, and only pagefind.js, its worker, the WebAssembly and the index files are used.
"""

from __future__ import annotations

import asyncio
import os
import shutil

from pelican.generators import Generator

from ..domain import wording
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


async def _write(found: list[SearchRecord], folder: str) -> None:
    from pagefind.index import PagefindIndex

    async with PagefindIndex(config={"output_path": folder}) as index:
        for r in found:  # one at a time: the order of pages in the index is the order given
            await index.add_custom_record(url=r.url, content=r.content, language=r.language, meta=r.meta)


def write_index(found: list[SearchRecord], folder: str) -> None:
    """Write Pagefind's bundle into `folder` (replacing it) without the interfaces the site doesn't use."""
    shutil.rmtree(folder, ignore_errors=True)
    try:
        asyncio.run(_write(found, os.path.abspath(folder)))
    except Exception as exc:  # Pagefind's service reports its own failures as plain exceptions
        raise SearchError(
            f"Не вдалося побудувати пошуковий індекс Pagefind у {folder}: {exc}\n"
            "Перевірте, що встановлено pagefind[bin] з requirements.txt (./visnyk перевстановлює .venv), "
            "або вимкніть пошук: VISNYK_SEARCH = False."
        ) from None
    for name in UNUSED:
        path = os.path.join(folder, name)
        if os.path.exists(path):
            os.remove(path)


class SearchGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        if build.options["VISNYK_SEARCH"]:
            write_index(records(build, LANGUAGE), os.path.join(self.output_path, FOLDER))


def get_generators(pelican):
    return SearchGenerator
