"""Digests of what a page is rendered from, so that a warm rebuild can keep the pages whose inputs
are unchanged (adapters/rebuild/incremental.py).

A page's output is a function of its template and of the values the template reads. `Fingerprints`
turns such a value into a digest that changes whenever anything the template could read from it
changes:

- plain data (strings, numbers, dates, lists, dicts, dataclasses, objects with a `__dict__`) by
  every field, in iteration order (the order a template would loop in); functions and classes by
  their importable name (their code is in the cache's salt);
- Pelican content objects by their own state — every attribute, with `content` and `summary`
  resolved against the site as the page would see them — and, up to `HOPS` links away, the own state
  of the content objects they point to (neighbours, translations, and theirs): a template may read
  `article.previous_in_type.translations[0].title`, not one link further;
- a paginator by its name, URL, page size and the list of its items (which, in what order); each
  page of it carries its own items in full;
- tags, categories and authors by their name and slug;
- the `settings` attribute of content objects and paginator pages by a fixed token (they are in the salt;
  content objects from Pelican's cache carry their own copy); a content object's `_context` is
  skipped: a template reads the context only through the names it uses, digested one by one.

A value is digested as its pickle (protocol 5, without pickle's memo, so that the bytes depend on
the values and not on which objects happen to be shared). The replacements above are a dispatch
table by exact type, so Python is called only for those objects and the bulk is pickled in C.
A set is pickled in its iteration order, which for strings changes from one process to the next: a
page that reads one is rendered again (never kept wrongly). What cannot be pickled (a lambda, a
lock, an open file…) raises `Uncacheable`, and that page is rendered as in a cold build.

A digest only decides whether a page is rendered; a value it missed would leave a page stale, which
is why tests/test_incremental.py builds warm and cold and compares them byte for byte.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import pickle

from pelican.contents import Content
from pelican.paginator import Page as PaginatorPage
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper

from ..content import views

HOPS = 2
PLAIN = frozenset((str, int, float, bool, type(None), bytes))
SKIPPED = ("_context", "_content", "settings")  # of a content object's attributes


class Uncacheable(Exception):
    """A value whose state cannot be digested: the page that reads it is always rendered."""


def digest(parts: list[str]) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def plain(value) -> str:
    """A str, number, bytes, bool or None as text that tells its type and its end."""
    if type(value) is str:
        return f"str{len(value)}:{value}"
    return type(value).__name__ + repr(value)


def qualified(kind) -> str:
    return f"{getattr(kind, '__module__', '?')}.{getattr(kind, '__qualname__', getattr(kind, '__name__', '?'))}"


def token(content: Content) -> str:
    return f"{qualified(type(content))}:{content.source_path}:{getattr(content, 'lang', '')}"


def named(text: str) -> str:
    """What a replaced object is pickled as: a call of this function with its digest or token."""
    return text


def subclasses(root: type) -> list[type]:
    found, pending = [], [root]
    while pending:
        kind = pending.pop()
        found.append(kind)
        pending.extend(kind.__subclasses__())
    return found


def _without_settings(obj):
    """A paginator's page by its state; the settings are salted."""
    return named, (qualified(type(obj)), {k: "SETTINGS" if k == "settings" else v for k, v in vars(obj).items()})


URL_WRAPPER_STATE = ("settings", "_name", "_slug", "_slug_from_name")


def _url_wrapper(obj):
    """A tag, category or author by its name and slug (the slug is worked out on first use: by
    value, not by whether it has been) and anything else set on it; the settings are salted."""
    extra = {k: v for k, v in vars(obj).items() if k not in URL_WRAPPER_STATE}
    return named, (qualified(type(obj)), obj.name, obj.slug, extra)


class _Sink:
    """A file for the pickler that feeds the hash and keeps nothing."""

    __slots__ = ("write",)

    def __init__(self, hasher):
        self.write = hasher.update


def _datetime(obj: dt.datetime):
    """A date and time by its ISO text, fold and zone: pickling its ZoneInfo is slow."""
    return named, (obj.isoformat(), obj.fold, repr(obj.tzinfo))


class _Pickler(pickle.Pickler):
    def __init__(self, hasher, table: dict):
        super().__init__(_Sink(hasher), protocol=5)
        self.fast = True  # no memo: equal values give equal bytes, shared or not
        self.dispatch_table = table


