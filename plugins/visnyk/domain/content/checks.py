"""Checks that need the whole site: departments, duplicate URLs and reports, links and attachments."""

from __future__ import annotations

import datetime as dt
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields, is_dataclass
from functools import lru_cache
from urllib.parse import unquote

from ..common.clock import kyiv, not_after
from ..common.memo import PerRecord
from ..common.model import DEFAULT_LANGUAGE, ContentType, Department, Item, Link, Status
from ..common.problems import Problem
from ..navigation.slugs import slugify
from ..navigation.urls import RESERVED, item_url

STATIC_FOLDERS = ("files", "images")
LINKED_FOLDERS = ("files", "images", "extra")  # what a {static} link may lead to: Pelican copies any file it names
REGISTRY_FILE = "departments.yml"


@dataclass(frozen=True)
class Rules:
    """What a council may set about its content (VISNYK_DEPARTMENTS_FILE, VISNYK_ARCHIVE_START,
    VISNYK_SCHEDULE_DAYS): `check` and the build read them from the same settings."""

    registry_file: str = REGISTRY_FILE
    # Nothing is dated before the council's archive starts: "1025-05-14" is a typo, not 91,000 report pages.
    archive_start: dt.date = dt.date(2000, 1, 1)
    # How far ahead an item may be scheduled; further is a typo ("2205") rather than a plan.
    schedule_days: int = 366


def resolve_link(item_source: str, target: str) -> str:
    """Pelican's rule: `/x` is from the content folder, `x` is from the item's own folder."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(item_source), target))


_URLS: PerRecord[Item, str] = PerRecord(item_url)  # (the live preview: one item changes per save)


def check_items(
    items: Iterable[Item],
    departments: Mapping[str, Department],
    exists: Callable[[str], bool],
    broken_links: Mapping[str, tuple[Link, ...]] | None = None,
    clock: dt.datetime | None = None,
) -> list[Problem]:
    """All cross-file problems. `exists(relpath)` tells whether a file is in the content folder.

    `broken_links` are the links of files that failed their own checks (source → links): they are
    checked too, so that one run reports everything. `clock`: the build's, for links to scheduled items.
    (domain/content/crossed.py answers the same over a live preview's rounds, from what changed.)
    """
    items = sorted(items, key=lambda i: i.source)
    by_source = {item.source: item for item in items}
    problems: list[Problem] = []
    by_url: dict[str, list[Item]] = defaultdict(list)
    reports: dict[tuple[str, str, str], list[Item]] = defaultdict(list)

    urls = {item.source: url for item, url in _URLS.each(items)}
    tags: set[str] = set()
    originals: dict[str, Item] = {}
    for item in items:
        problems += own_problems(item, departments)
        taken, report, original, slugs = places(item, urls[item.source])
        if taken is not None:
            by_url[taken].append(item)
        if report is not None:
            reports[report].append(item)
        if original is not None:
            originals[original] = item  # (the last at that address)
        tags.update(slugs)
        problems += attachment_problems(item, exists)
        # The lead image (`image`) is read and judged in domain/media/images.py.
    for item in items:
        problems += linked_problems(item, urls[item.source], by_source, exists, tags, originals.get, clock)
    problems += broken_link_problems(broken_links, by_source, exists, tags, clock)
    for url, same in by_url.items():
        problems += clash_problems(url, same)
    for key, same in reports.items():
        problems += report_problems(key, same)
    return problems


def report_key(item: Item) -> tuple[str, str, str]:
    return (item.department or "", item.report.period, item.lang)


def places(item: Item, url: str) -> tuple[str | None, tuple[str, str, str] | None, str | None, tuple[str, ...]]:
    """Where an item goes in the site's tables (check_items, and crossed.py over a preview's rounds): the address it
    takes, the report it is, the address it is the Ukrainian original at, its tags' slugs. A draft is in none of
    them; a report's address is its department and period, so a clash is reported once, as a second report."""
    if item.status is Status.DRAFT:
        return None, None, None, ()
    taken, report = (url, None) if item.report is None else (None, report_key(item))
    return taken, report, url if item.lang == DEFAULT_LANGUAGE else None, tuple(slugify(tag) for tag in item.tags)


def own_problems(item: Item, departments: Mapping[str, Department]) -> list[Problem]:
    """What one item alone says against the registry and the site's sections: its department, its slug."""
    problems = []
    if item.department is not None and not _known(item.department, departments):  # (no line_of per item)
        problems += department_problems(item.source, item.department, item.line_of("department"), departments)
    if item.type is ContentType.PAGE and item.slug in RESERVED:
        problems.append(Problem(item.source, item.line_of("slug" if "slug" in item.lines else "title"),
                                f"адреса /{item.slug}/ зайнята розділом сайту", "вкажіть інший slug:"))
    return problems


def attachment_problems(item: Item, exists: Callable[[str], bool]) -> list[Problem]:
    problems = []
    for attachment in item.attachments:
        problems += _file_problems(item, "attachments", attachment.path, exists)
    return problems


