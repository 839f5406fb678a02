"""A whole content folder's roll-call votes: read once, judged once, seen from every side (deputy, meeting,
question, act). `check` and the build get them from `scan.site_problems`, so they share one verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from ..language.alphabet import sort_key
from ..common.clock import kyiv
from ..common.memo import digest
from ..common.model import Item
from ..common.problems import Problem
from ..language.wording import Forms
from .reading import DEPUTIES_FILE, is_votes_file, load_deputies, load_votes
from .records import CHOICES, Choice, Council, Deputy, Question, VoteFile


DAYS = Forms("день", "дні", "днів")


@dataclass(frozen=True)
class RollCall:
    council: Council | None = None
    files: tuple[VoteFile, ...] = ()

    def questions(self) -> Iterable[tuple[VoteFile, Question]]:
        for vote_file in self.files:
            for question in vote_file.questions:
                yield vote_file, question


def claims(path: str) -> bool:
    """The files this capability reads (never published as they are, never a stray file)."""
    return path == DEPUTIES_FILE or is_votes_file(path)


def load(files: Iterable[str], read: Callable[[str], bytes | None], items: Iterable[Item],
         clock: dt.datetime | None = None) -> tuple[RollCall, list[Problem]]:
    """The registry and every votes file; with the build clock, results dated after it are a problem: a vote is
    published on its day, never scheduled (a date ahead is a typo, and its pages must not wait unseen)."""
    files = list(files)
    votes = sorted(p for p in files if is_votes_file(p))
    council, problems, registry = (None, [], None)
    if DEPUTIES_FILE in files:
        raw = read(DEPUTIES_FILE)
        council, problems = _KEPT.deputies(raw)
        problems, registry = list(problems), digest(raw)
    if not votes:
        _KEPT.ahead.clear()
        return RollCall(council), problems
    meetings = {item.source: item for item in items if item.meeting is not None}
    _KEPT.keep_only(votes)
    loaded = []
    for path in votes:
        one, bad = _KEPT.votes(path, read(path), council, meetings, registry)
        problems += bad
        if one is not None:
            loaded.append(one)
    _KEPT.ahead.clear()
    if clock is not None:
        for one in loaded:
            if one.published.timestamp() > clock.timestamp():
                problems.append(Problem(one.source, one.lines.get("date", 1),
                                        f"дата оприлюднення {kyiv(one.published):%Y-%m-%d %H:%M} ще не настала",
                                        "результати голосування розміщують у день голосування: вкажіть, коли їх справді розміщено"))
    keys: dict[str, str] = {}
    for one in loaded:  # votes/x.yml and votes/x.csv would write the same pages
        if one.key in keys:
            problems.append(Problem(one.source, 1, f"файл {keys[one.key]} має ту саму назву: сторінки votes/{one.key}/ збіглися б",
                                    "залиште один файл або перейменуйте"))
        keys.setdefault(one.key, one.source)
    seen: dict[str, str] = {}
    for one in loaded:
        if one.meeting in seen:
            problems.append(Problem(one.source, one.lines.get("meeting", 1),
                                    f"результати засідання {one.meeting} уже є у {seen[one.meeting]}",
                                    "залиште один файл на засідання"))
        seen.setdefault(one.meeting, one.source)
    return RollCall(council, tuple(loaded)), problems


class _Asked(Mapping):
    """The meetings, noting each one a votes file looked up (reading.load_votes asks for its own meeting only)."""

    def __init__(self, meetings: Mapping[str, Item]) -> None:
        self._meetings, self.asked, self.whole = meetings, {}, False

    def __getitem__(self, key: str) -> Item:
        found = self.asked[key] = self._meetings.get(key)
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self):
        self.whole = True  # read as a whole: its answer is not kept
        return iter(self._meetings)

    def __len__(self) -> int:
        self.whole = True
        return len(self._meetings)


def read_ahead(paths: Iterable[str], read: Callable[[str], bytes | None],
               meeting: Callable[[str], Item | None]) -> dict[str, tuple]:
    """Votes files read before the build has its items (a cold build's or a preview start's parse-ahead workers,
    adapters/rebuild/reading.py), each meeting they name read by `meeting` (a content-relative path: an item, or
    None): what `ahead` takes. `load` takes such an answer when the file's bytes, the registry's and every meeting the
    file looked up are those the build has, and reads the file itself otherwise."""
    raw = read(DEPUTIES_FILE)
    council = None if raw is None else load_deputies(DEPUTIES_FILE, raw)[0]
    registry, found = digest(raw), {}
    for path in paths:
        data = read(path)
        asked = _Asked(_Lookup(meeting))
        answer = load_votes(path, data, council, asked)
        if not asked.whole and data is not None:
            found[path] = (digest(data), registry, asked.asked, answer)
    return found


def ahead(found: Mapping[str, tuple]) -> None:
    """Answers `read_ahead` made, for the next `load` (which lets go of those it did not take)."""
    _KEPT.ahead.update(found)
    _KEPT.taken = 0


def taken_ahead() -> int:
    """How many answers read ahead the latest `load` took."""
    return _KEPT.taken


class _Lookup(Mapping):
    """Meetings by path, each read when asked for (a worker reads only the meetings its votes files name)."""

    def __init__(self, meeting: Callable[[str], Item | None]) -> None:
        self._meeting = meeting

    def __getitem__(self, key: str) -> Item:
        found = self._meeting(key)
        if found is None or found.meeting is None:
            raise KeyError(key)
        return found

    def __iter__(self):  # a votes file that lists the meetings is not read ahead (_Asked.whole)
        return iter(())

    def __len__(self) -> int:
        return 0


class _Kept:
    """The registry and each votes file as the latest round read them, with what they were judged against. The live
    preview builds again after every save: a term's votes (~20 MB of YAML, 1.6 s to read at 5,000 items) are read
    again only when their bytes, the registry or their meeting changed (an item is known by identity, as in
    common/memo.py). A first round takes the answers read ahead in workers (`ahead`) whose bytes, registry and
    meetings (equal items) are the build's."""

    def __init__(self) -> None:
        self._deputies: tuple[bytes | None, tuple] | None = None
        self._votes: dict[str, tuple] = {}
        self.ahead: dict[str, tuple] = {}
        self.taken = 0

    def deputies(self, raw: bytes | None) -> tuple[Council | None, list[Problem]]:
        if self._deputies is None or self._deputies[0] != raw:
            self._deputies = (raw, load_deputies(DEPUTIES_FILE, raw))
        return self._deputies[1]

    def votes(self, path: str, raw: bytes | None, council: Council | None, meetings: Mapping[str, Item],
              registry: bytes | None = None) -> tuple[VoteFile | None, list[Problem]]:
        hit = self._votes.get(path)
        if (hit is not None and hit[0] == raw and hit[1] is council
                and all(meetings.get(key) is item for key, item in hit[2].items())):
            return hit[3]
        early = self.ahead.pop(path, None)
        if (early is not None and early[0] == digest(raw) and early[1] == registry
                and all(meetings.get(key) == item for key, item in early[2].items())):
            self._votes[path] = (raw, council, {key: meetings.get(key) for key in early[2]}, early[3])
            self.taken += 1
            return early[3]
        asked = _Asked(meetings)
        answer = load_votes(path, raw, council, asked)
        if asked.whole:
            self._votes.pop(path, None)
        else:
            self._votes[path] = (raw, council, asked.asked, answer)
        return answer

    def keep_only(self, paths: Iterable[str]) -> None:
        wanted = set(paths)
        self._votes = {path: hit for path, hit in self._votes.items() if path in wanted}


