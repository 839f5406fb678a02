"""The live preview's site: Pelican kept in one process, pages rendered when the browser asks.

`invoke livereload` (adapters/preview/server.py) holds one `PreviewSite`. A rebuild is an ordinary
`Pelican(settings).run()` — the same generators, signals, plugins and contract as `pelican content` — that
reads again only the saved files and records pages instead of rendering them:

- **items** (memory.py): Pelican's generator-level content cache kept in this process, a fresh copy of
  each unchanged item for every build; the content folder's walk (and the file lists made from it) is reused
  while the saves only change files it listed;
- **pages** (writer.py, hooks.py): the writer records each page as Pelican's `write_file` was called and `render`
  makes it when it is asked for, by Pelican's own steps, so it is the page a full build writes; a page an open
  tab shows is rendered as soon as the build records it, and that tab may reload then (content and template
  saves); the generator that reached such a page soonest in the last build records first;
- **the theme alone** (`_theme_only`, theme.py): a saved stylesheet or script is copied where Pelican copies it and a saved
  template is read again for the pages already recorded, without a Pelican run;
- **search** (searching.py, processes.py): the records are gathered after the build and the Pagefind index is built in a worker process at
  a lower priority, into a folder beside the live one that replaces it when done, and only when the indexed
  records changed; until then the server answers the index's files with 503, so no result can point to a page
  that is gone.

VISNYK_PREVIEW is set for these builds (search.py leaves the index to this module, speed.py does not freeze
the build's objects); the render cache (incremental.py) is off: nothing is written to keep. See docs/developers.md, "Fast
rebuilds".
"""

from __future__ import annotations

import collections
import gc
import logging
import os
import shutil
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import pelican
from pelican import Pelican, signals
from pelican.contents import Content
from pelican.settings import read_settings
from pelican.utils import memoized

from ...domain.common.problems import SAVE_AGAIN, ContentError, format_report
from ...domain.site.scan import Walk, updated
from ..outputs import search as search_adapter
from ..rebuild.incremental import output_files, remove_stale
from .memory import ContentMemory, items_salt
from .processes import Stopped, end_indexer, group_alive, raise_in, signal_group
from .hooks import PelicanHooks
from .searching import SearchIndexing, SearchStatus, describe
from .theme import ThemeFiles, compile_all
from .writer import TESTED_PELICAN, MemoryBytecodeCache
from ..build.state import KEY

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
class PreviewSite(PelicanHooks, SearchIndexing):
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
        self._loaded = 0  # items taken in by keep_items, not yet built with
        self._wanted: set[str] = set()  # pages tabs opened during a build: rendered early if it recorded them
        self._search_next = None  # the newest build's records (sources, shard size, lemmas, digest), waiting
        self._theme: ThemeFiles | None = None  # the last good build's theme folders (for theme_only)
        self._owners: dict[str, tuple[str, int]] = {}  # page → (the generator that recorded it in the last
        self._owners_next: dict[str, tuple[str, int]] = {}  # good build, how many pages it had recorded before)
        self._walk: Walk | None = None  # the content folder as the last good build walked it
        self._verdicts: dict = {}  # the pictures' verdicts (adapters/content/images.pictures), while their files are unchanged
        self._documents: dict = {}  # the report documents (adapters/outputs/reports.kept_document), while their inputs are equal
        self._walk_now: Walk | None = None  # that walk, when this build may take it (see reusable_walk)
        self._running = ""  # the generator whose generate_output runs now
        self._recorded_by_running = 0  # the pages it recorded so far
        self._order: set[str] = set()  # the generators to run first in this build (they made a watched page)
        # Pelican holds receivers weakly: these bound methods live as long as this object.
        signals.generator_init.connect(self._generator_init)
        signals.get_writer.connect(self._get_writer)
        signals.all_generators_finalized.connect(self._finalized)

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

    def keep_items(self, path: str, load: bool) -> int:
        """The items between runs (ContentMemory.save/load, `invoke livereload`): taken in before the first build
        (`load`, the number taken), or written after it."""
        salt = items_salt(self.settings_file, read_settings(self.settings_file, override=dict(self.overrides)), self.content)
        if load:
            self._loaded = self.memory.load(path, salt, self._verdicts)
            return self._loaded
        with self.lock:
            self.memory.save(path, salt, self._verdicts)
        return len(self.memory.items)

    def forget(self, paths) -> None:
        """Changed or deleted files: their items go, whatever their modification time says. A changed settings
        file, or a change not named: every item is read again (a template or stylesheet is not read by items)."""
        paths = {os.path.abspath(p) for p in paths}
        if not paths or os.path.abspath(self.settings_file) in paths:
            self.memory.clear()
            self._verdicts.clear()
            self._documents.clear()
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
        signal_group(self._indexer, number)

    def _build(self, changed) -> Outcome:
        started, cpu = time.perf_counter(), time.thread_time()
        self.attempts += 1
        changed = {os.path.abspath(p) for p in changed}
        quick = self._theme_only(changed, started, cpu)
        if quick is not None:
            return quick
        forget_rendered_contents()
        if not (self._loaded and not changed):  # (the first build after keep_items: the loaded items stay)
            self.forget(changed)
        self._loaded = 0
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
            if self.generation == 0:  # no good build yet (the first): a tab's page goes to it as soon as it is
                self._early_allowed = True  # recorded, styled (the theme's files first); it reloads at the end
                theme.copy_statics(self.output)
            site = Pelican(self._settings)
            site.run()
            if self.problems or not changed or any(not p.startswith(self.content + os.sep) for p in changed):
                self._compile_templates()  # the templates may have changed (or broke the last build)
        except ContentError as exc:  # the same problems as `check`, with the preview's one instruction
            return self._failed(format_report(exc.problems, SAVE_AGAIN), started, cpu)
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
                    compile_all(environment)
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
            end_indexer(indexer)  # a run in progress ends, its Pagefind with it; nothing left to join at exit
        builder = self._builder
        if builder is not None and builder != threading.get_ident():
            raise_in(builder, Stopped)
        if self.lock.acquire(timeout=max(0.0, deadline - time.monotonic())):  # the build unwound (or none ran)
            self.lock.release()
        groups = list(self._groups)
        while groups and time.monotonic() < deadline:
            groups = [group for group in groups if group_alive(group)]
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


def forget_rendered_contents() -> None:
    """Pelican memoizes Content.get_content and get_summary in one dict per method for the whole process,
    keyed by the content object: every item of every build would stay in memory. The last build's
    entries are dropped before the next build (the pages that rendered them are replaced too)."""
    for value in vars(Content).values():
        if isinstance(value, memoized):
            value.cache.clear()


def supported() -> bool:
    return pelican.__version__ in TESTED_PELICAN
