"""Typed records of roll-call votes: deputies, the council's term, questions and choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Choice(str, Enum):
    """A deputy's choice as the voting systems record it."""

    FOR = "за"
    AGAINST = "проти"
    ABSTAINED = "утримався"
    NOT_VOTED = "не голосував"
    ABSENT = "відсутній"


CHOICES = tuple(Choice)
ADOPTED, REJECTED = "прийнято", "не прийнято"


@dataclass(frozen=True)
class Deputy:
    id: str  # latin slug, in addresses
    name: str  # the official form: «Прізвище Ім'я По батькові»
    faction: str
    elected: str  # a district («виборчий округ № 3») or the list of a party
    began: dt.date
    ended: dt.date | None = None
    line: int = 1

    def serves_on(self, day: dt.date) -> bool:
        return self.began <= day and (self.ended is None or day <= self.ended)


@dataclass(frozen=True)
class Council:
    """The registry: the term (скликання), its full composition and its deputies in file order."""

    term: str = ""
    composition: int = 0
    deputies: tuple[Deputy, ...] = ()
    source: str = "deputies.yml"

    @property
    def by_id(self) -> dict[str, Deputy]:
        return {d.id: d for d in self.deputies}

    @property
    def majority(self) -> int:
        """More than half of the full composition: 18 of 34."""
        return self.composition // 2 + 1


@dataclass(frozen=True)
class Question:
    number: int  # 1-based, in file order: the address votes/<file>/<number>/
    title: str
    agenda: int  # 1-based number of the meeting's agenda item
    time: dt.datetime  # aware, Kyiv
    threshold: int
    stated: str  # «прийнято» / «не прийнято» as the file says
    choices: tuple[tuple[str, Choice], ...]  # (deputy id, choice) in file order; equal pairs may be one object
    line: int = 1
    # Counted once, when the record is made: pages, open data and reports ask for totals and results of
    # 16,000 questions a term, many times each (counting the 42 choices on every ask cost half a minute).
    counts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        tally = dict.fromkeys(CHOICES, 0)
        for _, choice in self.choices:
            tally[choice] += 1
        object.__setattr__(self, "counts", tuple(tally.values()))

    def totals(self) -> dict[Choice, int]:
        return dict(zip(CHOICES, self.counts))

    @property
    def in_favour(self) -> int:
        return self.counts[0]  # CHOICES[0] is Choice.FOR

    @property
    def result(self) -> str:
        return ADOPTED if self.in_favour >= self.threshold else REJECTED

    @property
    def adopted(self) -> bool:
        return self.result == ADOPTED


@dataclass(frozen=True)
class VoteFile:
    """One meeting's roll-call results, published at `published` (the file's `date`)."""

    source: str  # "votes/2026-10-29.yml"
    key: str  # the file's stem: votes/<key>/
    meeting: str  # content-relative path of the meeting item
    published: dt.datetime
    questions: tuple[Question, ...] = ()
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
