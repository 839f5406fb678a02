"""The live preview's site: Pelican kept in one process, pages rendered when the browser asks.

`invoke livereload` (adapters/preview_server.py) holds one `PreviewSite`. A rebuild is an ordinary
`Pelican(settings).run()` — the same generators, signals, plugins and contract as `pelican content` —
with three differences that keep it well under a second at 5,000 items:

- **Reading**: Pelican's reader cache lives in this process (`memory`) instead of a pickle in the
  cache folder: an unchanged file is neither parsed nor unpickled, and nothing is saved. A file the
  watcher reports as changed is dropped from it first, whatever its modification time says.
- **Writing**: the writer records each page — its template and the local context Pelican's
  `Writer.write_file` made for it — instead of rendering it. A page is rendered when it is asked for
  (`render`), by the same two steps Pelican's `_write_file` takes, so it is the page a full build
  writes, byte for byte; the last few rendered pages are kept until the next rebuild. Files that are
  not pages (theme and editors' static files, report .docx, statistics, meetings.ics) are written to
  the output folder as in any build; what a rebuild no longer makes is removed from it afterwards.
- **Search**: the Pagefind index is built after the rebuild, in a background thread, into a folder
  beside the live one that replaces it when done — and only when the indexed records changed. Until
  then the server answers the index's files with 503 ("updating"), so no result can point to a page
  that is gone.

VISNYK_PREVIEW is set for these builds (search.py leaves the index to this module); the render
cache (incremental.py) is off: nothing is written to keep.
"""

from __future__ import annotations

import collections
import copy
import hashlib
import logging
import multiprocessing
import os
import shutil
import threading
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

import jinja2
import pelican
from pelican import Pelican, signals
from pelican.contents import Content
from pelican.generators import CachingGenerator
from pelican.settings import read_settings
from pelican.utils import get_relative_path, memoized, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from . import search as search_adapter
from .incremental import output_files, remove_stale
from .state import KEY

TESTED_PELICAN = ("4.12.0",)  # RecordingWriter._open_w follows this version's Writer._open_w
EARLY_SUFFIXES = (".md", ".yml", ".yaml")  # content changes after which a watched page may be shown early
RENDERED_KEPT = 64  # rendered pages kept between requests (a page and its neighbours)
log = logging.getLogger(__name__)


@dataclass
class Page:
    """One page as Pelican's writer would write it: render() repeats `Writer._write_file`'s steps."""

    template: object
    localcontext: dict
    context: dict  # the build's shared context: Pelican points its "localsiteurl" at this page first

    def render(self) -> str:
        if self.localcontext["localsiteurl"]:
            self.context["localsiteurl"] = self.localcontext["localsiteurl"]
        return self.template.render(self.localcontext)


class _Recorder:
    """The template handed to Pelican's write_file: render() notes the page and returns nothing."""

    def __init__(self, template, writer: RecordingWriter, context: dict):
        self._template, self._writer, self._context = template, writer, context

    def render(self, localcontext: dict) -> str:
        self._writer.pending = Page(self._template, localcontext, self._context)
        return ""

    def __getattr__(self, name):
        return getattr(self._template, name)


class LazyPage:
    """A page written without pagination, recorded as Pelican's write_file was called: its local context is
    made when it is rendered, by the steps of Pelican 4.12's `Writer.write_file` (`_get_localcontext`, then
    `_write_file`), with the shared context's `localsiteurl` as it was at the call."""

    def __init__(self, name, template, context, relative_urls, kwargs, localsiteurl):
        self.name, self.template, self.context = name, template, context
        self.relative_urls, self.kwargs, self.localsiteurl = relative_urls, kwargs, localsiteurl

    def render(self) -> str:
        context = self.context
        localcontext = context.copy()
        localcontext["localsiteurl"] = self.localsiteurl
        if self.relative_urls:
            relative_url = path_to_url(get_relative_path(self.name))
            localcontext["SITEURL"] = relative_url
            localcontext["localsiteurl"] = relative_url
        localcontext["output_file"] = self.name
        localcontext.update(self.kwargs)
        if localcontext["localsiteurl"]:
            context["localsiteurl"] = localcontext["localsiteurl"]
        return self.template.render(localcontext)


