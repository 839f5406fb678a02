"""Open data section (issue 27): every set's passport, structure and files on opendata/, each CSV read by
frictionless against its Table Schema, the DCAT-AP catalogue read as RDF, dates from the data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import lxml.html
import pytest

from conftest import Site, item, ran
from visnyk.domain.common.clock import KYIV
from visnyk.domain.datasets import sets, structure
from visnyk.domain.datasets.passport import LICENSES, Frequency, Publisher, data_dates, dataset, identifier
from visnyk.domain.datasets.words import records_label, size_label
from visnyk.domain.common.model import ContentType, Item, Status

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
PUBLISHER = Publisher("Тестова міська рада", "12345678", "Олена Коваленко", "data@rada.example",
                      LICENSES["CC-BY-4.0"], Frequency.DAILY)


def make(date, modified=None, n=[0]) -> Item:
    n[0] += 1
    return Item(source=f"news/{n[0]}.md", type=ContentType.NEWS, title=f"t{n[0]}", date=date, slug=f"s{n[0]}",
                status=Status.PUBLISHED, lang="uk", department="info", modified=modified)


# --- the domain, without Pelican ------------------------------------------------------------------


def test_a_sets_dates_are_its_records_kyiv_dates_not_the_clock():
    first = make(dt.datetime(2024, 5, 31, 21, 30, tzinfo=dt.timezone.utc))  # 00:30 on 1 June in Kyiv
    later = make(dt.datetime(2024, 7, 2, 9, tzinfo=KYIV), modified=dt.datetime(2024, 8, 3, 9, tzinfo=KYIV))
    last = make(dt.datetime(2024, 7, 20, 9, tzinfo=KYIV))
    assert data_dates([later, last, first]) == (dt.date(2024, 6, 1), dt.date(2024, 8, 3))
    assert data_dates([]) == (None, None)


def test_an_empty_set_keeps_its_passport_and_says_it_is_empty():
    header = b"date,type,act_kind,number,department,title,url\n"
    empty = dataset(sets.REGISTER, PUBLISHER, {"stats/register.csv": ("CSV", header)}, [])
    assert (empty.records, empty.created, empty.modified) == (0, None, None)
    assert empty.identifier == "12345678-register"
    assert "порожній" in records_label(0)
    assert [records_label(n) for n in (1, 3, 5, 21, 111)] == ["1 запис", "3 записи", "5 записів", "21 запис",
                                                              "111 записів"]


def test_sizes_are_said_in_ukrainian():
    assert [size_label(n) for n in (1, 2, 5, 1023, 1536, 3 * 1024 * 1024)] == [
        "1 байт", "2 байти", "5 байтів", "1023 байти", "1,5 КБ", "3,0 МБ"]


def test_identifiers_do_not_depend_on_the_domain():
    header = b"period,type,department,count\n2024-05,news,info,2\n"
    sets_ = [dataset(sets.PUBLICATIONS, PUBLISHER, {"stats/publications.csv": ("CSV", header)}, [])]
    one = structure.catalogue(sets_, PUBLISHER, "Каталог", "https://rada.example")
    two = structure.catalogue(sets_, PUBLISHER, "Каталог", "https://new-domain.example/visnyk")

    def ids(catalogue) -> list[str]:
        return [d["@id"] for d in catalogue["@graph"][0]["dcat:dataset"]] + [
            x["@id"] for d in catalogue["@graph"][0]["dcat:dataset"] for x in d["dcat:distribution"]]
    assert ids(one) == ids(two) == ["urn:visnyk:12345678-publications",
                                    "urn:visnyk:12345678-publications:stats/publications.csv"]
    assert identifier("", "register") == "visnyk-register"


def test_a_council_without_its_code_is_not_sent_to_the_portal():
    from visnyk.domain.datasets.ckan import CatalogueError, packages

    nameless = Publisher("Рада", "", "Особа", "", LICENSES["CC-BY-4.0"], Frequency.DAILY)
    header = b"period,type,department,count\n"
    one = [dataset(sets.PUBLICATIONS, nameless, {"stats/publications.csv": ("CSV", header)}, [])]
    with pytest.raises(CatalogueError, match="ЄДРПОУ"):
        packages(structure.catalogue(one, nameless, "Каталог", "https://rada.example"), "rada")
    named = [dataset(sets.PUBLICATIONS, PUBLISHER, {"stats/publications.csv": ("CSV", header)}, [])]
    assert [p.name for p in packages(structure.catalogue(named, PUBLISHER, "Каталог", "https://rada.example"),
                                     "rada")] == ["12345678-publications"]


def test_passports_fit_the_portals_limits():
    """data.gov.ua's passport: a name up to 254 characters, a description up to 4000; keys stay identifiers."""
    for spec in sets.SPECS:
        assert len(spec.title) <= 254 and len(spec.description) <= 4000 and spec.keywords, spec.key
        assert identifier("12345678", spec.key) == f"12345678-{spec.key}"
    assert len({s.key for s in sets.SPECS}) == len(sets.SPECS)


