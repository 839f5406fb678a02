"""The live preview's items: Pelican's generator-level content cache kept in the process (adapters/preview.py)."""

from __future__ import annotations

import copy
import logging
import os


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
    if context is not None:
        clone._context = context
        clone.settings = settings
    else:
        clone._context = None
    return clone


def _nothing() -> None:
    return None
