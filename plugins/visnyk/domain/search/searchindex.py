"""What the site's search index holds for each page: stemmed words to match, readable words to show.

Pagefind indexes a record's `content` and reports where a query matched as word positions in it.
The content here is the page's text with every word stemmed (see stemmer.py), so "столиці" and
"столиця" meet. The readable lead of the text travels beside it in `meta["text"]`, token for token
(single spaces on both sides, so position N is the same word in both): the search page
(theme/static/js/search.js) shows the reader's own words around a match in the lead, and the lead
itself when the match lies further on. The title's stems follow the body's, so a title match counts
without shifting the body's positions.

Only the lead is kept readable because Pagefind 1.5 also indexes every meta value for search: the
whole text there would double the indexing time and memory (measured: 6.2 s and 640 MB per 1,000
items of 500 words instead of 3.5 s and 340 MB).
Pagefind's indexer reads each record from a small stand-in page (`page`); its Python API would do
the same with custom records, but answers one record per 0.1 s (a polling loop), 30 min at 20,000.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..language.lemmas import Lemmatizer, tokens_with_lemmas
from ..language.stemmer import Stemmer

# Markdown's inline elements join words; every other tag separates them ("</p><p>", "<br>", "<td>").
_INLINE = "a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var"
_DROPPED = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE})\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
LEAD_WORDS = 60  # readable words kept for excerpts; "…" follows when the text goes on
# Characters that would split a token in the browser or in Pagefind but not in Python, or hide in one.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def plain_text(markup: str) -> str:
    """The words of an HTML fragment, single-spaced: tags gone, entities decoded."""
    text = _TAG.sub(" ", _INLINE_TAG.sub("", _DROPPED.sub(" ", markup)))
    return " ".join(_INVISIBLE.sub("", html.unescape(text)).split())


@dataclass(frozen=True)
class SearchRecord:
    """One page in the index. `url` is relative to the site's root ("news/2024/skver/")."""

    url: str
    language: str
    content: str
    meta: dict[str, str]


def record(url: str, title: str, body_html: str, language: str, stemmer: Stemmer,
           lemmatizer: Lemmatizer | None = None, unseen: tuple[str, ...] = (), **meta: str) -> SearchRecord:
    """The record of one page; extra `meta` (kind, date…) is shown with the result as given. With a
    lemmatizer, a token whose lemmas have other stems carries them too ("року" → "рок_рік", lemmas.py).
    `unseen` words are indexed after the title and never shown: a deputy's name in the forms the stemmer
    keeps apart (language/names.py)."""
    words = plain_text(body_html).split()
    title_words = _INVISIBLE.sub("", title).split() + list(unseen)
    tokens = stemmer.tokens(words + title_words)
    if lemmatizer is not None:
        tokens = tokens_with_lemmas(words + title_words, tokens, lemmatizer)
    content = " ".join(tokens)
    lead = words[:LEAD_WORDS] + (["…"] if len(words) > LEAD_WORDS else [])
    return SearchRecord(url, language, content, {"title": title, **meta, "text": " ".join(lead)})


SHARD_SIZE = 2000  # records per Pagefind run: its memory grows with the words it holds (~0.3 GB here)


def shards(records: list[SearchRecord], size: int = SHARD_SIZE) -> list[list[SearchRecord]]:
    """Records in consecutive groups of at most `size`, each indexed by its own Pagefind run and merged
    by the search page, so indexing memory stays bounded however large the archive grows."""
    return [records[i : i + size] for i in range(0, len(records), size)] or [[]]


def shard_folder(index: int) -> str:
    """Where shard `index` lives under the index folder: the first at its root, the others beside."""
    return "" if index == 0 else f"shard-{index}/"


def page_path(r: SearchRecord) -> str:
    """Where the record's stand-in page goes so that Pagefind gives it the record's URL."""
    path = r.url.strip("/")
    return path if path.endswith(".html") else f"{path}/index.html" if path else "index.html"


def page(r: SearchRecord) -> str:
    """A stand-in HTML page for Pagefind's indexer: the stemmed words as the only indexed text and
    the meta values in attributes, read exactly (`key[attribute]`, so commas in values are safe)."""
    keys = sorted(r.meta)
    values = " ".join(f'data-{key}="{html.escape(r.meta[key])}"' for key in keys)
    wanted = ", ".join(f"{key}[data-{key}]" for key in keys)
    return (
        f'<!DOCTYPE html><html lang="{html.escape(r.language)}"><head><meta charset="utf-8"><title>-</title></head>'
        f'<body><main data-pagefind-body><span data-pagefind-meta="{wanted}" {values}></span>'
        f"<p>{html.escape(r.content, quote=False)}</p></main></body></html>\n"
    )
