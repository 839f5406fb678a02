"""Lead images in the build: judged with the content (domain/media/images.Pictures), resized into output/img/.

Resized files are kept in `CACHE_PATH/visnyk-images/` under their content-addressed names (the digest of
the original, its extension, the encoder settings and Pillow's version), so an image is decoded and encoded
once per machine, not once per build; every build copies them into `output/img/` (a copy is what makes
`incremental.remove_stale` count them as written). Only images of items that are published by the build
clock are written: a scheduled item's picture does not appear before the item.
"""

from __future__ import annotations

import json
import os
import shutil
from concurrent.futures import ThreadPoolExecutor

from pelican.generators import Generator

from ...domain.media import images, originals
from ..build.state import state

CACHE_FOLDER = "visnyk-images"
INDEX = "index.json"  # digest → [width, height, format] of originals that passed


def cache_folder(settings: dict) -> str:
    return os.path.join(settings["CACHE_PATH"], CACHE_FOLDER)


def pictures(settings: dict, files: frozenset[str], verdicts: dict | None = None) -> images.Pictures:
    """The build's judge of lead images: reads only files of the content walk (never a link), and skips
    decoding originals an earlier build already passed. `verdicts` (the live preview's, kept between its
    builds: path → (the file's stat, {what: verdict})): a file's verdicts are kept while its stat is the same
    and the preview's watcher has not seen it change."""
    root = settings["PATH"]

    def read(path: str) -> bytes | None:
        if path not in files:
            return None
        with open(os.path.join(root, path), "rb") as handle:
            return handle.read()

    def head(path: str) -> bytes | None:
        if path not in files:
            return None
        with open(os.path.join(root, path), "rb") as handle:
            return handle.read(originals.HEAD)

    try:
        with open(os.path.join(cache_folder(settings), INDEX), encoding="utf-8") as handle:
            passed = {k: tuple(v) for k, v in json.load(handle).items()}
    except (OSError, ValueError, AttributeError):
        passed = {}
    if verdicts is None:
        return images.Pictures(read, passed, head=head)

    def remember(path: str, what: str, compute):
        if path not in files:
            return compute()
        stamp = stamp_of(root, path)
        if stamp is None:
            return compute()
        kept = _entry(verdicts, path, stamp)
        if what not in kept[1]:
            kept[1][what] = compute()
        return kept[1][what]

    return images.Pictures(read, passed, remember=remember, head=head)


def stamp_of(root: str, path: str) -> tuple[int, int, int, int] | None:
    """What a kept verdict of the file at `path` holds while it is the same file: its size, times and inode."""
    try:
        found = os.lstat(os.path.join(root, path))
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino


def judged_ahead(root: str, path: str) -> tuple[tuple, object] | None:
    """A lead image judged before the contract asks (the live preview's first build, rebuild/reading.py): its
    stamp and its verdict, as `remember` keeps them; None when it cannot be read (the contract says why)."""
    stamp = stamp_of(root, path)
    if stamp is None:
        return None
    try:
        with open(os.path.join(root, path), "rb") as handle:
            data = handle.read()
    except OSError:
        return None
    return stamp, images.judge(path, data)


def take_judged(verdicts: dict | None, judged: dict) -> None:
    """Verdicts judged ahead, for the files whose stamp they still have."""
    if verdicts is None:
        return
    for path, (stamp, verdict) in judged.items():
        _entry(verdicts, path, stamp)[1].setdefault(images.LEAD, verdict)


def _entry(verdicts: dict, path: str, stamp: tuple) -> tuple[tuple, dict]:
    """The file's kept verdicts, a new empty set when the file is not the one they were made of."""
    kept = verdicts.get(path)
    if kept is None or kept[0] != stamp:
        kept = verdicts[path] = (stamp, {})
    return kept


PUBLISHED = ("articles", "translations", "hidden_articles", "hidden_translations",
             "pages", "hidden_pages")  # fmt: skip; "translations" of pages is a name both generators use


def annotate(generators) -> None:
    """all_generators_finalized, after the contract: each published item with an image gets its Picture
    (`visnyk_picture`, None otherwise), the one thing templates read."""
    build = None
    for generator in generators:
        for name in PUBLISHED:
            for content in getattr(generator, name, ()):
                build = build or state(generator.context, generator.settings)
                record = getattr(content, "visnyk_item", None)
                original = build.pictures.originals.get(_path(record)) if build.pictures and record else None
                content.visnyk_picture = images.picture(original, record.image_alt) if original else None
                if original is not None:
                    build.published_images[original.digest] = original


def _path(record) -> str:
    return images.lead_path(record.image) if record.image else ""


class ImagesGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        if not build.published_images:
            return
        folder = cache_folder(self.settings)
        os.makedirs(folder, exist_ok=True)
        jobs = []
        for _digest, original in sorted(build.published_images.items()):
            webp, fallback = images.variants(original)
            missing = [v for v in webp + fallback if not os.path.isfile(os.path.join(folder, os.path.basename(v.url)))]
            if missing:
                jobs.append((original, missing))
        if jobs:
            # Pillow resizes and encodes outside the GIL: threads use every core of a small machine.
            with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
                list(pool.map(lambda job: _make(self.settings["PATH"], folder, *job), jobs))
        out = os.path.join(self.output_path, images.OUTPUT)
        os.makedirs(out, exist_ok=True)
        for original in build.published_images.values():
            webp, fallback = images.variants(original)
            for variant in webp + fallback:
                name = os.path.basename(variant.url)
                shutil.copyfile(os.path.join(folder, name), os.path.join(out, name))
        _save_index(folder, build.pictures.passed)


def _make(root: str, folder: str, original: images.Original, missing: list[images.Variant]) -> None:
    with open(os.path.join(root, original.path), "rb") as handle:
        data = handle.read()
    for variant, made in images.render(data, missing).items():
        cached = os.path.join(folder, os.path.basename(variant.url))
        temporary = f"{cached}.{os.getpid()}.tmp"
        with open(temporary, "wb") as handle:
            handle.write(made)
        os.replace(temporary, cached)  # a build beside this one never sees half a file


def _save_index(folder: str, passed: dict) -> None:
    temporary = os.path.join(folder, f"{INDEX}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        json.dump({k: list(v) for k, v in sorted(passed.items())}, handle)
    os.replace(temporary, os.path.join(folder, INDEX))


def get_generators(pelican):
    return ImagesGenerator