class RecordingWriter(Writer):
    """Pelican's writer with its bookkeeping (overwrite checks, `content_written`), recording pages
    instead of writing them. Feeds (write_feed) are written to disk as usual."""

    sink: dict  # set on the per-build subclass: output path → Page or LazyPage

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.pending: Page | None = None

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return None
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            # One page: nothing of it is worked out until it is asked for.
            path = sanitised_join(self.output_path, name)
            current = context.get("localsiteurl")
            page = LazyPage(name, template, context, relative_urls, kwargs, current)
            if self._claim(path, override_output):
                self.sink[path] = page
                self.recorded(path, page)
            # What Pelican's _write_file leaves in the shared context, which the next page starts from.
            following = path_to_url(get_relative_path(name)) if relative_urls else current
            if following:
                context["localsiteurl"] = following
            return None
        return super().write_file(name, _Recorder(template, self, context), context, relative_urls, paginated,
                                  template_name, override_output, url, **kwargs)

    def _claim(self, filename: str, override: bool) -> bool:
        """Writer._open_w's rules (Pelican 4.12) without opening anything: False when Pelican would skip."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return False  # the override stays
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return True

    def _open_w(self, filename, encoding, override=False):
        page, self.pending = self.pending, None
        if page is None:  # a feed: a real file
            return super()._open_w(filename, encoding, override)
        if self._claim(filename, override):
            self.sink[filename] = page
            self.recorded(filename, page)
        return _NOWHERE

    def recorded(self, path: str, page) -> None:
        """Set on the per-build subclass (PreviewSite._recorded)."""


class _Nowhere:
    """What a recorded page is "written" to: Pelican writes its empty render and closes it."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def write(self, text: str) -> int:
        return len(text)


_NOWHERE = _Nowhere()


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates kept between rebuilds (each build makes a new Jinja environment). Jinja
    checks each template's source checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.stored: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.stored:
            bucket.bytecode_from_string(self.stored[bucket.key])

    def dump_bytecode(self, bucket) -> None:
        self.stored[bucket.key] = bucket.bytecode_to_string()


class ContentMemory:
    """Pelican's generator-level content cache, in this process: the item Pelican made of each file.

    Pelican's own generator cache pickles the items it read; here a pristine copy of each item is kept as
    it was made (before the build's later steps touch it) and every build gets a fresh shallow copy of it,
    pointed at that build's context and settings, with its own metadata dict. A hit is checked against the
    file's size and modification time, and the watcher drops what it saw change. Warnings logged while a file
    was read (Pelican's image without alt text…) are logged again on every hit, so strict mode sees them in
    every build, as in a full one."""

    def __init__(self) -> None:
        self.items: dict[str, tuple[tuple[int, int], object, list[logging.LogRecord]]] = {}

    def clear(self) -> None:
        self.items.clear()

    def forget(self, path: str) -> None:
        self.items.pop(path, None)

    def attach(self, generator) -> None:
        readers = generator.readers
        pending: dict[str, list[logging.LogRecord]] = {}
        original_read = readers.read_file

        def read_file(base_path, path, *args, **kwargs):
            catcher = _Catcher()
            root = logging.getLogger()
            root.addHandler(catcher)
            try:
                return original_read(base_path, path, *args, **kwargs)
            finally:
                root.removeHandler(catcher)
                pending[os.path.abspath(os.path.join(base_path, path))] = catcher.records

        def get_cached_data(filename, default=None):
            path = os.path.abspath(os.path.join(generator.path, filename))
            found = self.items.get(path)
            if found is None or found[0] != _stamp(path):
                return default
            for record in found[2]:
                logging.getLogger(record.name).handle(record)
            return _fresh(found[1], generator.context, generator.settings)

        def cache_data(filename, content) -> None:
            path = os.path.abspath(os.path.join(generator.path, filename))
            stamp = _stamp(path)
            if stamp is not None:
                self.items[path] = (stamp, _fresh(content, None, None), pending.pop(path, []))

        readers.read_file = read_file
        generator.get_cached_data = get_cached_data
        generator.cache_data = cache_data
        generator.save_cache = _nothing
        readers.save_cache = _nothing


class _Catcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _fresh(content, context, settings):
    """A shallow copy of a content object with its own metadata dict (Pelican updates it in place), for one
    build's context and settings (None: the pristine copy kept between builds)."""
    clone = copy.copy(content)
    clone.metadata = dict(content.metadata)
    if context is not None:
        clone._context = context
        clone.settings = settings
    else:
        clone._context = None
    return clone


