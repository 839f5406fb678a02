"""The live preview's site: Pelican kept in one process, pages rendered when the browser asks.

`invoke livereload` (adapters/preview/server.py) holds one `PreviewSite`. A rebuild is an ordinary
`Pelican(settings).run()` — the same generators, signals, plugins and contract as `pelican content` — that
reads again only the saved files and records pages instead of rendering them:

- **items** (memory.py): Pelican's generator-level content cache kept in this process, a fresh copy of
  each unchanged item for every build; the content folder's walk (and the file lists made from it) is reused
  while the saves only change files it listed;
- **pages** (writer.py): the writer records each page as Pelican's `write_file` was called and `render`
  makes it when it is asked for, by Pelican's own steps, so it is the page a full build writes; a page an open
  tab shows is rendered as soon as the build records it, and that tab may reload then (content and template
  saves); the generator that reached such a page soonest in the last build records first;
- **the theme alone** (`_theme_only`): a saved stylesheet or script is copied where Pelican copies it and a saved
  template is read again for the pages already recorded, without a Pelican run;
- **search**: the records are gathered after the build and the Pagefind index is built in a worker process at
  a lower priority, into a folder beside the live one that replaces it when done, and only when the indexed
  records changed; until then the server answers the index's files with 503, so no result can point to a page
  that is gone.

VISNYK_PREVIEW is set for these builds (search.py leaves the index to this module, speed.py does not freeze
the build's objects); the render cache (incremental.py) is off: nothing is written to keep. See docs/developers.md, "Fast
rebuilds".
"""

from __future__ import annotations

import collections
import fnmatch
import gc
import hashlib
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import pelican
from pelican import Pelican, signals
from pelican.contents import Content
from pelican.generators import CachingGenerator, StaticGenerator
from pelican.settings import read_settings
from pelican.utils import memoized

from ...domain.site.scan import Walk, updated
from ..outputs import search as search_adapter
from ..rebuild.incremental import output_files, remove_stale
from .memory import ContentMemory
from .writer import TESTED_PELICAN, MemoryBytecodeCache, RecordingWriter
from ..build.state import KEY, state

EARLY_SUFFIXES = (".md", ".yml", ".yaml")  # content changes after which a watched page may be shown early
RENDERED_KEPT = 64  # rendered pages kept between requests (a page and its neighbours)
log = logging.getLogger(__name__)


@dataclass
class Outcome:
    """What one rebuild gave: problems (Ukrainian text, as the terminal shows them) or none."""

    ok: bool
    problems: str
    seconds: float
    pages: int
    cpu: float = 0.0  # processor time of the build's own thread, seconds (the machine may be busy)
    how: str = "build"  # "build": Pelican ran; "theme": only the theme's changed files were taken in (see theme_only)


@dataclass
class SearchStatus:
    """The index the server may hand out: `ready` when output/pagefind/ matches the shown pages."""

    wanted: bool = False  # the settings ask for an index and something is published
    ready: bool = False
    digest: str = ""  # of the records in output/pagefind/
    generation: int = 0  # bumped whenever a new index is swapped in
    failure: str = ""