def translated(item: Item) -> bool:
    """A translation of a published item: it needs its Ukrainian original."""
    return item.lang != DEFAULT_LANGUAGE and item.status is not Status.DRAFT and item.type is not ContentType.REPORT


def linked_problems(item: Item, url: str, by_source, exists, tags, original: Callable[[str], Item | None],
                    clock: dt.datetime | None) -> list[Problem]:
    """An item's body links, then (a translation) its original: each against the rest of the site."""
    problems = []
    for link in item.links:
        problems += _link_problems(item, link, by_source, exists, tags, clock)
    if translated(item):
        found = original(url.split("/", 1)[1])
        if found is None or (clock is not None and not not_after(found.date, max(item.date, clock))):
            problems.append(Problem(
                item.source, item.line_of("lang"),
                f"переклад ({item.lang}) без українського оригіналу: сайт ради публікує матеріали державною мовою, "
                "переклад — лише поруч з оригіналом",
                f"додайте український матеріал з тим самим slug: {item.slug} у тій самій теці й році "
                "або поставте status: draft"))
    return problems


def broken_link_problems(broken_links, by_source, exists, tags, clock) -> list[Problem]:
    problems = []
    for source, links in sorted((broken_links or {}).items()):
        for link in links:
            problems += _link_problems(source, link, by_source, exists, tags, clock)
    return problems


def clash_problems(url: str, same: list[Item]) -> list[Problem]:
    """The second and later items at one address (`same`: by source)."""
    first = same[0]
    return [Problem(item.source, item.line_of("slug" if "slug" in item.lines else "title"),
                    f"адреса /{url} збігається з адресою {first.source}",
                    "дайте одному з матеріалів інший slug: (наприклад з датою: "
                    f"slug: {item.slug}-{item.date:%Y-%m-%d})") for item in same[1:]]


def report_problems(key: tuple[str, str, str], same: list[Item]) -> list[Problem]:
    """The second and later reports of one department, period and language (`same`: by source)."""
    department, period, _lang = key
    return [Problem(item.source, item.line_of("period"), f"звіт підрозділу {department} за {period} уже є: "
                    f"{same[0].source}", "об'єднайте два звіти в один файл") for item in same[1:]]


def department_problems(path: str, department: str, line: int, departments: Mapping[str, Department]) -> list[Problem]:
    """An unknown department, judged only against a registry that holds one: a missing, empty or wholly broken
    departments.yml is one problem of its own, not one more for every item that names a department."""
    if _known(department, departments):
        return []
    known = ", ".join(sorted(departments)) or "(реєстр порожній)"
    return [Problem(path, line, f"невідомий підрозділ «{department}»", f"допустимі: {known} (список у departments.yml)")]


def _known(department: str, departments: Mapping[str, Department]) -> bool:
    return department in departments or not departments


def _file_problems(item: Item, key: str, path: str, exists: Callable[[str], bool]) -> list[Problem]:
    path = posixpath.normpath(path)
    if path.split("/", 1)[0] not in STATIC_FOLDERS:
        return [Problem(item.source, item.line_of(key), f"файл {path} лежить поза теками files/ та images/",
                        "покладіть файл у content/files/ (документи) або content/images/ (зображення)")]
    if not exists(path):
        return [Problem(item.source, item.line_of(key), f"файлу {path} немає",
                        "перевірте назву та теку або додайте файл до репозиторію")]
    return []


LINK_HELP = "пишіть {filename}/шлях/до/матеріалу.md, {static}/files/документ.pdf або {tag}тег"


