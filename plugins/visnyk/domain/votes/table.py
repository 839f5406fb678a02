"""A roll-call CSV as a spreadsheet saves it (UTF-8 with or without BOM, comma or semicolon; one row a deputy's
choice on one question), turned into the same tree as a votes YAML file — each value keeping its row as its
line — so that both are judged by one reader (reading.py) and say the same things."""

from __future__ import annotations

import csv

import yaml

from ..content import source
from ..common.problems import Problem

COLUMNS = ("meeting", "date", "question", "title", "agenda", "time", "threshold", "result", "deputy", "choice")
PER_FILE = ("meeting", "date")
PER_QUESTION = ("title", "agenda", "time", "threshold", "result")
_STR = "tag:yaml.org,2002:str"


def _scalar(value: str, line: int) -> yaml.ScalarNode:
    mark = yaml.Mark("", 0, line - 1, 0, None, None)
    return yaml.ScalarNode(_STR, value, start_mark=mark, end_mark=mark)


def _mapping(pairs: list[tuple[yaml.Node, yaml.Node]], line: int) -> yaml.MappingNode:
    mark = yaml.Mark("", 0, line - 1, 0, None, None)
    return yaml.MappingNode("tag:yaml.org,2002:map", pairs, start_mark=mark, end_mark=mark)


def to_tree(path: str, text: str) -> tuple[yaml.Node | None, list[Problem]]:
    lines = text.split("\n")
    header_line = lines[0] if lines else ""
    delimiter = ";" if header_line.count(";") > header_line.count(",") else ","
    rows = list(csv.reader(lines, delimiter=delimiter))
    header = [cell.strip().lower() for cell in (rows[0] if rows else [])]
    missing = [c for c in COLUMNS if c not in header and c != "threshold"]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown or len(set(header)) != len(header):
        what = (["бракує стовпців " + ", ".join(missing)] if missing else []) + (
            ["невідомі стовпці " + ", ".join(unknown)] if unknown else []) or ["стовпець повторено"]
        return None, [Problem(path, 1, "; ".join(what), "перший рядок: " + delimiter.join(COLUMNS))]
    problems: list[Problem] = []
    first: dict[str, tuple[str, int]] = {}
    questions: dict[str, dict] = {}  # question number as written → its fields and votes, in file order
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            problems.append(Problem(path, number, f"у рядку {len(row)} значень, а стовпців {len(header)}",
                                    f"розділювач — «{delimiter}»; значення з ним беріть у лапки"))
            continue
        cells = dict(zip(header, (cell.strip() for cell in row)))
        for name in PER_FILE:
            if name not in first:
                first[name] = (cells[name], number)
            elif cells[name] != first[name][0]:
                problems.append(Problem(path, number, f"{name} «{cells[name]}» не такий, як у рядку {first[name][1]} "
                                        f"(«{first[name][0]}»)", "один файл — одне засідання"))
        one = questions.setdefault(cells["question"], {"line": number, "fields": {}, "votes": []})
        for name in PER_QUESTION:
            if name not in cells or (name == "threshold" and not cells[name]):
                continue
            seen = one["fields"].setdefault(name, (cells[name], number))
            if seen[0] != cells[name]:
                problems.append(Problem(path, number, f"питання {cells['question']}: {name} «{cells[name]}» не такий, "
                                        f"як у рядку {seen[1]} («{seen[0]}»)", "значення питання однакові в усіх його рядках"))
        one["votes"].append((_scalar(cells["deputy"], number), _scalar(cells["choice"], number)))
    if problems:
        return None, problems
    if not questions:
        return None, [Problem(path, 1, "у файлі немає жодного голосу", "рядок на кожен голос кожного депутата")]
    listed = []
    for one in questions.values():
        pairs = [(_scalar(name, line), _scalar(value, line)) for name, (value, line) in one["fields"].items()]
        pairs.append((_scalar("votes", one["line"]), _mapping(one["votes"], one["line"])))
        listed.append(_mapping(pairs, one["line"]))
    mark = yaml.Mark("", 0, 1, 0, None, None)
    top = [(_scalar(name, line), _scalar(value, line)) for name, (value, line) in first.items()]
    top.append((_scalar("questions", 2), yaml.SequenceNode("tag:yaml.org,2002:seq", listed, start_mark=mark, end_mark=mark)))
    node = _mapping(top, 1)
    return node, source.value_problems(path, node, first_line=1)
