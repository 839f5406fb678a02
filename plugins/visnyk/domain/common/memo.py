"""Answers of a pure function of one record, kept for the records of its latest round.

A build asks the same question of every item (every date an item holds, its address). The live preview builds
again after each save with the same item objects but the one whose file changed, so the answers of the round
before are still right for all the others. A record is recognised by identity (records are frozen dataclasses:
an object's answer cannot change); only the latest round's records are kept, so nothing outlives them.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

R = TypeVar("R")
A = TypeVar("A")


def digest(raw: bytes | None) -> bytes | None:
    """A file's bytes known again by their digest: what was parsed ahead (on every core) is taken only for the bytes
    the build reads itself (adapters/content/reader.py, domain/votes/rollcall.py)."""
    return None if raw is None else hashlib.blake2b(raw, digest_size=16).digest()


class PerRecord(Generic[R, A]):
    def __init__(self, compute: Callable[[R], A]) -> None:
        self._compute = compute
        self._kept: dict[int, tuple[R, A]] = {}

    def each(self, records: Iterable[R]) -> list[tuple[R, A]]:
        """Every record with its answer, in order: computed for a record the previous round did not hold."""
        kept, fresh = self._kept, {}
        answers = []
        for record in records:
            hit = kept.get(id(record))
            if hit is None or hit[0] is not record:
                hit = (record, self._compute(record))
            fresh[id(record)] = hit
            answers.append(hit)
        self._kept = fresh
        return answers


class LastAnswer(Generic[A]):
    """The answer of a computation over many records, kept for the next round while what it reads is the same.

    A build works out some answers from a few kinds of records only: the decision cycle from acts, meetings and
    videos, the acts' status from the acts. After a save of a news item the live preview asks again with the same
    objects for all of those, and the answer cannot have changed. `records` are the records the computation reads
    (a superset is fine: a record it ignores only costs a miss), in order, and `facts` everything else it depends on
    (what the build clock decides about them, a setting), compared with ==. Only the latest round is kept."""

    def __init__(self) -> None:
        self._records: list = []
        self._facts: object = None
        self._answer: A | None = None
        self._held = False

    def get(self, records: list, facts: object, compute: Callable[[], A]) -> A:
        kept = self._records
        if (self._held and len(kept) == len(records) and self._facts == facts
                and all(a is b for a, b in zip(kept, records))):
            return self._answer  # type: ignore[return-value]
        self._held = False  # (compute may raise: nothing half-kept)
        answer = compute()
        self._records, self._facts, self._answer, self._held = list(records), facts, answer, True
        return answer
