"""`check_items` over the rounds of a live preview: the same problems, in the same order, from what changed.

After a save the preview builds again with the same item objects but the one whose file changed. `check_items`
then builds its tables of the whole site again (each item's address, the addresses taken, the reports of each
period, the tags, the originals of translations): ~0.13 s of a save at 20,000 items. `CrossChecks` keeps those
tables from round to round and changes them by the items that came and went (a record is recognised by identity:
records are frozen), then asks again only what may have changed:
- an item's own problems (its department, its slug) when the item or the registry changed;
- every item's attachments and links, every translation's original, every broken file's links: each round, as
  they read the files there are, the other items and the clock (a few thousand lookups, not a table);
- the addresses and reports taken twice: from the tables.
tests/test_memo.py compares it with `check_items` over random rounds of saves.
"""

from __future__ import annotations

import bisect
import datetime as dt
import threading
from collections import Counter
from collections.abc import Callable, Mapping

from ..common.model import Department, Item, Link
from ..common.problems import Problem
from ..navigation.urls import item_url
from .checks import (attachment_problems, broken_link_problems, check_items, clash_problems, linked_problems,
                     own_problems, places, report_problems, translated)


class CrossChecks:
    def __init__(self) -> None:
        self._lock = threading.Lock()  # (the editor's check and the preview's build may ask at once)
        self._reset()

    def _reset(self) -> None:
        self.departments: dict = {}
        self.by_source: dict[str, Item] = {}
        self.url: dict[str, str] = {}  # source → its address
        self.own: dict[str, list[Problem]] = {}  # source → its own problems, where it has any
        self.by_url: dict[str, list[str]] = {}  # address → the sources of the items written there, sorted
        self.reports: dict[tuple[str, str, str], list[str]] = {}  # (department, period, lang) → sources, sorted
        self.clashing: set[str] = set()  # addresses of more than one item
        self.repeated: set[tuple[str, str, str]] = set()  # reports of one period more than once
        self.originals: dict[str, list[str]] = {}  # address → the sources of Ukrainian items there, sorted
        self.tags: Counter[str] = Counter()  # slug → published items with that tag
        self.asked: set[str] = set()  # sources with links, attachments or an original to find: asked each round

    def check(self, items: list[Item], departments: Mapping[str, Department], exists: Callable[[str], bool],
              broken_links: Mapping[str, tuple[Link, ...]] | None = None,
              clock: dt.datetime | None = None) -> list[Problem]:
        """check_items(items, departments, exists, broken_links, clock), item for item and in its order (`items`: one
        per source)."""
        with self._lock:
            return self._check(items, departments, exists, broken_links, clock)

    def _check(self, items, departments, exists, broken_links, clock) -> list[Problem]:
        if departments != self.departments:  # a registry saved: every item's department is asked again
            self._reset()
            self.departments = dict(departments)
        self._update(items)
        if len(self.by_source) != len(items):  # two items of one source: not a build's (asked afresh, kept nothing)
            self._reset()
            return check_items(items, departments, exists, broken_links, clock)
        by_source = self.by_source
        problems: list[Problem] = []
        for source in sorted(self.own.keys() | self.asked):
            item = by_source[source]
            problems += self.own.get(source, ())
            problems += attachment_problems(item, exists)
        tags = {tag for tag, count in self.tags.items() if count > 0}
        for source in sorted(self.asked):
            problems += linked_problems(by_source[source], self.url[source], by_source, exists, tags, self._original,
                                        clock)
        problems += broken_link_problems(broken_links, by_source, exists, tags, clock)
        for url in sorted(self.clashing, key=lambda u: self.by_url[u][0]):  # as first met, in source order
            problems += clash_problems(url, [by_source[s] for s in self.by_url[url]])
        for key in sorted(self.repeated, key=lambda k: self.reports[k][0]):
            problems += report_problems(key, [by_source[s] for s in self.reports[key]])
        return problems

    def _original(self, url: str) -> Item | None:
        found = self.originals.get(url)
        return self.by_source[found[-1]] if found else None  # (check_items: the last one at that address)

    def _update(self, items: list[Item]) -> None:
        old = self.by_source
        came = [item for item in items if old.get(item.source) is not item]
        kept = len(items) - len(came)
        if kept + sum(1 for item in came if item.source in old) != len(old):  # some sources are gone
            gone = old.keys() - {item.source for item in items}
            for source in sorted(gone):
                self._remove(old[source])
        for item in came:
            if item.source in old:
                self._remove(old[item.source])
            self._add(item)

    def _add(self, item: Item) -> None:
        source = item.source
        self.by_source[source] = item
        self.url[source] = item_url(item)
        own = own_problems(item, self.departments)
        if own:
            self.own[source] = own
        if item.links or item.attachments or translated(item):
            self.asked.add(source)
        self._tables(item, self.url[source], _insert, self.tags.update)

    def _remove(self, item: Item) -> None:
        source = item.source
        del self.by_source[source]
        self.own.pop(source, None)
        self.asked.discard(source)
        self._tables(item, self.url.pop(source), _delete, self.tags.subtract)

    def _tables(self, item: Item, url: str, change, count) -> None:
        """The item in (or out of) the tables of addresses, reports, originals and tags (checks.places)."""
        taken, report, original, slugs = places(item, url)
        if taken is not None:
            change(self.by_url, taken, item.source, self.clashing)
        if report is not None:
            change(self.reports, report, item.source, self.repeated)
        if original is not None:
            change(self.originals, original, item.source)
        count(slugs)


def _insert(table: dict, key, source: str, many: set | None = None) -> None:
    sources = table.setdefault(key, [])
    bisect.insort(sources, source)
    if many is not None and len(sources) > 1:
        many.add(key)


def _delete(table: dict, key, source: str, many: set | None = None) -> None:
    sources = table[key]
    sources.remove(source)
    if not sources:
        del table[key]
    if many is not None and len(sources) < 2:
        many.discard(key)
