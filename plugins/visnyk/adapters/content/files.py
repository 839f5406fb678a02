"""The files Pelican reads and copies are the files `check` sees: one walk of the content folder.

Pelican walks the content folder itself, following symbolic links (a link to ../../.git would be copied
into the site) and reading whatever its readers know. Here every generator working in the content folder
takes its files from `domain.site.scan.walk` instead — links and special files left out and reported by the
contract — filtered by Pelican's own rules (paths, excludes, IGNORE_FILES, extensions).

Static files are copied last (StaticGenerator); a file whose address a page of the build already took
stops the build instead of replacing that page.
"""

from __future__ import annotations

import os
import types
import weakref
from urllib.parse import unquote

from pelican.generators import Generator, StaticGenerator

from ...domain.media.attachments import address
from ...domain.common.problems import ContentError, Problem
from ...domain.site.scan import Walk, walk
from . import originals
from ..build.state import state


def content_walk(generator: Generator) -> Walk:
    """The build's one walk of its content folder."""
    build = state(generator.context, generator.settings)
    if build.walk is None:
        build.walk = walk(generator.settings["PATH"])
    return build.walk


def get_files(self: Generator, paths, exclude=None, extensions=None) -> set[str]:
    """Pelican's Generator.get_files, over the walk (same arguments, same result shape). The result is kept
    with the walk: the live preview reuses a walk while only known files change (adapters/preview/site.py)."""
    if isinstance(paths, str):
        paths = [paths]
    excluded = tuple(e.strip("/").replace(os.sep, "/") + "/" for e in exclude or ())
    found = content_walk(self)
    resolved = tuple(self.readers.extensions) if extensions is None else extensions
    key = (type(self).__name__, tuple(paths), excluded, resolved if resolved is False else tuple(resolved),
           tuple(self.settings["IGNORE_FILES"]))
    kept = _LISTS.setdefault(found, {})
    if key in kept:
        return set(kept[key])
    files = set()
    for path in paths:
        prefix = path.strip("/").replace(os.sep, "/")
        prefix = f"{prefix}/" if prefix else ""
        for relpath in found.files:
            if relpath.startswith(prefix) and not relpath.startswith(excluded) or relpath == prefix.rstrip("/"):
                native = relpath.replace("/", os.sep)
                if self._include_path(native, extensions):
                    files.add(native)
    kept[key] = frozenset(files)
    return files


_LISTS: weakref.WeakKeyDictionary[Walk, dict] = weakref.WeakKeyDictionary()  # walk → get_files results


def guarded_output(self: StaticGenerator, writer) -> None:
    """StaticGenerator.generate_output, refusing to copy a file onto a page the build wrote."""
    written = {os.path.normpath(p) for p in getattr(writer, "_written_files", ())}
    clashes = [sc for sc in self.staticfiles
               if os.path.normpath(os.path.join(self.output_path, sc.save_as)) in written]
    if clashes:
        raise ContentError(
            Problem(sc.relative_source_path.replace(os.sep, "/"), 1,
                    f"файл мав би лягти на адресу {sc.save_as}, де вже є сторінка сайту",
                    "перейменуйте файл або перенесіть його в files/ чи images/")
            for sc in clashes)
    originals.install(self)  # pictures: cleaned of metadata, or held back for a scheduled item
    type(self).generate_output(self, writer)


def walked_links(self: StaticGenerator) -> None:
    """StaticGenerator.generate_context over the `{static}`/`{attach}` links that name a file of the walk.
    Pelican adds every such link's path to the files it reads and copies, decoding only "%20": a
    percent-encoded name ("план%20%232.pdf") or a missing file crashed the build with a traceback before
    the contract could name the line, and "../" could name a file outside the content folder. A link
    is kept as the walk's file it names (decoded); any other is left to the contract, which reports it."""
    files = set(content_walk(self).files)
    kept = set()
    for path in self.context.get("static_links", ()):
        relpath = path.replace(os.sep, "/")
        for candidate in (relpath, unquote(relpath)):
            if candidate in files:
                kept.add(candidate.replace("/", os.sep))
                break
    self.context["static_links"] = kept
    type(self).generate_context(self)


def encode_addresses(generators) -> None:
    """all_generators_finalized, before any page is written: a static file's address is percent-encoded
    (domain/media/attachments.address), so a `{static}` link to "files/план #2.pdf" asks the server for that file
    rather than for "files/план " with a fragment. Where the file is written (save_as) does not change."""
    for generator in generators:
        for static in getattr(generator, "staticfiles", ()) if isinstance(generator, StaticGenerator) else ():
            url = getattr(static, "visnyk_url", None) or static.url  # as Pelican made it (a kept object: once)
            static.visnyk_url = url
            if address(url) != url:
                static.override_url = address(url)


def install(generator: Generator) -> None:
    """generator_init: this generator's content files come from the walk (its own folder only)."""
    if os.path.realpath(generator.path) == os.path.realpath(generator.settings["PATH"]):
        generator.get_files = types.MethodType(get_files, generator)
    if isinstance(generator, StaticGenerator):
        generator.generate_output = types.MethodType(guarded_output, generator)
        generator.generate_context = types.MethodType(walked_links, generator)
