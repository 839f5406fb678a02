"""Cold builds on every core: pages rendered and written by forked processes (VISNYK_BUILD_PROCESSES).

Pelican reads the content, runs its generators and sends its signals in one process, as always. While the
generators write, the writer records each page as Pelican's `Writer.write_file` was called (the template,
the arguments, the shared context's `localsiteurl` as Pelican leaves it from one page to the next — the steps
of Pelican 4.12's `write_file`, as the live preview's writer records them) and keeps Pelican's bookkeeping
(overwrite checks, the files written, the folders made) at the call. Once the articles' generator has
recorded its pages (most of a site's: `article_writer_finalized`), the process forks N - 1 workers
(copy-on-write: the items, the context and the compiled templates are not copied or pickled), which render
them — the articles' pages from the state a one-process build renders them in, before the generators after
it ran — while the parent goes on with the other generators. Before the search generator waits for its index
(or, at the latest, when the build is finalized) the parent renders the pages recorded since and takes its
part of the first ones, and waits (workers.py: chunks taken from a pipe by whichever process is free; every
page of one path in one chunk, so an override is written after what it overrides; a page recorded later over
an early one is written after the workers end). Everything else — the content contract, counting, feeds,
reports' documents, pictures, static files, the search index — happens once, in the parent (the files are
parsed ahead on every core too: reading.py). Pages a generator writes after that point (the editor's,
registered after search) are written at once, as Pelican writes them.

What a worker logs is sent back and logged by the parent in page order (so strict mode counts a template
warning as in one process); an exception stops that worker and is raised by the parent (the first page's in
page order, so the same error as in one process); a worker that dies without a word (killed, out of memory)
stops the build with a Ukrainian message. A worker dies with its parent (PR_SET_PDEATHSIG), and the parent
stops and reaps its workers before a KeyboardInterrupt goes on.

Off (one process, Pelican's own writer): VISNYK_BUILD_PROCESSES = 1, a warm build with the render cache
(incremental.py has its own writer), the live preview, a Pelican version this was not written against, or a
system without fork. `content_written` is sent when a page is recorded, with its local context (its file is
written later). tests/test_parallel.py builds sites with 1 and 2 processes and compares them byte for byte.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import pelican
from pelican import signals
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from ..build.settings import validated
from . import incremental
from .workers import Rendering, WorkerError, chunks, render_all  # noqa: F401 - WorkerError: what a build may raise

SETTING = "VISNYK_BUILD_PROCESSES"
TESTED_PELICAN = ("4.12.0",)  # ParallelWriter follows this version's Writer.write_file and _open_w
ATTRIBUTE = "_visnyk_parallel"  # on the Pelican object: this build's writer, once Pelican made it


@dataclass
class Job:
    """One page as Pelican would write it. `localcontext` is Pelican's own for a page of a paginated list;
    for any other page it is made when rendered (a copy of the context per page would hold the whole site's
    settings twenty thousand times)."""

    path: str  # where the page goes
    template: object
    localcontext: dict | None
    context: dict | None = None  # the context write_file was given (Pelican's shared one, or a copy)
    name: str = ""
    relative_urls: bool = False
    kwargs: dict | None = None
    at_call: object = None  # the given context's localsiteurl at the call
    while_rendering: object = None  # the shared context's while Pelican renders the page (content links use it)
    kept: bool = True  # False: Pelican would not overwrite the path ("Skipping"): rendered, not written

    def render(self, shared: dict) -> str:
        local = self.localcontext
        if local is None:  # Pelican 4.12's Writer.write_file: _get_localcontext
            local = self.context.copy()
            local["localsiteurl"] = self.at_call
            if self.relative_urls:
                relative_url = path_to_url(get_relative_path(self.name))
                local["SITEURL"] = relative_url
                local["localsiteurl"] = relative_url
            local["output_file"] = self.name
            local.update(self.kwargs)
        if local["localsiteurl"]:  # _write_file
            self.context["localsiteurl"] = local["localsiteurl"]
        shared["localsiteurl"] = self.while_rendering  # as Pelican's order of pages leaves it
        return self.template.render(local)


class _Recorder:
    """The template handed to Pelican's write_file for a paginated list: notes each page's local context."""

    def __init__(self, template, writer: ParallelWriter, context: dict):
        self._template, self._writer, self._context = template, writer, context

    def render(self, localcontext: dict) -> str:
        self._writer._pending = Job("", self._template, localcontext, self._context,
                                    while_rendering=self._writer.shared.get("localsiteurl"))
        return ""

    def __getattr__(self, name):
        return getattr(self._template, name)


class _Nowhere:
    """What a recorded page is "written" to by Pelican's own _write_file: its empty render (here and in the
    live preview's writer, which records pages the same way)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        return None

    def write(self, text: str) -> int:
        return len(text)


NOWHERE = _Nowhere()


