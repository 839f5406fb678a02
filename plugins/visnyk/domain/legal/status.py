"""Relations between acts and the legal status they give every adopted act.

An act's legal date is its adoption (`adopted:`) or, without it, its publication (Kyiv local dates); it
takes effect on `in_force_from:` when that is set, otherwise on its legal date. A change (`amends:` or
`repeals:` in the later act) counts for the status once it has taken effect by the build's clock and the
changing act is published (or hidden) and no longer scheduled; until then it is shown as coming.

Impossible relations are errors of the content (all of them, with file and line): a target that is not an
adopted act of the site, a target adopted after the act that changes it, a cycle of changes, and a change
made after the target was already repealed.
"""

from __future__ import annotations

import datetime as dt
import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from ..common.clock import kyiv, not_after
from ..common.memo import LastAnswer
from ..common.model import ADOPTED_KINDS, ContentType, Item, Status
from ..common.problems import Problem
from ..language.wording import act_citation


class Force(str, Enum):
    """The status of an adopted act, as the register and its open data name it."""

    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPEALED = "repealed"
    NOT_YET = "not_yet"  # its in_force_from: is still to come

    @property
    def label(self) -> str:
        return FORCE_LABEL[self]


FORCE_LABEL: dict[Force, str] = {
    Force.IN_FORCE: "Чинний",
    Force.AMENDED: "Чинний, зі змінами",
    Force.REPEALED: "Втратив чинність",
    Force.NOT_YET: "Не набрав чинності",
}


class Relation(str, Enum):
    AMENDS = "amends"
    REPEALS = "repeals"


def has_status(item: Item) -> bool:
    """Decisions, orders and regulatory acts have a legal status; drafts, protocols and others do not."""
    return item.type is ContentType.ACT and item.act_kind in ADOPTED_KINDS


def legal_date(item: Item) -> dt.date:
    return kyiv(item.adopted or item.date).date()


def effective(item: Item) -> dt.date:
    return kyiv(item.in_force_from).date() if item.in_force_from is not None else legal_date(item)


def citation(item: Item) -> str:
    """«рішення виконавчого комітету від 12.11.2025 № 340»."""
    return act_citation(item.act_kind, legal_date(item), item.number)


@dataclass(frozen=True)
class Change:
    """One later act's change to an act: which act, how, and from which day."""

    act: Item
    relation: Relation
    effective: dt.date
    taken_effect: bool  # by the build's clock


@dataclass(frozen=True)
class ActStatus:
    act: Item
    force: Force
    in_force_from: dt.date
    amended_by: tuple[Change, ...] = ()  # oldest first; those to come included (taken_effect False)
    repealed_by: Change | None = None
    amends: tuple[Item, ...] = ()  # what this act changes
    repeals: tuple[Item, ...] = ()

    @property
    def label(self) -> str:
        return self.force.label


def _path(path: str) -> str:
    return posixpath.normpath(path.lstrip("/"))


def _in_effect(item: Item, clock: dt.datetime) -> bool:
    return item.status is not Status.DRAFT and not_after(item.date, clock)


_STATUSES: LastAnswer[dict] = LastAnswer()
_PROBLEMS: LastAnswer[list[Problem]] = LastAnswer()


def statuses(items: Iterable[Item], clock: dt.datetime) -> dict[str, ActStatus]:
    """`statuses_of`, the answer of the build before when it read the same acts and the clock decides the same about
    them (which are in effect, and today's date): a save of anything but an act leaves every status as it was."""
    acts = [i for i in items if has_status(i) and i.status is not Status.DRAFT]
    facts = (kyiv(clock).date(), tuple(not_after(act.date, clock) for act in acts))
    return _STATUSES.get(acts, facts, lambda: statuses_of(acts, clock))


def statuses_of(items: Iterable[Item], clock: dt.datetime) -> dict[str, ActStatus]:
    """source → status of every adopted act that is not a draft; relations to anything else are ignored
    (they are content errors, reported by `relation_problems`)."""
    acts = {i.source: i for i in items if has_status(i) and i.status is not Status.DRAFT}
    today = kyiv(clock).date()
    changes: dict[str, list[Change]] = {source: [] for source in acts}
    targets: dict[str, dict[Relation, list[Item]]] = {s: {Relation.AMENDS: [], Relation.REPEALS: []} for s in acts}
    for source in sorted(acts):
        act = acts[source]
        for relation, paths in ((Relation.AMENDS, act.amends), (Relation.REPEALS, act.repeals)):
            for path in paths:
                target = acts.get(_path(path))
                if target is None or target.source == source:
                    continue
                targets[source][relation].append(target)
                if _in_effect(act, clock):
                    when = effective(act)
                    changes[target.source].append(Change(act, relation, when, when <= today))
    result = {}
    for source, act in acts.items():
        found = sorted(changes[source], key=lambda c: (c.effective, legal_date(c.act), c.act.source))
        amended = tuple(c for c in found if c.relation is Relation.AMENDS)
        repealed = next((c for c in found if c.relation is Relation.REPEALS), None)
        if repealed is not None and repealed.taken_effect:
            force = Force.REPEALED
        elif effective(act) > today:
            force = Force.NOT_YET
        elif any(c.taken_effect for c in amended):
            force = Force.AMENDED
        else:
            force = Force.IN_FORCE
        result[source] = ActStatus(act, force, effective(act), amended, repealed,
                                   tuple(targets[source][Relation.AMENDS]), tuple(targets[source][Relation.REPEALS]))
    return dict(sorted(result.items()))


def relation_problems(items: Iterable[Item]) -> list[Problem]:
    """`act_problems`, the answer of the build before when it read the same acts (and items naming acts), as a new
    list."""
    read = [i for i in items if i.status is not Status.DRAFT and (i.type is ContentType.ACT or i.amends or i.repeals)]
    return list(_PROBLEMS.get(read, None, lambda: act_problems(read)))


