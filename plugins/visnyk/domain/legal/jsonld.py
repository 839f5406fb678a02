"""An act as schema.org `Legislation` (JSON-LD) for search engines and re-users: its number, date, kind,
legal force and the acts it amends or repeals — and, by `@reverse` (schema.org has no inverse property),
the acts that amended or repealed it. Only terms of the schema.org vocabulary (checked by
tests/test_legal_jsonld.py against a local copy of it).
"""

from __future__ import annotations

from collections.abc import Callable

from ..common.clock import kyiv
from ..language.wording import ACT_KIND_LABEL
from .status import ActStatus, Force

SCHEMA = "https://schema.org/"
# An amended act is in force (in its new wording); a repealed act, or one whose day has not come, is not.
LEGAL_FORCE = {Force.IN_FORCE: "InForce", Force.AMENDED: "InForce", Force.REPEALED: "NotInForce",
               Force.NOT_YET: "NotInForce"}


def legislation(status: ActStatus, url_of: Callable, organization: dict, language: str) -> dict:
    """`url_of(item)` gives an act's address (absolute when the site has one)."""
    act = status.act
    data: dict = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "@id": url_of(act),
        "url": url_of(act),
        "name": act.title,
        "legislationType": ACT_KIND_LABEL[act.act_kind],
        "legislationDate": kyiv(act.adopted or act.date).date().isoformat(),
        "legislationDateOfApplicability": status.in_force_from.isoformat(),
        "legislationLegalForce": {"@id": SCHEMA + LEGAL_FORCE[status.force]},
        "datePublished": act.date.isoformat(),
        "dateModified": (act.modified or act.date).isoformat(),
        "inLanguage": language,
        "publisher": organization,
    }
    number = (act.number or "").strip().removeprefix("№").strip()
    if number:
        data["legislationIdentifier"] = number
    if status.amends:
        data["legislationAmends"] = [{"@id": url_of(t)} for t in status.amends]
    if status.repeals:
        data["legislationRepeals"] = [{"@id": url_of(t)} for t in status.repeals]
    reverse: dict = {}
    amended = [{"@id": url_of(c.act)} for c in status.amended_by if c.taken_effect]
    if amended:
        reverse["legislationAmends"] = amended
    if status.repealed_by is not None and status.repealed_by.taken_effect:
        reverse["legislationRepeals"] = [{"@id": url_of(status.repealed_by.act)}]
    if reverse:
        data["@reverse"] = reverse
    return data


