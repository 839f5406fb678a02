"""Where a table's columns go on the page: widths computed from the text area, for any number of columns.

A report's table (the annual month-by-month counts; any table a report kind brings) must fit between the
margins in Word and in the PDF LibreOffice makes of it, whatever its columns. Widths fixed by hand did not
(195 mm of columns in a 170 mm text area once a «Звіти» column was added), so they are computed here:

- every text is measured with the advance widths of Times New Roman (the table below is Liberation Serif's,
  which is metric-compatible with it and is what LibreOffice substitutes for it), so the result does not
  depend on the fonts of the machine that builds;
- a column is never narrower than its longest word (until hyphenation, below) and gets what
  its whole text needs when there is room; the table always spans the text area exactly;
- when the columns do not fit, the font shrinks half a point at a time from 11 pt down to 9 pt;
- when they do not fit at 9 pt, the header's words too wide for their cells are hyphenated at syllables
  (soft hyphens: Word and LibreOffice break there only when they must) — a smaller font before a broken
  word, and never a month, a department's name or a number;
- when they do not fit even so, the table is set in parts, each with the first (key) column and as
  many of the others as fit, in order — so the last column («Усього») stays last. A single word wider
  than the whole text area (it cannot be, in our tables) is the only case a cell's text is broken.

The widths are twips (1/20 pt), each cell's whole width: its text, the cell margins and the border.
Regenerate the metrics with Pillow: `ImageFont.truetype("LiberationSerif-Bold.ttf", 2048).getlength(ch)`,
×1000/2048, rounded up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

LARGEST = 22  # half-points: 11 pt, the size of the table's text
SMALLEST = 18  # 9 pt: the least a printed table stays readable at
SLACK = 1.04  # measured text × this + a point: room for a renderer's rounding and hinting
FALLBACK = 1000  # a character not in the table counts as a full em (wider than any letter we have)

_CHARS = ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюяЄІЇҐєіїґЁё\xa0ʼ’«»„“”–—№…·'
_REGULAR = (
    250, 334, 409, 500, 500, 834, 778, 181, 334, 334, 500, 564, 250, 334, 250, 278, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 723, 667, 667, 723, 611, 557, 723, 723, 334,
    390, 723, 611, 890, 723, 723, 557, 723, 667, 557, 611, 723, 723, 944, 723, 723, 611, 334, 278, 334, 470,
    500, 334, 444, 500, 444, 500, 444, 334, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 334, 390,
    278, 500, 500, 723, 500, 500, 444, 480, 201, 480, 542, 723, 575, 667, 579, 683, 611, 896, 501, 723, 723,
    667, 679, 890, 723, 723, 723, 557, 667, 611, 709, 791, 723, 723, 650, 1009, 1009, 707, 873, 575, 661, 1028,
    667, 444, 509, 473, 411, 509, 444, 691, 396, 536, 536, 486, 500, 633, 536, 500, 536, 500, 444, 438, 500,
    648, 500, 536, 503, 771, 771, 518, 672, 457, 430, 748, 460, 661, 334, 334, 451, 430, 278, 278, 352, 611,
    444, 250, 334, 334, 500, 500, 444, 444, 444, 500, 1000, 955, 1000, 334,
)
_BOLD = (
    250, 334, 556, 500, 500, 1000, 834, 278, 334, 334, 500, 570, 250, 334, 250, 278, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 500, 334, 334, 570, 570, 570, 500, 931, 723, 667, 723, 723, 667, 611, 778, 778, 390,
    500, 778, 667, 944, 723, 778, 611, 778, 723, 557, 667, 723, 723, 1000, 723, 723, 667, 334, 278, 334, 582,
    500, 334, 500, 557, 444, 557, 444, 334, 500, 557, 278, 334, 557, 278, 834, 557, 500, 557, 557, 444, 390,
    334, 557, 500, 723, 500, 500, 444, 395, 221, 395, 521, 723, 662, 667, 637, 688, 667, 989, 528, 778, 778,
    726, 746, 944, 778, 778, 778, 611, 723, 667, 734, 859, 723, 778, 734, 1099, 1099, 766, 982, 662, 679, 1126,
    723, 500, 500, 541, 455, 506, 444, 726, 402, 577, 577, 577, 562, 682, 577, 500, 577, 557, 444, 492, 500,
    692, 500, 577, 564, 845, 845, 584, 781, 529, 433, 765, 542, 679, 390, 390, 521, 433, 278, 278, 390, 667,
    444, 250, 334, 334, 500, 500, 500, 500, 500, 500, 1000, 1005, 1000, 334,
)

_WIDTHS = {False: dict(zip(_CHARS, _REGULAR)), True: dict(zip(_CHARS, _BOLD))}


def text_width(text: str, size: int, bold: bool = False) -> int:
    """Twips the text takes set in one line at `size` half-points."""
    widths = _WIDTHS[bold]
    units = sum(widths.get(ch, FALLBACK) for ch in text)
    return math.ceil(units * size / 100)  # units/1000 em × size/2 pt × 20 twips/pt


def needed(text: str, size: int, bold: bool, whole: bool, hyphenate: bool = False) -> int:
    """Twips the text needs: in one line (`whole`), or its longest word (it may wrap at spaces) — with
    `hyphenate`, its widest syllable with the hyphen a line would end in."""
    if whole:
        pieces = [text]
    elif hyphenate:
        pieces = [piece for word in text.split() for piece in _pieces(word)]
    else:
        pieces = text.split()
    return max((_measure(p, size, bold) for p in pieces), default=0)


def _measure(text: str, size: int, bold: bool) -> int:
    return math.ceil(text_width(text, size, bold) * SLACK) + 20


def _pieces(word: str) -> list[str]:
    """What a line may hold of a hyphenated word: each syllable but the last with its hyphen."""
    parts = syllables(word)
    return [part + "-" for part in parts[:-1]] + parts[-1:]


SOFT_HYPHEN = "\u00ad"
_VOWELS = frozenset("аеєиіїоуюяАЕЄИІЇОУЮЯ")
_LETTERS = frozenset("абвгґдеєжзиіїйклмнопрстуфхцчшщьюяʼ’'") | frozenset("АБВГҐДЕЄЖЗИІЇЙКЛМНОПРСТУФХЦЧШЩЬЮЯ")
_NOT_FIRST = frozenset("ьйʼ’'ЬЙ")  # never begins a line: the soft sign, й after its vowel, an apostrophe


def syllables(word: str) -> list[str]:
    """A Ukrainian word cut where a line may end in a hyphen: «Розпорядження» → Роз, по, ря, джен, ня.

    One cut between each two vowels (so every piece has its vowel), by the rules of Український правопис
    (2019, § 21): a lone consonant goes to the next line (по-ря), of two or more the last does (роз-по,
    джен-ня) unless й ends the syllable (най-кра); never one letter alone at either end; ь, й or an
    apostrophe never begin a line; дж and дз stay together. A word with anything but Ukrainian letters
    (digits, Latin, a hyphen) is not cut."""
    if len(word) < 4 or any(ch not in _LETTERS for ch in word):
        return [word]
    vowels = [i for i, ch in enumerate(word) if ch in _VOWELS]
    cuts = []
    for i, j in zip(vowels, vowels[1:]):
        after_short_i = [k + 1 for k in range(i + 1, j - 1) if word[k] in "йЙ"]  # най-кра: й ends its syllable
        for cut in [*after_short_i, *range(j - 1, i, -1)]:  # else before the last consonant first, then earlier
            left, right = word[cut - 1], word[cut]
            if (cut >= 2 and len(word) - cut >= 2 and right not in _NOT_FIRST and left not in "ʼ’'"
                    and not (left in "дД" and right in "жзЖЗ")):
                cuts.append(cut)
                break
    return [word[a:b] for a, b in zip([0, *cuts], [*cuts, len(word)])]


def hyphenated(text: str, room: int, size: int, bold: bool) -> str:
    """The text with soft hyphens in the words too wide for `room` twips (only those: a word that fits
    is moved to the next line whole, never broken)."""
    return " ".join(SOFT_HYPHEN.join(syllables(word)) if _measure(word, size, bold) > room else word
                    for word in text.split(" "))


@dataclass(frozen=True)
class Part:
    """One table on the page: `columns` are indices into the table's columns (0, the key, first)."""

    columns: tuple[int, ...]
    widths: tuple[int, ...]  # twips; sum(widths) is the text area's width
    size: int  # half-points, every cell
    hyphenate: bool = False  # the header's words too wide for their cells get soft hyphens (`hyphenated`)


