"""Reading `deputies.yml` and `votes/*.yml`: every problem at once, with its file and line; nothing guessed."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping

import yaml

from ..content import source
from ..common.clock import DateError, parse_date
from ..common.model import Item
from ..common.problems import Problem
from ..language.wording import Forms
from ..navigation.slugs import is_valid_slug
from . import blocks, table
from .records import ADOPTED, CHOICES, REJECTED, Choice, Council, Deputy, Question, VoteFile

DEPUTIES_FILE = "deputies.yml"
VOTES_FOLDER = "votes"
DEPUTY_FIELDS = ("id", "name", "faction", "elected", "began")
DEPUTY_EXAMPLE = ("- {id: bondar-olena, name: Бондар Олена Петрівна, faction: Фракція «Громада», "
                  "elected: виборчий округ № 3, began: 2020-11-25}")
QUESTION_FIELDS = ("title", "agenda", "time", "result", "votes")
VOTES, MEMBERS = Forms("голос", "голоси", "голосів"), Forms("депутат", "депутати", "депутатів")
CHOICE_WORDS = ", ".join(f"«{c.value}»" for c in CHOICES)
_NUMBER = re.compile(r"[0-9]{1,4}")


def is_votes_file(path: str) -> bool:
    return path.startswith(VOTES_FOLDER + "/") and path.count("/") == 1 and path.endswith((".yml", ".csv"))


def _read(path: str, raw: bytes | None, what: str, lifted: dict | None = None):
    """The file's node tree; with `lifted`, its plain votes blocks are taken out into it first (blocks.py)."""
    if raw is None or not raw.removeprefix(b"\xef\xbb\xbf").strip():
        return None, [Problem(path, 1, f"{what} порожній", "заповніть файл за зразком у docs/redaktoram.md")]
    text, unreadable = source.decode(path, raw)
    if text is None:
        return None, unreadable
    if path.endswith(".csv"):
        node, problems = table.to_tree(path, text)
        return (None if problems or unreadable else node), unreadable + problems
    if lifted is not None:
        text, found = blocks.lift(text)
        lifted.update(found)
    node, problems = source.compose(path, text, first_line=1)
    problems = unreadable + problems + source.value_problems(path, node, first_line=1)
    return (None if problems else node), problems


def _fields(path: str, node: yaml.Node, what: str) -> tuple[dict[str, yaml.Node] | None, dict[str, int], list[Problem]]:
    """A mapping's fields by name, with their lines; a repeated or non-text key is a problem."""
    line = source.line_of(node, 1)
    if not isinstance(node, yaml.MappingNode):
        return None, {}, [Problem(path, line, f"{what} має бути набором полів «назва: значення»",
                                  "див. зразок у docs/redaktoram.md")]
    values, lines, problems = {}, {}, []
    for k, v in node.value:
        key = source.scalar_text(k)
        if key is None:
            problems.append(Problem(path, source.line_of(k, 1), f"назва поля ({what}) має бути словом"))
        elif key in values and what == "голоси":  # two choices of one deputy: neither may win silently
            problems.append(_two_choices(path, source.line_of(k, 1), key))
        elif key in values:
            problems.append(Problem(path, source.line_of(k, 1), f"поле {key} ({what}) вказано двічі",
                                    "залиште одне значення"))
        else:
            values[key], lines[key] = v, source.line_of(k, 1)
    return values, lines, problems


def _two_choices(path: str, line: int, deputy: str) -> Problem:
    return Problem(path, line, f"депутат {deputy} має два голоси в одному питанні",
                   "залиште один вибір, як його зафіксувала система голосування")


def _text(path: str, node: yaml.Node, name: str) -> tuple[str | None, list[Problem]]:
    value = source.scalar_text(node)
    if value is None or not value.strip():
        return None, [Problem(path, source.line_of(node, 1), f"поле {name} має бути непорожнім текстом")]
    return value.strip(), []


def _date(path: str, node: yaml.Node, name: str) -> tuple[dt.datetime | None, list[Problem]]:
    value, problems = _text(path, node, name)
    if value is None:
        return None, problems
    try:
        return parse_date(value), []
    except DateError as exc:
        return None, [Problem(path, source.line_of(node, 1), f"поле {name}: {exc}",
                              "пишіть дату так: 2026-10-29 або 2026-10-29 10:40 (за Києвом)")]


def _number(path: str, node: yaml.Node, name: str) -> tuple[int | None, list[Problem]]:
    value = source.scalar_text(node)
    if value is None or not _NUMBER.fullmatch(value.strip()) or int(value) < 1:
        return None, [Problem(path, source.line_of(node, 1), f"поле {name} має бути цілим додатним числом",
                              f"наприклад {name}: 18")]
    return int(value), []