@dataclass
class PreviewSite:
    content: str  # the content folder
    settings_file: str  # pelicanconf.py
    output: str  # where the files that are not pages go (a private folder)
    overrides: dict = field(default_factory=dict)  # extra settings (tests, bench)
    on_change: object = None  # called (without arguments) after a rebuild or a search index swap
    memory: ContentMemory = field(default_factory=lambda: ContentMemory())  # the items read, kept in this process
    pages: dict = field(default_factory=dict)  # output path → Page, from the last good build
    generation: int = 0  # the number of the last good build (every attempt gets a new one)
    attempts: int = 0
    problems: str = ""  # the last build's problems ("" when it was good)
    search: SearchStatus = field(default_factory=SearchStatus)
    lock: threading.RLock = field(default_factory=threading.RLock)  # one build or render at a time
    on_early: object = None  # called with (attempt, page) when a watched page of a build is ready early

    def __post_init__(self) -> None:
        self.content = os.path.abspath(self.content)
        self.output = os.path.abspath(self.output)
        self._settings: dict | None = None
        self._context: dict | None = None
        self._bytecode = MemoryBytecodeCache()
        self._rendered: collections.OrderedDict[str, bytes] = collections.OrderedDict()
        self._search_thread = None  # the indexing run in progress (a Future)
        self._indexer: ProcessPoolExecutor | None = None
        self._groups: set[int] = set()  # the indexer's process groups not yet seen gone (for kill())
        self._indexer_lock = threading.Lock()  # an indexer is made, or the site closed, never both at once
        self._closed = False
        self._builder: int | None = None  # the thread whose build holds `lock` now (see close)
        self.watching: dict[str, int] = {}  # page → open tabs showing it
        self.early_lock = threading.Lock()
        self._early: dict[str, bytes] = {}
        self._early_allowed = False
        self._search_next = None  # the newest build's records (sources, shard size, lemmas, digest), waiting
        self._theme: ThemeFiles | None = None  # the last good build's theme folders (for theme_only)
        self._owners: dict[str, tuple[str, int]] = {}  # page → (the generator that recorded it in the last
        self._owners_next: dict[str, tuple[str, int]] = {}  # good build, how many pages it had recorded before)
        self._walk: Walk | None = None  # the content folder as the last good build walked it
        self._verdicts: dict = {}  # the pictures' verdicts (adapters/content/images.pictures), while their files are unchanged
        self._walk_now: Walk | None = None  # that walk, when this build may take it (see reusable_walk)
        self._running = ""  # the generator whose generate_output runs now
        self._recorded_by_running = 0  # the pages it recorded so far
        self._order: set[str] = set()  # the generators to run first in this build (they made a watched page)
        # Pelican holds receivers weakly: these bound methods live as long as this object.
        signals.generator_init.connect(self._generator_init)
        signals.get_writer.connect(self._get_writer)
        signals.all_generators_finalized.connect(self._finalized)

    # --- Pelican's hooks, for this object's builds only --------------------------------------------

    def _generator_init(self, generator) -> None:
        """The articles' and pages' generators take unchanged items from `memory` (see ContentMemory)."""
        if generator.settings is not self._settings:
            return
        if isinstance(generator, CachingGenerator):
            self.memory.attach(generator)
        build = state(generator.context, generator.settings)
        build.verdicts = self._verdicts
        if self._walk_now is not None:
            build.walk = self._walk_now
        if hasattr(generator, "generate_output"):
            generator.generate_output = self._noting(type(generator).__name__, generator.generate_output)

    def _noting(self, name: str, generate_output):
        """A generator's generate_output that says which generator records the pages (see _finalized)."""

        def run(writer):
            self._running, self._recorded_by_running = name, 0
            try:
                return generate_output(writer)
            finally:
                self._running = ""

        return run

    def _get_writer(self, pelican_object):
        if pelican_object.settings is self._settings:
            return type("PreviewWriter", (RecordingWriter,), {"sink": self._sink, "recorded": self._recorded_hook()})
        return None

    def _recorded_hook(self):
        site = self

        def recorded(_writer, path: str, page) -> None:
            site._recorded(path, page)

        return recorded

    def _recorded(self, path: str, page) -> None:
        """A page an open tab shows was just recorded: after the content check, at the point a full build
        would write it, so render it now and let that tab reload before the rest of the site is recorded."""
        relative = self._relative(path)
        self._owners_next[relative] = (self._running, self._recorded_by_running)
        self._recorded_by_running += 1
        if not self._early_allowed or relative not in self.watching:
            return
        html = page.render().encode("utf-8")
        with self.early_lock:
            self._early[relative] = html
        if self.on_early is not None:
            self.on_early(self.attempts, relative)

    def early(self, page: str) -> tuple[int, bytes] | None:
        """A page of the build in progress, rendered early for a tab that shows it (no lock: the build holds it)."""
        with self.early_lock:
            html = self._early.get(page)
            return (self.attempts, html) if html is not None else None

    def watch(self, page: str, delta: int) -> None:
        """A tab showing `page` opened (+1) or closed (-1) its event stream."""
        with self.early_lock:
            count = self.watching.get(page, 0) + delta
            if count > 0:
                self.watching[page] = count
            else:
                self.watching.pop(page, None)

    def _finalized(self, generators) -> None:
        if generators and generators[0].settings is self._settings:
            self._context = generators[0].context
            self._environments = {id(g.env): g.env for g in generators if getattr(g, "env", None) is not None}
            # The generators that made a page an open tab shows write first (Pelican runs them in this list's
            # order), the one that reached such a page soonest first, so that tab reloads before the rest of the
            # site is recorded. Generators only record pages here, they do not change the shared context (but
            # for Pelican's localsiteurl, which each page keeps as it was at its call, and only 404.html,
            # written last by its generator, reads it): the order changes no page. Static files are still
            # copied last (files.py checks them against every page).
            soonest: dict[str, int] = {}
            for page in self.watching:
                name, position = self._owners.get(page, ("", 0))
                soonest[name] = min(position, soonest.get(name, position))
            generators.sort(key=lambda g: (2, 0) if isinstance(g, StaticGenerator)
                            else (0, soonest[type(g).__name__]) if type(g).__name__ in soonest else (1, 0))

    def _compile_templates(self) -> None:
        """A full build renders every page, so a template with a syntax error anywhere (base.html too, which
        pages only extend) stops it: the preview, which renders later, compiles the theme's templates now
        (in one of the generators' environments: they all load the same theme)."""
        for env in list(self._environments.values())[:1]:
            _compile_all(env)

    # --- building ------------------------------------------------------------------------------------

    def settings(self) -> dict:
        """pelicanconf.py read again for every build (a changed setting takes effect), plus the preview's own."""
        settings = read_settings(self.settings_file, override={
            **self.overrides,
            "PATH": self.content, "OUTPUT_PATH": self.output,
            "CACHE_PATH": os.path.join(self.output, ".cache"),  # the report documents' digests, nothing else
            "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": False, "DELETE_OUTPUT_DIRECTORY": False,
            "VISNYK_PREVIEW": True, "VISNYK_RENDER_CACHE": False, "VISNYK_TIMINGS_FILE": "",
        })
        settings["JINJA_ENVIRONMENT"] = {**settings["JINJA_ENVIRONMENT"], "bytecode_cache": self._bytecode}
        return settings

    def forget(self, paths) -> None:
        """Changed or deleted files: their items go, whatever their modification time says. A changed settings
        file, or a change not named: every item is read again (a template or stylesheet is not read by items)."""
        paths = {os.path.abspath(p) for p in paths}
        if not paths or os.path.abspath(self.settings_file) in paths:
            self.memory.clear()
            self._verdicts.clear()
        for path in paths:
            self.memory.forget(path)
        for relative in self._in_content(paths):
            self._verdicts.pop(relative, None)

    def _in_content(self, paths) -> list[str]:
        """The absolute paths inside the content folder, relative to it and "/"-separated, as a walk lists them."""
        prefix = self.content + os.sep
        return [p[len(prefix):].replace(os.sep, "/") for p in paths if p.startswith(prefix)]

    def build(self, changed=()) -> Outcome:
        """One rebuild. The cyclic garbage collector waits meanwhile: each of its full passes over a 20,000-item
        site's objects takes ~0.6–1.3 s and finds only what the build still uses; the server collects the last
        build's garbage once, after the build (server.COLLECT_AFTER)."""
        with self.lock:
            if self._closed:  # stopped: no build starts after close() (it would write into a removed folder)
                raise Stopped
            collecting = gc.isenabled()
            gc.disable()
            self._builder = threading.get_ident()
            self._signal_indexer(signal.SIGSTOP)
            try:
                return self._build(changed)
            finally:
                self._builder = None
                self._signal_indexer(signal.SIGCONT)
                if collecting:
                    gc.enable()

    def _signal_indexer(self, number: int) -> None:
        """The search indexer and its Pagefind run (a process group of their own) are paused while a build runs
        (SIGSTOP, then SIGCONT): on a small machine they took a share of the processor the open tab waits for."""
        _signal_group(self._indexer, number)

    def _build(self, changed) -> Outcome:
        started, cpu = time.perf_counter(), time.thread_time()
        self.attempts += 1
        changed = {os.path.abspath(p) for p in changed}
        quick = self._theme_only(changed, started, cpu)
        if quick is not None:
            return quick
        forget_rendered_contents()
        self.forget(changed)
        self._sink, self._context, self._environments, self._early_allowed = {}, None, {}, False
        self._owners_next = {}
        self._walk_now = self.reusable_walk(changed)
        try:
            self._settings = self.settings()
            # After a change of content or of a template, a watched page may go to its tab before the build
            # ends; a stylesheet or picture is copied at the end of the build, and the tab would fetch the old one.
            templates = os.path.join(os.path.abspath(self._settings["THEME"]), "templates") + os.sep
            self._early_allowed = bool(changed) and all(
                (p.startswith(self.content + os.sep) and p.endswith(EARLY_SUFFIXES)) or p.startswith(templates)
                for p in changed)
            started_at = self._mark_start()
            theme = ThemeFiles.of(self._settings)
            site = Pelican(self._settings)
            site.run()
            if self.problems or not changed or any(not p.startswith(self.content + os.sep) for p in changed):
                self._compile_templates()  # the templates may have changed (or broke the last build)
        except SystemExit as exc:  # ContentError, StrictError, SettingsError, SearchError: their text is for editors
            return self._failed(str(exc.code) if not isinstance(exc.code, int) else str(exc), started, cpu)
        except Exception as exc:  # a template or plugin error: what and where, not the whole traceback
            return self._failed(describe(exc), started, cpu)
        finally:
            self._settings, self._environments = None, {}
        # What the last build wrote and this one did not (a deleted item's .docx, a removed picture): files
        # are "written" when their change time moved (incremental.remove_stale), here past the build's start.
        # Walked after the build, not before it: the open tab's page does not wait for it.
        found = output_files(self.output, [search_adapter.FOLDER, ".cache"])
        remove_stale(self.output, {p: s for p, s in found.items() if int(s.rsplit(" ", 1)[1]) < started_at}, set())
        self.pages = {self._relative(path): page for path, page in self._sink.items()}
        self._sink = {}
        self._owners, self._owners_next = self._owners_next, {}
        self._theme = theme
        self._walk = getattr((self._context or {}).get(KEY), "walk", None)
        self._rendered.clear()
        with self.early_lock:
            self._rendered.update(self._early)  # rendered during the build: the same pages
            self._early = {}
        self.generation = self.attempts
        self.problems = ""
        self._schedule_search()
        return Outcome(True, "", time.perf_counter() - started, len(self.pages), time.thread_time() - cpu)

    def _mark_start(self) -> int:
        """The file system's time at the build's start (a file's change time, as files written later have)."""
        marker = os.path.join(self.output, ".cache", "build-started")
        os.makedirs(os.path.dirname(marker), exist_ok=True)
        with open(marker, "wb"):
            pass
        return os.stat(marker).st_ctime_ns

    def reusable_walk(self, changed: set[str]) -> Walk | None:
        """The last good build's walk of the content folder with the saved files written in or taken out
        (domain/site/scan.updated), or None: walk again (nothing named, a folder, a link, an SVG…). While only listed
        files change it is the same walk, and the file lists made from it are kept too."""
        if self._walk is None or not changed:
            return None
        return updated(self._walk, self.content, self._in_content(changed))

    def _theme_only(self, changed: set[str], started: float, cpu: float) -> Outcome | None:
        """A saved stylesheet, script or template of the theme, and nothing else, after a good build: no page's
        content, no item, count or file changes, so Pelican does not run. A stylesheet or script is copied to
        where Pelican's StaticGenerator copies it (or removed, when deleted); a template's pages are rendered
        again from the records the last build made, with the template read again (every template of the theme
        is compiled first, as after any template change, so a syntax error is shown as in a build). None: a
        full build is needed (anything else changed, a template was added or removed, the last build failed)."""
        theme = self._theme
        if not changed or theme is None or self.problems or not self.pages:
            return None
        copies, templates = [], []
        for path in changed:
            kind = theme.kind(path)
            if kind is None:
                return None
            (templates if kind == "template" else copies).append(path)
        try:
            if templates:
                environments = {id(r.template.environment): r.template.environment for r in self.pages.values()}
                for environment in environments.values():
                    if environment.cache is not None:  # templates are read again (auto_reload is off)
                        environment.cache.clear()
                for environment in list(environments.values())[:1]:
                    _compile_all(environment)
                fresh: dict[tuple[int, str], object] = {}
                for record in self.pages.values():
                    old = record.template
                    key = (id(old.environment), old.name)
                    if key not in fresh:
                        fresh[key] = old.environment.get_template(old.name)
                    record.template = fresh[key]
        except Exception as exc:  # a syntax error: shown as a build's; the next save builds the whole site
            return self._failed(describe(exc), started, cpu)
        for path in copies:
            target = theme.target(path, self.output)
            if os.path.isfile(path):
                os.makedirs(os.path.dirname(target), exist_ok=True)
                shutil.copyfile(path, target)
            elif os.path.isfile(target):
                os.remove(target)
        self._rendered.clear()
        with self.early_lock:
            self._early = {}
        self.generation = self.attempts
        return Outcome(True, "", time.perf_counter() - started, len(self.pages), time.thread_time() - cpu, "theme")

    def _failed(self, problems: str, started: float, cpu: float) -> Outcome:
        self._sink, self._context = {}, None  # the last good pages stay
        with self.early_lock:
            self._early = {}
        self.problems = problems.strip() or "Сайт не зібрано."
        return Outcome(False, self.problems, time.perf_counter() - started, len(self.pages), time.thread_time() - cpu)

    def _relative(self, path: str) -> str:
        """An output path (sanitised_join made it: absolute, "/"-separated, under the output) → the site's path."""
        return path[len(self.output) + 1:] if path.startswith(self.output + "/") else os.path.relpath(path, self.output)

    # --- serving ---------------------------------------------------------------------------------------

    def render(self, page: str) -> bytes | None:
        """The page at `page` (relative to the site root, e.g. "news/index.html"), or None."""
        with self.lock:
            found = self._rendered.get(page)
            if found is not None:
                self._rendered.move_to_end(page)
                return found
            record = self.pages.get(page)
            if record is None:
                return None
            html = record.render().encode("utf-8")
            self._rendered[page] = html
            if len(self._rendered) > RENDERED_KEPT:
                self._rendered.popitem(last=False)
            return html

    def file(self, path: str) -> str | None:
        """A file of the last build that is not a page (CSS, scripts, images, .docx, the search index)."""
        full = os.path.realpath(os.path.join(self.output, path))
        if not full.startswith(self.output + os.sep) or not os.path.isfile(full):
            return None
        if path.split("/", 1)[0] == ".cache":
            return None
        return full

    # --- the search index, in the background -------------------------------------------------------------

    def _schedule_search(self) -> None:
        """After a good build: index its records in the background unless the live index already has them."""
        build = (self._context or {}).get(KEY)
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
                                                    initializer=_indexer_started, initargs=(os.getpid(), scratch))
            # The process starts here (and the first time, multiprocessing's resource tracker): with SIGINT and
            # SIGTERM blocked, which it inherits, so that a Ctrl+C meant for the preview cannot reach it before it
            # has left the terminal's process group (_indexer_started), printing a traceback from its imports.
            blocked = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
            try:
                future = self._indexer.submit(_index, found, staging, shard_size, lemmas)
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
            self._groups.update(_indexer_pids(self._indexer))
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

    def close(self, wait: float = 0.0) -> None:
        """Stop at once, whatever runs: no build or indexer starts from now on; the indexing process and the
        Pagefind run it has (their process group) are ended; a build in progress in another thread is abandoned
        (Stopped, raised in that thread). `wait`: seconds to wait for all of them to be gone — before the output
        folder is removed: a build or a Pagefind still writing into it would leave it behind.

        It used to take the build's lock first, so a Ctrl+C waited for the build in progress to end (seconds, far
        more on a busy machine), and a build that was already under way then started a new indexer, which the
        interpreter's exit waited for (concurrent.futures and multiprocessing join their processes at exit)."""
        with self._indexer_lock:
            self._closed = True
            indexer, self._indexer = self._indexer, None
        deadline = time.monotonic() + wait
        if indexer is not None:
            # A run in progress ends, its Pagefind with it; SIGCONT wakes a paused one to take the SIGTERM.
            for number in (signal.SIGTERM, signal.SIGCONT):
                _signal_group(indexer, number)
            indexer.shutdown(wait=False, cancel_futures=True)
        builder = self._builder
        if builder is not None and builder != threading.get_ident():
            _raise_in(builder, Stopped)
        if self.lock.acquire(timeout=max(0.0, deadline - time.monotonic())):  # the build unwound (or none ran)
            self.lock.release()
        groups = list(self._groups)
        while groups and time.monotonic() < deadline:
            groups = [group for group in groups if _group_alive(group)]
            time.sleep(0.02)
        self._groups.difference_update(set(self._groups) - set(groups))

    def kill(self) -> None:
        """A second Ctrl+C: the indexer and its Pagefind end now (SIGKILL), without waiting or taking a lock (it runs
        in a signal handler, which may have interrupted this thread while it held one)."""
        self._closed = True
        for group in list(self._groups):
            for kill in (os.killpg, os.kill):
                try:
                    kill(group, signal.SIGKILL)
                    break
                except (ProcessLookupError, PermissionError):
                    continue

    def wait_for_search(self, timeout: float = 600) -> bool:
        """Tests and the bench: wait until the index matches the pages (or there is none to make)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self._search_thread is None and (self.search.ready or not self.search.wanted):
                    return True
            time.sleep(0.05)
        return False


def _compile_all(env) -> None:
    try:
        names = env.list_templates()
    except TypeError:  # a loader that cannot list its templates
        return
    for name in names:
        if name.endswith(".html") and not name.startswith("!"):  # "!simple/…": Pelican's own
            env.get_template(name)


@dataclass(frozen=True)
class ThemeFiles:
    """Where a build took the theme from: its templates and the static folders Pelican copies to THEME_STATIC_DIR."""

    templates: str  # <theme>/templates/
    statics: tuple[tuple[str, str], ...]  # (<theme>/static/, <output-relative THEME_STATIC_DIR>/)
    names: frozenset[str]  # the templates that existed (a new or deleted one needs a build)
    ignored: tuple[str, ...]  # IGNORE_FILES: names Pelican never copies

    QUICK = (".css", ".js")  # copied as they are: no check of ours reads them (an SVG or image is checked)

    @classmethod
    def of(cls, settings: dict) -> ThemeFiles:
        theme = os.path.abspath(settings["THEME"])
        templates = os.path.join(theme, "templates") + os.sep
        names = set()
        for folder, _dirs, files in os.walk(templates):
            names.update(os.path.join(folder, name) for name in files)
        statics = []
        for path in settings["THEME_STATIC_PATHS"]:
            source = os.path.join(theme, path)
            if os.path.isdir(source):  # Pelican's _copy_paths with final_path os.curdir: the folder's contents
                statics.append((source.rstrip(os.sep) + os.sep, settings["THEME_STATIC_DIR"]))
        return cls(templates, tuple(statics), frozenset(names), tuple(settings["IGNORE_FILES"]))

    def kind(self, path: str) -> str | None:
        """"template", "static" or None (this change needs a build)."""
        if path.startswith(self.templates):
            return "template" if path in self.names and path.endswith(".html") and os.path.isfile(path) else None
        source = next((source for source, _ in self.statics if path.startswith(source)), None)
        if source is None or not path.endswith(self.QUICK):
            return None
        parts = path[len(source):].split(os.sep)
        if any(fnmatch.fnmatch(part, glob) for part in parts for glob in self.ignored):
            return None  # Pelican does not copy it: neither does this
        return "static"

    def target(self, path: str, output: str) -> str:
        for source, folder in self.statics:
            if path.startswith(source):
                return os.path.join(output, folder, path[len(source):])
        raise ValueError(path)


def _signal_group(indexer: ProcessPoolExecutor | None, number: int) -> None:
    """`number` to the process group of each of the indexer's processes (see _indexer_started); to the process
    itself while it has no group yet (it is starting)."""
    for pid in _indexer_pids(indexer):
        try:
            os.killpg(pid, number)
        except ProcessLookupError:
            try:
                os.kill(pid, number)
            except (ProcessLookupError, PermissionError):
                pass
        except PermissionError:
            pass


def _indexer_pids(indexer: ProcessPoolExecutor | None) -> list[int]:
    """The indexer's processes; each leads a process group of its own once started (see _indexer_started)."""
    return [process.pid for process in list((getattr(indexer, "_processes", None) or {}).values())]