_KEPT = _Kept()


def late(one: VoteFile) -> list[Question]:
    """Questions whose results were published after the day of the vote (Kyiv dates): art. 59 part 3."""
    return [q for q in one.questions if kyiv(one.published).date() > kyiv(q.time).date()]


def late_warnings(roll: RollCall) -> list[Problem]:
    warnings = []
    for one in roll.files:
        behind = late(one)
        if behind:
            days = max((kyiv(one.published).date() - kyiv(q.time).date()).days for q in behind)
            warnings.append(Problem(one.source, one.lines.get("date", 1),
                                    f"результати поіменного голосування оприлюднено {kyiv(one.published):%Y-%m-%d}, "
                                    f"а голосували {kyiv(behind[0].time):%Y-%m-%d}: із запізненням на {DAYS.count(days)}",
                                    "закон вимагає оприлюднити їх у день голосування (ст. 59 Закону «Про місцеве самоврядування в Україні»)"))
    return warnings


@dataclass(frozen=True)
class Attendance:
    year: int
    present: int
    absent: int


def attendance(roll: RollCall) -> dict[str, list[Attendance]]:
    """Per deputy and year, the votes at which they were present (any choice but «відсутній») and absent: one pass
    over all the votes for every deputy (a term has ~670,000; a pass per deputy cost seconds)."""
    years: dict[str, dict[int, list[int]]] = {}
    for _, question in roll.questions():
        year = kyiv(question.time).year
        for who, choice in question.choices:
            row = years.setdefault(who, {}).setdefault(year, [0, 0])
            row[choice is Choice.ABSENT] += 1
    return {who: [Attendance(y, p, a) for y, (p, a) in sorted(per.items())] for who, per in years.items()}