# --- the demo, as published -------------------------------------------------------------------------


def catalogue_graph(output: Path):
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=(output / "opendata/catalog.jsonld").read_text(encoding="utf-8"), format="json-ld",
                base="https://rada.example/opendata/catalog.jsonld")
    ran("validator", "rdflib JSON-LD")
    return graph


def test_every_csv_is_valid_against_its_table_schema(demo):
    """Every table of every set, read by frictionless against the Table Schema the catalogue names for it; a
    set's tables as one package, so the votes' foreign key into motions is checked too."""
    from frictionless import Dialect, Package, Resource, Schema
    from frictionless.formats import CsvControl

    checked = []
    for spec in sets.SPECS:
        resources = []
        for table in spec.tables:
            if not table.schema:
                continue  # the calendar: RFC 5545, not a table
            schema = Schema.from_descriptor(json.loads((demo / table.schema).read_text("utf-8")))
            resources.append(Resource(
                name=table.path.rsplit("/", 1)[1].removesuffix(".csv"), path=table.path, basepath=str(demo),
                schema=schema, encoding="utf-8", format="csv",
                dialect=Dialect(header=True, controls=[CsvControl(delimiter=",", line_terminator="\n")])))
            header = (demo / table.path).read_text("utf-8").split("\n", 1)[0]
            assert header == ",".join(f.name for f in table.fields), table.path
            checked.append(table.path)
        if resources:
            report = Package(resources=resources).validate()
            ran("validator", "frictionless")
            errors = [e.message for task in report.tasks for e in task.errors][:5]
            assert report.valid, f"{spec.key}: {errors}"
    assert checked == ["acts/register.csv", "stats/register.csv", "stats/compliance.csv", "votes/motions.csv",
                       "votes/votes.csv", "deputies/deputies.csv", "stats/publications.csv"]


DATA_SUFFIXES = (".csv", ".json", ".jsonld", ".ics")
NOT_DATA = ("files/", "pagefind/", "theme/")  # editors' attachments, the search index, the theme's own files
FORMATS = {  # ISO 8601, as the portal recommends: the only forms a typed column may hold, in every set
    "date": r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])",
    "datetime": r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}",
    "yearmonth": r"\d{4}-(0[1-9]|1[0-2])",
    "boolean": r"true|false",
}
DATE_LIKE = r"\d{1,4}[.\-/]\d{1,2}[.\-/]\d{1,4}(T.*)?|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}.*"


def data_files(output: Path) -> list[str]:
    return sorted(p.relative_to(output).as_posix() for p in output.rglob("*") if p.suffix in DATA_SUFFIXES
                  and not p.relative_to(output).as_posix().startswith(NOT_DATA))


