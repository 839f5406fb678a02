"""The live preview's writer: Pelican's Writer recording pages instead of writing them (adapters/preview/site.py).

A page is kept as Pelican's `Writer.write_file` was called and rendered when the browser asks for it, by the
steps of Pelican 4.12's `write_file` and `_write_file`, so it is the page a full build writes. Pelican's own
bookkeeping (overwrite checks, which page a path belongs to) stays as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import jinja2
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from ..rebuild.parallel import NOWHERE

TESTED_PELICAN = ("4.12.0",)  # RecordingWriter follows this version's Writer.write_file and _open_w


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
        self._folders: set[str] = set()

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return None
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            # One page: nothing of it is worked out until it is asked for.
            path = sanitised_join(self.output_path, name)
            folder = os.path.dirname(path)
            if folder not in self._folders:  # Pelican makes the page's folder: a generator may write beside it
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
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
        return NOWHERE

    def recorded(self, path: str, page) -> None:
        """Set on the per-build subclass (PreviewSite._recorded)."""


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