class Fingerprints:
    """One build's digests; values are assumed not to change while the pages are written."""

    def __init__(self, hops: int = HOPS):
        self._hops = hops
        contents = subclasses(Content)  # the content classes there are when the build starts
        common = {**dict.fromkeys(subclasses(URLWrapper), _url_wrapper), PaginatorPage: _without_settings,
                  Paginator: lambda obj: (named, ("P" + self.paginator(obj),)), dt.datetime: _datetime}
        # The pickler's dispatch tables: a value read at `hop` links from the page, and an own state
        # (content objects become tokens collected in the list on top of self._collecting).
        self._tables = [
            {**common, **dict.fromkeys(contents, lambda obj, hop=hop: (named, ("c" + self.linked(obj, hop),)))}
            for hop in range(hops + 1)
        ]
        self._own_table = {**common, **dict.fromkeys(contents, self._collect)}
        self._collecting: list[list] = []
        self._own: dict[int, tuple[str, list]] = {}
        self._linked: dict[tuple[int, int], str] = {}
        self._values: dict[tuple[int, int], str] = {}
        self._alive: list = []  # memoised objects stay alive, so their id() is not reused

    def value(self, obj, hop: int = 0, links: list | None = None) -> str:
        """obj's digest; with `links`, content objects in it become tokens and are collected there."""
        kind = type(obj)
        if kind in PLAIN:
            return digest([plain(obj)])
        if links is None and isinstance(obj, Content):
            return self.linked(obj, hop)
        memo = links is None and kind is not PaginatorPage  # a paginator's page is read by one page only
        if memo:
            found = self._values.get((id(obj), hop))
            if found is not None:
                return found
        hasher = hashlib.blake2b(digest_size=20)
        if links is not None:
            self._collecting.append(links)
        try:
            _Pickler(hasher, self._own_table if links is not None else self._tables[min(hop, self._hops)]).dump(obj)
        except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as why:
            raise Uncacheable(f"{qualified(kind)} ({why})") from None
        finally:
            if links is not None:
                self._collecting.pop()
        found = hasher.hexdigest()
        if memo:
            self._values[(id(obj), hop)] = found
            self._alive.append(obj)
        return found

    def _collect(self, content: Content):
        self._collecting[-1].append(content)
        return named, ("C" + token(content),)

    def paginator(self, paginator: Paginator) -> str:
        key = (id(paginator), -1)
        found = self._values.get(key)
        if found is None:
            # As an own state: its items become their tokens (no memo of the throwaway tuple).
            found = self.value((qualified(type(paginator)), paginator.name, paginator.url, paginator.per_page,
                                paginator.orphans, list(paginator.object_list)), 0, [])
            self._values[key] = found
            self._alive.append(paginator)
        return found

    def linked(self, content: Content, hop: int) -> str:
        """Its own state and, `HOPS - hop` links deep, the own state of what it points to."""
        key = (id(content), hop)
        found = self._linked.get(key)
        if found is None:
            own, links = self.own(content)
            if hop < self._hops and links:
                found = digest([own, *(self.linked(link, hop + 1) for link in links)])
            else:
                found = own
            self._linked[key] = found  # own() keeps the content alive
        return found

    def own(self, content: Content) -> tuple[str, list]:
        """Every attribute (the context skipped, the settings salted), with the content and summary
        resolved as a page shows them; the content objects it points to, in order."""
        found = self._own.get(id(content))
        if found is None:
            views.read_all(content)  # what a page would read of it, worked out on first read
            state = vars(content)
            mine = {name: state[name] for name in sorted(state) if name not in SKIPPED}
            metadata = state.get("metadata")
            if type(metadata) is dict:  # Pelican sets each metadata value as an attribute too: once is enough
                same = [k for k, v in metadata.items() if k.lower() in state and state[k.lower()] is v]
                mine["metadata"] = (same, {k: v for k, v in metadata.items() if k not in same})
            if "_content" in state:
                mine["content"] = content.content  # intersite links resolved
            if type(metadata) is dict and "summary" in metadata:
                mine["summary"] = content.summary
            links: list = []
            found = (digest([qualified(type(content)), self.value(mine, 0, links)]), links)
            self._own[id(content)] = found
            self._alive.append(content)
        return found
