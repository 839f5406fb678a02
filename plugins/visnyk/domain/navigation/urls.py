"""Where each item lives on the site. One place, so the checker and the build agree on duplicates."""

from __future__ import annotations

from ..common.model import DEFAULT_LANGUAGE, ContentType, Item

# Top-level names the site itself uses; a standing page may not take them.
RESERVED = frozenset(
    {t.folder for t in ContentType}
    | {"stats", "departments", "tags", "archives", "search", "feeds", "theme", "files", "images", "img",
       "drafts", "pagefind", "deputies", "votes", "index", "404", "en", "uk", "admin",
       "opendata", "dostupnist"}  # admin/: the web editor; img/: resized images; opendata/: the open-data section;
    # dostupnist/: the accessibility statement
)  # fmt: skip


def report_url(period: str, department: str | None = None) -> str:
    """`reports/2019/09/` for a month, `reports/2019/` for a year; with a department, its own page."""
    base = "reports/" + period.replace("-", "/") + "/"
    return base + (f"{department}/" if department else "")


def item_url(item: Item) -> str:
    """Relative URL of the page an item appears on (a directory URL ending in "/")."""
    prefix = "" if item.lang == DEFAULT_LANGUAGE else f"{item.lang}/"
    if item.type is ContentType.PAGE:
        return f"{prefix}{item.slug}/"
    if item.type is ContentType.REPORT and item.report is not None:
        return prefix + report_url(item.report.period, item.department)
    return f"{prefix}{item.type.folder}/{item.date.year}/{item.slug}/"


def save_as(url: str) -> str:
    return url + "index.html"
