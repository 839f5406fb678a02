"""The open-data page's words that depend on a number."""

from __future__ import annotations

from ..language.wording import Forms

BYTES = Forms("байт", "байти", "байтів")
RECORDS = Forms("запис", "записи", "записів")


def size_label(size: int) -> str:
    """ "812 байтів", "12,3 КБ", "1,4 МБ" (decimal comma; abbreviations do not decline)."""
    if size < 1024:
        return BYTES.count(size)
    for unit, scale in (("КБ", 1024), ("МБ", 1024 ** 2)):
        if size < scale * 1024 or unit == "МБ":
            return f"{size / scale:.1f} {unit}".replace(".", ",")
    raise AssertionError(size)


def records_label(n: int) -> str:
    return RECORDS.count(n) if n else "набір поки порожній: у файлах лише заголовки, записів немає"