def test_every_csv_the_site_writes_has_one_encoding_separator_and_date_format(demo):
    """UTF-8 without BOM, comma, "\\n", a header; each date, date-time, month and boolean column in its one form
    across every set, and no column left as text that holds dates (which would escape the rule)."""
    import csv
    import io
    import re

    catalogue = json.loads((demo / "opendata/catalog.jsonld").read_text("utf-8"))
    schema_of = {x["dcat:downloadURL"]["@id"].removeprefix("../"): x["dct:conformsTo"]["@id"].removeprefix("../")
                 for d in catalogue["@graph"][0]["dcat:dataset"] for x in d["dcat:distribution"]
                 if "dct:conformsTo" in x}
    csvs = [p for p in data_files(demo) if p.endswith(".csv")]
    assert len(csvs) >= 7
    typed = set()
    for path in csvs:
        raw = (demo / path).read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw, path
        text = raw.decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter=","))
        schema = json.loads((demo / schema_of[path]).read_text("utf-8"))
        assert rows[0] == [f["name"] for f in schema["fields"]], path
        for column, field in enumerate(schema["fields"]):
            values = [r[column] for r in rows[1:] if r[column] != ""]
            if field["type"] in FORMATS:
                typed.add(field["type"])
                bad = [v for v in values if not re.fullmatch(FORMATS[field["type"]], v)]
                assert not bad, (path, field["name"], bad[:3])
            elif field["type"] == "string" and values:
                assert not all(re.fullmatch(DATE_LIKE, v) for v in values), (path, field["name"], values[:3])
    assert typed == {"date", "datetime", "yearmonth", "boolean"}


def test_every_data_file_the_site_writes_is_in_the_catalogue(demo):
    catalogue = json.loads((demo / "opendata/catalog.jsonld").read_text("utf-8"))
    listed = {x["dcat:downloadURL"]["@id"].removeprefix("../") for d in catalogue["@graph"][0]["dcat:dataset"]
              for x in d["dcat:distribution"]}
    unlisted = [p for p in data_files(demo) if p not in listed and p != "opendata/catalog.jsonld"]
    assert not unlisted, f"data files in no set of opendata/catalog.jsonld: {unlisted}"
    assert {"votes/votes.csv", "deputies/deputies.csv", "acts/register.csv"} <= listed


def test_the_catalogue_is_dcat_with_every_set_and_true_sizes(demo):
    import rdflib
    from rdflib.namespace import RDF

    graph = catalogue_graph(demo)
    dcat, dct = rdflib.Namespace(DCAT), rdflib.Namespace(DCT)
    catalogues = list(graph.subjects(RDF.type, dcat.Catalog))
    assert len(catalogues) == 1
    found = sorted(str(d) for d in graph.objects(catalogues[0], dcat.dataset))
    assert found == sorted(f"urn:visnyk:00000000-{s.key}" for s in sets.SPECS)
    for d in graph.objects(catalogues[0], dcat.dataset):
        # DCAT-AP's mandatory properties of a dataset, and what the portal's passport needs.
        for prop in (dct.title, dct.description, dct.identifier, dct.publisher, dcat.contactPoint,
                     dct.accrualPeriodicity, dct.modified, dct.issued, dcat.keyword):
            assert graph.value(d, prop) is not None, (d, prop)
        subject = str(graph.value(graph.value(d, dct.subject), rdflib.URIRef("http://www.w3.org/2004/02/skos/core#prefLabel")))
        assert "835" in subject, (d, subject)
        distributions = list(graph.objects(d, dcat.distribution))
        assert distributions
        for x in distributions:
            url = str(graph.value(x, dcat.downloadURL))
            path = demo / url.removeprefix("https://rada.example/")
            assert path.is_file(), url
            assert int(graph.value(x, dcat.byteSize)) == path.stat().st_size
            assert str(graph.value(x, dct.license)) == "https://creativecommons.org/licenses/by/4.0/"


def test_the_page_shows_every_sets_passport_structure_and_downloads(demo):
    doc = lxml.html.parse(str(demo / "opendata/index.html")).getroot()
    assert doc.xpath("string(//h1)") == "Відкриті дані"
    for spec in sets.SPECS:
        section = doc.xpath(f"//section[h2/@id='{spec.key}']")
        assert len(section) == 1, spec.key
        text = " ".join(section[0].text_content().split())
        for words in ("Відповідальна особа", "Частота оновлення", "Ліцензія", "Дата створення", "Мова інформації",
                      "Дата останнього оновлення даних", spec.legal_basis):
            assert words in text, (spec.key, words)
        assert [c.text_content() for c in section[0].xpath(".//dl[@class='dataset-fields']/dt/code")] == [
            f.name for t in spec.tables for f in t.fields]
        item = f"пункт {spec.list_item}" if spec.list_item else "понад перелік: рада оприлюднює цей набір додатково"
        cell = section[0].xpath("string(.//tr[th='Перелік наборів даних (постанова № 835)']/td)")
        assert " ".join(cell.split()) == item, spec.key
        for href in section[0].xpath(".//h3[.='Файли']/following-sibling::ul//a/@href"):
            assert (demo / "opendata" / href).resolve().is_file(), href


