"""URL slugs by the official Ukrainian transliteration (KMU resolution No. 55 of 27.01.2010)."""

from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

from translitua import UkrainianKMU, translit

_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # hyphens, en/em dashes, minus: word boundaries, not nothing
SLUG_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@lru_cache(maxsize=4096)  # every tag is slugified twice per item that carries it
def slugify(text: str) -> str:
    """ "Засідання виконавчого комітету" → "zasidannia-vykonavchoho-komitetu"."""
    text = unicodedata.normalize("NFC", text).replace("’", "'").replace("ʼ", "'")
    text = _DASHES.sub("-", text)
    latin = translit(text, UkrainianKMU)
    ascii_text = unicodedata.normalize("NFKD", latin).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_text.lower().replace("'", "")).strip("-")


def is_valid_slug(slug: str) -> bool:
    return bool(SLUG_PATTERN.fullmatch(slug))
