"""Linear replacements for Pelican 4.12's quadratic steps; the output stays byte-identical.

Pelican asks "is this article in that list?" with `in` on plain lists, inside loops over all
articles. At 20,000 items that is hundreds of millions of comparisons:

- `process_translations`: `[x for x in content_list if x not in index]` (every article against
  every original);
- `_build_period_archives`: `[a for a in articles if a in dates]` for each year and month;
- `generate_tags` / `generate_categories` / `generate_authors`:
  `[a for a in self.dates if a in articles]` for every tag, category and author — even when those
  pages are switched off (`CATEGORY_SAVE_AS = ""`), because the list is built before the write.

Pelican's content objects have no `__eq__`, so `in` on them means "is the same object": the same
question answered with a set gives the same lists in the same order, in linear time. Each
replacement checks that premise and otherwise leaves Pelican's own code in place.

Smaller wastes go too: a tag's slug worked out again (unidecode and regexes) for every item,
hash and comparison, each item's path relative to the content folder worked out with abspath and
relpath three times, file stamps (a `stat` per file per cache layer) computed when no cache
uses them, Jinja re-checking every template file's mtime on every page and include, and the garbage
collector scanning every item again and again (fewer young collections; what the build keeps is
frozen once it is read).
`VISNYK_PELICAN_SPEEDUPS = False` switches all of this off (tests build both ways and compare).
"""

from __future__ import annotations

import gc
import os
from functools import lru_cache
from itertools import groupby
from operator import attrgetter

import pelican
from pelican import generators as pelican_generators
from pelican.contents import Content
from pelican import urlwrappers as pelican_urlwrappers
from pelican import utils as pelican_utils

# The replaced function is copied from this Pelican version; another version keeps its own.
TESTED_PELICAN = ("4.12.0",)
SETTING = "VISNYK_PELICAN_SPEEDUPS"
_ORIGINAL_PROCESS_TRANSLATIONS = pelican_utils.process_translations
_ORIGINAL_WRAPPER_SLUGIFY = pelican_urlwrappers.slugify
_ORIGINAL_RELATIVE_SOURCE_PATH = Content.get_relative_source_path
_GC_THRESHOLDS = gc.get_threshold()
# A build makes millions of short-lived objects and keeps tens of thousands: collect the youngest
# generation every 50,000 allocations instead of 700 (same output, fewer collections).
BUILD_GC_THRESHOLDS = (50_000, 20, 20)


def _identity_equal(objects) -> bool:
    """True when `==` and hash() of these objects are identity (no class defines its own)."""
    return all(type(o).__eq__ is object.__eq__ and type(o).__hash__ is object.__hash__ for o in objects)


def identity_list(items) -> list:
    """A copy of `items` whose `in` is a set lookup, in C; otherwise an ordinary list.

    The class is made per list so that `__contains__` can be the set's own bound method (no Python
    frame per test: Pelican asks once per article per tag). The lists are final when this is called.
    """
    members = set(items)
    kind = type("IdentityList", (list,), {"__slots__": (), "__contains__": members.__contains__,
                                          "__reduce__": _as_list})
    return kind(items)


def _as_list(identity: list):
    """Pickled (adapters/rebuild/fingerprint.py) as the plain list it is; its made-up class has no name to import."""
    return list, (list(identity),)


def process_translations(content_list, translation_id=None):
    """pelican.utils.process_translations with its last, quadratic line made linear."""
    if not translation_id or not _identity_equal(content_list):
        return _ORIGINAL_PROCESS_TRANSLATIONS(content_list, translation_id)
    if isinstance(translation_id, str):
        translation_id = {translation_id}
    index = []
    try:
        content_list.sort(key=attrgetter(*translation_id))
    except (TypeError, AttributeError):  # Pelican's own function explains the error
        return _ORIGINAL_PROCESS_TRANSLATIONS(content_list, translation_id)
    for id_vals, items in groupby(content_list, attrgetter(*translation_id)):
        items = list(items)
        if len(items) == 1 and items[0].metadata.get("translation", "false").lower() == "false":
            index.append(items[0])  # what get_original_items answers for one untranslated item, unwarned
            items[0].translations = []
            continue
        id_vals = (id_vals,) if len(translation_id) == 1 else id_vals
        with_str = "with" + ", ".join([' {} "{{}}"'] * len(translation_id)).format(
            *translation_id
        ).format(*id_vals)
        original_items = pelican_utils.get_original_items(items, with_str)
        index.extend(original_items)
        for a in items:
            a.translations = [x for x in items if x is not a]
    originals = {id(x) for x in index}
    translations = [x for x in content_list if id(x) not in originals]
    return index, translations


def _linear_period_archives(original):
    """Wrap a generator's _build_period_archives: Pelican groups, we fill each period's articles."""

    def build(sorted_articles, articles, settings):
        if not _identity_equal(articles):
            return original(sorted_articles, articles, settings)
        archives = original(sorted_articles, [], settings)  # every "articles" list comes back empty
        periods_of: dict[int, list[list]] = {}  # article → the "articles" lists of its periods
        for periods in archives.values():
            for archive in periods:
                archive["articles"] = filled = []
                for a in archive["dates"]:
                    lists = periods_of.setdefault(id(a), [])
                    if not lists or lists[-1] is not filled:
                        lists.append(filled)
        for a in articles:  # one pass, in Pelican's order
            for filled in periods_of.get(id(a), ()):
                filled.append(a)
        return archives

    return build