@dataclass
class Outcome:
    """What one rebuild gave: problems (Ukrainian text, as the terminal shows them) or none."""

    ok: bool
    problems: str
    seconds: float
    pages: int
    cpu: float = 0.0  # processor time of the build's own thread, seconds (the machine may be busy)


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
        self._closed = False
        self.watching: dict[str, int] = {}  # page → open tabs showing it
        self.early_lock = threading.Lock()
        self._early: dict[str, bytes] = {}
        self._early_allowed = False
        self._search_next = None  # the newest build's IndexJob, waiting for the running one
        # Pelican holds receivers weakly: these bound methods live as long as this object.
        signals.generator_init.connect(self._generator_init)
        signals.get_writer.connect(self._get_writer)
        signals.all_generators_finalized.connect(self._finalized)

    # --- Pelican's hooks, for this object's builds only --------------------------------------------

    def _generator_init(self, generator) -> None:
        """The articles' and pages' generators take unchanged items from `memory` (see ContentMemory)."""
        if generator.settings is self._settings and isinstance(generator, CachingGenerator):
            self.memory.attach(generator)

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

    def _compile_templates(self) -> None:
        """A full build renders every page, so a template with a syntax error anywhere (base.html too, which
        pages only extend) stops it: the preview, which renders later, compiles the theme's templates now
        (in one of the generators' environments: they all load the same theme)."""
        for env in list(self._environments.values())[:1]:
            try:
                names = env.list_templates()
            except TypeError:  # a loader that cannot list its templates
                continue
            for name in names:
                if name.endswith(".html") and not name.startswith("!"):  # "!simple/…": Pelican's own
                    env.get_template(name)

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
        for path in paths:
            self.memory.forget(path)

    def build(self, changed=()) -> Outcome:
        with self.lock:
            return self._build(changed)

    def _build(self, changed) -> Outcome:
        started, cpu = time.perf_counter(), time.thread_time()
        self.attempts += 1
        changed = {os.path.abspath(p) for p in changed}
        forget_rendered_contents()
        self.forget(changed)
        # Only a change of content (not a stylesheet, a picture or a template the tab would fetch or need again)
        # lets a watched page go to its tab before the build ends.
        self._early_allowed = bool(changed) and all(
            p.startswith(self.content + os.sep) and p.endswith(EARLY_SUFFIXES) for p in changed)
        self._sink, self._context, self._environments = {}, None, {}
        try:
            self._settings = self.settings()
            os.makedirs(self.output, exist_ok=True)
            before = output_files(self.output, [search_adapter.FOLDER, ".cache"])
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
        remove_stale(self.output, before, set())
        self.pages = {self._relative(path): page for path, page in self._sink.items()}
        self._sink = {}
        self._rendered.clear()
        with self.early_lock:
            self._rendered.update(self._early)  # rendered during the build: the same pages
            self._early = {}
        self.generation = self.attempts
        self.problems = ""
        self._schedule_search()
        return Outcome(True, "", time.perf_counter() - started, len(self.pages), time.thread_time() - cpu)

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
        build = (self._context or {}).get(KEY)
        job = getattr(build, "search", None)
        self._context = None
        if job is None:  # search off, or nothing published: no index, as a full build has none
            self._search_next = None
            self.search.wanted = False
            if self._search_thread is None:
                shutil.rmtree(os.path.join(self.output, search_adapter.FOLDER), ignore_errors=True)
                self.search.ready, self.search.digest = False, ""
            return
        self.search.wanted = True
        wanted = sources_digest(job.sources)
        if wanted == self.search.digest and self._search_thread is None:
            self.search.ready = True
            return
        self.search.ready = False
        self._search_next = (job, wanted)
        if self._search_thread is None:
            self._start_search()

    def _start_search(self) -> None:
        job, wanted = self._search_next
        self._search_next = None
        staging = os.path.join(self.output, ".cache", "pagefind-next")
        shutil.rmtree(staging, ignore_errors=True)
        if self._indexer is None:
            # A process of its own, at a lower priority: stemming 20,000 items in a thread of this process would
            # hold the interpreter's lock half the time, and the next build and the pages would wait for it.
            self._indexer = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                                initializer=_lower_priority)
        future = self._indexer.submit(search_adapter.index, job.sources, staging, job.shard_size, job.lemmas)
        self._search_thread = future
        future.add_done_callback(lambda done: self._indexed(done, staging, wanted))

    def _indexed(self, done, staging: str, wanted: str) -> None:
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

    def close(self) -> None:
        """Stop the indexing process (a run in progress finishes in the background)."""
        with self.lock:
            self._closed = True
            indexer, self._indexer = self._indexer, None
        if indexer is not None:
            indexer.shutdown(wait=False, cancel_futures=True)

    def wait_for_search(self, timeout: float = 600) -> bool:
        """Tests and the bench: wait until the index matches the pages (or there is none to make)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if self._search_thread is None and (self.search.ready or not self.search.wanted):
                    return True
            time.sleep(0.05)
        return False


def _lower_priority() -> None:
    os.nice(10)  # the indexer and its Pagefind runs yield the processor to the preview's builds


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


def _nothing() -> None:
    return None


def supported() -> bool:
    return pelican.__version__ in TESTED_PELICAN
