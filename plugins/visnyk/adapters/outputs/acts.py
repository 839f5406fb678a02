"""Acts' legal status on the site: each adopted act's page and every list it is in say whether it is in
force, which acts amended or repealed it, and which acts it changes, linked both ways.

All of it is a view of `domain/legal/status.py`, worked out once per build after the content is valid.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from pelican.generators import ArticlesGenerator, Generator

from ...domain.legal import register
from ...domain.legal.jsonld import legislation
from ...domain.legal.status import citation, heading, lines, statuses
from ...domain.navigation.urls import item_url
from .meetings import linkable, site_root
from ..content import views
from ..build.state import state

LEGAL = "visnyk_legal"  # the attribute article.html and partials/list.html read


@dataclass(frozen=True)
class Line:
    before: str
    cited: str  # «рішення виконавчого комітету від 12.11.2025 № 340»
    title: str
    act: object  # the Item when its page is written (a link), None otherwise
    after: str = ""


@dataclass(frozen=True)
class LegalView:
    force: str  # in_force, amended, repealed, not_yet: a class for the badge
    heading: str  # «Втратив чинність з 01.05.2025»
    label: str  # «Втратив чинність»
    lines: tuple[Line, ...]
    jsonld: dict  # schema.org Legislation (domain/legal/jsonld.py)


def annotate(generators) -> None:
    """all_generators_finalized, after contract.finalize: every adopted act's status (the register's rows and the
    acts' pages read it)."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    build = state(articles.context, articles.settings)
    build.legal = statuses(build.items, build.clock)


def install() -> None:
    """Each adopted act's status, the acts that changed it and the acts it changes: read by its page and by every
    list it is in (content/views.py)."""
    views.install(LEGAL, _legal)


def _legal(content, build, item) -> LegalView | None:
    status = build.legal.get(item.source)
    if status is None:
        return None
    find = linkable(build)
    root = site_root(content.settings)
    url_of = lambda act: f"{root}/{item_url(act)}" if root else f"/{item_url(act)}"  # noqa: E731
    organization = {"@type": "GovernmentOrganization", "name": build.options["VISNYK_COUNCIL"]["name"]}
    return LegalView(status.force.value, heading(status), status.label, tuple(
        Line(line.before, citation(line.act), line.act.title, find(line.act.source), line.after)
        for line in lines(status)), legislation(status, url_of, organization, content.lang))


class RegisterGenerator(Generator):
    """acts/register/ (the page) and acts/register.csv, .json, .schema.json (its open data)."""

    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        rows = register.rows(build.items, build.legal, build.clock)
        name = "acts/register/index.html"
        writer.write_file(name, self.get_template("register"), self.context,
                          relative_urls=self.settings["RELATIVE_URLS"], template_name="register",
                          url="acts/register/", register=register.view(rows, build.departments),
                          data_files=register.FILES)
        records = [register.record(r, build.departments, site_root(self.settings)) for r in rows]
        files = {"register.csv": register.to_csv(records), "register.json": register.to_json(records, build.clock),
                 "register.schema.json": json.dumps(register.schema(), ensure_ascii=False, indent=1) + "\n"}
        folder = os.path.join(self.output_path, "acts")
        os.makedirs(folder, exist_ok=True)
        for file_name, text in files.items():
            with open(os.path.join(folder, file_name), "w", encoding="utf-8", newline="") as handle:
                handle.write(text)


def get_generators(pelican):
    return RegisterGenerator
