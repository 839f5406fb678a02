"""Attachments as a citizen sees them before downloading: the file's type and its size in Ukrainian.

"Рішення № 12 (PDF, 1,2 МБ)": the size is measured at build time from the file in the content
folder, so it cannot drift from the file that is published.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from urllib.parse import quote

from babel.numbers import format_decimal

from ..common.model import Attachment
from ..language.wording import LOCALE

# Binary multiples, as file managers on the citizens' computers show them.
UNITS = ("КБ", "МБ", "ГБ")
KIND_NAMES = {"jpeg": "JPG", "htm": "HTML"}


def file_kind(path: str) -> str:
    """ "files/2024/rishennia.pdf" → "PDF"; a file without an extension is just "файл"."""
    extension = posixpath.splitext(path)[1].lstrip(".").lower()
    if not extension:
        return "файл"
    return KIND_NAMES.get(extension, extension.upper())


def file_size(size: int) -> str:
    """ "532 Б", "34 КБ", "1,2 МБ" — one decimal under ten units, Ukrainian decimal comma."""
    if size < 1024:
        return f"{size} Б"
    value = float(size)
    for unit in UNITS:
        value /= 1024
        if value < 1024 or unit == UNITS[-1]:
            break
    pattern = "0.#" if value < 10 else "0"
    return f"{format_decimal(round(value, 1 if value < 10 else 0), format=pattern, locale=LOCALE)} {unit}"


@dataclass(frozen=True)
class AttachmentLink:
    """An attachment ready for a page: where it is on the site, what it is, how big."""

    url: str  # relative to the site root, percent-encoded (`address`); static files keep their content-folder path
    title: str
    kind: str
    size: int

    @property
    def size_text(self) -> str:
        return file_size(self.size)

    @property
    def label(self) -> str:
        """ "PDF, 1,2 МБ"."""
        return f"{self.kind}, {self.size_text}"


def address(path: str) -> str:
    """A file's site-relative path as it goes into `href`: percent-encoded, so that a name with `#`, `?`,
    `%`, a space, quotes or Cyrillic letters reaches the server as the file's own name ("план #2 (100%).pdf"
    → "%D0%BF%D0%BB%D0%B0%D0%BD%20%232%20%28100%25%29.pdf"). Encoding rather than refusing such names:
    editors keep the names their documents came with, and a council's file names are often Ukrainian."""
    return quote(path, safe="/")


def link(attachment: Attachment, size: int) -> AttachmentLink:
    path = posixpath.normpath(attachment.path)
    return AttachmentLink(address(path), attachment.title, file_kind(path), size)
