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
import zlib
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from functools import partial
from urllib.parse import unquote

from . import svg
from ..content.checks import resolve_link
from .images import now
from ..common.model import Item
from ..common.problems import Problem

CLEANED_TYPES = frozenset({"jpg", "jpeg", "png", "webp"})  # extensions whose files are cleaned
CLEANED_FOLDERS = ("images", "files", "extra")  # where editors' files are published from
HELD_FOLDER = "images"  # files that wait for their first published item
FIX_DAMAGED = "збережіть зображення знову в редакторі зображень або завантажте файл ще раз"
FIX_UNKNOWN = "відкрийте його в редакторі зображень і збережіть знову як .jpg, .png або .webp"


class Damaged(ValueError):
    """The bytes do not hold together: `reason` says how, in Ukrainian."""


HEAD = 16  # bytes `sniff` needs


def _extension(path: str) -> str:
    return posixpath.splitext(path)[1].lstrip(".").lower()


def cleaned(path: str, head: bytes = b"") -> bool:
    """Is this content file published through `publish` (rather than copied)? `head`: its first HEAD bytes
    (a picture is one by its bytes, whatever its name); without them, by the name alone."""
    top = path.split("/", 1)[0]
    if top not in CLEANED_FOLDERS or "/" not in path:
        return False
    return _extension(path) in CLEANED_TYPES or _extension(path) == "svg" or sniff(head) is not None


