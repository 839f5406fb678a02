"""Ukrainian alphabetical order. Unicode order puts є, і, ї, ґ after я; people expect them in place."""

from __future__ import annotations

ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"
_RANK = {letter: rank for rank, letter in enumerate(ALPHABET)}
_APOSTROPHES = str.maketrans("", "", "'’ʼ")


def sort_key(text: str) -> tuple:
    """Key for sorted(): Ukrainian letters in alphabet order, then everything else by code point;
    case and apostrophes only break ties."""
    folded = text.translate(_APOSTROPHES).casefold()
    return tuple(_RANK.get(c, len(ALPHABET) + ord(c)) for c in folded), text


def by_name(departments) -> list[str]:
    """Department slugs in the Ukrainian alphabetical order of their names (tables, lists)."""
    return sorted(departments, key=lambda slug: sort_key(departments[slug].name))
