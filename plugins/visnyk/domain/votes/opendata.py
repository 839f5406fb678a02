"""Roll-call results as open data: the two tables of the structure councils publish on data.gov.ua for the data
set of resolution 835 («Поіменні результати голосування депутатів»: `motions` — one row a question with its
totals and result; `votes` — one row a deputy's choice), each with a Table Schema (frictionless), and a
Popolo JSON (Person, Organization, Membership, VoteEvent with Count and Vote) with its JSON Schema."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from contextlib import contextmanager
from typing import TextIO

from ..common.clock import kyiv
from ..counting.opendata import csv_text, spreadsheet_safe  # one CSV writer for every data set (spreadsheet-safe cells)
from .records import CHOICES, Choice
from .rollcall import RollCall, deputy_url, vote_url

FILES = ("motions.csv", "motions.schema.json", "votes.csv", "votes.schema.json", "popolo.json", "popolo.schema.json")
PORTAL_CHOICE = {c: c.value.capitalize() for c in CHOICES}  # «За», «Проти», «Утримався», «Не голосував», «Відсутній»
PORTAL_WORD = {c: spreadsheet_safe(word) for c, word in PORTAL_CHOICE.items()}
POPOLO_OPTION = {Choice.FOR: "yes", Choice.AGAINST: "no", Choice.ABSTAINED: "abstain",
                 Choice.NOT_VOTED: "not voting", Choice.ABSENT: "absent"}
MOTION_COLUMNS = ("uid", "date", "convocation", "legislativeSession", "num", "agendaItem", "title", "threshold",
                  "votingFor", "votingAgainst", "votingAbstain", "notVoting", "absent", "votingResult", "textUrl")
VOTE_COLUMNS = ("motionUid", "voterId", "voterName", "faction", "motionTitle", "result")


def uid(vote_file, question) -> str:
    return f"{vote_file.key}-{question.number}"


def _ordered(roll: RollCall):
    return sorted(roll.questions(), key=lambda fq: (fq[1].time.timestamp(), fq[0].source, fq[1].number))


def motions_csv(roll: RollCall, titles: dict[str, str], base: str) -> str:
    rows = []
    for f, q in _ordered(roll):
        totals = q.totals()
        rows.append({
            "uid": uid(f, q), "date": kyiv(q.time).isoformat(), "convocation": roll.council.term,
            "legislativeSession": titles.get(f.meeting, f.meeting), "num": q.number, "agendaItem": q.agenda,
            "title": q.title, "threshold": q.threshold, "votingFor": totals[Choice.FOR],
            "votingAgainst": totals[Choice.AGAINST], "votingAbstain": totals[Choice.ABSTAINED],
            "notVoting": totals[Choice.NOT_VOTED], "absent": totals[Choice.ABSENT], "votingResult": q.result,
            "textUrl": base + vote_url(f, q),
        })
    return csv_text(MOTION_COLUMNS, rows)


def _csv_cells(*cells) -> str:
    """Cells as csv.writer writes them in a row (quoted when they must be), without the line's end: the csv module
    quotes each field on its own, so a row is these pieces joined by commas."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(cells)
    return buffer.getvalue()


def write_votes_csv(out: TextIO, roll: RollCall) -> None:
    """One row a choice (~670,000 a term), streamed: the deputy's, the question's and the choice's cells are made
    spreadsheet-safe and CSV-quoted once each, and a row is those pieces joined (a dict a row held a gigabyte and
    took half a minute; a tuple a row through csv.writer, twice what the joining takes)."""
    voters = {d.id: _csv_cells(spreadsheet_safe(d.id), spreadsheet_safe(d.name), spreadsheet_safe(d.faction))
              for d in roll.council.deputies}
    words = {c: "," + _csv_cells(word) + "\n" for c, word in PORTAL_WORD.items()}
    out.write(_csv_cells(*VOTE_COLUMNS) + "\n")
    for f, q in _ordered(roll):
        motion, title = _csv_cells(spreadsheet_safe(uid(f, q))) + ",", "," + _csv_cells(spreadsheet_safe(q.title))
        out.write("".join([piece for who, choice in q.choices for piece in (motion, voters[who], title, words[choice])]))


def _field(name, kind, title, description="", **constraints):
    field = {"name": name, "type": kind, "title": title}
    if description:
        field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


