"""The decision cycle on the site: meetings/ (upcoming first, then past by month), meetings.ics,
stats/compliance/ with its open data, and the cycle of each act and meeting on its own page.

All of it is a view of `build.cycle` (domain/cycle/cycle.py), worked out once in contract.finalize.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from pelican.generators import Generator

from ...domain.cycle import compliance, ics
from ...domain.cycle.meetings import act_cycle, meeting_view, past_by_month
from ...domain.common.model import DEFAULT_LANGUAGE, ContentType
from ...domain.language.alphabet import by_name
from ...domain.navigation.urls import item_url
from ...domain.votes import rollcall
from ..content.reader import ITEM
from ..content import views
from ..build.state import state
from .stats import write_data

ICS = "meetings.ics"
FILES = ("compliance.json", "compliance.schema.json", "compliance.csv")
# Attributes set on Pelican's content objects for article.html.
MEETING, CYCLE = "visnyk_meeting", "visnyk_cycle"


def linkable(build):
    """source → Item when that item's page is written (published or hidden, not scheduled, original)."""
    def find(path: str):
        content = build.by_source.get(path)
        item = getattr(content, ITEM, None)
        if item is None or item.lang != DEFAULT_LANGUAGE or getattr(content, "status", "") not in ("published", "hidden"):
            return None
        return item
    return find


def install() -> None:
    """Each meeting's agenda with links, each act's draft, decision, meeting and deadline: read by its page
    (content/views.py), from `build.cycle` once the contract is over."""
    views.install(MEETING, lambda content, build, item: meeting_view(item, linkable(build))
                  if item.meeting is not None else None)
    views.install(CYCLE, lambda content, build, item: act_cycle(item, build.cycle, linkable(build))
                  if item.meeting is None and item.type is ContentType.ACT else None)


def site_root(settings: dict) -> str:
    siteurl = settings.get("SITEURL", "") or ""
    return siteurl.rstrip("/") if siteurl.startswith(("http://", "https://")) else ""


class MeetingsGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        root = site_root(self.settings)
        find = linkable(build)
        write = lambda name, template, **kw: writer.write_file(  # noqa: E731
            name, self.get_template(template), self.context, relative_urls=self.settings["RELATIVE_URLS"],
            template_name=template, url=name.removesuffix("index.html"), **kw)
        write("meetings/index.html", "meetings",
              upcoming=[meeting_view(m, find) for m in build.cycle.upcoming(build.clock)],
              past=past_by_month(build.cycle.past(build.clock)), ics_file=ICS)
        roll_calls = (rollcall.compliance_records(build.roll, {m.source: m for m in build.cycle.meetings}, "")
                      if build.roll is not None else [])
        names = {slug: build.departments[slug].name for slug in by_name(build.departments)}
        write("stats/compliance/index.html", "compliance",
              compliance=compliance.view(build.cycle, build.departments), data_files=FILES, roll_calls=roll_calls,
              roll_call_years=rollcall.compliance_years(build.roll, build.cycle.meetings, names, roll_calls))

        with open(os.path.join(self.output_path, ICS), "wb") as handle:
            handle.write(calendar(build, root))
        write_data(self.output_path, data_files(build, root))


def calendar(build, root: str) -> bytes:
    """meetings.ics: written here, described on opendata/ (one source)."""
    council = build.options["VISNYK_COUNCIL"]["short_name"]
    domain = urlsplit(root).hostname or "visnyk.invalid"
    return ics.calendar(build.cycle.meetings, f"{council}: засідання",
                        lambda m: f"{root}/{item_url(m)}" if root else f"/{item_url(m)}", domain)


def data_files(build, root: str) -> dict[str, str]:
    """stats/ open data of the decision cycle, name → text; with the day-of-the-vote rule's records when the
    site has roll-call votes (issue 25)."""
    data = compliance.data(build.cycle, build.departments, root)
    data_schema = compliance.schema(root)
    if build.roll is not None and build.roll.files:
        meetings = {m.source: m for m in build.cycle.meetings}
        data["rules"]["roll_call"] = rollcall.ROLL_CALL_RULE
        data["roll_calls"] = rollcall.compliance_records(build.roll, meetings, f"{root}/" if root else "")
        data_schema["properties"]["roll_calls"] = rollcall.COMPLIANCE_SCHEMA
    return {
        "compliance.json": compliance.to_json(data),
        "compliance.schema.json": compliance.to_json(data_schema),
        "compliance.csv": compliance.to_csv(data),
    }


def get_generators(pelican):
    return MeetingsGenerator
