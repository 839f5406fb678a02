"""Cold builds read on every core too: the content files are parsed in forked processes before Pelican asks.

Reading is most of a cold build that is not rendering: each file's YAML, its fields checked, its Markdown
made HTML (`domain.content.items.parse_item`, the contract's own reading, as `check` does it). When the
articles' generator is made (before any file is read), every `.md` file of the build's content walk is
parsed in VISNYK_BUILD_PROCESSES processes (file i in process i mod N, this one included; workers.forked),
and what each returns is kept by file. Pelican's generators then read as always — its reader, its order, its
signals — and our reader takes the parsed file when its bytes are the bytes parsed (a digest), or parses it
itself. So the items are the items one process makes. A file a worker could not parse, or a worker that
died, is parsed again by the reader, which meets the problem as one process would. The roll-call votes files
are read there too, each against the meeting it names, parsed in the worker (domain/votes/rollcall.read_ahead:
a term's ~20 MB of YAML took 1.6–2 s of a 5,000-item preview start's first page in the main process); the
contract takes such an answer only for the bytes, registry and meeting it has itself. Off whenever pages are
rendered in one process (parallel.wanted).

The live preview renders its pages itself, in one process, and keeps the items it read between builds; its
first build after a start with nothing kept reads every file before the first page can show (issue 30: the
first page in ≤ 10 s). So the preview parses ahead too (`preview_ahead`, called from its own hook until a
build is good: a start), in VISNYK_BUILD_PROCESSES processes, the files it keeps no item of, when there are
at least PREVIEW_AHEAD of them — and judges the lead images they name (a full decode each, which the preview
then keeps as its verdicts); a save reads the few files the watcher saw change, and never forks. The
preview's process has threads (the server's, the watcher's): the workers are forked from the build's thread
and only parse, which takes no lock another thread may hold; the build's objects are not frozen (the preview
collects its garbage between builds).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable

from pelican.generators import ArticlesGenerator

from ...domain.content.items import parse_item
from ...domain.media.images import lead_path
from ...domain.votes import rollcall
from ...domain.votes.reading import is_votes_file
from ..content import reader
from ..build.settings import validated
from ..content.files import content_walk
from ..content.images import judged_ahead, take_judged
from . import parallel
from .workers import forked

log = logging.getLogger(__name__)
PREVIEW_AHEAD = 200  # files a preview build must read before it parses them ahead (~0.3 s of reading)
_COUNTS: dict[int, tuple[int, int]] = {}  # id(settings) → (files parsed ahead, processes)
_VOTES: dict[int, int] = {}  # id(settings) → votes files read ahead


def _parse(root: str, paths: list[str], pictures: frozenset[str] = frozenset(), votes: list[str] = (),
           walked: frozenset[str] = frozenset()) -> Callable[[], tuple]:
    """The files parsed, and the lead images among `pictures` (the walk's images/ files) that they name,
    judged (the live preview's first build: its verdicts are kept by the preview, a full decode each); and the
    `votes` files read (domain/votes/rollcall.read_ahead), with the registry and the meetings they name when
    those are `walked` files (never a path a votes file makes up, never a file the walk refused)."""

    def load(relpath: str) -> bytes | None:
        try:
            with open(os.path.join(root, *relpath.split("/")), "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def read(relpath: str) -> bytes | None:
        return load(relpath) if relpath in walked else None

    def meeting(relpath: str):
        raw = read(relpath) if relpath.endswith(".md") else None
        return None if raw is None else parse_item(relpath, raw).item

    def task() -> tuple[dict, dict, dict]:
        found, judged = {}, {}
        for relpath in paths:
            try:
                raw = load(relpath)
                if raw is None:  # the reader meets it
                    continue
                parsed = parse_item(relpath, raw, want_html=True)
                found[relpath] = (reader.digest(raw), parsed, reader.finished(parsed))
                image = parsed.item.image if parsed.item is not None else ""
                path = lead_path(image) if image else ""
                if path in pictures and path not in judged:
                    verdict = judged_ahead(root, path)
                    if verdict is not None:
                        judged[path] = verdict
            except Exception:  # noqa: BLE001 - the reader parses this file itself and meets the error there
                continue
        try:
            early = rollcall.read_ahead(votes, read, meeting) if votes else {}
        except Exception:  # noqa: BLE001 - the build reads them itself and meets the error there
            early = {}
        return found, judged, early

    return task


def generator_init(generator) -> None:
    """generator_init of the articles' generator (the first Pelican makes): parse every .md file now. Not in
    the live preview, which parses ahead itself (`preview_ahead`), from its own hook: which of two receivers
    of one signal runs first depends on which was connected first, and the plugin connects its receivers
    again for every Pelican a process makes."""
    if not isinstance(generator, ArticlesGenerator) or generator.settings.get("VISNYK_PREVIEW"):
        return
    reader.PREPARED.clear()
    count = parallel.wanted(generator.settings)
    if count <= 1:
        return
    walked = content_walk(generator).files
    paths = [p for p in walked if p.endswith(".md")]
    _ahead(generator, paths, count, frozenset(), None, freeze=True, walked=walked)


def preview_ahead(generator, unread: Callable[[list[str]], list[str]], verdicts: dict) -> None:
    """A live preview's start (no good build yet): the files it keeps no item of (`unread`), parsed ahead
    when there are at least PREVIEW_AHEAD, and the lead images they name judged, into `verdicts`."""
    settings = generator.settings
    if not isinstance(generator, ArticlesGenerator) or not hasattr(os, "fork"):
        return
    reader.PREPARED.pop(id(settings), None)
    count = validated(settings)[parallel.SETTING]
    if count <= 1:
        return
    walked = content_walk(generator).files
    paths = unread([p for p in walked if p.endswith(".md")])
    if len(paths) < PREVIEW_AHEAD:
        return
    _ahead(generator, paths, count, frozenset(p for p in walked if p.startswith("images/")), verdicts, freeze=False,
           walked=walked)


def _ahead(generator, paths: list[str], count: int, pictures: frozenset[str], verdicts: dict | None,
           freeze: bool, walked) -> None:
    if len(paths) < 2 * count:
        return
    settings = generator.settings
    votes, known = sorted(p for p in walked if is_votes_file(p)), frozenset(walked)
    answers, _lost = forked([_parse(settings["PATH"], paths[i::count], pictures, votes[i::count], known)
                             for i in range(count)], freeze=freeze)
    prepared, early = {}, {}
    for found, judged, read in [answer for answer in answers if answer is not None]:  # a worker that died: its
        prepared.update(found)  # files are parsed by the reader, its votes files by the build
        take_judged(verdicts, judged)
        early.update(read)
    reader.PREPARED[id(settings)] = prepared
    rollcall.ahead(early)
    _COUNTS[id(settings)] = (len(prepared), count)
    if early:
        _VOTES[id(settings)] = len(early)


def finished(generators) -> None:
    """all_generators_finalized: every file is read; what no generator asked for is let go."""
    key = id(generators[0].settings) if generators else None
    if key in _COUNTS:
        parsed, count = _COUNTS.pop(key)
        log.info("Файли змісту, прочитані наперед: %d/%d (процесів: %d)",
                 parsed - len(reader.PREPARED.get(key, {})), parsed, count)
    reader.PREPARED.clear()


def votes_finished(generators) -> None:
    """all_generators_finalized, after the contract has read the votes: how many of those read ahead it took."""
    votes = _VOTES.pop(id(generators[0].settings), 0) if generators else 0
    if votes:
        log.info("Файли голосувань, прочитані наперед: %d/%d", rollcall.taken_ahead(), votes)
