"""Cleaning a picture's bytes of what they say about who, where and with what (EXIF, XMP, IPTC, comments,
text chunks) without decoding it: JPEG, PNG and WebP, sniffed by their signature whatever the file is named.
Used by domain/media/originals.py for published files and by domain/media/svg.py for pictures embedded in an
SVG; imports neither, so the two never import each other."""

from __future__ import annotations

import re
import struct
import zlib

FIX_DAMAGED = "збережіть зображення знову в редакторі зображень або завантажте файл ще раз"
FIX_UNKNOWN = "відкрийте його в редакторі зображень і збережіть знову як .jpg, .png або .webp"


class Damaged(ValueError):
    """The bytes do not hold together: `reason` says how, in Ukrainian."""


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