def sniff(data: bytes) -> str | None:
    """What the bytes are (by their signature, as a browser sees them), whatever the file is named."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] in (b"II*\0", b"MM\0*"):
        return "TIFF"
    if data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS:
        return "HEIF"
    return None


HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif", b"avis"})
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


def clean(path: str, data: bytes) -> bytes | tuple[str, str]:
    """The file without its metadata, or (what is wrong, how to fix it) in Ukrainian. Never raises."""
    found = sniff(data)
    if found is None:
        return (f"файл {path} не є зображенням JPEG, PNG чи WebP, хоч так названий (або пошкоджений)", FIX_UNKNOWN)
    try:
        return {"JPEG": clean_jpeg, "PNG": clean_png, "WEBP": clean_webp}[found](data)
    except Damaged as error:
        return (f"зображення {path} пошкоджене: {error}", FIX_DAMAGED)


# --- JPEG ------------------------------------------------------------------------------------------------

_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})  # TEM, RST0–7: markers without a length
# In the entropy-coded data after a scan header, 0xFF is followed by 0x00 (a stuffed byte), by a restart
# marker or by more 0xFF fill bytes; anything else is the next marker.
_NEXT_MARKER = re.compile(rb"\xff[\x01-\xcf\xd8-\xfe]")
_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # SOF0–15 (C4 is DHT, C8 reserved, CC is DAC)
_TRUNCATED = "файл обривається посередині зображення"


def clean_jpeg(data: bytes) -> bytes:
    out = [b"\xff\xd8"]
    after_header = 1  # where the orientation segment goes: after SOI, or after the JFIF header
    orientation, frame, scan = 1, False, False
    pos = 2
    while True:
        if pos < len(data) and data[pos] != 0xFF:  # stray bytes between segments: decoders skip them, so do we
            pos = data.find(b"\xff", pos)
        if pos < 0 or pos >= len(data):
            raise Damaged(_TRUNCATED)
        while pos < len(data) and data[pos] == 0xFF:  # fill bytes
            pos += 1
        if pos >= len(data):
            raise Damaged(_TRUNCATED)
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # EOI: the end; whatever follows is not this picture
            if not (frame and scan):
                raise Damaged("у файлі немає самого зображення")
            out.append(b"\xff\xd9")
            break
        if marker in _STANDALONE:
            out.append(bytes((0xFF, marker)))
            continue
        if pos + 2 > len(data):
            raise Damaged(_TRUNCATED)
        length = struct.unpack(">H", data[pos:pos + 2])[0]
        end = pos + length
        if length < 2 or end > len(data):
            raise Damaged(_TRUNCATED)
        payload = data[pos + 2:end]
        segment = data[pos - 2:end]
        if marker == 0xDA:  # SOS: the scan header, then entropy-coded data up to the next marker
            scan = True
            following = _NEXT_MARKER.search(data, end)
            if following is None:
                raise Damaged(_TRUNCATED)
            out.append(data[pos - 2:following.start()])
            pos = following.start()
            continue
        if marker == 0xE0:  # APP0: JFIF header kept, its thumbnail (and JFXX thumbnails) dropped
            if payload.startswith(b"JFIF\0") and len(payload) >= 14:
                out.append(b"\xff\xe0\x00\x10" + payload[:12] + b"\x00\x00")
                after_header = len(out)
        elif marker == 0xE1:  # APP1: EXIF or XMP; only the orientation is taken from EXIF
            if payload.startswith(b"Exif\0\0") and orientation == 1:
                orientation = exif_orientation(payload[6:])
        elif marker == 0xE2:  # APP2: the ICC profile stays; MPF, FlashPix go
            if payload.startswith(b"ICC_PROFILE\0"):
                out.append(segment)
        elif marker == 0xEE:  # APP14 Adobe: how to turn the colour components into RGB
            if payload.startswith(b"Adobe"):
                out.append(segment)
        elif 0xE3 <= marker <= 0xEF or marker == 0xFE:  # other application segments, comments
            pass
        else:  # tables, frame header, restart interval…: what a decoder needs
            frame = frame or marker in _FRAMES
            out.append(segment)
        pos = end
    if orientation != 1:
        out.insert(after_header, orientation_segment(orientation))
    return b"".join(out)


def exif_orientation(tiff: bytes) -> int:
    """The Orientation tag (0x0112) of IFD0 in an EXIF block, 1 (as stored) when absent or unreadable."""
    try:
        order = {b"II": "<", b"MM": ">"}[tiff[:2]]
        offset = struct.unpack(order + "I", tiff[4:8])[0]
        count = struct.unpack(order + "H", tiff[offset:offset + 2])[0]
        for index in range(count):
            entry = tiff[offset + 2 + 12 * index:offset + 14 + 12 * index]
            tag, kind = struct.unpack(order + "HH", entry[:4])
            if tag == 0x0112 and kind == 3:  # SHORT
                value = struct.unpack(order + "H", entry[8:10])[0]
                return value if 1 <= value <= 8 else 1
    except (KeyError, struct.error):
        pass
    return 1


def orientation_segment(orientation: int) -> bytes:
    """An APP1 EXIF segment holding the orientation and nothing else (big-endian TIFF, one IFD entry)."""
    tiff = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 1)
    tiff += struct.pack(">HHIH", 0x0112, 3, 1, orientation) + b"\x00\x00" + struct.pack(">I", 0)
    payload = b"Exif\0\0" + tiff
    return b"\xff\xe1" + struct.pack(">H", len(payload) + 2) + payload


# --- PNG -------------------------------------------------------------------------------------------------

PNG_KEPT = frozenset({
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"cICP", b"mDCV", b"cLLI", b"sBIT", b"bKGD", b"pHYs",
    b"acTL", b"fcTL", b"fdAT",
})  # fmt: skip; ancillary chunks that change how the picture looks or moves


def clean_png(data: bytes) -> bytes:
    out = [data[:8]]
    pos, first = 8, True
    while True:
        if pos + 8 > len(data):
            raise Damaged(_TRUNCATED)
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        end = pos + 12 + length
        if end > len(data):
            raise Damaged(_TRUNCATED)
        if not kind.isalpha() or (first and kind != b"IHDR"):
            raise Damaged("порушено будову файлу PNG")
        if kind[:1].isupper() or kind in PNG_KEPT:  # critical chunks, and those that change the picture
            if zlib.crc32(data[pos + 4:end - 4]) != struct.unpack(">I", data[end - 4:end])[0]:
                raise Damaged(f"не збігається контрольна сума фрагмента {kind.decode('ascii')}")
            out.append(data[pos:end])
        first, pos = False, end
        if kind == b"IEND":
            return b"".join(out)


# --- WebP ------------------------------------------------------------------------------------------------

WEBP_KEPT = frozenset({b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"})
_EXIF_XMP_FLAGS = 0x08 | 0x04  # VP8X: "has EXIF", "has XMP"


def clean_webp(data: bytes) -> bytes:
    size = struct.unpack("<I", data[4:8])[0]
    if size < 4 or 8 + size > len(data):
        raise Damaged(_TRUNCATED)
    chunks, pos, end = [], 12, 8 + size
    while pos < end:
        if pos + 8 > end:
            raise Damaged(_TRUNCATED)
        kind, length = struct.unpack("<4sI", data[pos:pos + 8])
        stop = pos + 8 + length + (length & 1)  # chunks are padded to an even length
        if stop > end and pos + 8 + length != end:  # an unpadded last chunk is common enough
            raise Damaged(_TRUNCATED)
        chunk = data[pos:min(stop, end)]
        if kind == b"VP8X":
            if length < 10:
                raise Damaged("порушено будову файлу WebP")
            chunk = chunk[:8] + bytes((chunk[8] & ~_EXIF_XMP_FLAGS & 0xFF,)) + chunk[9:]
        if kind in WEBP_KEPT:
            chunks.append(chunk + (b"\0" if len(chunk) & 1 else b""))
        pos = stop
    if not any(c[:4] in (b"VP8 ", b"VP8L", b"ANMF") for c in chunks):
        raise Damaged("у файлі немає самого зображення")
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


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
        found.setdefault(posixpath.normpath(item.image.lstrip("/")), []).append(
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
    for item in items:
        target = shown if published(item) else waiting
        target.update(p for p in uses(item) if p.split("/", 1)[0] == HELD_FOLDER)
    return frozenset(waiting - shown)


def problems(files: Iterable[str], items: Iterable[Item], read: Callable[[str], bytes | None],
             reported: Collection[str] = frozenset(), remember=now,
             head: Callable[[str], bytes | None] | None = None) -> list[Problem]:
    """Every picture file that cannot be cleaned, named at each line of an item that uses it (the file
    itself, line 1, when nothing does). `reported`: lead images whose problem is already at `image:`.
    `remember`: as images.Pictures.remember (the verdict depends on the file alone). `head`: a file's first
    HEAD bytes (None: from `read`). An SVG's problems are the walk's (at their own lines), not repeated here."""
    head = head or (lambda path: (read(path) or b"")[:HEAD])
    users: dict[str, list[Use]] = {}
    for item in items:
        for path, found in uses(item).items():
            users.setdefault(path, []).extend(found)
    result = []
    for path in files:
        if _extension(path) == "svg" or not cleaned(path, remember(path, "head", partial(head, path)) or b""):
            continue
        verdict = remember(path, "cleaned", partial(_failure, path, read))
        if verdict is None:
            continue
        message, fix = verdict
        at = [u for u in users.get(path, ()) if not (u.field == "image" and path in reported)]
        if not users.get(path):
            at = [Use(path, 1, "")]
        result += [Problem(u.source, u.line, message, fix) for u in at]
    return result
