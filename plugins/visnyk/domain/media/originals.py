"""The picture files themselves (images/, files/) as a citizen downloads them: without camera metadata.

A phone writes into every photo where it was taken (GPS), when, and the camera's make, model and serial
number; editing programs add their own notes (XMP, text chunks, the uncropped picture as a thumbnail). The
resized copies never carry any of it (domain/media/images.py); this module gives the same promise for the file at
/images/… or /files/… itself. It works on the bytes, without decoding, so the picture is exactly the one the
editor committed (lossless) and a build costs a read and a copy, as before:

- **JPEG**: the segments before the image data are kept only when a decoder needs them (quantisation and
  Huffman tables, frame and scan headers, restart interval, the JFIF header without its thumbnail, the ICC
  colour profile, Adobe's colour-transform flag); EXIF and XMP (APP1), IPTC (APP13), MPF and FlashPix (APP2),
  every other APPn and comments go, and so does whatever follows the end of the image (a second "MPO"
  picture, a maker's trailer). A photo stored on its side with an EXIF orientation keeps that orientation,
  and nothing else, in a minimal EXIF segment of our own making: browsers turn the picture by it (CSS
  `image-orientation: from-image`, the default in every browser since 2020), it says nothing about the person
  or the camera, and the alternative (turning the pixels) would mean decoding and re-encoding: a loss of
  quality on every phone photo taken upright.
- **PNG**: chunks a decoder needs or that change how the picture looks are kept (IHDR, PLTE, IDAT, IEND,
  tRNS, gAMA, cHRM, sRGB, iCCP, cICP, mDCV, cLLI, sBIT, bKGD, pHYs and APNG's acTL, fcTL, fdAT, and any
  critical chunk; their checksums are checked); eXIf, tEXt, zTXt, iTXt, tIME and every other ancillary
  chunk go.
- **WebP**: EXIF and XMP chunks (and unknown ones) go, VP8X's flags for them are cleared, the RIFF size is
  written again.

Nothing after the end of the picture is published either (bytes after a JPEG's EOI, a PNG's IEND or a WebP's
RIFF size): that is where a phone's cropping tool once left the uncropped screenshot ("aCropalypse").

ICC colour profiles stay: they are not personal data, and without them colours shift. The result depends on
the bytes only, so two builds give identical files. A file that is not what its structure promises
(truncated, a chunk running past the end, a PNG checksum that does not match) is a problem naming the file,
never published as it is: whatever was not understood could not be cleaned.

Chosen by the bytes, not the name: every file published from images/, files/ and extra/ is sniffed (its
first bytes, as a browser or an image viewer reads them). A JPEG, PNG or WebP is cleaned whatever it is called
— a phone photo saved as `.gif`, `.pdf` or `.ico` loses its GPS too. GIF, TIFF and HEIF/AVIF files cannot be
cleaned without decoding them; one that carries EXIF or XMP (a TIFF's camera tags, a HEIC's Exif item, a GIF's
XMP block) is refused with the advice to save it as JPEG, PNG or WebP. An SVG is published as domain/media/svg.py
writes it again (its problems come from the walk, at the file's own lines).

Which files wait: a picture under images/ that items use (lead image, attachment, `{static}` link) only when
one of them is published; one no item uses is published (cleaned) as before — it may be linked from outside.
"""

from __future__ import annotations

import posixpath
import re
import struct
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from urllib.parse import unquote

from . import svg
from .metadata import (  # noqa: F401 — clean_jpeg, clean_png, clean_webp: the cleaners, as tests reach them
    FIX_DAMAGED, FIX_UNKNOWN, HEIF_BRANDS, Damaged, clean, clean_jpeg, clean_png, clean_webp, sniff,
)
from ..content.checks import resolve_link
from .images import lead_path, now
from ..common.memo import PerRecord
from ..common.model import Item
from ..common.problems import Problem

CLEANED_TYPES = frozenset({"jpg", "jpeg", "png", "webp"})  # extensions whose files are cleaned
CLEANED_FOLDERS = ("images", "files", "extra")  # where editors' files are published from
HELD_FOLDER = "images"  # files that wait for their first published item


HEAD = 16  # bytes `sniff` needs


def _extension(path: str) -> str:
    return posixpath.splitext(path)[1].lstrip(".").lower()


def published_folder(path: str) -> bool:
    """Is the file in a folder whose files are published (and so may be cleaned)?"""
    return "/" in path and path.split("/", 1)[0] in CLEANED_FOLDERS


def cleaned(path: str, head: bytes = b"") -> bool:
    """Is this content file published through `publish` (rather than copied)? `head`: its first HEAD bytes
    (a picture is one by its bytes, whatever its name); without them, by the name alone."""
    if not published_folder(path):
        return False
    return _extension(path) in CLEANED_TYPES or _extension(path) == "svg" or sniff(head) is not None


UNCLEANED = {"GIF": "GIF", "TIFF": "TIFF", "HEIF": "HEIC/AVIF"}
# TIFF tags of IFD0 that say who, where or with what: GPS and Exif blocks, XMP, IPTC, camera, author.
_TIFF_PERSONAL = frozenset({0x8825, 0x8769, 0x02BC, 0x83BB, 0x010F, 0x0110, 0x013B, 0x8298})
_HEIF_METADATA = re.compile(rb"infe.{4,24}?Exif|application/rdf\+xml", re.DOTALL)