def act_problems(items: Iterable[Item]) -> list[Problem]:
    """Every impossible relation between acts, each at the file and line of the `amends:`/`repeals:` that
    makes it. Drafts (status: draft) are not there for other files, as everywhere else."""
    items = [i for i in items if i.status is not Status.DRAFT]
    acts = {i.source: i for i in items if i.type is ContentType.ACT}
    problems: list[Problem] = []
    edges: dict[str, list[tuple[str, Relation]]] = {}
    for item in sorted((i for i in items if i.amends or i.repeals), key=lambda i: i.source):
        for relation, paths in ((Relation.AMENDS, item.amends), (Relation.REPEALS, item.repeals)):
            key = relation.value
            line = item.line_of(key) if paths else 0
            for path in paths:
                target = acts.get(_path(path))
                if target is None:
                    problems.append(Problem(item.source, line, f"{key}: {path} — такого акта немає",
                                            "вкажіть шлях до файлу рішення чи розпорядження в теці acts/"))
                    continue
                if not has_status(target):
                    problems.append(Problem(item.source, line, f"{key}: {path} — це не рішення, не розпорядження "
                                            "і не регуляторний акт, тож змінити чи скасувати його не можна",
                                            "вкажіть ухвалений акт, а не проєкт чи протокол"))
                    continue
                if target.source == item.source:
                    problems.append(Problem(item.source, line, f"{key}: акт посилається сам на себе",
                                            "приберіть цей шлях"))
                    continue
                if legal_date(target) > legal_date(item):
                    problems.append(Problem(
                        item.source, line,
                        f"{key}: {path} ухвалено {legal_date(target):%d.%m.%Y}, пізніше за цей акт "
                        f"({legal_date(item):%d.%m.%Y}): змінити чи скасувати можна лише раніше ухвалений акт",
                        "перевірте шлях і дати adopted обох актів"))
                    continue
                edges.setdefault(item.source, []).append((target.source, relation))
    problems += _cycles(edges, acts)
    problems += _after_repeal(edges, acts)
    return problems


def _cycles(edges: dict[str, list[tuple[str, Relation]]], acts: dict[str, Item]) -> list[Problem]:
    """A cycle of changes (A amends B, B amends A — possible only between acts of one day): named once,
    at the first of its files."""
    problems, state, seen_cycles = [], {}, set()

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        trail.append(node)
        for target, _relation in edges.get(node, ()):
            if state.get(target) == 1:
                cycle = trail[trail.index(target):]
                key = frozenset(cycle)
                if key not in seen_cycles:
                    seen_cycles.add(key)
                    first = min(cycle)
                    nxt = cycle[(cycle.index(first) + 1) % len(cycle)]
                    relation = next(r for t, r in edges[first] if t == nxt)
                    ring = " → ".join(cycle[cycle.index(first):] + cycle[:cycle.index(first)] + [first])
                    problems.append(Problem(first, acts[first].line_of(relation.value),
                                            f"акти змінюють один одного по колу: {ring}",
                                            "акт може змінювати чи скасовувати лише раніше ухвалений акт"))
            elif state.get(target) is None:
                visit(target, trail)
        trail.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [])
    return problems


def _after_repeal(edges: dict[str, list[tuple[str, Relation]]], acts: dict[str, Item]) -> list[Problem]:
    """A change adopted after the act was repealed (or a second repeal): the act was no longer there."""
    by_target: dict[str, list[tuple[Item, Relation]]] = {}
    for source, found in edges.items():
        for target, relation in found:
            by_target.setdefault(target, []).append((acts[source], relation))
    problems = []
    for target, changes in sorted(by_target.items()):
        repeals = sorted((a for a, r in changes if r is Relation.REPEALS), key=lambda a: (legal_date(a), a.source))
        if not repeals:
            continue
        first = repeals[0]
        for act, relation in sorted(changes, key=lambda c: c[0].source):
            if act is first:
                continue
            if legal_date(act) > legal_date(first) or (relation is Relation.REPEALS and act is not first):
                problems.append(Problem(
                    act.source, act.line_of(relation.value),
                    f"{relation.value}: {target} уже втратив чинність — його скасовує {citation(first)} "
                    f"({first.source})",
                    "змінити чи скасувати можна лише чинний акт: перевірте шлях"))
    return problems


# --- what an act page says ------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of an act's «Правовий статус»: words before the act, the act, words after it."""

    before: str
    act: Item
    after: str = ""


def heading(status: ActStatus) -> str:
    """«Втратив чинність з 01.05.2025» — the status with its date where it has one."""
    if status.force is Force.REPEALED:
        return f"{status.label} з {status.repealed_by.effective:%d.%m.%Y}"
    if status.force is Force.NOT_YET:
        return f"{status.label}: набирає чинності з {status.in_force_from:%d.%m.%Y}"
    return status.label


def lines(status: ActStatus) -> tuple[Line, ...]:
    """The acts that changed this one (with the day each change took or takes effect), then the acts it changes."""
    out = []
    for change in status.amended_by:
        when = "з" if change.taken_effect else "набирають чинності з"
        out.append(Line("Зміни внесено: ", change.act, f" ({when} {change.effective:%d.%m.%Y})"))
    if status.repealed_by is not None:
        change = status.repealed_by
        verb = "Втратив чинність" if change.taken_effect else "Втрачає чинність"
        out.append(Line(f"{verb} з {change.effective:%d.%m.%Y} на підставі: ", change.act))
    out += [Line("Вносить зміни до: ", target) for target in status.amends]
    out += [Line("Визнає таким, що втратив чинність: ", target) for target in status.repeals]
    return tuple(out)
