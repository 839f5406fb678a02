"""Machine-readable structure and catalogue: a Table Schema for each CSV (frictionless), and the DCAT-AP
catalogue of every set as JSON-LD, the vocabulary data.gov.ua's CKAN and the EU portals harvest."""

from __future__ import annotations

import json
from collections.abc import Sequence

from .passport import Dataset, Field, Publisher, Spec

DIALECT = {"delimiter": ",", "lineTerminator": "\n", "header": True, "encoding": "utf-8"}


def table_schema(spec: Spec) -> dict:
    """Table Schema (https://specs.frictionlessdata.io/table-schema/) of the set's CSV."""
    def field(f: Field) -> dict:
        out: dict = {"name": f.name, "type": f.type, "title": f.title, "description": f.title}
        if f.type == "date":
            out["format"] = "%Y-%m-%d"
        constraints: dict = {}
        if f.required:
            constraints["required"] = True
        if f.pattern:
            constraints["pattern"] = f.pattern
        if f.minimum is not None:
            constraints["minimum"] = f.minimum
        if f.values:
            constraints["enum"] = list(f.values)
        if constraints:
            out["constraints"] = constraints
        return out

    return {"fields": [field(f) for f in spec.fields], "missingValues": [""]}


def fields_of(schema: dict) -> tuple[Field, ...]:
    """The fields of a Table Schema another capability writes (votes, the register of acts), for the page."""
    out = []
    for f in schema["fields"]:
        c = f.get("constraints", {})
        title = f["title"] + (f" — {f['description']}" if f.get("description") else "")
        out.append(Field(f["name"], f["type"], title, required=bool(c.get("required")), pattern=c.get("pattern", ""),
                         minimum=c.get("minimum"), values=tuple(c.get("enum", ()))))
    return tuple(out)


def to_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1) + "\n"


CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def list_item(spec: Spec) -> str:
    """Where the set stands against resolution 835's list, in the words the page and the portal show."""
    if spec.list_item:
        return f"Пункт переліку наборів даних (постанова КМУ № 835): {spec.list_item}"
    return "Понад перелік наборів даних постанови КМУ № 835: рада оприлюднює цей набір додатково"


def _iri(value: str) -> dict:
    return {"@id": value}


def _date(day) -> dict:
    return {"@value": day.isoformat(), "@type": "xsd:date"}


def _uk(text: str) -> dict:
    return {"@value": text, "@language": "uk"}


def catalogue(datasets: Sequence[Dataset], publisher: Publisher, title: str, base: str) -> dict:
    """DCAT-AP catalogue. Sets are named by "urn:visnyk:<identifier>" — no domain in them, so a move to another
    domain keeps every identifier; `base` (the site's address, "" when relative) only makes the download links
    absolute, as a harvester needs them."""
    root = base.rstrip("/") + "/" if base else "../"  # relative: from opendata/catalog.jsonld
    agent = {"@id": f"urn:visnyk:{publisher.edrpou or 'council'}:publisher", "@type": "foaf:Agent",
             "foaf:name": _uk(publisher.name)}
    if publisher.edrpou:
        agent["dct:identifier"] = publisher.edrpou

    def dataset(d: Dataset) -> dict:
        node: dict = {
            "@id": f"urn:visnyk:{d.identifier}",
            "@type": "dcat:Dataset",
            "dct:identifier": d.identifier,
            "dct:title": _uk(d.spec.title),
            "dct:description": _uk(d.spec.description),
            "dcat:keyword": [_uk(k) for k in d.spec.keywords],
            "dct:publisher": _iri(agent["@id"]),
            "dcat:contactPoint": {"@type": "vcard:Kind", "vcard:fn": publisher.responsible,
                                  "vcard:hasEmail": _iri("mailto:" + publisher.email)} if publisher.email
            else {"@type": "vcard:Kind", "vcard:fn": publisher.responsible},
            "dct:accrualPeriodicity": _iri(publisher.frequency.uri),
            "dct:conformsTo": {"@type": "dct:Standard", "dct:title": _uk(d.spec.legal_basis)},
            "dct:subject": {"@type": "skos:Concept", "skos:prefLabel": _uk(list_item(d.spec))},
            "dct:language": _iri("http://publications.europa.eu/resource/authority/language/UKR"),
            "dcat:landingPage": _iri(f"{root}opendata/#{d.spec.key}"),
            "dcat:distribution": [
                {
                    "@id": f"urn:visnyk:{d.identifier}:{x.path}",
                    "@type": "dcat:Distribution",
                    "dct:title": _uk(x.title),
                    "dcat:accessURL": _iri(root + x.path),
                    "dcat:downloadURL": _iri(root + x.path),
                    "dcat:mediaType": _iri("https://www.iana.org/assignments/media-types/" + x.media_type),
                    "dct:format": x.format,
                    "dcat:byteSize": {"@value": str(x.size), "@type": "xsd:nonNegativeInteger"},
                    "dct:license": _iri(publisher.license.url),
                    **({"dct:conformsTo": _iri(root + x.schema)} if x.schema else {}),
                }
                for x in d.distributions
            ],
        }
        if d.created:
            node["dct:issued"] = _date(d.created)
        if d.modified:
            node["dct:modified"] = _date(d.modified)
        return node

    return {
        "@context": CONTEXT,
        "@graph": [
            {
                "@id": f"urn:visnyk:{publisher.edrpou or 'council'}:catalogue",
                "@type": "dcat:Catalog",
                "dct:title": _uk(title),
                "dct:description": _uk(f"Набори відкритих даних, які оприлюднює {publisher.name}"),
                "dct:publisher": _iri(agent["@id"]),
                "dct:license": _iri(publisher.license.url),
                "dct:language": _iri("http://publications.europa.eu/resource/authority/language/UKR"),
                "dcat:dataset": [dataset(d) for d in datasets],
            },
            agent,
        ],
    }
