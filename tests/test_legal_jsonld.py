"""Act pages carry schema.org `Legislation` (issue 26 §4), checked against the vocabulary itself: a local
extract of schema.org's release 30.0 (tests/data/schemaorg-legislation.jsonld; nothing is fetched)."""

from __future__ import annotations

import json
import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.timeout(900)  # the first test may build the demo site (the session's shared build)
VOCABULARY = json.loads((ROOT / "tests/data/schemaorg-legislation.jsonld").read_text(encoding="utf-8"))
TERMS = {node["@id"]: node for node in VOCABULARY["@graph"]}
SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def ids(value) -> set[str]:
    values = value if isinstance(value, list) else [value] if value else []
    return {v["@id"] for v in values}


def classes_of(name: str) -> set[str]:
    """A class and every class above it ("schema:Legislation" → CreativeWork, Thing)."""
    found, todo = set(), [name]
    while todo:
        current = todo.pop()
        if current in found or current not in TERMS:
            continue
        found.add(current)
        todo += ids(TERMS[current].get("rdfs:subClassOf"))
    return found


def vocabulary_problems(node: dict, type_: str) -> list[str]:
    """Every property that the vocabulary does not give this type, or whose value is of the wrong kind."""
    problems, mine = [], classes_of(type_)
    for key, value in node.items():
        if key in ("@context", "@type", "@id"):
            continue
        if key == "@reverse":  # the subject is the other act: the property's range must admit this one's type
            for name in value:
                term = TERMS.get(f"schema:{name}")
                if term is None or not ids(term.get("schema:rangeIncludes")) & mine:
                    problems.append(f"@reverse {name}")
            continue
        term = TERMS.get(f"schema:{key}")
        if term is None or "rdf:Property" not in str(term.get("@type")):
            problems.append(f"{key}: not a schema.org property")
        elif not ids(term.get("schema:domainIncludes")) & mine:
            problems.append(f"{key}: not a property of {type_}")
        if key == "legislationLegalForce":
            member = TERMS.get(value["@id"].replace("https://schema.org/", "schema:"), {})
            if member.get("@type") != "schema:LegalForceStatus":
                problems.append(f"{key}: {value} is not a LegalForceStatus")
    return problems


def legislation(demo, path: str) -> dict:
    page = (demo / path / "index.html").read_text(encoding="utf-8")
    [data] = [d for d in map(json.loads, SCRIPT.findall(page)) if d["@type"] != "BreadcrumbList"]
    return data


def test_every_adopted_act_page_is_legislation_in_schema_org_terms(demo):
    pages = sorted(p.parent.relative_to(demo).as_posix() for p in demo.glob("acts/[0-9]*/*/index.html"))
    seen = 0
    for path in pages:
        page = (demo / path / "index.html").read_text(encoding="utf-8")
        if 'class="legal legal-' not in page:
            continue  # drafts, protocols, conclusions: no legal status, the page stays an article
        data = legislation(demo, path)
        assert data["@type"] == "Legislation", path
        assert vocabulary_problems(data, "schema:Legislation") == [], path
        assert vocabulary_problems(data["publisher"], "schema:GovernmentOrganization") == [], path
        seen += 1
    assert seen > 20


def test_the_relations_and_the_force_are_said_both_ways(demo):
    repealed = legislation(demo, "acts/2024/pro-stvorennia-robochoi-hrupy-z-onovlennia-ofitsiinoho-vebsaitu-miskoi-rady")
    assert repealed["legislationLegalForce"] == {"@id": "https://schema.org/NotInForce"}
    assert repealed["legislationIdentifier"] == "201-р" and repealed["legislationDate"] == "2024-10-01"
    [repealer] = ids(repealed["@reverse"]["legislationRepeals"])
    assert repealer.endswith("/acts/2026/pro-vyznannia-takym-shcho-vtratylo-chynnist-rozporiadzhennia-miskoho-fec9c9/")
    order = legislation(demo, "acts/2025/pro-vnesennia-zmin-do-rozporiadzhennia-miskoho-holovy-vid-27-01-2025-no-12-r")
    assert order["legislationDateOfApplicability"] == "2025-07-01"
    assert ids(order["legislationAmends"]) == {
        "/acts/2025/pro-zatverdzhennia-planu-zakhodiv-shchodo-zapobihannia-koruptsii-na-2025-rik/"}
    plan = legislation(demo, "acts/2025/pro-zatverdzhennia-planu-zakhodiv-shchodo-zapobihannia-koruptsii-na-2025-rik")
    assert plan["legislationLegalForce"] == {"@id": "https://schema.org/InForce"}
    assert ids(plan["@reverse"]["legislationAmends"]) == {order["@id"]}


def test_the_vocabulary_check_can_fail():
    assert vocabulary_problems({"legislationRepealedBy": []}, "schema:Legislation") == [
        "legislationRepealedBy: not a schema.org property"]
    assert vocabulary_problems({"articleSection": "x"}, "schema:Legislation") == [
        "articleSection: not a schema.org property"]  # NewsArticle's: not in the extract, nor Legislation's
    assert vocabulary_problems({"legislationLegalForce": {"@id": "https://schema.org/Draft"}},
                               "schema:Legislation") == [
        "legislationLegalForce: {'@id': 'https://schema.org/Draft'} is not a LegalForceStatus"]
    assert vocabulary_problems({"legislationDate": "2025-01-01"}, "schema:GovernmentOrganization") == [
        "legislationDate: not a property of schema:GovernmentOrganization"]