class ParallelWriter(Writer):
    """Pelican's writer, recording pages until flush() renders them in `processes` processes."""

    processes: int  # set on the per-build subclass
    holder: object  # the Pelican object: finalized() finds the writer on it
    shared: dict  # the generators' shared context (content objects make their links against it)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.jobs: list[Job] = []
        self.flushed = False
        self.rendering: Rendering | None = None  # the workers, once started
        self._pending: Job | None = None
        self._folders: set[str] = set()
        setattr(self.holder, ATTRIBUTE, self)

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if self.flushed:  # after the pages: written at once, as Pelican does
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        if not name:
            return None
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if paginated and template_name in self.settings["PAGINATED_TEMPLATES"]:
            return super().write_file(name, _Recorder(template, self, context), context, relative_urls, paginated,
                                      template_name, override_output, url, **kwargs)
        path = sanitised_join(self.output_path, name)
        self._folder(path)
        current = context.get("localsiteurl")
        following = path_to_url(get_relative_path(name)) if relative_urls else current
        if following:  # what Pelican's _write_file leaves in the given context for the next page
            context["localsiteurl"] = following
        job = Job(path, template, None, context, name, relative_urls, kwargs, current, self.shared.get("localsiteurl"))
        self._record(job, override_output)
        if signals.content_written.receivers:
            signals.content_written.send(path, context=_local(job, context))
        return None

    def _folder(self, path: str) -> None:
        folder = os.path.dirname(path)
        if folder not in self._folders:  # Pelican makes the page's folder: a generator may write beside it
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)

    def _record(self, job: Job, override: bool) -> None:
        """Writer._open_w's rules (Pelican 4.12) at the call: an error where Pelican raises one."""
        filename = job.path
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            job.kept = False  # "Skipping …, not overwriting": rendered, not written
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        self.jobs.append(job)

    def _open_w(self, filename, encoding, override=False):
        job, self._pending = self._pending, None
        if job is None:  # a feed, or a page after the flush: a real file
            return super()._open_w(filename, encoding, override)
        job.path = filename
        self._record(job, override)
        return NOWHERE

    def start(self) -> None:
        """Start the workers on the pages recorded so far (a site with fewer pages than processes: at flush)."""
        if self.rendering is None and not self.flushed and len(self.jobs) >= 2 * self.processes:
            self.rendering = Rendering(self.jobs, self.shared, self.processes)

    def flush(self) -> None:
        """Render and write every recorded page; once only."""
        if self.flushed:
            return
        self.flushed = True
        jobs, self.jobs = self.jobs, []
        rendering, self.rendering = self.rendering, None
        if rendering is not None:
            rendering.finish(self.shared)
        elif jobs:
            render_all(jobs, self.shared, min(self.processes, len(jobs)))

def _local(job: Job, context: dict) -> dict:
    local = context.copy()
    local["localsiteurl"] = path_to_url(get_relative_path(job.name)) if job.relative_urls else job.at_call
    if job.relative_urls:
        local["SITEURL"] = local["localsiteurl"]
    local["output_file"] = job.name
    local.update(job.kwargs or {})
    return local


# --- signals --------------------------------------------------------------------------------------


def wanted(settings: dict) -> int:
    """How many processes render this build's pages (1: Pelican's own writer)."""
    count = validated(settings)[SETTING]
    if (count <= 1 or settings.get("VISNYK_PREVIEW") or incremental.wanted(settings)
            or pelican.__version__ not in TESTED_PELICAN or not hasattr(os, "fork")):
        return 1
    return count


_SHARED: dict = {}  # id(settings) → the shared context of the build whose generators are finalized


def note_context(generators) -> None:
    """all_generators_finalized: the generators' shared context, for the writer Pelican makes next."""
    if generators:
        _SHARED.clear()
        _SHARED[id(generators[0].settings)] = generators[0].context


def get_writer(pelican_object):
    count = wanted(pelican_object.settings)
    shared = _SHARED.pop(id(pelican_object.settings), None)
    if count <= 1 or shared is None:
        return None
    return type("VisnykParallelWriter", (ParallelWriter,),
                {"processes": count, "holder": pelican_object, "shared": shared})


def articles_recorded(_generator, writer=None) -> None:
    """article_writer_finalized: the articles' pages are recorded; the workers start on them."""
    if isinstance(writer, ParallelWriter):
        writer.start()


def flush(writer) -> None:
    """Called by a generator that must come after the pages (the search generator)."""
    if isinstance(writer, ParallelWriter):
        writer.flush()


def finalized(pelican_object) -> None:
    writer = getattr(pelican_object, ATTRIBUTE, None)
    if writer is not None:
        setattr(pelican_object, ATTRIBUTE, None)
        writer.flush()


def register() -> None:
    """Called from plugin.register() before any other `finalized`: strict mode and the sitemap come after."""
    signals.all_generators_finalized.connect(note_context)
    signals.get_writer.connect(get_writer)
    signals.article_writer_finalized.connect(articles_recorded)
    signals.finalized.connect(finalized)