def carries_metadata(kind: str, data: bytes) -> bool:
    """Does a picture we cannot clean (GIF, TIFF, HEIF/AVIF) hold EXIF or XMP?"""
    if kind == "GIF":
        return b"XMP DataXMP" in data
    if kind == "HEIF":
        return _HEIF_METADATA.search(data, 0, 4 * 1024 * 1024) is not None
    try:
        order = "<" if data[:2] == b"II" else ">"
        offset = struct.unpack(order + "I", data[4:8])[0]
        count = struct.unpack(order + "H", data[offset:offset + 2])[0]
        tags = {struct.unpack(order + "H", data[offset + 2 + 12 * i:offset + 4 + 12 * i])[0] for i in range(count)}
    except struct.error:
        return True  # not understood: not published as it is
    return bool(tags & _TIFF_PERSONAL)


def publish(path: str, data: bytes) -> bytes | tuple[str, str]:
    """What the site publishes for a content file that `cleaned` names: the cleaned picture, the SVG as
    domain/media/svg.py writes it, or the file as it is (a GIF, TIFF or HEIF without metadata); or (what is wrong,
    how to fix it) in Ukrainian. Never raises."""
    if _extension(path) == "svg":
        return svg.sanitise(path, data)
    kind = sniff(data)
    if kind in UNCLEANED:
        if carries_metadata(kind, data):
            return (f"зображення {path} ({UNCLEANED[kind]}) містить відомості про камеру, автора чи місце зйомки "
                    "(EXIF/XMP), а прибрати їх із цього формату сайт не вміє",
                    "збережіть зображення як JPEG (.jpg), PNG або WebP: з них сайт сам прибере ці відомості")
        return data
    return clean(path, data)


# --- which items use a file, and which files wait for them ------------------------------------------------

@dataclass(frozen=True)
class Use:
    """An item's use of a content file: where it says so, for messages."""

    source: str
    line: int
    field: str  # "image", "attachments" or "link"


def uses(item: Item) -> dict[str, list[Use]]:
    """The content files an item shows or links (lead image, attachments, `{static}` links), by path."""
    found: dict[str, list[Use]] = {}
    if item.image:
        found.setdefault(lead_path(item.image), []).append(
            Use(item.source, item.line_of("image"), "image"))
    for attachment in item.attachments:
        found.setdefault(posixpath.normpath(attachment.path.lstrip("/")), []).append(
            Use(item.source, item.line_of("attachments"), "attachments"))
    for link in item.links:
        if link.kind == "static":
            target = link.target.split("#", 1)[0].split("?", 1)[0]
            found.setdefault(resolve_link(item.source, unquote(target)), []).append(Use(item.source, link.line, "link"))
    return found


def _failure(path: str, read: Callable[[str], bytes | None]) -> tuple[str, str] | None:
    """What is wrong with the picture at path (None: it cleans, or there is no such file)."""
    data = read(path)
    verdict = publish(path, data) if data is not None else None
    return verdict if isinstance(verdict, tuple) else None


def held(items: Iterable[Item], published: Callable[[Item], bool]) -> frozenset[str]:
    """Files under images/ that items use, none of which is published yet: they wait for the first one."""
    waiting, shown = set(), set()
    for item, paths in _HELD_USES.each(items):
        if paths:
            (shown if published(item) else waiting).update(paths)
    return frozenset(waiting - shown)


def _held_uses(item: Item) -> tuple[str, ...]:
    return tuple(p for p in uses(item) if p.split("/", 1)[0] == HELD_FOLDER)


_HELD_USES: PerRecord[Item, tuple[str, ...]] = PerRecord(_held_uses)  # (the live preview: one item changes per save)


def problems(files: Iterable[str], items: Iterable[Item], read: Callable[[str], bytes | None],
             reported: Collection[str] = frozenset(), remember=now,
             head: Callable[[str], bytes | None] | None = None) -> list[Problem]:
    """Every picture file that cannot be cleaned, named at each line of an item that uses it (the file
    itself, line 1, when nothing does). `reported`: lead images whose problem is already at `image:`.
    `remember`: as images.Pictures.remember (the verdict depends on the file alone). `head`: a file's first
    HEAD bytes (None: from `read`). An SVG's problems are the walk's (at their own lines), not repeated here."""
    head = head or (lambda path: (read(path) or b"")[:HEAD])
    failures = []
    for path in files:  # (only a published folder's files are sniffed: not an archive's every .md file)
        if not published_folder(path) or _extension(path) == "svg" \
                or not cleaned(path, remember(path, "head", partial(head, path)) or b""):
            continue
        verdict = remember(path, "cleaned", partial(_failure, path, read))
        if verdict is not None:
            failures.append((path, verdict))
    if not failures:  # (the items' uses are only needed to name a failure's lines: 20,000 items on every save)
        return []
    users: dict[str, list[Use]] = {}
    for item in items:
        for path, found in uses(item).items():
            users.setdefault(path, []).extend(found)
    result = []
    for path, (message, fix) in failures:
        at = [u for u in users.get(path, ()) if not (u.field == "image" and path in reported)]
        if not users.get(path):
            at = [Use(path, 1, "")]
        result += [Problem(u.source, u.line, message, fix) for u in at]
    return result
