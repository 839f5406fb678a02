"""The trail from the home page to a page: its parents on the site, named in Ukrainian, for the breadcrumbs
and their BreadcrumbList. Worked out from the page's address, so every page kind gets one; only pages the
site writes are in it (news/2024/ is not a page, archives/2024/ is)."""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass

from ..common.model import ContentType, Department
from ..language.wording import TYPE_LABEL, month_year

HOME = "Головна"
SECTIONS: dict[str, str] = {
    **{t.folder: TYPE_LABEL[t] for t in ContentType if t.counted},
    "stats": "Статистика",
    "departments": "Підрозділи",
    "deputies": "Депутати",
    "votes": "Поіменні голосування",
    "tags": "Теги",
    "archives": "Архів",
    "search": "Пошук",
    "opendata": "Відкриті дані",
}
_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"(0[1-9]|1[0-2])")


@dataclass(frozen=True)
class Crumb:
    label: str
    url: str  # relative to the site root: "" for the home page, else a folder ending in "/"


def trail(path: str, departments: Mapping[str, Department], report_periods: Collection[str]) -> list[Crumb]:
    """The parents of the page at `path` (as written: "news/2024/a/", "404.html"), from "Головна".

    `departments` is the registry (slug → department); `report_periods` are the keys ("2025",
    "2025-03") of the ended periods that have a council-wide report page.
    The home page has none; the page itself is never in its own trail."""
    parts = [p for p in path.split("/") if p]
    if not parts or parts == ["index.html"]:
        return []
    if parts[-1].endswith(".html"):
        parts[-1] = parts[-1][:-5]
    crumbs = [Crumb(HOME, "")]
    for depth in range(1, len(parts)):
        crumb = _parent(parts[:depth], len(parts), departments, report_periods)
        if crumb is not None:
            crumbs.append(crumb)
    return crumbs


def _parent(parts: list[str], below: int, departments: Mapping[str, Department], report_periods: Collection[str]) -> Crumb | None:
    url = "/".join(parts) + "/"
    section = parts[0]
    if len(parts) == 1:
        return Crumb(SECTIONS[section], url) if section in SECTIONS else None
    if len(parts) == 2 and section == "departments" and parts[1] in departments:
        return Crumb(departments[parts[1]].name, url)
    if section in ("archives", "reports") and _YEAR.fullmatch(parts[1]):
        year = int(parts[1])
        exists = section == "archives" or "-".join(parts[1:]) in report_periods
        # A month's reports lead back to the month, not through the year's (a summary, not their parent).
        if len(parts) == 2 and exists and (section == "archives" or below == 3):
            return Crumb(f"{year} рік" if section == "reports" else str(year), url)
        if len(parts) == 3 and _MONTH.fullmatch(parts[2]) and exists:
            return Crumb(month_year(year, int(parts[2])).capitalize(), url)
    return None
