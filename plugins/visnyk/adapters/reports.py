"""reports/: department reports (monthly, annual), council-wide periods, the index and an Atom feed.

Everything comes from the build's counts and the hand-written reports; no page rescans articles.
"""

from __future__ import annotations

import os
from collections import defaultdict

from feedgenerator import Atom1Feed
from pelican.generators import Generator

from ..domain import reports
from ..domain.urls import item_url
from .state import state

FEED = "reports/atom.xml"
FEED_SIZE = 60


class ReportsGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        extras, plan = build.extras, build.plan
        write = lambda name, template, **kw: writer.write_file(  # noqa: E731
            name, self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], url=name.removesuffix("index.html"), **kw)

        written = []
        for period, slug in plan.pages(build.departments):
            extra = extras.get((slug, period.key))
            page = reports.report(build.counts, period, build.departments[slug], extra, build.cycle)
            narrative = build.by_source[extra.source].content if extra is not None else ""
            write(page.url + "index.html", "report", report=page, narrative=narrative, item_url=item_url)
            written.append(page)
        for period in (*plan.months, *plan.years):
            council = reports.council_period(build.counts, period, build.departments, build.cycle)
            write(council.url + "index.html", "report_period", council=council)
        by_year = defaultdict(list)
        for period in plan.months:
            by_year[period.year].append(period)
        write("reports/index.html", "reports", plan=plan, months_by_year=dict(by_year),
              years=sorted({p.year for p in (*plan.months, *plan.years)}, reverse=True))
        if self.settings.get("FEED_ALL_ATOM"):
            self.write_feed(written)

    def write_feed(self, written) -> None:
        siteurl = self.settings["SITEURL"].rstrip("/")
        feed = Atom1Feed(
            title=f"{self.settings['SITENAME']}: звіти підрозділів",
            link=f"{siteurl}/reports/",
            feed_url=f"{siteurl}/{FEED}",
            description="Щомісячні й річні звіти про роботу підрозділів",
            language="uk",
        )
        newest = sorted(written, key=lambda r: (-r.date.timestamp(), r.url))[:FEED_SIZE]
        for page in newest:
            summary = page.intro + " " + "; ".join(f.text for f in page.figures)
            feed.add_item(
                title=page.title,
                link=f"{siteurl}/{page.url}",
                unique_id=f"{siteurl}/{page.url}",
                description=summary.strip(),
                pubdate=page.date,
                updateddate=page.date,
            )
        path = os.path.join(self.output_path, FEED)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            feed.write(handle, "utf-8")


def get_generators(pelican):
    return ReportsGenerator
