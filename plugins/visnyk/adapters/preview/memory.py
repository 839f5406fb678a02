"""The live preview's items: Pelican's generator-level content cache kept in the process (adapters/preview/site.py)."""

from __future__ import annotations

import contextlib
import copy
import logging
import os
import pickle
from dataclasses import dataclass
from functools import partial


class ContentMemory:
    """Pelican's generator-level content cache, in this process: the item Pelican made of each file.

    Pelican's own generator cache pickles the items it read; here a pristine copy of each item is kept as
    it was made (before the build's later steps touch it) and every build gets a fresh shallow copy of it,
    pointed at that build's context and settings, with its own metadata dict. A hit is checked against the
    file's size and modification time, and the watcher drops what it saw change. Warnings logged while a file
    was read (Pelican's image without alt text…) are logged again on every hit, so strict mode sees them in
    every build, as in a full one.

    Two of Pelican's steps over every item are done once per kept item, not once per build: the files its
    text links with `{static}`/`{attach}` (`add_static_links`: they depend on its text and place only) and the
    refresh of links in its formatted metadata (`refresh_metadata_intersite_links`), when that found no link
    in it and changed nothing in the build that read it — it then changes nothing in any build (nothing else is
    read)."""

    def __init__(self) -> None:
        self.items: dict[str, Kept] = {}
        # Pelican's Static of each file of images/, files/, extra/ (what it makes of the path, settings and stat
        # alone; the file is not read), kept as items are.
        self.statics: dict[str, Kept] = {}
        self._absolute: dict[tuple[str, str], str] = {}  # (folder, path) → os.path.abspath of them joined

    def absolute(self, folder: str, path: str) -> str:
        """os.path.abspath(os.path.join(folder, path)), worked out once per name (40,000 a build at 20,000 items)."""
        key = (folder, path)
        found = self._absolute.get(key)
        if found is None:
            found = self._absolute[key] = os.path.abspath(os.path.join(folder, path))
        return found

    def clear(self) -> None:
        self.items.clear()
        self.statics.clear()
        self._absolute.clear()

    def unread(self, folder: str, relpaths: list[str]) -> list[str]:
        """Those of the files (relative to `folder`) that a build will read: no item kept, or changed since."""
        return [relpath for relpath in relpaths if self.fresh(self.absolute(folder, relpath)) is None]

    def fresh(self, path: str, kept: dict[str, Kept] | None = None) -> Kept | None:
        """The item (or what else `kept` holds) kept of the file at `path` (absolute), if the file is as it was
        when read."""
        found = (self.items if kept is None else kept).get(path)
        return found if found is not None and found.stamp == _stamp(path) else None

    def forget(self, path: str) -> None:
        self.items.pop(path, None)
        self.statics.pop(path, None)

    def save(self, path: str, salt: str, verdicts: dict) -> None:
        """The kept items (and the pictures' verdicts) in a file, for the next `livereload` on the same content,
        code and settings (`salt`): its first build then reads only the files changed since (issue 30: the
        first page in ≤ 10 s). Written once, after the first good build; a failure only means a slower start."""
        # Written as it is pickled, not made whole in memory first: at 20,000 items the file is ~150 MB, and that copy
        # was the preview's peak of memory (1,051 MiB against 836 after its first build).
        kept = {name: (k.stamp, k.item, [_plain_record(r) for r in k.records], k.static_links, k.refresh_changes)
                for name, k in self.items.items()}
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".tmp", "wb") as handle:
                pickle.dump((salt, kept, dict(verdicts)), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(path + ".tmp", path)
        except Exception as exc:  # an item that cannot be pickled (a plugin's attribute): no file, a slower start
            logging.getLogger(__name__).debug("preview items not saved: %s", exc)
            with contextlib.suppress(OSError):
                os.remove(path + ".tmp")

    def load(self, path: str, salt: str, verdicts: dict) -> int:
        """What `save` wrote, if it was written for the same `salt` (code, settings, content folder): the number
        of items taken in. Each is checked against its file's size and modification time when a build asks for it,
        as after any save. The file is this project's own (beside its cache/), never content."""
        try:
            with open(path, "rb") as handle:
                found_salt, kept, found_verdicts = pickle.load(handle)
        except Exception:  # none yet, or written by another version: read everything
            return 0
        if found_salt != salt:
            return 0
        for name, (stamp, item, records, static_links, refresh_changes) in kept.items():
            self.items[name] = Kept(stamp, item, records, static_links, refresh_changes)
        verdicts.update(found_verdicts)
        return len(kept)

    def attach_static(self, generator) -> None:
        """The StaticGenerator's Static of each unchanged file, a fresh copy per build as for items (Pelican
        makes a content object of each of the ~2,000 pictures and documents on every save: 0.1 s at 20,000 items)."""
        readers = generator.readers
        original_read = readers.read_file

        def read_file(base_path, path, *args, **kwargs):
            if kwargs.get("fmt") != "static":
                return original_read(base_path, path, *args, **kwargs)
            absolute = self.absolute(base_path, path)
            found = self.fresh(absolute, self.statics)
            if found is not None:
                return _fresh(found.item, kwargs.get("context"), generator.settings)
            stamp = _stamp(absolute)
            static = original_read(base_path, path, *args, **kwargs)
            if stamp is not None:
                self.statics[absolute] = Kept(stamp, _fresh(static, None, None), [])
            return static

        readers.read_file = read_file

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
                pending[self.absolute(base_path, path)] = catcher.records

        def get_cached_data(filename, default=None):
            path = self.absolute(generator.path, filename)
            found = self.fresh(path)
            if found is None:
                return default
            for record in found.records:
                logging.getLogger(record.name).handle(record)
            clone = _fresh(found.item, generator.context, generator.settings)
            if found.refresh_changes is False:
                clone.refresh_metadata_intersite_links = _nothing
            elif found.refresh_changes is None:
                clone.refresh_metadata_intersite_links = partial(_judged_refresh, clone, found)
            return clone

        def cache_data(filename, content) -> None:
            path = self.absolute(generator.path, filename)
            stamp = _stamp(path)
            if stamp is not None:
                kept = self.items[path] = Kept(stamp, _fresh(content, None, None), pending.pop(path, []))
                # Judged in the build that read it (its refresh runs anyway), not in the first save after: a
                # first build left the next save 20,000 judgements (0.2 s) at 20,000 items.
                content.refresh_metadata_intersite_links = partial(_judged_refresh, content, kept)

        def add_static_links(content) -> None:
            found = self.items.get(self.absolute("", content.source_path))
            if found is None or found.item.__dict__.get("_content") is not content.__dict__.get("_content"):
                links = content.get_static_links()  # not a kept item's copy (one that failed its checks)
            else:
                if found.static_links is None:
                    found.static_links = frozenset(content.get_static_links())
                links = found.static_links
            generator.context["static_links"] |= links

        readers.read_file = read_file
        generator.get_cached_data = get_cached_data
        generator.cache_data = cache_data
        generator.add_static_links = add_static_links
        generator.save_cache = _nothing
        readers.save_cache = _nothing


def items_salt(settings_file: str, settings: dict, content: str) -> str:
    """What kept items depend on besides their files: the plugins' code and the installed packages
    (incremental.code_digest), the settings as read (addresses of objects left out) and the content folder."""
    import re

    from ..rebuild.fingerprint import digest
    from ..rebuild.incremental import code_digest

    shown = re.sub(r" at 0x[0-9a-f]+", "", repr(sorted((k, repr(v)) for k, v in settings.items())))
    return digest([code_digest(list(settings.get("PLUGIN_PATHS") or [])), shown, os.path.abspath(settings_file), content])


@dataclass(slots=True)
class Kept:
    """A file's item as it was read, and what was learnt about it in the builds since."""

    stamp: tuple[int, int]  # the file's size and modification time when it was read
    item: object  # the pristine copy (never given to a build: each gets its own copy)
    records: list[logging.LogRecord]  # warnings logged while it was read
    static_links: frozenset[str] | None = None  # Pelican's get_static_links() of it
    refresh_changes: bool | None = None  # whether refresh_metadata_intersite_links changes a copy (None: not tried)


def _judged_refresh(content, kept: Kept) -> None:
    """Pelican's refresh of one copy, the first time: whether it could change anything (a link in a formatted
    field) and whether it did."""
    del content.refresh_metadata_intersite_links  # this very function, set on the copy
    before, metadata = dict(content.__dict__), dict(content.metadata)
    regex = content._get_intrasite_link_regex()
    fields = content.settings["FORMATTED_FIELDS"]
    values = [value for key, value in metadata.items() if key in fields] + [before.get("_summary")]
    linked = any(isinstance(value, str) and regex.search(value) for value in values)
    type(content).refresh_metadata_intersite_links(content)
    kept.refresh_changes = linked or content.__dict__ != before or content.metadata != metadata


class _Catcher(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _plain_record(record: logging.LogRecord) -> logging.LogRecord:
    """A warning as it will be logged again, without arguments or traceback objects that may not pickle."""
    plain = logging.makeLogRecord(record.__dict__)
    plain.msg, plain.args, plain.exc_info, plain.exc_text = record.getMessage(), None, None, None
    return plain


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _fresh(content, context, settings):
    """A shallow copy of a content object with its own metadata dict (Pelican updates it in place), for one
    build's context and settings (None: the pristine copy kept between builds). Pelican's content classes are
    plain objects: their attributes are copied as copy.copy would (without its generic steps, a fifth of a
    rebuild's reading at 20,000 items); anything else is copied by copy.copy."""
    kind = type(content)
    plain = getattr(kind, "__copy__", None) is None and kind.__reduce_ex__ is object.__reduce_ex__
    if plain and not hasattr(kind, "__slots__"):
        clone = object.__new__(kind)
        clone.__dict__.update(content.__dict__)
    else:
        clone = copy.copy(content)
    clone.metadata = dict(content.metadata)
    clone._context, clone.settings = context, settings  # (each build gives its copy its own: get_cached_data)
    return clone


def _nothing(*_args) -> None:
    return None