def motions_schema() -> dict:
    return {"fields": [
        _field("uid", "string", "Ідентифікатор питання", "файл засідання і номер питання", required=True, unique=True),
        _field("date", "datetime", "Дата й час голосування", "ISO 8601 з часовим зсувом Києва", required=True),
        _field("convocation", "string", "Скликання", required=True),
        _field("legislativeSession", "string", "Засідання (сесія)", required=True),
        _field("num", "integer", "Номер питання на засіданні", required=True, minimum=1),
        _field("agendaItem", "integer", "Пункт порядку денного", required=True, minimum=1),
        _field("title", "string", "Питання", required=True),
        _field("threshold", "integer", "Потрібно голосів «за»", required=True, minimum=1),
        *(_field(n, "integer", t, required=True, minimum=0) for n, t in (
            ("votingFor", "За"), ("votingAgainst", "Проти"), ("votingAbstain", "Утримались"),
            ("notVoting", "Не голосували"), ("absent", "Відсутні"))),
        _field("votingResult", "string", "Результат", required=True, enum=["прийнято", "не прийнято"]),
        _field("textUrl", "string", "Сторінка поіменного голосування", required=True),
    ], "primaryKey": ["uid"]}


def votes_schema() -> dict:
    return {"fields": [
        _field("motionUid", "string", "Ідентифікатор питання", "uid у motions.csv", required=True),
        _field("voterId", "string", "Ідентифікатор депутата", required=True, pattern="[a-z0-9-]+"),
        _field("voterName", "string", "Прізвище, ім'я, по батькові", required=True),
        _field("faction", "string", "Фракція", required=True),
        _field("motionTitle", "string", "Питання", required=True),
        _field("result", "string", "Голос", required=True, enum=list(PORTAL_CHOICE.values())),
    ], "primaryKey": ["motionUid", "voterId"],
        "foreignKeys": [{"fields": ["motionUid"], "reference": {"resource": "motions", "fields": ["uid"]}}]}


def popolo(roll: RollCall, titles: dict[str, str], base: str, votes: bool = True) -> dict:
    """The whole Popolo document (with `votes=False`, its vote events without their individual votes)."""
    council = roll.council
    org_id = _faction_ids(council)
    people = council.by_id
    events = []
    for f, q in _ordered(roll):
        totals = q.totals()
        events.append({
            "id": uid(f, q), "organization_id": "council", "legislative_session_id": f.meeting,
            "start_date": kyiv(q.time).isoformat(), "result": "pass" if q.adopted else "fail",
            "motion": {"text": q.title, "requirement": f"{q.threshold} of {council.composition}",
                       "legislative_session": titles.get(f.meeting, f.meeting)},
            "counts": [{"option": POPOLO_OPTION[c], "value": totals[c]} for c in CHOICES],
            "votes": [{"voter_id": who, "option": POPOLO_OPTION[c], "group_id": org_id[people[who].faction]}
                      for who, c in q.choices] if votes else _VOTES,
            "sources": [{"url": base + vote_url(f, q)}],
        })
    return {
        "persons": [{"id": d.id, "name": d.name, "links": [{"url": base + deputy_url(d)}]} for d in council.deputies],
        "organizations": [{"id": "council", "name": "Рада", "classification": "legislature",
                           "legislative_period": council.term}]
                         + [{"id": org_id[name], "name": name, "classification": "party group",
                             "parent_id": "council"} for name in org_id],
        "memberships": [{"person_id": d.id, "organization_id": org_id[d.faction], "role": "депутат",
                         "label": d.elected, "start_date": d.began.isoformat(),
                         **({"end_date": d.ended.isoformat()} if d.ended else {})} for d in council.deputies],
        "vote_events": events,
    }


def _faction_ids(council) -> dict[str, str]:
    return {name: f"faction-{i}" for i, name in enumerate(sorted({d.faction for d in council.deputies}), start=1)}


_VOTES = "\x00votes\x00"  # where an event's votes go in the streamed document


