"""Ukrainian typography for the text of official documents — the same in every format (web page, Markdown,
Word, PDF), because it is applied to the document model (domain/reports/document.py), not by each renderer.

- A no-break space (U+00A0) where a line must not break: between a number and the word it counts
  («4 позиції», «2026 року», «28 лютого»), inside a date («28 лютого 2026 року»), after «№», before «р.»,
  «грн», «тис.», «млн», «млрд», between «млн» and «грн».
- One apostrophe: the Ukrainian ʼ (U+02BC MODIFIER LETTER APOSTROPHE) for ', ’ and ` between letters.
  Why U+02BC and not ’ (U+2019): Unicode classes it as a letter (Lm), so «пʼять» stays one word for
  word-wrapping, double-click selection, spell checkers and search tokenisers (Pagefind splits words at
  U+2019 and at '), while U+2019 is punctuation — the closing single quote. It is the character the
  Ukrainian keyboard layouts of Windows (since 8.1) and macOS type, and fonts the site and the documents use
  (DejaVu, Liberation, Times New Roman, Arial) have it. Search folds every apostrophe to one anyway
  (lemmas.normalize), so what the reader types still finds it.
- Quotes: straight "…" become «…»; quotes inside quotes are „…“ («Закон „Про …“ …»).
- A list item keeps a capital where it starts a proper name (`keeps_capital`).
"""

from __future__ import annotations

import re
from functools import lru_cache

NBSP = "\u00a0"
APOSTROPHE = "\u02bc"

_LETTER = r"[^\W\d_]"
_APOSTROPHES = re.compile(rf"(?<={_LETTER})['’‘`\u02bc](?={_LETTER})")
_MONTHS = ("січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
           "січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень")
_RULES = (
    # "№ 180", "№180" → "№ 180" (no-break)
    (re.compile(r"№\s*(?=\S)"), "№" + NBSP),
    # a number and the word after it: "4 позиції", "2026 року", "28 лютого", "101,9 %", "1,2 млн"
    (re.compile(r"(?<=\d) +(?=[^\W\d_]|%)"), NBSP),
    # a month and its year: "лютого 2026"
    (re.compile(rf"\b({_MONTHS}) +(?=\d)", re.IGNORECASE), r"\1" + NBSP),
    # "млн грн", "тис. грн"
    (re.compile(r"\b(тис\.|млн|млрд) +(?=грн|гривень|гривні)"), r"\1" + NBSP),
)
_STRAIGHT = re.compile(r'"([^"\n]*)"')


@lru_cache(maxsize=1 << 16)
def typeset(text: str) -> str:
    """The text with Ukrainian typography (idempotent: typeset(typeset(t)) == typeset(t)). Kept for the texts
    met again: a report's appendix gives each item's title, kind and date, and an item is in its month's and
    its year's report; an item's kind and a day's date are in hundreds of them."""
    if not text:
        return text
    text = _APOSTROPHES.sub(APOSTROPHE, text)
    text = _STRAIGHT.sub(r"«\1»", text)
    text = nest_quotes(text)
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


_TAG = re.compile(r"(<[^>]*>)")
_RAW = frozenset({"code", "pre", "kbd", "samp", "script", "style", "textarea"})


def typeset_html(html: str) -> str:
    """`typeset` for the text of an HTML fragment (the report's narrative as Markdown made it): tags and
    their attributes are left as they are, and so is the text of code, pre, script and style."""
    parts = _TAG.split(html)
    raw = 0
    for i, part in enumerate(parts):
        if i % 2:  # a tag
            name = re.match(r"<\s*(/?)\s*([a-zA-Z0-9]+)", part)
            if name and name.group(2).lower() in _RAW and not part.endswith("/>"):
                raw = max(0, raw + (-1 if name.group(1) else 1))
        elif not raw and part:
            parts[i] = typeset(part)
    return nest_quotes("".join(parts)) if raw == 0 else "".join(parts)


def nest_quotes(text: str) -> str:
    """«…«…»…» → «…„…“…»: the outer pair stays «», every pair inside it becomes „“."""
    if "«" not in text:  # (most texts: nothing to walk)
        return text
    out, depth = [], 0
    for char in text:
        if char == "«":
            out.append("«" if depth == 0 else "„")
            depth += 1
        elif char == "»" and depth > 0:
            depth -= 1
            out.append("»" if depth == 0 else "“")
        else:
            out.append(char)
    return "".join(out)


# pymorphy3's tags for proper nouns: given names, surnames, patronymics (its Ukrainian dictionary has these),
# places, organisations, trademarks (in case a dictionary has them).
PROPER = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"})


@lru_cache(maxsize=1)
def _analyzer():
    from .lemmas import _analyzer as dictionary_only

    return dictionary_only()


@lru_cache(maxsize=4096)
def keeps_capital(word: str) -> bool:
    """Whether a list item that starts with `word` keeps its capital: an abbreviation or a name written
    with capitals inside («ЗМІ», «YouTube»), a word in Latin script (a brand: «Facebook»), a word the
    dictionary does not know (a local name: «Ясногірська»), or one whose likeliest dictionary reading is a
    personal name («Тарас», «Шевченко»; «Громадська» too — a surname first, and a body's name when it starts
    an item). A common word («Підготовлено», «Моніторинг») is lowered. The Ukrainian dictionary of pymorphy3
    tags people's names but not places: «Київ» reads as a common noun and is lowered."""
    word = word.strip("«„\"'()[]").rstrip(".,;:!?")
    if len(word) < 2 or not word[0].isupper():
        return False
    if any(c.isupper() for c in word[1:]):
        return True
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9.+-]*", word):
        return True
    if not re.fullmatch(rf"{_LETTER}+(?:[-{APOSTROPHE}'’]{_LETTER}+)*", word):
        return False
    readings = _analyzer().parse(word.lower().replace(APOSTROPHE, "'").replace("’", "'"))
    return not readings or bool(PROPER & readings[0].tag.grammemes)  # the dictionary's likeliest reading