@lru_cache(maxsize=None)
def _known_slug(value: str, regex_subs: tuple, preserve_case: bool, use_unicode: bool) -> str:
    return _ORIGINAL_WRAPPER_SLUGIFY(value, regex_subs=regex_subs, preserve_case=preserve_case, use_unicode=use_unicode)


def wrapper_slugify(value, regex_subs=(), preserve_case=False, use_unicode=False):
    """pelican.utils.slugify for tags, categories and authors, worked out once per name: Pelican makes
    a Tag per item and slugifies it again for every hash and comparison (unidecode, regexes)."""
    try:
        subs = tuple((pattern, replacement) for pattern, replacement in regex_subs)
        return _known_slug(value, subs, preserve_case, use_unicode)
    except (TypeError, ValueError):  # something unhashable: Pelican's own function as it is
        return _ORIGINAL_WRAPPER_SLUGIFY(value, regex_subs=regex_subs, preserve_case=preserve_case,
                                         use_unicode=use_unicode)


def _normal(path: str) -> bool:
    """An absolute path that os.path.abspath would return unchanged (POSIX)."""
    return (path.startswith("/") and not path.endswith(("/", "/.", "/..")) and "//" not in path
            and "/./" not in path and "/../" not in path)


def relative_source_path(content, source_path=None):
    """Content.get_relative_source_path without two abspath and a relpath per call (three per item):
    for a normal absolute path under the content folder it is the rest of the path; anything else
    goes to Pelican's own method."""
    if not source_path:
        source_path = content.source_path
    root = content.settings["PATH"]
    if (os.sep == "/" and isinstance(source_path, str) and isinstance(root, str)
            and source_path.startswith(root + "/") and _normal(source_path) and _normal(root)):
        return source_path[len(root) + 1:]
    return _ORIGINAL_RELATIVE_SOURCE_PATH(content, source_path)


def _no_stamp(_filename) -> str:
    return ""


def skip_unused_stamps(cacher) -> None:
    """Pelican stats every file twice per cache layer even with the cache off (80,000 stats at
    20,000 items). A layer that neither caches nor loaded anything never uses the stamp: with its
    cache empty, `get_cached_data` returns the default whatever the stamp is."""
    if not getattr(cacher, "_cache_data_policy", True) and getattr(cacher, "_cache", None) == {}:
        cacher._filestamp_func = _no_stamp


def generator_init(generator) -> None:
    """Templates are read once per build (`pelican -r` and livereload make new environments), so
    Jinja need not stat each template file again on every page and include."""
    if generator.settings.get(SETTING, True) and getattr(generator, "env", None) is not None:
        generator.env.auto_reload = False


def page_generator_init(generator) -> None:
    if generator.settings.get(SETTING, True):
        skip_unused_stamps(generator)  # the generator-level cache
        skip_unused_stamps(generator.readers)  # the reader-level cache


def article_generator_init(generator) -> None:
    if generator.settings.get(SETTING, True):
        skip_unused_stamps(generator)
        skip_unused_stamps(generator.readers)
        generator._build_period_archives = _linear_period_archives(generator._build_period_archives)


def article_generator_finalized(generator) -> None:
    """Before any page is written: tag, category and author lists answer `in` by identity."""
    if not generator.settings.get(SETTING, True) or not _identity_equal(generator.articles):
        return
    for tag, articles in list(generator.tags.items()):
        generator.tags[tag] = identity_list(articles)
    generator.categories[:] = [(c, identity_list(a)) for c, a in generator.categories]
    generator.authors[:] = [(a, identity_list(arts)) for a, arts in generator.authors]


def freeze_objects(generators) -> None:
    """all_generators_finalized: every item is read and checked; the objects made so far live until
    the build ends, so the cyclic garbage collector need not scan them again on every collection
    while the pages are written (gc.freeze), nor when the process exits. The next build in the same
    process (`pelican -r`) unfreezes them first, so nothing of one build outlives the next. Not in the live
    preview (VISNYK_PREVIEW): one build follows another there, and whatever garbage of the last build the
    collector had not reached yet would be frozen with the new one, build after build."""
    if generators and generators[0].settings.get(SETTING, True) and not generators[0].settings.get("VISNYK_PREVIEW"):
        gc.freeze()


def restore_collector(_pelican_object) -> None:
    gc.set_threshold(*_GC_THRESHOLDS)


def initialized(pelican_object) -> None:
    """Install (or, with the setting off, remove) the module-level replacement for this process."""
    wanted = pelican_object.settings.get(SETTING, True) and pelican.__version__ in TESTED_PELICAN
    pelican_generators.process_translations = process_translations if wanted else _ORIGINAL_PROCESS_TRANSLATIONS
    pelican_urlwrappers.slugify = wrapper_slugify if wanted else _ORIGINAL_WRAPPER_SLUGIFY
    Content.get_relative_source_path = relative_source_path if wanted else _ORIGINAL_RELATIVE_SOURCE_PATH
    gc.unfreeze()  # what an earlier build in this process froze
    gc.set_threshold(*(BUILD_GC_THRESHOLDS if wanted else _GC_THRESHOLDS))




def register() -> None:
    """Called from plugin.register()."""
    from pelican import signals

    signals.initialized.connect(initialized)
    signals.generator_init.connect(generator_init)
    signals.page_generator_init.connect(page_generator_init)
    signals.article_generator_init.connect(article_generator_init)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.finalized.connect(restore_collector)  # freeze_objects: connected last by plugin.register
