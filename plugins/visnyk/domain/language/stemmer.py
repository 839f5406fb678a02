"""A light Ukrainian stemmer for search: word forms of one noun or adjective share one stem.

Pagefind has no Ukrainian stemmer, so "столиці" would not find "столиця". Both what is indexed and
what a reader types go through `stem_token`; the same algorithm runs in the browser
(theme/static/js/search.js, kept identical by tests/test_search.py).

The algorithm follows the Ukrainian adaptation of M. Porter's Russian Snowball stemmer — "ukstemmer"
by Algenon (Drupal project ukstemmer, after D. Koterov's PHP version; ported to Python by K. Zakharov
as ukr_stemmer): endings are stripped only after the first vowel (the "RV" region), gerund endings
first, otherwise a reflexive ending and then an adjectival, verbal or nominal one, the longest that
fits. It is *light*: only inflections go, never derivational suffixes. Departures from ukstemmer, all
to make the forms of one word agree more often:
- the ending lists hold Ukrainian endings only (no Russian "ы", "ей", "ия"…) and past-tense verb
  endings are left alone ("школи" must not lose "ли");
- a stem keeps at least three letters ("Київ" stays "київ", not "ки");
- the abstract-noun suffix "-ість" and its "-ост-" forms meet: "діяльність", "діяльності" → "діяльност";
- a final double "нн" is simplified: "рішення", "рішень" → "рішен";
- apostrophes are dropped ("об'єкт" = "об’єкт" = "обєкт"), as Pagefind itself does.

Words without a Ukrainian vowel (numbers, Latin words, abbreviations) are only lower-cased; words of
one or two letters are not searched at all (see `stem_token`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

VOWELS = frozenset("аеиоуюяіїє")
APOSTROPHES = "'’ʼ"
MIN_STEM = 3
SKIP = "—"  # stands for a short word in the index and is left out of a query
# One run of Ukrainian letters after lower-casing and dropping apostrophes (search.js: WORD).
WORD = re.compile("[а-яіїєґ]+")

REFLEXIVE = ("ся", "сь")
# Inflectional endings of nouns, adjectives, participles, gerunds and present-tense verbs, tried
# longest first. Left out, because they are as often the end of a stem and an over-long cut in the
# index loses matches that a shorter one keeps (Pagefind matches a query stem as a word's prefix, so
# "новина" → "новин" still finds an indexed "новинам"): past-tense "-ла", "-ли" and infinitive "-ти"
# ("школи", "депутати"), "-ами", "-ям(и)"/"-ам" ("програми", "програм"), "-ові" ("голові", "мові"),
# "-ем" ("проблем", "систем").
ENDINGS = tuple(sorted({
    # gerunds
    "ючись", "учись", "ячись", "ачись", "вшись", "ючи", "учи", "ячи", "ачи", "вши",
    # adjectives and participles
    "ього", "ьому", "ого", "ому", "ими", "іми", "ьою", "ьої", "ою", "ої", "ий", "ій", "їй", "их", "іх",
    "им", "ім",
    # nouns
    "ьми", "ом", "ям", "ах", "ях", "ів", "їв", "ею", "єю", "а", "я", "о", "е", "є", "у", "ю", "і", "ї", "и", "ь", "й",
    # present-tense verbs
    "ють", "уть", "ать", "ять", "ить", "їть", "емо", "ємо", "имо", "їмо", "ете", "єте", "ите", "їте",
    "еш", "єш", "иш", "їш",
}, key=lambda e: (-len(e), e)))  # fmt: skip
# The "-ість" nouns: "-ість"/"-істю" and every "-ост-" form end in the same stem.
ABSTRACT = ("остями", "остям", "остях", "остей", "ості", "осте", "ість", "істю")


def _strip(word: str, region: int, endings: tuple[str, ...]) -> str | None:
    """`word` without the longest ending that lies inside the region and leaves a long enough stem."""
    for ending in endings:
        cut = len(word) - len(ending)
        if cut >= region and cut >= MIN_STEM and word.endswith(ending):
            return word[:cut]
    return None


def stem_word(word: str) -> str:
    """The stem of one word of Ukrainian letters (already lower-case, no apostrophes)."""
    first_vowel = next((i for i, ch in enumerate(word) if ch in VOWELS), None)
    if first_vowel is None:
        return word
    region = first_vowel + 1
    for ending in ABSTRACT:
        cut = len(word) - len(ending)
        if cut >= region and word.endswith(ending):
            return word[:cut] + "ост"
    stem = _strip(word, region, REFLEXIVE) or word
    stem = _strip(stem, region, ENDINGS) or stem
    if stem.endswith("нн"):
        stem = stem[:-1]
    return stem


def normalize(token: str) -> str:
    """Lower-case, without apostrophes: how a token is compared (Pagefind drops apostrophes too)."""
    lowered = token.lower()
    for mark in APOSTROPHES:
        lowered = lowered.replace(mark, "")
    return lowered


def short_word(token: str) -> bool:
    """One or two letters, no digit, not an acronym ("в", "на,", but not "ЄС", "№5")."""
    letters = uppers = 0
    for ch in token:
        if "0" <= ch <= "9":
            return False
        if ch.isalpha():
            letters += 1
            uppers += ch.isupper()
    return 0 < letters <= 2 and uppers < 2


def stem_token(token: str, lemmas: Mapping[str, str] | None = None) -> str:
    """A whitespace-free token with each run of Ukrainian letters stemmed: "«Столиці»," → "«столиц»,".
    With the query's form → lemma table (lemmas.py), a listed form is replaced by its lemma's stem.

    A short word becomes SKIP, a token without letters that Pagefind counts but does not index: when
    Pagefind finds no word a query term starts with, it falls back to indexed words the term starts
    with, so an indexed "в" would make "водогону" find every page with "в" in it.
    """
    if short_word(token):
        return SKIP
    if lemmas:
        return WORD.sub(lambda m: stem_word(lemmas.get(m.group(), m.group())), normalize(token))
    return WORD.sub(lambda m: stem_word(m.group()), normalize(token))


class Stemmer:
    """Stems whole texts token by token, remembering each distinct token (a site repeats its words)."""

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def token(self, token: str) -> str:
        stemmed = self._seen.get(token)
        if stemmed is None:
            stemmed = self._seen[token] = stem_token(token)
        return stemmed

    def tokens(self, tokens: list[str]) -> list[str]:
        """One stemmed token per token, in order: positions in the result are positions in the input."""
        seen = self._seen
        return [seen.get(t) or self.token(t) for t in tokens]


def stem_query(text: str, lemmas: Mapping[str, str] | None = None) -> str:
    """What search.js sends to Pagefind for a query: its stems (its lemmas' stems for the forms in
    `lemmas`), short words left out."""
    return " ".join(t for t in (stem_token(token, lemmas) for token in text.split()) if t != SKIP)
