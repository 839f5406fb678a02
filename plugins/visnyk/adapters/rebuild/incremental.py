"""Warm rebuilds render only the pages whose inputs changed (VISNYK_RENDER_CACHE, with Pelican's cache).

Pelican's content cache saves reading unchanged files, but every page is still rendered and the whole
output folder is deleted and written again. With the content cache on (`invoke livereload`, the
warm build of `invoke bench`), this module also keeps what is unchanged:

- **pages**: each `write_file` of the writer gets a key — the digest of the template's name, of the
  values its template (with everything it extends or includes) can read by name, and of a salt made
  of every template's source, the Jinja globals and filters, the settings, our plugin's code and the
  installed packages (adapters/rebuild/fingerprint.py). When the key and the file on disk (size and mtime)
  are as the last build left them, the page is not rendered and the file is not touched; Pelican's
  bookkeeping (overwrite checks, `content_written`) goes on as for a written file. A path written
  twice in one build (override) is never kept.
- **the output folder**: instead of deleting it first (DELETE_OUTPUT_DIRECTORY), the build notes every
  file's size and times, and when it ends removes the files it neither wrote nor kept — the same tree as
  a clean build, without recreating twenty thousand folders. This needs the static files always
  copied (Pelican's defaults STATIC_CHECK_IF_MODIFIED and STATIC_CREATE_LINKS off); otherwise the
  folder is deleted as before.

Cold builds (CI, `invoke build`, `invoke publish`) have no cache and are untouched. Warm and cold
output are compared byte for byte by tests/test_incremental.py and tests/test_bench.py.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import sys
from dataclasses import dataclass, field

import pelican
from jinja2 import meta
from pelican.utils import sanitised_join
from pelican.writers import Writer

from .fingerprint import PLAIN, Fingerprints, Uncacheable, digest, plain, qualified

SETTING = "VISNYK_RENDER_CACHE"
FILE = "visnyk-pages.json"
FORMAT = 2
TESTED_PELICAN = ("4.12.0",)  # IncrementalWriter._open_w follows this version's Writer._open_w
ATTRIBUTE = "_visnyk_pages"  # on the Pelican object: this build's page cache
PLUGIN_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
log = logging.getLogger(__name__)


def reads_context(value) -> bool:
    """A callable marked @pass_context that is not one of Jinja's own (whose `map`, `select`… use the
    context only to call other filters and tests)."""
    marked = getattr(getattr(value, "jinja_pass_arg", None), "name", None) == "context"
    return marked and not (getattr(value, "__module__", "") or "").startswith("jinja2.")


def mapping_digest(prints: Fingerprints, mapping: dict) -> str:
    """Settings or Jinja globals: each value's digest, a function (a lambda too) by its name — the
    code itself is in code_digest."""
    parts = []
    for name in sorted(mapping):
        value = mapping[name]
        try:
            parts += [name, prints.value(value)]
        except Uncacheable:
            if not callable(value):
                raise
            parts += [name, qualified(value)]
    return digest(parts)


def code_digest(folders: list[str]) -> str:
    """Every .py file under the plugin folders, and the installed packages with their versions."""
    parts = [sys.version, pelican.__version__]
    for folder in sorted(set(folders)):
        for root, dirs, files in os.walk(folder):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if name.endswith(".py"):
                    path = os.path.join(root, name)
                    with open(path, "rb") as source:
                        parts += [path, hashlib.blake2b(source.read(), digest_size=20).hexdigest()]
    parts += sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    return digest(parts)


@dataclass
class PageCache:
    """One build's view of the page records the previous build left in the cache folder."""

    path: str  # the cache file
    output: str
    salt: str
    save: bool
    # Paths are relative to the output folder and records single strings: 40,000 pages are held twice.
    previous: dict[str, str] = field(default_factory=dict)  # page → "key size mtime_ns" of the last build
    fingerprints: Fingerprints = field(default_factory=Fingerprints)
    keys: dict[str, str | None] = field(default_factory=dict)  # this build: page → key (None: uncacheable)
    kept: set[str] = field(default_factory=set)
    names: dict[tuple[int, str], frozenset | None] = field(default_factory=dict)
    salts: dict[int, str | Uncacheable] = field(default_factory=dict)
    before: dict[str, str] | None = None  # output file → "size mtime_ns ctime_ns", when this build
    # replaces the deletion of the output folder
    written: set[str] = field(default_factory=set)  # the writer's own record of the files it wrote
    rendered: int = 0

    @classmethod
    def open(cls, settings: dict, output: str, salt: str) -> PageCache:
        path = os.path.join(settings["CACHE_PATH"], FILE)
        previous: dict = {}
        if settings.get("LOAD_CONTENT_CACHE") and os.path.isfile(path):
            try:
                with open(path, encoding="utf-8") as stored:
                    data = json.load(stored)
                if data.get("format") == FORMAT and data.get("salt") == salt and data.get("output") == output:
                    previous = data["pages"]
            except (OSError, ValueError, KeyError):
                previous = {}
        return cls(path, output, salt, bool(settings.get("CACHE_CONTENT")), previous)

    # --- which pages to render ----------------------------------------------------------------

    def template_names(self, template) -> frozenset | None:
        """The names a template and everything it extends, includes or imports can read."""
        env = template.environment
        key = (id(env), template.name)
        if key not in self.names:
            # jinja2.meta leaves out the names of the environment's globals, but a page's own
            # variable may hide one (report pages pass `council`): analyse without the globals.
            bare = env.overlay()
            bare.globals = {}
            found: set[str] = set()
            pending, seen = [template.name], set()
            try:
                while pending:
                    name = pending.pop()
                    if name in seen:
                        continue
                    seen.add(name)
                    ast = bare.parse(env.loader.get_source(env, name)[0])
                    found |= meta.find_undeclared_variables(ast)
                    for referenced in meta.find_referenced_templates(ast):
                        if referenced is None:  # a name computed at render time
                            raise Uncacheable(f"{name}: a template chosen at render time")
                        pending.append(referenced)
                self.names[key] = frozenset(found)
            except Exception as why:  # noqa: BLE001 - any doubt means "render it"
                log.debug("%s is always rendered: %s", template.name, why)
                self.names[key] = None
        return self.names[key]

    def environment_salt(self, env) -> str:
        """Every template's source and the globals, filters and tests of one Jinja environment.
        A filter, test or global of our own (not Jinja's) that takes the template context can read
        any name: then no page of this environment can be keyed (Uncacheable)."""
        if id(env) not in self.salts:
            readers = sorted(name for mapping in (env.globals, env.filters, env.tests) for name, value in mapping.items()
                             if reads_context(value))
            if readers:
                self.salts[id(env)] = Uncacheable(f"{', '.join(readers)} read the whole template context")
                log.info("Every page is rendered: %s", self.salts[id(env)])
            else:
                try:
                    names = sorted(env.list_templates())
                except TypeError:  # a loader that cannot list its templates (TEMPLATE_PAGES' FileSystemLoader(""))
                    names = None
                if names is None:
                    self.salts[id(env)] = Uncacheable("the template loader cannot list its templates")
                    log.info("Every page is rendered: %s", self.salts[id(env)])
                else:
                    parts = [self.salt]
                    for name in names:
                        parts += [name, env.loader.get_source(env, name)[0]]
                    for mapping in (env.globals, env.filters, env.tests, {"autoescape": env.autoescape}):
                        parts.append(mapping_digest(self.fingerprints, mapping))
                    self.salts[id(env)] = digest(parts)
        found = self.salts[id(env)]
        if isinstance(found, Uncacheable):
            raise found
        return found

    def key(self, template, localcontext: dict) -> str | None:
        names = self.template_names(template)
        if names is None:
            return None
        try:
            parts = [self.environment_salt(template.environment), template.name]
            for name in sorted(names):
                if name not in localcontext:
                    parts += [name, "-"]
                    continue
                value = localcontext[name]
                parts += [name, plain(value) if type(value) in PLAIN else self.fingerprints.value(value)]
        except Uncacheable as why:
            log.debug("%s is always rendered: it reads a %s", localcontext.get("output_file"), why)
            return None
        return digest(parts)

    def relative(self, path: str) -> str:
        return path[len(self.output) + 1:] if path.startswith(self.output + "/") else path

    def unchanged(self, path: str, key: str | None) -> bool:
        """Note this build's key for path; True when the file on disk is the one that key rendered."""
        page = self.relative(path)
        if page in self.keys:  # written twice in one build: never kept
            self.keys[page] = None
            return False
        self.keys[page] = key
        record = self.previous.get(page)
        if key is None or record is None or not record.startswith(key + " "):
            self.rendered += 1
            return False
        if self.before is not None:  # the folder was walked when the build started
            found = self.before.get(page)
            on_disk = found.rsplit(" ", 1)[0] if found else None
        else:
            try:
                stat = os.stat(path)
                on_disk = f"{stat.st_size} {stat.st_mtime_ns}"
            except OSError:
                on_disk = None
        if record != f"{key} {on_disk}":
            self.rendered += 1
            return False
        self.kept.add(page)
        return True

    # --- the end of the build ---------------------------------------------------------------------

    def snapshot(self, retention: list[str]) -> None:
        """Before anything is written: every output file with its size and times."""
        self.before = output_files(self.output, retention)

    def finish(self) -> None:
        if self.before is not None:
            remove_stale(self.output, self.before, self.kept | {self.relative(p) for p in self.written})
        if not self.save:
            return
        pages = {}
        for page, key in sorted(self.keys.items()):
            if key is None:
                continue
            if page in self.kept:
                pages[page] = self.previous[page]
                continue
            try:
                stat = os.stat(os.path.join(self.output, page))
            except OSError:
                continue
            pages[page] = f"{key} {stat.st_size} {stat.st_mtime_ns}"
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        temporary = self.path + ".tmp"
        with open(temporary, "w", encoding="utf-8") as stored:
            json.dump({"format": FORMAT, "salt": self.salt, "output": self.output, "pages": pages}, stored)
        os.replace(temporary, self.path)
        log.info("Pages rendered: %d, kept unchanged: %d", self.rendered, len(self.kept))


