"""Typed passports of the data sets: what a set is (its spec, fixed in code), what this build made of it (its
files, their sizes, the dates its data covers) and who publishes it (the settings)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import Enum

from ..common.clock import kyiv
from ..common.model import Item


class Frequency(str, Enum):
    """How often a set is updated: the portal's words and the EU frequency vocabulary DCAT-AP uses."""

    CONTINUOUS = "continuous"
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    ANNUAL = "annual"

    @property
    def label(self) -> str:
        return FREQUENCY_LABEL[self]

    @property
    def uri(self) -> str:
        code = "UPDATE_CONT" if self is Frequency.CONTINUOUS else self.name
        return "http://publications.europa.eu/resource/authority/frequency/" + code


FREQUENCY_LABEL = {
    Frequency.CONTINUOUS: "Відразу після внесення змін",
    Frequency.DAILY: "Щодня",
    Frequency.WEEKLY: "Щотижня",
    Frequency.MONTHLY: "Щомісяця",
    Frequency.QUARTERLY: "Щокварталу",
    Frequency.ANNUAL: "Щороку",
}


@dataclass(frozen=True)
class License:
    key: str
    label: str
    url: str


LICENSES: dict[str, License] = {
    "CC-BY-4.0": License("CC-BY-4.0", "Creative Commons Attribution 4.0 International (CC BY 4.0)",
                         "https://creativecommons.org/licenses/by/4.0/"),
    "CC0-1.0": License("CC0-1.0", "Creative Commons Zero 1.0 (CC0 1.0)",
                       "https://creativecommons.org/publicdomain/zero/1.0/"),
}


@dataclass(frozen=True)
class Publisher:
    """Who answers for the sets: the council and the person the settings name."""

    name: str
    edrpou: str
    responsible: str
    email: str
    license: License
    frequency: Frequency


@dataclass(frozen=True)
class Field:
    """One column (or one property of a calendar event): its name, Table Schema type and meaning in Ukrainian."""

    name: str
    type: str  # Table Schema: string, integer, boolean, date, datetime, yearmonth
    title: str
    required: bool = True
    pattern: str = ""
    minimum: int | None = None
    values: tuple[str, ...] = ()  # the allowed values, when a closed list


@dataclass(frozen=True)
class Table:
    """One table of a set: its file, the Table Schema describing it (none for a calendar) and its fields."""

    path: str  # "votes/motions.csv"
    schema: str  # "votes/motions.schema.json"; "" for a calendar
    fields: tuple[Field, ...]


@dataclass(frozen=True)
class Spec:
    """What a set is, fixed in code: the portal's passport fields that do not depend on a build."""

    key: str  # stable, Latin: the set's identifier is "<ЄДРПОУ>-<key>", the same on any domain
    title: str
    description: str
    legal_basis: str
    keywords: tuple[str, ...]
    tables: tuple[Table, ...]  # the first is the set's main table: its rows are the set's records
    list_item: str  # the item of resolution 835's list the set falls under; "" — published beyond the list

    @property
    def table(self) -> str:
        return self.tables[0].path

    @property
    def fields(self) -> tuple[Field, ...]:
        return self.tables[0].fields


@dataclass(frozen=True)
class Distribution:
    """One downloadable file of a set."""

    path: str  # relative to the site root, "stats/register.csv"
    format: str  # "CSV", "JSON", "ICS"
    media_type: str
    size: int  # bytes
    title: str
    structure: bool = False  # a file describing the set's structure (JSON Schema, Table Schema)
    schema: str = ""  # a table's Table Schema (path), which the catalogue names as what the file conforms to


@dataclass(frozen=True)
class Dataset:
    spec: Spec
    identifier: str
    distributions: tuple[Distribution, ...]
    records: int  # rows of its table (events of a calendar): 0 is an empty set, said so on the page
    created: dt.date | None  # the date of its earliest record (Kyiv); None: no records yet
    modified: dt.date | None  # the date its data last changed: the latest record's publication or update


MEDIA = {"csv": ("CSV", "text/csv"), "json": ("JSON", "application/json"), "ics": ("ICS", "text/calendar")}
_KEY = re.compile(r"[a-z][a-z0-9-]*")


def identifier(edrpou: str, key: str) -> str:
    """The set's identifier: the council's ЄДРПОУ code and the set's key, no domain in it (a move to another
    domain keeps it); "visnyk-" in front when the code is not set."""
    assert _KEY.fullmatch(key), key
    return f"{edrpou}-{key}" if edrpou.strip() else f"visnyk-{key}"


def data_dates(items: Iterable[Item]) -> tuple[dt.date | None, dt.date | None]:
    """(created, modified) of the records behind a set: the first publication and the latest publication or
    update, Kyiv dates. From the data, not the build clock: a rebuild of unchanged content keeps both."""
    return span((item.date, item.modified) for item in items)


Moment = dt.datetime | dt.date


def _day(moment: Moment) -> dt.date:
    return kyiv(moment).date() if isinstance(moment, dt.datetime) else moment


def span(records: Iterable[tuple[Moment, Moment | None]]) -> tuple[dt.date | None, dt.date | None]:
    """(created, modified) of records given as (first published, last changed or None), Kyiv dates."""
    created = modified = None
    for first, changed_at in records:
        published = _day(first)
        changed = max(published, _day(changed_at)) if changed_at else published
        created = published if created is None or published < created else created
        modified = changed if modified is None or changed > modified else modified
    return created, modified


def records_in(path: str, text: str) -> int:
    """How many records a file holds: the rows under a CSV's header, the events of a calendar."""
    if path.endswith(".csv"):
        return max(0, sum(1 for _ in csv.reader(io.StringIO(text))) - 1)
    if path.endswith(".ics"):
        return text.count("BEGIN:VEVENT")
    raise ValueError(path)


def dataset(spec: Spec, publisher: Publisher, files: Mapping[str, tuple[str, bytes]], items: Iterable[Item],
            dates: tuple[dt.date | None, dt.date | None] | None = None) -> Dataset:
    """The passport of one set from the files this build wrote for it (path → (title, bytes), in the order to
    list them; the spec's table among them) and the records they were made from (or their `dates`, for
    records that are not items: votes, deputies)."""
    distributions = []
    schemas = {t.path: t.schema for t in spec.tables}
    for path, (title, data) in files.items():
        fmt, media = MEDIA[path.rsplit(".", 1)[1]]
        distributions.append(Distribution(path, fmt, media, len(data), title, structure=path.endswith("schema.json"),
                                          schema=schemas.get(path, "")))
    created, modified = dates if dates is not None else data_dates(items)
    table = files[spec.table][1].decode("utf-8")
    return Dataset(spec, identifier(publisher.edrpou, spec.key), tuple(distributions),
                   records_in(spec.table, table), created, modified)
