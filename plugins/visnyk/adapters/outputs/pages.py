"""The theme's own pages: home, a list per type, departments, search, 404 and per-department feeds.

Pelican's category pages are off (pelicanconf.py); the lists are written here instead, each from one
pass over the published items. The generator runs after Pelican's articles and pages generators, so
`generate_context` sees their lists, and before Pelican writes item pages, so each item already
carries its neighbours in its type and its attachments with their sizes when article.html renders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial

from pelican.generators import Generator

from ...domain.language import wording
from ...domain.language.alphabet import sort_key
from ...domain.media.attachments import AttachmentLink, link
from ...domain.common.clock import kyiv
from ...domain.counting.counting import Counts
from ...domain.common.model import ContentType, Department
from ..content.reader import ITEM
from ..content import views
from ..build.state import state

# reports/: reports.py; meetings/: meetings.py (upcoming first, then past by month)
LISTED_TYPES = (ContentType.NEWS, ContentType.ANNOUNCEMENT, ContentType.ACT, ContentType.VIDEO)
HOME_TYPES = (ContentType.NEWS, ContentType.ANNOUNCEMENT, ContentType.ACT)  # then the latest report periods
HOME_ITEMS = 5
DEPARTMENT_FEED = "feeds/departments/{slug}.atom.xml"
# Attributes set on Pelican's content objects for the templates.
PREVIOUS, NEXT, ATTACHMENTS = "previous_in_type", "next_in_type", "attachment_links"


@dataclass(frozen=True)
class Figure:
    """One row of a department's figures: all time and the build's year, from the counts."""

    type: ContentType
    total: int
    this_year: int


@dataclass(frozen=True)
class DepartmentView:
    department: Department
    figures: tuple[Figure, ...]
    year: int

    @property
    def total(self) -> int:
        return sum(f.total for f in self.figures)

    @property
    def total_this_year(self) -> int:
        return sum(f.this_year for f in self.figures)

    @property
    def feed(self) -> str:
        return DEPARTMENT_FEED.format(slug=self.department.slug)


@dataclass(frozen=True)
class ArchivePeriod:
    """A year or month of Pelican's period archives as the archive pages list it."""

    period_num: tuple[int, ...]
    url: str
    count: int


def archive_index(period_archives: dict) -> dict[str, tuple[ArchivePeriod, ...]]:
    """Pelican's period archives without their item lists: the archive pages show only each period's
    link and size, so (adapters/rebuild/incremental.py) editing an item does not re-render every one of them."""
    return {
        granularity: tuple(ArchivePeriod(tuple(p["period_num"]), p["url"], len(p["dates"])) for p in periods)
        for granularity, periods in period_archives.items()
    }


def department_view(counts: Counts, department: Department, year: int) -> DepartmentView:
    figures = tuple(
        Figure(t, counts.count(type=t, department=department.slug), counts.count(year=year, type=t, department=department.slug))
        for t in ContentType
        if t.counted
    )
    return DepartmentView(department, figures, year)


def install() -> None:
    """Every written item and page gets its attachments with type and size, when its page reads them
    (content/views.py): one stat per file and build, for the pages written."""
    views.install(ATTACHMENTS, _attachments)


def _attachments(content, build, item) -> tuple[AttachmentLink, ...]:
    sizes: dict[str, int] = views.cached(build, ATTACHMENTS, dict)
    links = []
    for attachment in item.attachments:
        path = attachment.path
        if path not in sizes:
            full = os.path.join(content.settings["PATH"], path)
            sizes[path] = os.path.getsize(full) if os.path.isfile(full) else 0  # (a missing file fails the contract)
        links.append(link(attachment, sizes[path]))
    return tuple(links)


class SitePages(Generator):
    """Lists and standalone pages of the theme; see the module docstring."""

    def generate_context(self) -> None:
        build = state(self.context, self.settings)
        self.by_type: dict[ContentType, list] = {t: [] for t in ContentType if t.counted}
        self.by_department: dict[str, list] = {slug: [] for slug in build.departments}
        for article in self.context.get("articles", ()):  # published originals, newest first
            item = getattr(article, ITEM, None)
            if item is None:
                continue
            self.by_type[item.type].append(article)
            if item.department in self.by_department:
                self.by_department[item.department].append(article)
        for same_type in self.by_type.values():
            for newer, article, older in zip([None, *same_type], same_type, [*same_type[1:], None]):
                setattr(article, PREVIOUS, older)
                setattr(article, NEXT, newer)
        self.context["archive_index"] = archive_index(self.context.get("period_archives", {}))

    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        relative = self.settings["RELATIVE_URLS"]
        write = partial(writer.write_file, relative_urls=relative)
        feeds_on = bool(self.settings.get("FEED_ALL_ATOM"))

        write(
            self.settings["INDEX_SAVE_AS"], self.get_template("index"), self.context,
            template_name="index", url="",
            latest=[(t, self.by_type[t][:HOME_ITEMS]) for t in HOME_TYPES],
            report_periods=build.plan.months[:HOME_ITEMS],
            next_meetings=build.cycle.upcoming(build.clock)[:HOME_ITEMS],
        )  # fmt: skip
        type_template = self.get_template("type")
        for item_type in LISTED_TYPES:
            folder = item_type.folder
            write(
                f"{folder}/index.html", type_template, self.context,
                paginated={"articles": self.by_type[item_type]}, template_name="type", url=f"{folder}/",
                item_type=item_type, total=wording.TYPE_NOUN[item_type].count(len(self.by_type[item_type])),
            )  # fmt: skip
        tags = sorted(self.context.get("tags", ()), key=lambda pair: sort_key(pair[0].name))
        write(self.settings["TAGS_SAVE_AS"], self.get_template("tags"), self.context,
              template_name="tags", url=self.settings["TAGS_SAVE_AS"].removesuffix("index.html"), tags=tags)

        year = kyiv(build.clock).year
        views = [department_view(build.counts, d, year) for d in build.departments.values()]
        write("departments/index.html", self.get_template("departments"), self.context,
              template_name="departments", url="departments/", views=views)
        department_template = self.get_template("department")
        for view in views:
            slug = view.department.slug
            articles = self.by_department[slug]
            write(
                f"departments/{slug}/index.html", department_template, self.context,
                paginated={"articles": articles}, template_name="department", url=f"departments/{slug}/",
                view=view, feed=view.feed if feeds_on else None,
            )  # fmt: skip
            if feeds_on:
                writer.write_feed(articles, self.context, view.feed, feed_title=view.department.name)

        write("search/index.html", self.get_template("search"), self.context, template_name="search", url="search/")
        # Served for any missing address at any depth: links are from the site root, never relative.
        writer.write_file("404.html", self.get_template("404"), self.context, relative_urls=False,
                          template_name="404", url="404.html")


def unique_feed_id(context, feed) -> None:
    """feed_generated: Pelican gives every feed the site's address as its Atom id; each feed's own
    address is a permanent, unique id (RFC 4287 4.2.6), so readers do not merge the feeds."""
    if feed.feed.get("feed_url"):
        feed.feed["id"] = feed.feed["feed_url"]


def get_generators(pelican):
    return SitePages
