"""What the national portal (data.gov.ua, a CKAN site) is sent for each set: a CKAN package with its
resources, made from the published DCAT-AP catalogue (opendata/catalog.jsonld), so the portal says what the
site says. Pure data; the calls are in adapters/outputs/portal.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

LICENSE_IDS = {  # CKAN's license ids for our licences
    "https://creativecommons.org/licenses/by/4.0/": "cc-by",
    "https://creativecommons.org/publicdomain/zero/1.0/": "cc-zero",
}
FREQUENCY_WORDS = {  # the EU frequency → the portal's words
    "UPDATE_CONT": "Відразу після внесення змін", "DAILY": "Щодня", "WEEKLY": "Щотижня", "MONTHLY": "Щомісяця",
    "QUARTERLY": "Щокварталу", "ANNUAL": "Щороку",
}
NAME = re.compile(r"[a-z0-9_-]{2,100}")


@dataclass(frozen=True)
class Package:
    name: str  # CKAN's package name: the set's identifier ("00000000-register")
    fields: dict  # package_create / package_patch fields, without the resources
    resources: tuple[dict, ...]  # name, url, format, mimetype, size, description


class CatalogueError(ValueError):
    """A catalogue the portal cannot take (relative links: the site was built without its address)."""


def _text(value) -> str:
    return value["@value"] if isinstance(value, dict) else str(value)


def packages(catalogue: dict, owner_org: str) -> list[Package]:
    """One package a set, in the catalogue's order."""
    graph = catalogue["@graph"]
    out = []
    for d in graph[0]["dcat:dataset"]:
        name = d["dct:identifier"]
        if name.startswith("visnyk-"):  # passport.identifier without the council's code: every council's alike
            raise CatalogueError(f"набір «{name}» без коду ЄДРПОУ ради: ідентифікатор однаковий у всіх рад, тож на "
                                 "порталі він міг би зачепити чужий набір — задайте VISNYK_COUNCIL['edrpou']")
        if not NAME.fullmatch(name):
            raise CatalogueError(f"ідентифікатор набору «{name}» не підходить порталу (латиниця, цифри, -, _)")
        resources = []
        for x in d["dcat:distribution"]:
            url = x["dcat:downloadURL"]["@id"]
            if not url.startswith(("https://", "http://")):
                raise CatalogueError(
                    f"набір «{name}»: адреса файлу «{url}» відносна — збирайте сайт із його адресою "
                    "(./visnyk publish, SITEURL), щоб портал мав повні посилання")
            resources.append({
                "name": url.rsplit("/", 1)[-1], "url": url, "format": x["dct:format"],
                "mimetype": x["dcat:mediaType"]["@id"].rsplit("/media-types/", 1)[-1],
                "size": int(x["dcat:byteSize"]["@value"]), "description": _text(x["dct:title"]),
            })
        contact = d["dcat:contactPoint"]
        frequency = d["dct:accrualPeriodicity"]["@id"].rsplit("/", 1)[-1]
        license_url = d["dcat:distribution"][0]["dct:license"]["@id"] if d["dcat:distribution"] else ""
        fields = {
            "name": name,
            "title": _text(d["dct:title"]),
            "notes": _text(d["dct:description"]),
            "owner_org": owner_org,
            "maintainer": contact.get("vcard:fn", ""),
            "maintainer_email": contact.get("vcard:hasEmail", {}).get("@id", "").removeprefix("mailto:"),
            "license_id": LICENSE_IDS.get(license_url, "other-open"),
            "url": d["dcat:landingPage"]["@id"],
            "tags": [{"name": _text(k)} for k in d["dcat:keyword"]],
            "extras": [
                {"key": "update_frequency", "value": FREQUENCY_WORDS.get(frequency, frequency)},
                {"key": "purpose_of_collecting_information",
                 "value": f'{_text(d["dct:conformsTo"]["dct:title"])}. {_text(d["dct:subject"]["skos:prefLabel"])}'},
                {"key": "identifier", "value": d["@id"]},
            ],
        }
        out.append(Package(name, fields, tuple(resources)))
    return out