def newest_first(roll: RollCall) -> list[tuple[VoteFile, Question]]:
    """Every question, the latest vote first (equal times in file order): the order of a deputy's list of votes."""
    return sorted(roll.questions(), key=lambda fq: fq[1].time, reverse=True)


def by_faction(council: Council) -> list[tuple[str, list[Deputy]]]:
    """Factions in alphabetical order (Ukrainian collation of domain/language/alphabet), deputies by name within each."""
    groups: dict[str, list[Deputy]] = {}
    for deputy in council.deputies:
        groups.setdefault(deputy.faction, []).append(deputy)
    return [(name, sorted(groups[name], key=lambda d: sort_key(d.name))) for name in sorted(groups, key=sort_key)]


def for_meeting(roll: RollCall, meeting_source: str) -> VoteFile | None:
    return next((f for f in roll.files if f.meeting == meeting_source), None)


def by_act(roll: RollCall, meetings: dict[str, Item]) -> dict[str, list[tuple[VoteFile, Question]]]:
    """The questions on each act's agenda item, by the act's source: one pass (a search per act was acts ×
    questions — 3,000 decisions × 16,000 questions in a five-year archive)."""
    found: dict[str, list[tuple[VoteFile, Question]]] = {}
    for vote_file, question in roll.questions():
        meeting = meetings.get(vote_file.meeting)
        if meeting is not None and meeting.meeting is not None:
            entry = meeting.meeting.agenda[question.agenda - 1]
            if entry.act:
                found.setdefault(entry.act, []).append((vote_file, question))
    return found


def vote_url(vote_file: VoteFile, question: Question) -> str:
    return f"votes/{vote_file.key}/{question.number}/"


def deputy_url(deputy: Deputy) -> str:
    return f"deputies/{deputy.id}/"


ROLL_CALL_RULE = ("результати поіменного голосування: оприлюднити в день голосування (ст. 59 Закону України "
                  "«Про місцеве самоврядування в Україні»); late_by — на скільки календарних днів пізніше")


def compliance_records(roll: RollCall, meetings: dict[str, Item], base: str) -> list[dict]:
    """One record a meeting's votes for stats/compliance.json and .csv: published the day of the vote or not."""
    records = []
    for one in sorted(roll.files, key=lambda f: (kyiv(f.published), f.source)):
        meeting = meetings.get(one.meeting)
        voted = kyiv(one.questions[0].time).date()
        late_by = max((kyiv(one.published).date() - kyiv(q.time).date()).days for q in one.questions)
        records.append({
            "source": one.source,
            "rule": "roll_call",
            "department": (meeting.department if meeting else None) or "",
            "published": kyiv(one.published).date().isoformat(),
            "event_date": voted.isoformat(),
            "questions": len(one.questions),
            "on_time": late_by <= 0,
            "late_by": max(late_by, 0),
            "title": meeting.title if meeting else one.meeting,
            "url": f"{base}votes/#{one.key}",
        })
    return records