def output_files(output: str, retention: list[str]) -> dict[str, str]:
    """Every file under output (but the retained top-level names), relative, with its size, mtime and
    ctime."""
    found: dict[str, str] = {}
    if not os.path.isdir(output):
        return found
    start = len(output) + 1
    pending = [entry for entry in os.scandir(output) if entry.name not in retention]
    while pending:
        entry = pending.pop()
        if entry.is_dir(follow_symlinks=False):
            pending.extend(os.scandir(entry.path))
        else:
            stat = entry.stat(follow_symlinks=False)
            found[entry.path[start:]] = f"{stat.st_size} {stat.st_mtime_ns} {stat.st_ctime_ns}"
    return found


def remove_stale(output: str, before: dict[str, str], produced: set[str]) -> None:
    """Remove what was there before this build and that it neither kept nor wrote — the writer's
    pages and feeds are listed, anything else (static files, data files, the search index) counts as
    written when its change time moved — then the folders that became empty."""
    folders = set()
    for page, stamps in before.items():
        if page in produced:
            continue
        path = os.path.join(output, page)
        try:
            if os.lstat(path).st_ctime_ns != int(stamps.rsplit(" ", 1)[1]):
                continue
            os.remove(path)
        except FileNotFoundError:  # removed meanwhile (the search index is cleared when search is off)
            continue
        folders.add(os.path.dirname(path))
    for folder in sorted(folders, key=len, reverse=True):
        # A folder may be gone already (a parent removed first, or by a build with other settings).
        while folder != output and folder.startswith(output) and os.path.isdir(folder) and not os.listdir(folder):
            os.rmdir(folder)
            folder = os.path.dirname(folder)


