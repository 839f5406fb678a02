"""The live preview's search index, in the background: after a good build the records are indexed by Pagefind in
a process of its own (processes.py), into a folder beside the live one that replaces it when done, and only when
the indexed records changed; until then the server answers the index's files with 503. A mixin of PreviewSite
(site.py), which holds the state it uses."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
import signal
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from ..build.state import KEY
from ..outputs import search as search_adapter
from .processes import index_in_process, indexer_pids, indexer_started

log = logging.getLogger(__name__)


@dataclass
class SearchStatus:
    """The index the server may hand out: `ready` when output/pagefind/ matches the shown pages."""

    wanted: bool = False  # the settings ask for an index and something is published
    ready: bool = False
    digest: str = ""  # of the records in output/pagefind/
    generation: int = 0  # bumped whenever a new index is swapped in
    failure: str = ""
    scheduled: bool = False  # a good build has said whether it wants an index (until then, the first build runs)


def sources_digest(found) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for source in found:
        for part in (source.url, source.title, source.html, repr(sorted(source.meta.items()))):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
    return digest.hexdigest()


def describe(exc: BaseException) -> str:
    """An unexpected error for the editor's screen: Ukrainian header, the error and where it was raised."""
    last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
    where = f" ({last[0].filename}:{last[0].lineno})" if last else ""
    text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return f"Сайт не зібрано через помилку в шаблоні, налаштуваннях або коді{where}:\n  {text}"


class SearchIndexing:
    """PreviewSite's search methods (its attributes: search, lock, output, _context, _closed, _indexer,
    _indexer_lock, _groups, _search_thread, _search_next, on_change)."""

    def _schedule_search(self) -> None:
        """After a good build: index its records in the background unless the live index already has them."""
        build = (self._context or {}).get(KEY)
        self.search.scheduled = True
        pending = getattr(build, "search", None)
        self._context = None
        if self._closed:
            return
        found = pending.gather() if pending is not None else []
        if not found:  # search off, or nothing published: no index, as a full build has none
            self._search_next = None
            self.search.wanted = False
            if self._search_thread is None:
                shutil.rmtree(os.path.join(self.output, search_adapter.FOLDER), ignore_errors=True)
                self.search.ready, self.search.digest = False, ""
            return
        self.search.wanted = True
        wanted = sources_digest(found)
        if wanted == self.search.digest and self._search_thread is None:
            self.search.ready = True
            return
        self.search.ready = False
        self._search_next = (found, pending.shard_size, pending.lemmas, wanted)
        if self._search_thread is None:
            self._start_search()

    def _start_search(self) -> None:
        found, shard_size, lemmas, wanted = self._search_next
        self._search_next = None
        staging = os.path.join(self.output, ".cache", "pagefind-next")
        shutil.rmtree(staging, ignore_errors=True)
        with self._indexer_lock:
            if self._closed:  # stopped meanwhile: a new indexer would outlive close() (see close)
                return
            if self._indexer is None:
                # A process of its own, at a lower priority: stemming 20,000 items in a thread of this process
                # would hold the interpreter's lock half the time, and the next build and the pages would wait.
                # Its temporary files (Pagefind's input pages) go into this preview's output folder, which
                # close() removes whatever became of the indexer.
                scratch = os.path.join(self.output, ".cache", "indexer-tmp")
                os.makedirs(scratch, exist_ok=True)
                self._indexer = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                    initializer=indexer_started, initargs=(os.getpid(), scratch))
            # The process starts here (and the first time, multiprocessing's resource tracker): with SIGINT and
            # SIGTERM blocked, which it inherits, so that a Ctrl+C meant for the preview cannot reach it before it
            # has left the terminal's process group (indexer_started), printing a traceback from its imports.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            try:
                future = self._indexer.submit(index_in_process, found, staging, shard_size, lemmas)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            self._groups.update(indexer_pids(self._indexer))
        self._search_thread = future
        future.add_done_callback(lambda done: self._indexed(done, staging, wanted))

    def _indexed(self, done, staging: str, wanted: str) -> None:
        if self._closed:  # stopped: the run was abandoned on purpose
            return
        with self.lock:
            self._search_thread = None
            failure = done.exception() if not done.cancelled() else None
            if failure is not None:
                self.search.failure = describe(failure) if not isinstance(failure, SystemExit) else str(failure)
                log.error("%s", self.search.failure)
            elif not self.search.wanted:  # switched off meanwhile: no index, as in a full build
                shutil.rmtree(staging, ignore_errors=True)
                shutil.rmtree(os.path.join(self.output, search_adapter.FOLDER), ignore_errors=True)
                self.search.ready, self.search.digest = False, ""
            elif self._search_next is None and self.search.wanted:  # still the newest records: swap it in
                live = os.path.join(self.output, search_adapter.FOLDER)
                old = live + ".old"
                shutil.rmtree(old, ignore_errors=True)
                if os.path.isdir(live):
                    os.rename(live, old)
                os.rename(staging, live)
                shutil.rmtree(old, ignore_errors=True)
                self.search.ready, self.search.digest, self.search.failure = True, wanted, ""
                self.search.generation += 1
            if self._search_next is not None and not self._closed:
                self._start_search()
        if self.on_change is not None:
            self.on_change()

    def wait_for_search(self, timeout: float = 600) -> bool:
        """Tests and the bench: wait until the index matches the pages (or there is none to make)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self._search_thread is None and (self.search.ready or not self.search.wanted):
                    return True
            time.sleep(0.05)
        return False