def load_deputies(path: str, raw: bytes | None) -> tuple[Council | None, list[Problem]]:
    node, problems = _read(path, raw, "реєстр депутатів")
    if node is None:
        return None, problems
    top, lines, problems = _fields(path, node, "реєстр депутатів")
    if top is None:
        return None, problems
    missing = [f for f in ("term", "composition", "deputies") if f not in top]
    unknown = sorted(set(top) - {"term", "composition", "deputies"})
    if missing or unknown:
        what = (["бракує полів " + ", ".join(missing)] if missing else []) + (
            ["невідомі поля " + ", ".join(unknown)] if unknown else [])
        return None, problems + [Problem(path, 1, "; ".join(what),
                                         "поля реєстру: term (скликання), composition (загальний склад ради), deputies")]
    term, bad = _text(path, top["term"], "term")
    composition, bad2 = _number(path, top["composition"], "composition")
    problems += bad + bad2
    listed = top["deputies"]
    if not isinstance(listed, yaml.SequenceNode) or not listed.value:
        return None, problems + [Problem(path, lines["deputies"], "deputies має бути непорожнім списком",
                                         f"кожен депутат так: {DEPUTY_EXAMPLE}")]
    deputies: dict[str, Deputy] = {}
    for entry in listed.value:
        values, where, bad = _fields(path, entry, "депутат")
        problems += bad
        if values is None or bad:
            continue
        line = source.line_of(entry, 1)
        missing = [f for f in DEPUTY_FIELDS if f not in values]
        unknown = sorted(set(values) - set(DEPUTY_FIELDS) - {"ended"})
        if missing or unknown:
            what = (["бракує полів " + ", ".join(missing)] if missing else []) + (
                ["невідомі поля " + ", ".join(unknown)] if unknown else [])
            problems.append(Problem(path, line, "; ".join(what), f"поля депутата: {', '.join(DEPUTY_FIELDS)}, ended"))
            continue
        texts, dates, bad = {}, {}, []
        for name in ("id", "name", "faction", "elected"):
            texts[name], more = _text(path, values[name], name)
            bad += more
        for name in ("began", "ended"):
            if name in values:
                dates[name], more = _date(path, values[name], name)
                bad += more
        if bad:
            problems += bad
            continue
        if not is_valid_slug(texts["id"]):
            problems.append(Problem(path, where["id"], f"id «{texts['id']}» має містити лише малі латинські літери, цифри й дефіси",
                                    "наприклад id: bondar-olena"))
            continue
        began, ended = dates["began"].date(), dates["ended"].date() if dates.get("ended") else None
        if ended is not None and ended < began:
            problems.append(Problem(path, where["ended"], f"повноваження {texts['name']} закінчилися ({ended}) раніше, ніж почалися ({began})",
                                    "перевірте дати began і ended"))
            continue
        if texts["id"] in deputies:
            problems.append(Problem(path, line, f"депутата {texts['id']} вказано двічі", "залиште один запис"))
            continue
        deputies[texts["id"]] = Deputy(texts["id"], texts["name"], texts["faction"], texts["elected"], began, ended, line)
    if problems or term is None or composition is None:
        return None, problems
    return Council(term, composition, tuple(deputies.values()), path), []


def load_votes(path: str, raw: bytes | None, council: Council | None,
               meetings: Mapping[str, Item]) -> tuple[VoteFile | None, list[Problem]]:
    """One meeting's roll-call results, judged against the registry and the meeting's agenda. Read with its plain
    votes blocks lifted out (blocks.py); if any block was not where a question's votes are, read again whole."""
    lifted: dict[int, list[tuple[str, str, int]]] = {}
    found = _load_votes(path, raw, council, meetings, lifted)
    return _load_votes(path, raw, council, meetings, None) if lifted else found


