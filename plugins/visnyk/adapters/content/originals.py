"""The picture files under images/ and files/ in the build: published without metadata, or held back.

Pelican's StaticGenerator copies every file of STATIC_PATHS as it is. For the pictures editors commit
(domain/media/originals.py: JPEG, PNG, WebP by their bytes, whatever their names; SVG as domain/media/svg.py writes it
again) this generator writes the cleaned bytes instead of copying (or
linking: STATIC_CREATE_LINKS would publish the very file), and leaves out the images/ files that only
unpublished items use (`BuildState.held_files`, set by `hold` after the contract). The file keeps its
address: `{static}` links and the resized copies (adapters/content/images.py) are untouched. The preview builds
through the same generator, so it serves what a full build writes.
"""

from __future__ import annotations

import os
import types

from pelican.generators import StaticGenerator

from ...domain.media import originals
from ...domain.common.problems import ContentError, Problem
from ..build.state import state

PUBLISHED = ("articles", "translations", "hidden_articles", "hidden_translations",
             "pages", "hidden_pages")  # fmt: skip; as adapters/content/images.py: what the build publishes


def hold(generators) -> None:
    """all_generators_finalized, after the contract and the schedule: the images/ files to hold back, worked out
    when the static files are written (after the pages: the live preview shows a saved page sooner)."""
    if not generators:
        return
    lists = [list(getattr(generator, name, ())) for generator in generators for name in PUBLISHED]
    build = state(generators[0].context, generators[0].settings)  # one context for all generators

    def held() -> frozenset:
        published = {record.source for contents in lists for content in contents
                     if (record := getattr(content, "visnyk_item", None)) is not None}
        return originals.held(build.items, lambda item: item.source in published)

    build.held_files = held


def held_files(build) -> frozenset:
    """The images/ files only unpublished items use (worked out on the first question)."""
    found = build.held_files
    if callable(found):
        found = build.held_files = found()
    return found


def install(generator: StaticGenerator) -> None:
    """For one build's StaticGenerator (adapters/content/files.py calls this before its output)."""
    generator._file_update_required = types.MethodType(_update_required, generator)
    generator._link_or_copy_staticfile = types.MethodType(_publish, generator)


def _relative(static) -> str:
    return static.relative_source_path.replace(os.sep, "/")


def _cleaned(self: StaticGenerator, static) -> bool:
    """Published through domain/media/originals.publish: decided by the name and the file's first bytes."""
    path = _relative(static)
    if originals.cleaned(path):
        return True
    if not originals.published_folder(path):  # not a folder whose files are sniffed
        return False
    with open(os.path.join(self.path, static.source_path), "rb") as handle:
        return originals.cleaned(path, handle.read(originals.HEAD))


def _update_required(self: StaticGenerator, static) -> bool:
    path = _relative(static)
    if path in held_files(state(self.context, self.settings)):
        return False
    if _cleaned(self, static):
        return True  # always written again: an older copy may be the uncleaned file
    return type(self)._file_update_required(self, static)


def _publish(self: StaticGenerator, static) -> None:
    path = _relative(static)
    if not _cleaned(self, static):
        type(self)._link_or_copy_staticfile(self, static)
        return
    with open(os.path.join(self.path, static.source_path), "rb") as handle:
        made = originals.publish(path, handle.read())
    if isinstance(made, tuple):  # changed on disk since the contract read it
        raise ContentError([Problem(path, 1, *made)])
    save_as = os.path.join(self.output_path, static.save_as)
    self._mkdir(os.path.dirname(save_as))
    if os.path.lexists(save_as):
        os.remove(save_as)  # a link left by an earlier build: writing through it would change the source
    with open(save_as, "wb") as handle:
        handle.write(made)