class IncrementalWriter(Writer):
    """Pelican's writer, skipping the pages whose key and file are as the last build left them."""

    pages: PageCache  # set on the per-build subclass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unchanged: str | None = None
        self.pages.written = self._written_files  # the same set, filled as Pelican writes

    def write_file(self, name, template, context, *args, **kwargs):
        return super().write_file(name, _Template(template, self), context, *args, **kwargs)

    def _open_w(self, filename, encoding, override=False):
        """A kept page gets Pelican's bookkeeping (it counts as written, for the overwrite checks) and
        /dev/null to write its empty render to, as Pelican's own "not overwriting" case does."""
        if filename != self._unchanged:
            return super()._open_w(filename, encoding, override)
        self._unchanged = None
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return open(os.devnull, "w", encoding=encoding)


class _Template:
    """The template given to write_file: render() answers "" for a kept page, and the writer's
    _open_w then leaves that page's file alone."""

    def __init__(self, template, writer: IncrementalWriter):
        self._template = template
        self._writer = writer

    def render(self, localcontext: dict) -> str:
        writer = self._writer
        path = sanitised_join(writer.output_path, localcontext["output_file"])
        again = path in writer._written_files or path in writer._overridden_files  # Pelican decides
        key = None if again else writer.pages.key(self._template, localcontext)
        if writer.pages.unchanged(path, key):
            writer._unchanged = path
            return ""
        return self._template.render(localcontext)

    def __getattr__(self, name):
        return getattr(self._template, name)