@dataclass(frozen=True)
class Cells:
    """A table's text by column: (text, bold) for every row of every column, the header row first."""

    columns: tuple[tuple[tuple[str, bool], ...], ...]

    @classmethod
    def of(cls, header, rows, total) -> Cells:
        lines = [[(t, True) for t in header], *[[(t, False) for t in row] for row in rows], [(t, True) for t in total]]
        return cls(tuple(tuple(line[c] for line in lines if c < len(line)) for c in range(len(header))))

    def least(self, column: int, size: int, padding: int, hyphenate: bool = False) -> int:
        """Only the header row is ever hyphenated: a month, a department or a number stays whole."""
        texts = enumerate(self.columns[column])
        return padding + max(needed(t, size, b, False, hyphenate and r == 0) for r, (t, b) in texts)

    def most(self, column: int, size: int, padding: int) -> int:
        return padding + max(needed(t, size, b, True) for t, b in self.columns[column])


def fit(cells: Cells, available: int, padding: int) -> tuple[Part, ...]:
    """The table's parts (usually one) with their column widths and font size; see the module's text."""
    count = len(cells.columns)
    if count == 0:
        return ()
    everything = tuple(range(count))
    for hyphenate, sizes in ((False, range(LARGEST, SMALLEST - 1, -1)), (True, (SMALLEST,))):
        for size in sizes:
            if sum(cells.least(c, size, padding, hyphenate) for c in everything) <= available:
                return (Part(everything, _widths(cells, everything, size, available, padding, hyphenate), size,
                             hyphenate),)
    groups: list[list[int]] = []
    key = cells.least(0, SMALLEST, padding) if count > 1 else 0
    for c in everything[1:] or everything:
        need = cells.least(c, SMALLEST, padding)
        if groups and key + sum(cells.least(g, SMALLEST, padding) for g in groups[-1]) + need <= available:
            groups[-1].append(c)
        else:
            groups.append([c])
    parts = [tuple(dict.fromkeys((0, *group))) for group in groups]
    size = max((s for s in range(SMALLEST, LARGEST + 1)
                if all(sum(cells.least(c, s, padding) for c in part) <= available for part in parts)),
               default=SMALLEST)
    return tuple(Part(part, _widths(cells, part, size, available, padding), size) for part in parts)


def _widths(cells: Cells, columns: tuple[int, ...], size: int, available: int, padding: int,
            hyphenate: bool = False) -> tuple[int, ...]:
    least = [cells.least(c, size, padding, hyphenate) for c in columns]
    most = [cells.most(c, size, padding) for c in columns]
    room, wanted = available - sum(least), sum(most) - sum(least)
    if room < 0:  # one word wider than the page: shrink every column alike; the office suite breaks it
        widths = [w * available // sum(least) for w in least]
    elif wanted >= room and wanted > 0:  # not every text on one line: room where it is wanted
        widths = [l + room * (m - l) // wanted for m, l in zip(most, least)]
    else:  # every text on one line; the rest evens out the value columns (the key keeps its width)
        widths = most[:1] + _level(most[1:], available - most[0]) if len(most) > 1 else [available]
    widths[0] += available - sum(widths)
    return tuple(widths)


def _level(values: list[int], total: int) -> list[int]:
    """Values raised to a common level (those above it kept) so that they add up to about `total`."""
    pool, free = list(values), total
    while True:
        level = free // len(pool)
        above = [v for v in pool if v > level]
        if not above or len(above) == len(pool):
            break
        for v in above:
            pool.remove(v)
            free -= v
    return [max(v, level) for v in values]
