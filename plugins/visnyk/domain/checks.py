"""Checks that need the whole site: departments, duplicate URLs and reports, links and attachments."""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

from .model import ContentType, Department, Item, Status
from .problems import Problem
from .urls import RESERVED, item_url

STATIC_FOLDERS = ("files", "images")


def resolve_link(item_source: str, target: str) -> str:
    """Pelican's rule: `/x` is from the content folder, `x` is from the item's own folder."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(posixpath.dirname(item_source), target))


def check_items(
    items: Iterable[Item],
    departments: Mapping[str, Department],
    exists: Callable[[str], bool],
    broken_links: Mapping[str, tuple[tuple[str, int], ...]] | None = None,
) -> list[Problem]:
    """All cross-file problems. `exists(relpath)` tells whether a file is in the content folder.

    `broken_links` are the links of files that failed their own checks (source → (target, line)):
    they are checked too, so that one run reports everything.
    """
    items = sorted(items, key=lambda i: i.source)
    by_source = {item.source: item for item in items}
    problems: list[Problem] = []
    by_url: dict[str, list[Item]] = defaultdict(list)
    reports: dict[tuple[str, str, str], list[Item]] = defaultdict(list)

    for item in items:
        if item.department is not None:
            problems += department_problems(item.source, item.department, item.line_of("department"), departments)
        # A report's URL is its department and period: a clash is reported once, below, as a second report.
        if item.status is not Status.DRAFT and item.report is None:
            by_url[item_url(item)].append(item)
        if item.type is ContentType.PAGE and item.slug in RESERVED:
            problems.append(
                Problem(item.source, item.line_of("slug" if "slug" in item.lines else "title"),
                        f"адреса /{item.slug}/ зайнята розділом сайту", "вкажіть інший slug:")
            )
        if item.report is not None and item.status is not Status.DRAFT:
            reports[(item.department or "", item.report.period, item.lang)].append(item)
        for attachment in item.attachments:
            problems += _file_problems(item, "attachments", attachment.path, exists)
        if item.image:
            problems += _file_problems(item, "image", item.image.lstrip("/"), exists)
        for target, line in item.links:
            problems += _link_problems(item.source, target, line, by_source, exists)
    for source, links in sorted((broken_links or {}).items()):
        for target, line in links:
            problems += _link_problems(source, target, line, by_source, exists)

    for url, same in by_url.items():
        for item in same[1:]:
            first = same[0]
            problems.append(
                Problem(
                    item.source,
                    item.line_of("slug" if "slug" in item.lines else "title"),
                    f"адреса /{url} збігається з адресою {first.source}",
                    "дайте одному з матеріалів інший slug: (наприклад з датою: "
                    f"slug: {item.slug}-{item.date:%Y-%m-%d})",
                )
            )
    for (department, period, _lang), same in reports.items():
        for item in same[1:]:
            problems.append(
                Problem(
                    item.source,
                    item.line_of("period"),
                    f"звіт підрозділу {department} за {period} уже є: {same[0].source}",
                    "об'єднайте два звіти в один файл",
                )
            )
    return problems


def department_problems(path: str, department: str, line: int, departments: Mapping[str, Department]) -> list[Problem]:
    if department in departments:
        return []
    known = ", ".join(sorted(departments)) or "(реєстр порожній)"
    return [Problem(path, line, f"невідомий підрозділ «{department}»", f"допустимі: {known} (список у departments.yml)")]


def _file_problems(item: Item, key: str, path: str, exists: Callable[[str], bool]) -> list[Problem]:
    path = posixpath.normpath(path)
    if path.split("/", 1)[0] not in STATIC_FOLDERS:
        return [Problem(item.source, item.line_of(key), f"файл {path} лежить поза теками files/ та images/",
                        "покладіть файл у content/files/ (документи) або content/images/ (зображення)")]
    if not exists(path):
        return [Problem(item.source, item.line_of(key), f"файлу {path} немає",
                        "перевірте назву та теку або додайте файл до репозиторію")]
    return []


def _link_problems(source, target, line, by_source, exists) -> list[Problem]:
    path = resolve_link(source, target)
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
        return []
    if not exists(path):
        return [Problem(source, line, f"посилання на {target}: файлу немає",
                        "перевірте назву файлу й теку")]
    return []