COMPLIANCE_SCHEMA = {
    "type": "array", "description": "оприлюднення результатів поіменних голосувань, одне засідання — один запис",
    "items": {
        "type": "object", "additionalProperties": False,
        "required": ["source", "rule", "department", "published", "event_date", "questions", "on_time", "late_by",
                     "title", "url"],
        "properties": {
            "source": {"type": "string", "pattern": r"^votes/[^/]+\.yml$"},
            "rule": {"const": "roll_call"},
            "department": {"type": "string"},
            "published": {"type": "string", "format": "date", "description": "дата оприлюднення (київський час)"},
            "event_date": {"type": "string", "format": "date", "description": "дата голосування"},
            "questions": {"type": "integer", "minimum": 1},
            "on_time": {"type": "boolean"},
            "late_by": {"type": "integer", "minimum": 0, "description": "на скільки календарних днів пізніше"},
            "title": {"type": "string"},
            "url": {"type": "string"},
        },
    },
}


RESULTS = Forms("поіменного голосування", "поіменних голосувань", "поіменних голосувань")  # «результати N …»


def published_in(roll: RollCall | None, meetings: Iterable[Item], year: int, month: int | None,
                 department: str | None = None) -> tuple[int, int]:
    """(on the day of the vote, later): the questions whose results were published in the period (Kyiv date of
    the file's `date`), by the department that announced their meeting (any, with None)."""
    if roll is None:
        return 0, 0
    by_source = {m.source: m for m in meetings}
    on_time = late_count = 0
    for one in roll.files:
        published = kyiv(one.published)
        meeting = by_source.get(one.meeting)
        if published.year != year or (month is not None and published.month != month):
            continue
        if department is not None and (meeting is None or meeting.department != department):
            continue
        behind = {q.number for q in late(one)}
        late_count += len(behind)
        on_time += len(one.questions) - len(behind)
    return on_time, late_count


def report_sentence(on_time: int, late_count: int) -> str | None:
    """ «Оприлюднено результати 20 поіменних голосувань: 10 — у день голосування; 10 — із запізненням.» """
    total = on_time + late_count
    if total == 0:
        return None
    head = f"Оприлюднено результати {RESULTS.count(total)}"
    if total == 1:
        return f"{head} — {'у день голосування' if on_time else 'із запізненням, не в день голосування'}."
    if late_count == 0:
        return f"{head}: усі — у день голосування."
    if on_time == 0:
        return f"{head}: усі — із запізненням, не в день голосування."
    return f"{head}: {on_time} — у день голосування; {late_count} — із запізненням, не в день голосування."


@dataclass(frozen=True)
class RollCallYear:
    """The compliance page's roll-call section for one year (Kyiv date of publication): the questions whose
    results were published on the day of the vote and later, in all and by the department that announced the
    meeting — counted by `published_in`, as the reports count them, so the page and each report agree."""

    year: int
    sentence: str
    departments: tuple[tuple[str, str, int, int], ...]  # (slug, name, on the day, later)
    meetings: tuple[dict, ...]  # compliance_records of the year, as in stats/compliance.json


def compliance_years(roll: RollCall | None, meetings: Iterable[Item], names: dict[str, str],
                     records: list[dict]) -> list[RollCallYear]:
    """The latest year first, departments in the order of `names` (slug → name, alphabetical), then any other."""
    if roll is None or not roll.files:
        return []
    meetings = list(meetings)
    by_source = {m.source: m for m in meetings}
    years = sorted({kyiv(f.published).year for f in roll.files}, reverse=True)
    found = {(by_source[f.meeting].department if f.meeting in by_source else None) for f in roll.files}
    slugs = [s for s in names if s in found] + sorted(s for s in found if s and s not in names)
    result = []
    for year in years:
        rows = []
        for slug in slugs:
            on_time, late_count = published_in(roll, meetings, year, None, slug)
            if on_time or late_count:
                rows.append((slug, names.get(slug, slug), on_time, late_count))
        result.append(RollCallYear(year, report_sentence(*published_in(roll, meetings, year, None)) or "",
                                   tuple(rows), tuple(r for r in records if r["published"].startswith(f"{year}-"))))
    return result
