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