def _dump(value, depth: int = 0) -> str:
    """json.dumps(indent=1) of a value that sits `depth` levels deep in the document (indent = depth spaces)."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + " " * depth)


class _Frame:
    """_dump of dicts shaped like `sample` (the same keys, lists of the same lengths): the indented text is made
    once with a marker for each scalar, and each value's own JSON is set into it — json.dumps(indent=1) runs the
    pure-Python encoder, ~16,000 events a term. A value of another shape is dumped as before."""

    def __init__(self, sample, depth: int):
        self.depth, self.keys, slots = depth, tuple(sample), []
        text = _dump(_marked(sample, slots), depth)
        self.slots = len(slots)
        self.pieces = re.split(r'"\\u0001(\d+)\\u0001"', text)  # text, slot number, text, …

    def dump(self, value) -> str:
        leaves: list = []
        _flat(value, leaves)
        if len(leaves) != self.slots or tuple(value) != self.keys:
            return _dump(value, self.depth)
        pieces = self.pieces[:]
        for at in range(1, len(pieces), 2):
            leaf = leaves[int(pieces[at])]
            pieces[at] = _STRING(leaf) if type(leaf) is str else int.__repr__(leaf) if type(leaf) is int else json.dumps(leaf)
        return "".join(pieces)


_STRING = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes for a string


def _marked(value, slots: list):
    if isinstance(value, dict):
        return {k: _marked(v, slots) for k, v in value.items()}
    if isinstance(value, list):
        return [_marked(v, slots) for v in value]
    slots.append(value)
    return f"\x01{len(slots) - 1}\x01"


def _flat(value, leaves: list) -> None:
    if type(value) is dict:
        for v in value.values():
            _flat(v, leaves)
    elif type(value) is list:
        for v in value:
            _flat(v, leaves)
    else:
        leaves.append(value)


def write_popolo(out: TextIO, roll: RollCall, titles: dict[str, str], base: str) -> None:
    """popolo() as json.dumps(indent=1) writes it, byte for byte, streamed: the ~670,000 votes are never dicts —
    each (deputy, option) object is dumped once and each event's list joined from those
    (tests/test_votes.py compares the two on a term)."""
    whole = popolo(roll, titles, base, votes=False)
    events = whole.pop("vote_events")
    org_id = _faction_ids(roll.council)
    vote_text = {(d.id, c): "    " + _dump({"voter_id": d.id, "option": POPOLO_OPTION[c], "group_id": org_id[d.faction]}, 4)
                 for d in roll.council.deputies for c in CHOICES}  # every (deputy, option) object, dumped once
    placeholder = json.dumps(_VOTES)
    out.write(_dump(whole)[:-2] + ',\n "vote_events": ' + ("[" if events else "[]"))
    frame = _Frame(events[0], 2) if events else None
    for index, (event, (_, q)) in enumerate(zip(events, _ordered(roll))):
        items = [vote_text[pair] for pair in q.choices]
        listed = "[\n" + ",\n".join(items) + "\n   ]" if items else "[]"
        out.write(("," if index else "") + "\n  " + frame.dump(event).replace(placeholder, listed, 1))
    out.write(("\n ]" if events else "") + "\n}\n")


def popolo_schema(base: str) -> dict:
    option = {"enum": list(POPOLO_OPTION.values())}
    date = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}votes/popolo.schema.json",
        "title": "Поіменні голосування (Popolo: Person, Organization, Membership, VoteEvent, Count, Vote)",
        "type": "object", "additionalProperties": False,
        "required": ["persons", "organizations", "memberships", "vote_events"],
        "properties": {
            "persons": {"type": "array", "items": {
                "type": "object", "required": ["id", "name"], "additionalProperties": False,
                "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                               "links": {"type": "array", "items": {"type": "object", "required": ["url"]}}}}},
            "organizations": {"type": "array", "items": {
                "type": "object", "required": ["id", "name", "classification"],
                "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                               "classification": {"enum": ["legislature", "party group"]},
                               "parent_id": {"type": "string"}, "legislative_period": {"type": "string"}}}},
            "memberships": {"type": "array", "items": {
                "type": "object", "required": ["person_id", "organization_id", "start_date"],
                "properties": {"person_id": {"type": "string"}, "organization_id": {"type": "string"},
                               "role": {"type": "string"}, "label": {"type": "string"},
                               "start_date": date, "end_date": date}}},
            "vote_events": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": ["id", "organization_id", "start_date", "result", "motion", "counts", "votes"],
                "properties": {
                    "id": {"type": "string"}, "organization_id": {"const": "council"},
                    "legislative_session_id": {"type": "string"},
                    "start_date": {"type": "string", "format": "date-time"},
                    "result": {"enum": ["pass", "fail"]},
                    "motion": {"type": "object", "required": ["text"]},
                    "counts": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["option", "value"],
                        "properties": {"option": option, "value": {"type": "integer", "minimum": 0}}}},
                    "votes": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["voter_id", "option"],
                        "properties": {"voter_id": {"type": "string"}, "option": option,
                                       "group_id": {"type": "string"}}}},
                    "sources": {"type": "array"},
                }}},
        },
    }


def write_files(roll: RollCall, titles: dict[str, str], base: str, open_file: Callable[[str], TextIO]) -> None:
    """Every file of FILES, each written to `open_file(name)` (a text handle, "\\n" line endings) as it is made."""
    def dump(value):
        return json.dumps(value, ensure_ascii=False, indent=1) + "\n"
    small = {"motions.csv": motions_csv(roll, titles, base), "motions.schema.json": dump(motions_schema()),
             "votes.schema.json": dump(votes_schema()), "popolo.schema.json": dump(popolo_schema(base))}
    for name in FILES:
        with open_file(name) as out:
            if name == "votes.csv":
                write_votes_csv(out, roll)
            elif name == "popolo.json":
                write_popolo(out, roll, titles, base)
            else:
                out.write(small[name])


def files(roll: RollCall, titles: dict[str, str], base: str) -> dict[str, str]:
    """Every file of FILES as text, by write_files (one writer): for a small roll, e.g. the empty set's headers
    that open data publishes when the site has no votes yet."""
    texts: dict[str, str] = {}

    @contextmanager
    def open_file(name: str):
        buffer = io.StringIO(newline="")
        yield buffer
        texts[name] = buffer.getvalue()

    write_files(roll, titles, base, open_file)
    return texts
