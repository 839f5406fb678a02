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

_WORDS = "|".join(c.value for c in CHOICES)
# A `votes:` key line, then a run of rows at one indent (the first row's), each «id: word»; the run is checked to
# be the whole block (what follows closes it) before it is taken.
_BLOCK = re.compile(r"^( *)votes: *\n(( +)[a-z0-9][a-z0-9-]*: (?:" + _WORDS + r") *(?:\n|\Z)"
                    r"(?:\3[a-z0-9][a-z0-9-]*: (?:" + _WORDS + r") *(?:\n|\Z))*)", re.MULTILINE)
_ROW = re.compile(r"^ +([a-z0-9][a-z0-9-]*): (" + _WORDS + r") *$", re.MULTILINE)
_AFTER = re.compile(r"(?: *\n)*( *)([^ \n]?)")  # blank lines, then the indent and first character of the next line


def lift(text: str) -> tuple[str, dict[int, list[tuple[str, str, int]]]]:
    """The text with its plain votes blocks emptied, and each block's rows (deputy, word, line) by its key's line."""
    blocks: dict[int, list[tuple[str, str, int]]] = {}
    pieces, done, line, counted = [], 0, 1, 0
    for block in _BLOCK.finditer(text):
        key_indent, rows_text = len(block.group(1)), block.group(2)
        if len(block.group(3)) <= key_indent:
            continue
        after = _AFTER.match(text, block.end())
        if after.group(2) and (after.group(2) in "#\t" or len(after.group(1)) > key_indent):
            continue  # a comment, a tab or a deeper line after the run: the block is more than rows, YAML reads it
        line += text.count("\n", counted, block.start())
        counted = block.start()
        rows = _ROW.findall(rows_text)
        blocks[line] = [(deputy, word, line + i) for i, (deputy, word) in enumerate(rows, start=1)]
        key_end = text.index("\n", block.start())
        # The key's own line break and each row's: every line after the block keeps its number.
        pieces += [text[done:key_end], " {}", "\n" * (1 + rows_text.count("\n"))]
        done = block.end()
    pieces.append(text[done:])
    return "".join(pieces), blocks
