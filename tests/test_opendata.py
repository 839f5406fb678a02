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


# --- the demo, as published -------------------------------------------------------------------------


def catalogue_graph(output: Path):
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=(output / "opendata/catalog.jsonld").read_text(encoding="utf-8"), format="json-ld",
                base="https://rada.example/opendata/catalog.jsonld")
    ran("validator", "rdflib JSON-LD")
    return graph


def test_every_csv_is_valid_against_its_table_schema(demo):
    from frictionless import Dialect, Resource, Schema
    from frictionless.formats import CsvControl

    checked = []
    for spec in (sets.REGISTER, sets.COMPLIANCE, sets.PUBLICATIONS):
        schema = Schema.from_descriptor(json.loads((demo / f"stats/{spec.key}.tableschema.json").read_text("utf-8")))
        resource = Resource(path=spec.table, basepath=str(demo), schema=schema, encoding="utf-8",
                            format="csv",
                            dialect=Dialect(header=True, controls=[CsvControl(delimiter=",", line_terminator="\n")]))
        report = resource.validate()
        ran("validator", "frictionless")
        errors = [e.message for task in report.tasks for e in task.errors][:5]
        assert report.valid, f"{spec.table}: {errors}"
        header = (demo / spec.table).read_text("utf-8").split("\n", 1)[0]
        assert header == ",".join(f.name for f in spec.fields)
        checked.append(spec.key)
    assert checked == ["register", "compliance", "publications"]


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
        for words in ("Відповідальна особа", "Частота оновлення", "Ліцензія", "Дата створення",
                      "Дата останнього оновлення даних", spec.legal_basis):
            assert words in text, (spec.key, words)
        assert [c.text_content() for c in section[0].xpath(".//dl[@class='dataset-fields']/dt/code")] == [
            f.name for f in spec.fields]
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
    late = site.build(epoch="1798761600", output=site.root / "late")  # 2027-01-01
    assert early.returncode == 0 and late.returncode == 0, early.text + late.text
    return early.output, late.output


def test_an_unchanged_set_keeps_its_dates_when_the_clock_moves(two_clocks):
    early, late = (json.loads((o / "opendata/catalog.jsonld").read_text("utf-8")) for o in two_clocks)
    dates = [{d["dct:identifier"]: (d.get("dct:issued"), d.get("dct:modified"))
              for d in c["@graph"][0]["dcat:dataset"]} for c in (early, late)]
    assert dates[0] == dates[1]
    assert dates[0]["00000000-register"] == ({"@value": "2025-03-14", "@type": "xsd:date"},
                                           {"@value": "2025-04-05", "@type": "xsd:date"})


def test_a_set_with_no_records_is_listed_and_says_so(two_clocks):
    doc = lxml.html.parse(str(two_clocks[0] / "opendata/index.html")).getroot()
    meetings = " ".join(doc.xpath("//section[h2/@id='meetings']")[0].text_content().split())
    assert "Набір поки порожній" in meetings
    assert "записів ще немає" in meetings
