"""The `votes:` blocks of a votes YAML file read line by line: a term is ~670,000 rows of «deputy-id: choice»,
and composing each into YAML nodes (two scalars, their marks, a tag resolved in Python) took most of the reading.

`lift` empties each block that is nothing but such rows — `votes: {}` in place of its key line, blank lines in place
of its rows, so every other line keeps its number — and returns the rows by the line of their key. YAML then reads
the rest of the file as before. The reader (reading.py) takes a block's rows only where YAML found the key `votes`
of a question on that very line with the `{}` in its place; a block that YAML read as something else (a line inside
a block scalar, say) leaves the whole file to be read again without lifting. Anything else a row might hold — a
comment, a quoted key, another word, a tab, a different indent — keeps its block for YAML, whose messages are the
reader's own: nothing here decides what is valid, it only recognises the one plain shape.
"""

from __future__ import annotations

import re

from .records import CHOICES

_KEY = re.compile(r"( *)votes: *")
_ROW = re.compile(r"( +)([a-z0-9][a-z0-9-]*): (" + "|".join(c.value for c in CHOICES) + r") *")
_END = re.compile(r"( *)[^ #\t]")  # a line that can close a block: its first character is content


def lift(text: str) -> tuple[str, dict[int, list[tuple[str, str, int]]]]:
    """The text with its plain votes blocks emptied, and each block's rows (deputy, word, line) by its key's line."""
    lines = text.split("\n")
    blocks: dict[int, list[tuple[str, str, int]]] = {}
    index = 0
    while index < len(lines):
        key = _KEY.fullmatch(lines[index])
        index += 1
        if key is None:
            continue
        rows, end = _rows(lines, index, len(key.group(1)))
        if rows:
            blocks[index] = rows  # the key's line, 1-based
            lines[index - 1] += " {}"
            lines[index:end] = [""] * (end - index)
            index = end
    return "\n".join(lines), blocks


def _rows(lines: list[str], start: int, indent: int) -> tuple[list[tuple[str, str, int]], int]:
    """The rows after a `votes:` key at `indent` up to the line that closes the block; none if any line is not one."""
    rows: list[tuple[str, str, int]] = []
    depth = None
    for number in range(start, len(lines)):
        line = lines[number]
        if not line.strip(" "):
            continue
        row = _ROW.fullmatch(line)
        if row is None:
            closing = _END.match(line)
            if closing is not None and len(closing.group(1)) <= indent:
                return rows, number
            return [], number
        if len(row.group(1)) <= indent or (depth is not None and len(row.group(1)) != depth):
            return [], number
        depth = len(row.group(1))
        rows.append((row.group(2), row.group(3), number + 1))
    return rows, len(lines)
