"""opendata/: «Відкриті дані» — every data set the site publishes with its passport, structure and downloads,
a Table Schema beside each CSV and the DCAT-AP catalogue (opendata/catalog.jsonld).

The files are the ones stats/ and the decision cycle write (their functions are called here again, so the
sizes are of the very bytes published), and those the votes and the register of acts wrote before this
generator runs (read back from the output); the records behind them give each set its dates. A set with no
records keeps its files (headers only) and says it is empty: the votes' files of a site without votes are
written here."""

from __future__ import annotations

import os

from pelican.generators import Generator

from ...domain.datasets import deputies, sets, structure
from ...domain.datasets.passport import LICENSES, Dataset, Frequency, Publisher, data_dates, dataset, span
from ...domain.datasets.words import records_label, size_label
from ...domain.counting.opendata import counted_items
from ...domain.language.wording import long_date
from ...domain.legal import register
from ...domain.votes import opendata as votes_data
from ...domain.votes.records import Council
from ...domain.votes.rollcall import RollCall, deputy_url
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
NAMED = {  # files whose name says more than their format
    "votes/motions.csv": "Питання й підсумки голосувань (motions), CSV", "votes/votes.csv": "Голоси депутатів (votes), CSV",
    "votes/motions.schema.json": "Структура motions.csv (Table Schema)",
    "votes/votes.schema.json": "Структура votes.csv (Table Schema)",
    "votes/popolo.json": "Ті самі голосування у форматі Popolo (JSON)",
    "votes/popolo.schema.json": "Структура popolo.json (JSON Schema)",
    "acts/register.schema.json": "Структура CSV і рядків JSON (Table Schema)",
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
    if path in NAMED:
        return NAMED[path]
    name = path.rsplit("/", 1)[-1]
    return next(t for ext, t in sorted(TITLES.items(), key=lambda kv: -len(kv[0])) if name.endswith("." + ext))


class Written:
    """A file another generator wrote, as the passport needs it: its size (len) and, for a set's table, its text
    (decode) — read from the disk, the very bytes published, and only when asked: a term of votes is ~180 MB of
    votes.csv and popolo.json, whose sizes are all the passport wants (read back whole, they doubled the build's
    peak memory)."""

    def __init__(self, path: str):
        self.path = path

    def __len__(self) -> int:
        return os.path.getsize(self.path)

    def decode(self, encoding: str = "utf-8") -> str:
        with open(self.path, "rb") as handle:
            return handle.read().decode(encoding)


def _written(output: str, folder: str, names, fallback: dict[str, str]) -> dict[str, str | Written]:
    """Files another generator wrote under folder/; `fallback` (the same functions' output for no records) where
    it wrote none, to be written here."""
    out: dict[str, str | Written] = {}
    for name in names:
        path = os.path.join(output, folder, name)
        out[f"{folder}/{name}"] = Written(path) if os.path.isfile(path) else fallback[name]
    return out


def datasets(build, siteurl: str, root: str, output: str) -> tuple[list[Dataset], dict[str, str]]:
    """The sets of this build, and the files this module writes (path → text): the structure files, the
    deputies' table, and the votes' files (headers only) when the votes wrote none."""
    counted = stats.data_files(build, siteurl)
    cycle = meetings.data_files(build, root)
    ours = {f"stats/{spec.key}.tableschema.json": structure.to_json(structure.table_schema(spec))
            for spec in (sets.REGISTER, sets.COMPLIANCE, sets.PUBLICATIONS)}
    base = f"{root}/" if root else "/"
    roll = build.roll if build.roll is not None and build.roll.council is not None else RollCall(Council(), ())
    empty = votes_data.files(RollCall(roll.council, ()), {}, base)
    if roll.files:
        voted = _written(output, "votes", votes_data.FILES, empty)
    else:  # never read back: a file left in output/ by an earlier build with votes would be stale
        voted = {f"votes/{name}": text for name, text in empty.items()}
        ours.update(voted)
    ours[deputies.CSV] = deputies.to_csv(roll.council, base, deputy_url)
    ours[deputies.SCHEMA] = structure.to_json(deputies.schema())
    acts = _written(output, "acts", register.FILES, {})
    text = {**{f"stats/{k}": v for k, v in counted.items()}, **{f"stats/{k}": v for k, v in cycle.items()}, **ours,
            **voted, **acts}
    files = {path: (_title(path), data if isinstance(data, Written) else data.encode("utf-8"))
             for path, data in text.items()}
    files[meetings.ICS] = (_title(meetings.ICS), meetings.calendar(build, root))
    who = publisher(build.options)
    pick = lambda *paths: {p: files[p] for p in paths}  # noqa: E731
    items = counted_items(build.counts)
    acted = [row.act for row in register.rows(build.items, build.legal, build.clock)]
    found = [
        dataset(sets.ACTS, who, pick(*(f"acts/{name}" for name in register.FILES)), (), data_dates(acted)),
        dataset(sets.REGISTER, who, pick("stats/register.csv", "stats/register.tableschema.json"), items),
        dataset(sets.COMPLIANCE, who, pick("stats/compliance.csv", "stats/compliance.json",
                                           "stats/compliance.tableschema.json", "stats/compliance.schema.json"),
                [v.item for v in build.cycle.verdicts]),
        dataset(sets.VOTES, who, pick(*(f"votes/{name}" for name in votes_data.FILES)), (),
                span((f.published, None) for f in roll.files)),
        dataset(sets.DEPUTIES, who, pick(deputies.CSV, deputies.SCHEMA), (),
                span((d.began, d.ended) for d in roll.council.deputies)),
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
        found, ours = datasets(build, siteurl, root, self.output_path)
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