def _group_alive(group: int) -> bool:
    """Whether a process of the group still runs (a zombie, which has ended, does not count; without /proc,
    any member counts)."""
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    if not os.path.isdir("/proc"):
        return True
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(os.path.join(entry.path, "stat"), encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                return True
    return False


class Stopped(BaseException):
    """The preview is stopping: the build in progress is abandoned (a BaseException: no `except Exception` of
    Pelican's or ours takes it for a build's error)."""


def _raise_in(thread: int, exception: type[BaseException]) -> None:
    """`exception` raised in another thread of this process at its next Python instruction (a build, which
    no flag would stop between two of its steps: one step of a 20,000-item build takes seconds)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exception))


def _indexer_started(parent: int, scratch: str) -> None:
    """The indexing process, as it starts (SIGINT and SIGTERM blocked, see _start_search)."""
    os.setpgrp()  # a process group of its own, with its Pagefind runs: paused during builds, ended together
    os.nice(10)  # the indexer and its Pagefind runs yield the processor to the preview's builds
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's Ctrl+C is the preview's to handle
    signal.signal(signal.SIGTERM, _terminated)
    tempfile.tempdir = scratch  # removed with the preview's output folder, however this process ends
    os.environ["TMPDIR"] = scratch  # (and Pagefind's, if it makes any)
    die_with_parent()
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # a SIGTERM sent meanwhile: now
        if os.getppid() != parent:  # the preview ended while this process was starting
            os._exit(0)
    except SystemExit:  # (_terminated) stopped while it was starting: nothing to clean up
        os._exit(0)


def _terminated(_number, _frame) -> None:
    """SIGTERM in the indexing process (close(), or the preview's end, see die_with_parent): unwind, so that
    subprocess.run kills the Pagefind run and its input folder is removed, then end (see _index)."""
    raise SystemExit(0)


def _index(found, folder: str, shard_size: int, lemmas: bool) -> int:
    """search.index, in the indexing process; ended by SIGTERM, the process ends (the pool's worker would
    otherwise hand the SystemExit back as the run's result and wait for the next run)."""
    try:
        return search_adapter.index(found, folder, shard_size, lemmas)
    except SystemExit:
        os._exit(0)


def die_with_parent() -> None:
    """In a child process of the preview (its search indexer, the editor's backend), Linux only: end when the
    preview's process ends, however it ends (a kill, a closed terminal), instead of running on with no one to
    use it (orphaned indexers went on running Pagefind)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def forget_rendered_contents() -> None:
    """Pelican memoizes Content.get_content and get_summary in one dict per method for the whole process,
    keyed by the content object: every item of every build would stay in memory. The last build's
    entries are dropped before the next build (the pages that rendered them are replaced too)."""
    for value in vars(Content).values():
        if isinstance(value, memoized):
            value.cache.clear()


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


def supported() -> bool:
    return pelican.__version__ in TESTED_PELICAN
