"""URL slugs by the official Ukrainian transliteration (KMU resolution No. 55 of 27.01.2010)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from translitua import UkrainianKMU, translit

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # hyphens, en/em dashes, minus: word boundaries, not nothing
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# A URL part, not the title: long enough for a meaningful address, far below the 255-byte limit of a file
# name. A longer slug is cut at a word and ends in a short digest of the whole one, so two long titles that
# share their first words still get two addresses, and the same title always the same one.
MAX_LENGTH = 80
_DIGEST = 6


@lru_cache(maxsize=4096)  # every tag is slugified twice per item that carries it
def slugify(text: str) -> str:
    """ "Засідання виконавчого комітету" → "zasidannia-vykonavchoho-komitetu"."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'")
    text = _DASHES.sub("-", text)
    latin = translit(text, UkrainianKMU)
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    return shorten(_NOT_SLUG.sub("-", ascii_text.lower().replace("'", "")).strip("-"))


def shorten(slug: str) -> str:
    """ "pro-vnesennia-zmin-do-rishennia-…" (257 letters) → at most MAX_LENGTH, cut at a hyphen, + digest."""
    if len(slug) <= MAX_LENGTH:
        return slug
    head = slug[: MAX_LENGTH - _DIGEST - 1]
    if "-" in head:
        head = head.rsplit("-", 1)[0]
    return f"{head}-{hashlib.sha1(slug.encode('ascii')).hexdigest()[:_DIGEST]}"


def is_valid_slug(slug: str) -> bool:
    return len(slug) <= MAX_LENGTH and bool(SLUG_PATTERN.fullmatch(slug))