def _link_problems(item: Item | str, link: Link, by_source, exists, tags, clock) -> list[Problem]:
    """A body link must lead to a page or file this build publishes (`item`: the linking Item, or the
    source path of a file that failed its own checks)."""
    source = item if isinstance(item, str) else item.source
    target, line = link.target.split("#", 1)[0].split("?", 1)[0], link.line
    if link.kind == "tag":
        name = unquote(target).strip()
        if slugify(name) not in tags:
            return [Problem(source, line, f"посилання на тег «{name}»: жоден опублікований матеріал його не має",
                            "перевірте написання тегу (як у полі tags:) або приберіть посилання")]
        return []
    if link.kind == "attach":
        return [Problem(source, line, "{attach} переносить файл до теки матеріалу: він може затерти сторінку "
                        "і зламати посилання інших матеріалів на цей файл",
                        f"пишіть {{static}}{target} — файл лишиться на своєму місці")]
    if link.kind not in ("filename", "static"):
        return [Problem(source, line, f"посилання {{{link.kind}}}… веде в нікуди: таких сторінок на сайті немає", LINK_HELP)]
    path = resolve_link(source, unquote(target))
    if link.kind == "filename" and not path.endswith(".md"):
        return [Problem(source, line, f"{{filename}} веде на матеріали (.md), а {target} — файл",
                        f"на файли посилайтеся так: {{static}}{target}")]
    if link.kind == "static" and path.endswith(".md"):
        return [Problem(source, line, f"{{static}} веде на файли, а {target} — матеріал",
                        f"на матеріали посилайтеся так: {{filename}}{target}")]
    if path.endswith(".md"):
        linked = by_source.get(path)
        if linked is None and exists(path):
            return []  # a file that failed its own checks: those problems are reported already
        if linked is None:
            return [Problem(source, line, f"посилання на {target}: такого матеріалу немає",
                            "перевірте шлях до файлу .md (від теки content/ починайте з /)")]
        if linked.status is Status.DRAFT:
            return [Problem(source, line, f"посилання на чернетку {path}",
                            "опублікуйте той матеріал (status: published) або приберіть посилання")]
        if linked.report is not None:
            return [Problem(source, line, f"посилання на {path}: звіт показано на сторінці звіту, а не окремо",
                            f"посилайтеся на сторінку /{item_url(linked)}")]
        if clock is not None and not isinstance(item, str) and not not_after(linked.date, max(item.date, clock)):
            return [Problem(source, line,
                            f"посилання на {path}, який з'явиться на сайті лише {kyiv(linked.date):%Y-%m-%d %H:%M}, "
                            "пізніше за цей матеріал: до того дня посилання було б мертвим",
                            "поставте цьому матеріалу дату не ранішу за дату того або додайте посилання в той день")]
        return []
    if path.startswith("..") or not exists(path):
        return [Problem(source, line, f"посилання на {target}: файлу немає",
                        "перевірте назву файлу й теку")]
    if path.split("/", 1)[0] not in LINKED_FOLDERS or "/" not in path:
        # Pelican would copy the file it names into the site: departments.yml, a draft's source…
        return [Problem(source, line, f"посилання на {target}: цей файл не публікується на сайті",
                        "посилайтеся лише на файли з тек files/ та images/")]
    return []


def dated_fields(item: Item) -> tuple[tuple[str, dt.datetime], ...]:
    """Every date an item holds, named by its front-matter key: `date`, `modified`, `consideration`, `adopted`,
    a meeting's `starts` and `ends`, and any date a report or a later record adds (found by walking the
    records, so that a new date field is range-checked without anyone remembering to list it here)."""
    found: list[tuple[str, dt.datetime]] = []
    records: list[object] = [item]
    while records:
        record = records.pop(0)
        for name in _field_names(type(record)):
            value = getattr(record, name)
            if isinstance(value, dt.datetime):
                found.append((name, value))
            elif _is_record(type(value)):  # a dataclass instance (a dataclass itself is of type `type`)
                records.append(value)
    return tuple(found)


@lru_cache(maxsize=None)
def _is_record(kind: type) -> bool:
    return is_dataclass(kind)


@lru_cache(maxsize=None)
def _field_names(kind: type) -> tuple[str, ...]:
    """A record type's field names, worked out once per type (an archive has tens of thousands of items)."""
    return tuple(spec.name for spec in fields(kind))


def _dated_instants(item: Item) -> tuple[tuple[str, dt.datetime, float], ...]:
    return tuple((name, value, value.timestamp()) for name, value in dated_fields(item))


# Each item's dates with their instants (as not_after compares them), asked once per item object (each save: one
# item changed).
_DATED: PerRecord[Item, tuple[tuple[str, dt.datetime, float], ...]] = PerRecord(_dated_instants)


def date_problems(items: Iterable[Item], rules: Rules, clock: dt.datetime) -> list[Problem]:
    """Dates within the archive, every date field alike: not before it starts, not further ahead than a schedule
    can be. A meeting in 1026 or an act adopted in 9999 is a typo that would otherwise reach the calendar feed
    and the deadline counts."""
    problems = []
    start = dt.datetime.combine(rules.archive_start, dt.time(), tzinfo=clock.tzinfo)
    latest = clock + dt.timedelta(days=rules.schedule_days)
    earliest, last = start.timestamp(), latest.timestamp()  # instants, as not_after compares them
    for item, dated in _DATED.each(items):
        for key, value, instant in dated:
            what = "дата" if key == "date" else f"дата в полі {key}:"
            if instant < earliest:
                problems.append(Problem(item.source, item.line_of(key),
                                        f"{what} {kyiv(value).date().isoformat()} раніша за початок архіву сайту ({rules.archive_start:%Y-%m-%d})",
                                        "перевірте рік (можливо, описка); старіші документи — див. VISNYK_ARCHIVE_START"))
            elif instant > last:
                problems.append(Problem(item.source, item.line_of(key),
                                        f"{what} {kyiv(value).date().isoformat()} більш ніж на {rules.schedule_days} днів пізніша за сьогодні",
                                        "перевірте рік (можливо, описка); так далеко наперед не планують"))
        if item.report is not None and int(item.report.period[:4]) < rules.archive_start.year:
            problems.append(Problem(item.source, item.line_of("period"),
                                    f"період {item.report.period} раніший за початок архіву сайту ({rules.archive_start.year})",
                                    "перевірте рік у period:"))
    return problems