def _load_votes(path: str, raw: bytes | None, council: Council | None, meetings: Mapping[str, Item],
                lifted: dict | None) -> tuple[VoteFile | None, list[Problem]]:
    node, problems = _read(path, raw, "файл поіменного голосування", lifted)
    if node is None:
        return None, problems
    top, lines, problems = _fields(path, node, "файл голосування")
    if top is None:
        return None, problems
    missing = [f for f in ("meeting", "date", "questions") if f not in top]
    unknown = sorted(set(top) - {"meeting", "date", "questions"})
    if missing or unknown:
        what = (["бракує полів " + ", ".join(missing)] if missing else []) + (
            ["невідомі поля " + ", ".join(unknown)] if unknown else [])
        return None, problems + [Problem(path, 1, "; ".join(what),
                                         "поля файлу: meeting (засідання), date (коли оприлюднено), questions")]
    if council is None:
        problems.append(Problem(path, 1, f"немає реєстру депутатів {DEPUTIES_FILE}",
                                "створіть його: поіменне голосування звіряється з реєстром"))
    meeting_path, bad = _text(path, top["meeting"], "meeting")
    published, bad2 = _date(path, top["date"], "date")
    problems += bad + bad2
    meeting = meetings.get(meeting_path) if meeting_path else None
    if meeting_path and meeting is None:
        problems.append(Problem(path, lines["meeting"], f"засідання {meeting_path} не знайдено",
                                "вкажіть шлях до файлу засідання, наприклад meetings/2026/simdesiata-sesiia.md"))
    listed = top["questions"]
    if not isinstance(listed, yaml.SequenceNode) or not listed.value:
        return None, problems + [Problem(path, lines["questions"], "questions має бути непорожнім списком питань")]
    questions = []
    for number, entry in enumerate(listed.value, start=1):
        question, bad = _question(path, number, entry, council, meeting, lifted)
        problems += bad
        if question is not None:
            questions.append(question)
    if not problems and published.timestamp() < max(q.time.timestamp() for q in questions):
        problems.append(Problem(path, lines["date"], f"результати оприлюднено ({published:%Y-%m-%d %H:%M}) раніше, "
                                "ніж закінчилося голосування", "date — коли результати розміщено на сайті"))
    if problems:
        return None, problems
    key = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return VoteFile(path, key, meeting_path, published, tuple(questions), lines), []


def _question(path: str, number: int, node: yaml.Node, council: Council | None,
              meeting: Item | None, lifted: dict | None = None) -> tuple[Question | None, list[Problem]]:
    values, where, problems = _fields(path, node, "питання")
    if values is None:
        return None, problems
    rows = None
    if lifted and "votes" in values and not node.flow_style:
        votes = values["votes"]
        if isinstance(votes, yaml.MappingNode) and votes.flow_style and not votes.value:
            rows = lifted.pop(where["votes"], None)
    line = source.line_of(node, 1)
    missing = [f for f in QUESTION_FIELDS if f not in values]
    unknown = sorted(set(values) - set(QUESTION_FIELDS) - {"threshold", "totals"})
    if missing or unknown:
        what = (["бракує полів " + ", ".join(missing)] if missing else []) + (
            ["невідомі поля " + ", ".join(unknown)] if unknown else [])
        return None, problems + [Problem(path, line, f"питання {number}: " + "; ".join(what),
                                         f"поля питання: {', '.join(QUESTION_FIELDS)}, threshold, totals")]
    title, bad = _text(path, values["title"], "title")
    problems += bad
    agenda, bad = _number(path, values["agenda"], "agenda")
    problems += bad
    time, bad = _date(path, values["time"], "time")
    problems += bad
    stated, bad = _text(path, values["result"], "result")
    problems += bad
    if stated is not None and stated not in (ADOPTED, REJECTED):
        problems.append(Problem(path, where["result"], f"результат «{stated}» невідомий",
                                f"пишіть «{ADOPTED}» або «{REJECTED}»"))
    threshold = council.majority if council else None
    if "threshold" in values:
        threshold, bad = _number(path, values["threshold"], "threshold")
        problems += bad
        if council is not None and threshold is not None and threshold > council.composition:
            problems.append(Problem(path, where["threshold"], f"питання {number}: поріг — {VOTES.count(threshold)} «за», "
                                    f"а загальний склад ради — {MEMBERS.count(council.composition)} ({council.source})",
                                    "поріг не може бути більшим за загальний склад ради: перевірте threshold"))
    if meeting is not None and meeting.meeting is not None:
        if agenda is not None and agenda > len(meeting.meeting.agenda):
            problems.append(Problem(path, where["agenda"],
                                    f"питання {number}: у порядку денному засідання {meeting.source} немає пункту {agenda} "
                                    f"(пунктів: {len(meeting.meeting.agenda)})",
                                    "вкажіть номер пункту порядку денного, до якого належить питання"))
        if time is not None and time.date() != meeting.meeting.starts.date() and (
                meeting.meeting.ends is None or not meeting.meeting.starts.date() <= time.date() <= meeting.meeting.ends.date()):
            problems.append(Problem(path, where["time"],
                                    f"питання {number}: голосування {time:%Y-%m-%d %H:%M} не в день засідання "
                                    f"({meeting.meeting.starts:%Y-%m-%d})", "перевірте дату голосування або засідання"))
    choices, bad = _choices(path, number, _votes(path, values["votes"]) if rows is None else _lifted(path, rows),
                            where["votes"], council, time)
    problems += bad
    if "totals" in values and choices is not None:
        problems += _totals(path, number, values["totals"], choices)
    if problems or None in (title, agenda, time, stated, threshold, choices):
        return None, problems
    question = Question(number, title, agenda, time, threshold, stated, choices, line)
    if question.result != stated:
        counts = question.totals()
        return None, [Problem(path, where["result"],
                              f"питання {number}: у файлі «{stated}», а за підрахунком «{question.result}»: "
                              f"«за» {counts[Choice.FOR]} при потрібних {threshold}",
                              "перевірте голоси, поріг (threshold) і результат")]
    return question, []


