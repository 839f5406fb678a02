"""opendata/: «Відкриті дані» — every data set the site publishes with its passport, structure and downloads,
a Table Schema beside each CSV and the DCAT-AP catalogue (opendata/catalog.jsonld).

The files are the ones stats/ and the decision cycle write (their functions are called here again, so the
sizes are of the very bytes published); the records behind them give each set its dates."""

from __future__ import annotations

import os

from pelican.generators import Generator

from ...domain.datasets import sets, structure
from ...domain.datasets.passport import LICENSES, Dataset, Frequency, Publisher, dataset
from ...domain.datasets.words import records_label, size_label
from ...domain.counting.opendata import counted_items
from ...domain.language.wording import long_date
from . import meetings, stats
from ..build.state import state

CATALOGUE = "opendata/catalog.jsonld"
TITLES = {
    "csv": "Дані у форматі CSV (UTF-8, кома як роздільник)",
    "json": "Дані у форматі JSON",
    "schema.json": "Структура JSON (JSON Schema)",
    "tableschema.json": "Структура CSV (Table Schema)",
    "ics": "Календар у форматі iCalendar",
}


def publisher(options: dict) -> Publisher:
    council = options["VISNYK_COUNCIL"]
    return Publisher(
        name=council["name"], edrpou=council["edrpou"],
        responsible=options["VISNYK_OPEN_DATA_RESPONSIBLE"] or council["name"],
        email=options["VISNYK_OPEN_DATA_EMAIL"] or council["email"],
        license=LICENSES[options["VISNYK_OPEN_DATA_LICENSE"]],
        frequency=Frequency(options["VISNYK_OPEN_DATA_FREQUENCY"]),
    )


def _title(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return next(t for ext, t in sorted(TITLES.items(), key=lambda kv: -len(kv[0])) if name.endswith("." + ext))


def datasets(build, siteurl: str, root: str) -> tuple[list[Dataset], dict[str, str]]:
    """The sets of this build, and the structure files this module writes (path → text)."""
    counted = stats.data_files(build, siteurl)
    cycle = meetings.data_files(build, root)
    ours = {f"stats/{spec.key}.tableschema.json": structure.to_json(structure.table_schema(spec))
            for spec in (sets.REGISTER, sets.COMPLIANCE, sets.PUBLICATIONS)}
    text = {**{f"stats/{k}": v for k, v in counted.items()}, **{f"stats/{k}": v for k, v in cycle.items()}, **ours}
    files = {path: (_title(path), data.encode("utf-8")) for path, data in text.items()}
    files[meetings.ICS] = (_title(meetings.ICS), meetings.calendar(build, root))
    who = publisher(build.options)
    pick = lambda *paths: {p: files[p] for p in paths}  # noqa: E731
    items = counted_items(build.counts)
    found = [
        dataset(sets.REGISTER, who, pick("stats/register.csv", "stats/register.tableschema.json"), items),
        dataset(sets.COMPLIANCE, who, pick("stats/compliance.csv", "stats/compliance.json",
                                           "stats/compliance.tableschema.json", "stats/compliance.schema.json"),
                [v.item for v in build.cycle.verdicts]),
        dataset(sets.MEETINGS, who, pick(meetings.ICS), build.cycle.meetings),
        dataset(sets.PUBLICATIONS, who, pick("stats/publications.csv", "stats/publications.json",
                                             "stats/publications.tableschema.json", "stats/publications.schema.json"),
                items),
    ]
    return found, ours


class OpenDataGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        siteurl = self.settings.get("SITEURL", "")
        root = meetings.site_root(self.settings)
        found, ours = datasets(build, siteurl, root)
        who = publisher(build.options)
        writer.write_file(
            "opendata/index.html", self.get_template("opendata"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name="opendata", url="opendata/",
            datasets=found, publisher=who, catalogue=CATALOGUE, size_label=size_label,
            records_label=records_label, long_date=long_date,
        )
        catalogue = structure.catalogue(found, who, f"Відкриті дані: {who.name}", root)
        ours[CATALOGUE] = structure.to_json(catalogue)
        for path, text in ours.items():
            target = os.path.join(self.output_path, *path.split("/"))
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)


def get_generators(pelican):
    return OpenDataGenerator