# --- a small site: an empty set, and dates that do not follow the clock --------------------------------


@pytest.fixture(scope="module")
def two_clocks(tmp_path_factory):
    from conftest import DEPARTMENTS

    site = Site(tmp_path_factory.mktemp("opendata"))
    site.write("departments.yml", DEPARTMENTS)
    site.write("news/a.md", item(date="2025-03-14 10:00"))
    site.write("news/b.md", item(title="Друга", date="2025-04-02 10:00", modified="2025-04-05 12:00"))
    early = site.build(epoch="1767225600", output=site.root / "early")  # 2026-01-01
    # a year later, and on another domain
    late = site.build("-e", 'SITEURL="https://new-domain.example/visnyk"', epoch="1798761600",
                      output=site.root / "late")  # 2027-01-01
    assert early.returncode == 0 and late.returncode == 0, early.text + late.text
    return early.output, late.output


def test_an_unchanged_set_keeps_its_dates_when_the_clock_moves(two_clocks):
    early, late = (json.loads((o / "opendata/catalog.jsonld").read_text("utf-8")) for o in two_clocks)
    dates = [{d["dct:identifier"]: (d.get("dct:issued"), d.get("dct:modified"))
              for d in c["@graph"][0]["dcat:dataset"]} for c in (early, late)]
    assert dates[0] == dates[1]
    assert dates[0]["00000000-register"] == ({"@value": "2025-03-14", "@type": "xsd:date"},
                                           {"@value": "2025-04-05", "@type": "xsd:date"})


def test_identifiers_survive_a_move_to_another_domain(two_clocks):
    early, late = (json.loads((o / "opendata/catalog.jsonld").read_text("utf-8")) for o in two_clocks)

    def ids(catalogue) -> list[str]:
        graph = catalogue["@graph"]
        return [graph[0]["@id"], graph[1]["@id"]] + [
            i for d in graph[0]["dcat:dataset"] for i in (d["@id"], d["dct:identifier"],
                                                          *(x["@id"] for x in d["dcat:distribution"]))]

    def links(catalogue) -> list[str]:
        return [x["dcat:downloadURL"]["@id"] for d in catalogue["@graph"][0]["dcat:dataset"]
                for x in d["dcat:distribution"]]
    assert ids(early) == ids(late) and "urn:visnyk:00000000-votes" in ids(early)
    assert links(early)[0] == "../acts/register.csv"
    assert links(late)[0] == "https://new-domain.example/visnyk/acts/register.csv"


def test_a_set_with_no_records_is_listed_and_says_so(two_clocks):
    """A site with news only: no meetings, acts, votes or deputies. Each of those sets is still on the page and
    in the catalogue, says it is empty, and its tables are there with their header row only."""
    output = two_clocks[0]
    doc = lxml.html.parse(str(output / "opendata/index.html")).getroot()
    catalogue = json.loads((output / "opendata/catalog.jsonld").read_text("utf-8"))
    listed = {d["dct:identifier"]: d for d in catalogue["@graph"][0]["dcat:dataset"]}
    assert sorted(listed) == sorted(f"00000000-{s.key}" for s in sets.SPECS)
    for spec in (sets.MEETINGS, sets.ACTS, sets.VOTES, sets.DEPUTIES):
        text = " ".join(doc.xpath(f"//section[h2/@id='{spec.key}']")[0].text_content().split())
        assert "Набір поки порожній" in text and "записів ще немає" in text, spec.key
        assert "dct:modified" not in listed[f"00000000-{spec.key}"], spec.key
        for table in spec.tables:
            if table.schema:
                assert (output / table.path).read_text("utf-8") == ",".join(f.name for f in table.fields) + "\n"
                assert (output / table.schema).is_file(), table.schema
    register = " ".join(doc.xpath("//section[h2/@id='register']")[0].text_content().split())
    assert "Набір поки порожній" not in register