def _votes(path: str, node: yaml.Node):
    """A question's `votes` read by YAML: each deputy's word as written (None if not a word), with its line."""
    values, where, problems = _fields(path, node, "голоси")
    return (None if values is None else {k: source.scalar_text(v) for k, v in values.items()}), where, problems


def _lifted(path: str, rows: list[tuple[str, str, int]]):
    """The same from a block's rows (blocks.py), a repeated deputy the same problem as _fields makes of it."""
    values, where, problems = {}, {}, []
    for deputy, word, line in rows:
        if deputy in values:
            problems.append(_two_choices(path, line, deputy))
        else:
            values[deputy], where[deputy] = word, line
    return values, where, problems


def _choices(path: str, number: int, read, votes_line: int, council: Council | None,
             time: dt.datetime | None) -> tuple[tuple[tuple[str, Choice], ...] | None, list[Problem]]:
    values, where, problems = read
    if values is None:
        return None, problems
    known = council.by_id if council else {}
    # Who served that day, worked out once a day: a term's ~670,000 choices are mostly a serving deputy's own word.
    day = time.date() if council is not None and time is not None else None
    serving = _serving(council, day) if day is not None else frozenset()
    choices = []
    for deputy, value in values.items():
        if deputy in serving and value in WORDS:
            choices.append(_pair(deputy, WORDS[value]))
            continue
        line = where[deputy]
        word = (value or "").strip().lower()
        words = WORDS
        if word not in words:
            shown = f"«{value}»" if value is not None else "не одне слово (список чи набір полів)"
            problems.append(Problem(path, line, f"питання {number}: невідомий варіант голосу {shown} ({deputy})",
                                    f"можливі: {CHOICE_WORDS}"))
            continue
        if council is not None:
            person = known.get(deputy)
            if person is None:
                problems.append(Problem(path, line, f"питання {number}: депутата {deputy} немає в реєстрі {council.source}",
                                        "вкажіть id депутата з реєстру або додайте його до реєстру"))
                continue
            if time is not None and not person.serves_on(time.date()):
                problems.append(Problem(path, line, f"питання {number}: на {time:%Y-%m-%d} депутат {person.name} без повноважень "
                                        f"(повноваження: {person.began} – {person.ended or 'дотепер'})",
                                        "перевірте дату голосування або дати began/ended у реєстрі"))
                continue
        choices.append(_pair(deputy, words[word]))
    if day is not None and not problems and not serving <= values.keys():
        for person in council.deputies:
            if person.id in serving and person.id not in values:
                problems.append(Problem(path, votes_line,
                                        f"питання {number}: немає голосу депутата {person.name} ({person.id})",
                                        "впишіть його вибір; якщо депутата не було — «відсутній»"))
    return (None if problems else tuple(choices)), problems


WORDS = {c.value: c for c in CHOICES}


@functools.lru_cache(maxsize=64)
def _serving(council: Council, day: dt.date) -> frozenset[str]:
    return frozenset(p.id for p in council.deputies if p.serves_on(day))


@functools.lru_cache(maxsize=4096)
def _pair(deputy: str, choice: Choice) -> tuple[str, Choice]:
    """One tuple object for each (deputy, choice): a term's ~670,000 choices point at a few hundred pairs."""
    return deputy, choice


def _totals(path: str, number: int, node: yaml.Node, choices) -> list[Problem]:
    values, where, problems = _fields(path, node, "підсумки")
    if values is None:
        return problems
    counted = {c: 0 for c in CHOICES}
    for _, choice in choices:
        counted[choice] += 1
    words = {c.value: c for c in CHOICES}
    for word, value in values.items():
        if word not in words:
            problems.append(Problem(path, where[word], f"питання {number}: невідомий підсумок «{word}»", f"можливі: {CHOICE_WORDS}"))
            continue
        stated, bad = _number(path, value, word) if source.scalar_text(value) != "0" else (0, [])
        if bad:
            problems += bad
        elif stated != counted[words[word]]:
            problems.append(Problem(path, where[word],
                                    f"питання {number}: у підсумках «{word}» {stated}, а в поіменних голосах {counted[words[word]]}",
                                    "підсумки мають збігатися з голосами депутатів"))
    return problems
