"""Lemmas for search: the forms of a word whose root changes ("року" → "рік", "Києва" → "Київ") meet.

The light stemmer (stemmer.py) joins the forms of a word that differ only in their endings; it cannot join
"року" and "рік", "ночі" and "ніч", "дітей" and "діти". pymorphy3 with its Ukrainian dictionary
(pymorphy3-dicts-uk, from the VESUM dictionary of LanguageTool) knows every form of ~300,000 Ukrainian words.
At build time:

- index side (`Lemmatizer.stems`): each word of a page is indexed with its stem *and* the stems of its
  possible lemmas (every dictionary reading: "року" is a form of "рік" and of "рок"), unless its own stem
  already starts with them (Pagefind matches a query term as the prefix of an indexed word);
- query side (`query_map`): for every lemma on the site, each of its forms whose stem differs from the
  lemma's stem is written into a small form → lemma table (pagefind/lemmas.txt), which the search page
  uses to send the lemma's stem instead of the form's. An ambiguous form gets the reading the site uses
  most ("року": "рік", far more common on a council site than "рок"), ties broken away from personal
  names ("Львова" is "Львів" before the surname "Львов") and then alphabetically, so the table is the
  same on every build.

Only dictionary readings count: an unknown word (a name, a number, a Latin word) is left to the stemmer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from .stemmer import SKIP, WORD, normalize, stem_word

# A lemma with one of these grammemes is a person's name: the last choice for an ambiguous form.
_PERSONAL = frozenset({"Name", "Surn", "Patr"})
# Nouns only: their roots change ("рік"/"року", "ніч"/"ночі", "Київ"/"Києва"); adjectives keep theirs and the
# stemmer joins them, and verbs (past "провели" against "провести") would double the index for little gain.
PARTS = frozenset({"NOUN"})
SEPARATOR = " "  # between a lemma and its forms on a line of the query table


def _analyzer():
    import pymorphy3
    from pymorphy3 import units

    # The dictionary alone: guesses for unknown words would only add noise (and take 5 times longer).
    return pymorphy3.MorphAnalyzer(lang="uk", units=[units.DictionaryAnalyzer()])


class Lemmatizer:
    """Lemmas of Ukrainian words (lower-case, no apostrophes), each word looked up once."""

    def __init__(self) -> None:
        self._morph = _analyzer()
        self._readings: dict[str, tuple[tuple[str, bool], ...]] = {}
        self._stems: dict[str, tuple[str, ...]] = {}
        self._tokens: dict[str, tuple[str, ...]] = {}
        self._seen: Counter[str] = Counter()  # how often each whitespace token was indexed

    def readings(self, word: str) -> tuple[tuple[str, bool], ...]:
        """(lemma, is a personal name) for each dictionary reading of `word`, in the dictionary's order."""
        found = self._readings.get(word)
        if found is None:
            seen: dict[str, bool] = {}
            for parse in self._morph.parse(word):
                lemma = normalize(parse.normal_form)
                if parse.tag.POS in PARTS and WORD.fullmatch(lemma):
                    personal = bool(_PERSONAL & parse.tag.grammemes)
                    seen[lemma] = seen.get(lemma, True) and personal
            found = self._readings[word] = tuple(seen.items())
        return found

    def stems(self, word: str) -> tuple[str, ...]:
        """The stems a word is indexed with after its own: its lemmas' stems it does not start with."""
        found = self._stems.get(word)
        if found is None:
            own = stem_word(word)
            extra = sorted({stem_word(lemma) for lemma, _ in self.readings(word)})
            found = self._stems[word] = tuple(s for s in extra if not own.startswith(s))
        return found

    def token(self, token: str) -> tuple[str, ...]:
        """The extra stems of a whitespace token (its runs of letters), counting the token as indexed."""
        self._seen[token] += 1
        found = self._tokens.get(token)
        if found is None:
            runs = WORD.findall(normalize(token))
            found = self._tokens[token] = tuple(dict.fromkeys(s for run in runs for s in self.stems(run)))
        return found

    @property
    def counts(self) -> Counter[str]:
        """How often each word (a run of letters, lower-case) occurs in what was indexed."""
        words: Counter[str] = Counter()
        for token, count in self._seen.items():
            for word in WORD.findall(normalize(token)):
                words[word] += count
        return words

    def usage(self, counts: Counter[str]) -> Counter[str]:
        """How many indexed words (`counts`) each lemma could stand for."""
        used: Counter[str] = Counter()
        for word, count in counts.items():
            for lemma, _ in self.readings(word):
                used[lemma] += count
        return used

    def choose(self, word: str, used: Counter[str]) -> str | None:
        """The reading of `word` a reader most likely means (see the module's docstring)."""
        options = self.readings(word)
        if not options:
            return None
        return min(options, key=lambda o: (-used[o[0]], o[1], o[0]))[0]

    def forms(self, lemma: str) -> set[str]:
        """Every dictionary form of every word with this lemma (lower-case, no apostrophes)."""
        found = set()
        for parse in self._morph.parse(lemma):
            if parse.tag.POS not in PARTS or normalize(parse.normal_form) != lemma:
                continue
            for form in parse.lexeme:
                word = normalize(form.word)
                if WORD.fullmatch(word):
                    found.add(word)
        return found


def query_map(lemmatizer: Lemmatizer) -> dict[str, str]:
    """form → lemma for the forms of the site's lemmas that a reader's stem alone would not find.

    A form is listed when neither its stem nor its lemma's stem starts with the other: the root changed. (When
    the lemma's stem starts with the form's, the form's stem finds it as a prefix; when the form's stem starts
    with the lemma's — "авансам", "аванс" — the stemmer left an ending on purpose and Pagefind falls back to the
    shorter indexed word when no longer one matches.)"""
    counts = lemmatizer.counts
    used = lemmatizer.usage(counts)
    lemmas = {lemmatizer.choose(word, used) for word in counts}
    table: dict[str, str] = {}
    for lemma in sorted(lemma for lemma in lemmas if lemma):
        base = stem_word(lemma)
        for form in sorted(lemmatizer.forms(lemma)):
            own = stem_word(form)
            if form in table or base.startswith(own) or own.startswith(base):
                continue  # the stemmer joins it with this lemma (the usual case: no second look-up)
            chosen = lemmatizer.choose(form, used)
            target = stem_word(chosen) if chosen else own
            if not target.startswith(own) and not own.startswith(target):
                table[form] = chosen
    return table


def write_map(table: dict[str, str]) -> str:
    """The table as text, one lemma a line followed by its forms: "рік року році років"."""
    by_lemma: dict[str, list[str]] = {}
    for form, lemma in table.items():
        by_lemma.setdefault(lemma, []).append(form)
    return "".join(SEPARATOR.join([lemma, *sorted(forms)]) + "\n" for lemma, forms in sorted(by_lemma.items()))


def read_map(text: str) -> dict[str, str]:
    """The table back from its text (what search.js does in the browser)."""
    table = {}
    for line in text.splitlines():
        lemma, *forms = line.split(SEPARATOR)
        for form in forms:
            table[form] = lemma
    return table


def tokens_with_lemmas(words: Iterable[str], stemmed: Iterable[str], lemmatizer: Lemmatizer) -> list[str]:
    """Each stemmed token followed by its lemmas' stems, joined by "_" into one token: Pagefind indexes the
    parts of a token joined by punctuation at the token's own position, so positions stay aligned."""
    out = []
    for word, token in zip(words, stemmed):
        if token == SKIP:
            out.append(token)
            continue
        extra = lemmatizer.token(word)
        out.append("_".join((token, *extra)) if extra else token)
    return out
