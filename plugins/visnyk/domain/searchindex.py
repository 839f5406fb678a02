"""What the site's search index holds for each page: stemmed words to match, readable words to show.

Pagefind indexes a record's `content` and reports where a query matched as word positions in it.
The content here is the page's text with every word stemmed (see stemmer.py), so "столиці" and
"столиця" meet; the readable text travels beside it in `meta["text"]`, token for token, so the
search page (theme/static/js/search.js) shows the reader's own words around those positions, not
stems. Tokens are separated by single spaces on both sides, so position N is the same word in both.
The title's stems follow the body's, so a title match counts without shifting the body's positions.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from .stemmer import Stemmer

# Markdown's inline elements join words; every other tag separates them ("</p><p>", "<br>", "<td>").
_INLINE = "a|abbr|b|bdi|bdo|cite|code|data|del|dfn|em|i|ins|kbd|mark|q|s|samp|small|span|strong|sub|sup|time|u|var"
_DROPPED = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_INLINE_TAG = re.compile(rf"</?(?:{_INLINE})\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
# Characters that would split a token in the browser or in Pagefind but not in Python, or hide in one.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def plain_text(markup: str) -> str:
    """The words of an HTML fragment, single-spaced: tags gone, entities decoded."""
    text = _TAG.sub(" ", _INLINE_TAG.sub("", _DROPPED.sub(" ", markup)))
    return " ".join(html.unescape(text).translate(_INVISIBLE).split())


@dataclass(frozen=True)
class SearchRecord:
    """One page in the index. `url` is relative to the site's root ("news/2024/skver/")."""

    url: str
    language: str
    content: str
    meta: dict[str, str]


def record(url: str, title: str, body_html: str, language: str, stemmer: Stemmer, **meta: str) -> SearchRecord:
    """The record of one page; extra `meta` (kind, date…) is shown with the result as given."""
    words = plain_text(body_html).split()
    title_words = " ".join(title.split()).translate(_INVISIBLE).split()
    content = " ".join(stemmer.tokens(words + title_words))
    return SearchRecord(url, language, content, {"title": title, **meta, "text": " ".join(words)})