# --- signals --------------------------------------------------------------------------------------


def wanted(settings: dict) -> bool:
    return bool(
        settings.get(SETTING, True)
        and settings.get("CACHE_CONTENT")
        and settings.get("LOAD_CONTENT_CACHE")
        and pelican.__version__ in TESTED_PELICAN
    )


def initialized(pelican_object) -> None:
    settings = pelican_object.settings
    setattr(pelican_object, ATTRIBUTE, None)
    if not wanted(settings):
        return
    folders = [PLUGIN_ROOT] + [os.path.dirname(p.__file__) for p in getattr(pelican_object, "plugins", [])
                               if getattr(p, "__file__", None)]
    try:
        salt = digest([str(FORMAT), code_digest(folders), mapping_digest(Fingerprints(), settings)])
    except Uncacheable as why:
        log.info("Every page is rendered: a setting holds a %s", why)
        return
    output = os.path.abspath(pelican_object.output_path)  # as sanitised_join makes the page paths
    cache = PageCache.open(settings, output, salt)
    real, source = os.path.realpath(output), os.path.realpath(pelican_object.path)
    inside = os.path.commonpath([real, source]) == real  # Pelican never deletes a source's parent
    if (pelican_object.delete_outputdir and not inside and not settings.get("STATIC_CHECK_IF_MODIFIED")
            and not settings.get("STATIC_CREATE_LINKS")):
        pelican_object.delete_outputdir = False
        cache.snapshot(list(pelican_object.output_retention))
    setattr(pelican_object, ATTRIBUTE, cache)


def get_writer(pelican_object):
    cache = getattr(pelican_object, ATTRIBUTE, None)
    if cache is None:
        return None
    return type("VisnykWriter", (IncrementalWriter,), {"pages": cache})


def finalized(pelican_object) -> None:
    cache = getattr(pelican_object, ATTRIBUTE, None)
    if cache is not None:
        cache.finish()


def register() -> None:
    """Called from plugin.register(); `finalized` before the sitemap, which walks the output."""
    from pelican import signals

    signals.initialized.connect(initialized)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(finalized)
