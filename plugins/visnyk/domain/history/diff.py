"""A change as a page of its own, when the site's repository is not on GitHub: the file before and after
the commit, as lines marked added or removed. The texts come from ONE `git cat-file --batch` (its output is
parsed here); every line is plain text for the template to escape."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

MAX_LINES = 2000  # a longer diff is cut, and the page says so
CONTEXT = 3


@dataclass(frozen=True)
class Line:
    kind: str  # "hunk", "same", "added", "removed"
    text: str

    @property
    def mark(self) -> str:
        return {"added": "+", "removed": "−", "same": " "}.get(self.kind, "")


@dataclass(frozen=True)
class Diff:
    lines: tuple[Line, ...]
    cut: bool = False  # longer than MAX_LINES: only the first shown

    @property
    def added(self) -> int:
        return sum(line.kind == "added" for line in self.lines)

    @property
    def removed(self) -> int:
        return sum(line.kind == "removed" for line in self.lines)


def batch_input(specs: list[str]) -> bytes:
    """The requests for `git cat-file --batch`, one `REV:PATH` a line (a path with a newline cannot be asked)."""
    return "".join(f"{spec}\n" for spec in specs if "\n" not in spec).encode("utf-8")


def parse_batch(raw: bytes, specs: list[str]) -> dict[str, bytes | None]:
    """`git cat-file --batch` output for `specs` (in order) → each spec's bytes; None when missing or not a file."""
    found: dict[str, bytes | None] = {}
    at = 0
    for spec in (s for s in specs if "\n" not in s):
        end = raw.find(b"\n", at)
        if end < 0:
            break
        header = raw[at:end].split(b" ")
        at = end + 1
        if len(header) == 3 and header[2].isdigit():
            size = int(header[2])
            found[spec] = raw[at:at + size] if header[1] == b"blob" else None
            at += size + 1  # the object, then a newline
        else:
            found[spec] = None  # "<spec> missing" (or ambiguous)
    return found


def diff(before: bytes | None, after: bytes | None) -> Diff:
    """The file's lines removed and added by one commit, with CONTEXT lines around each hunk."""
    old = (before or b"").decode("utf-8", "replace").splitlines()
    new = (after or b"").decode("utf-8", "replace").splitlines()
    lines: list[Line] = []
    for raw in list(difflib.unified_diff(old, new, n=CONTEXT, lineterm=""))[2:]:
        if raw.startswith("@@"):  # "@@ -3,5 +3,6 @@": where the hunk starts in the new version
            start = raw.split(" ")[2].lstrip("+").split(",")[0] if raw.count(" ") >= 3 else ""
            lines.append(Line("hunk", f"з рядка {start}" if start.isdigit() and start != "0" else "на початку"))
        elif raw.startswith("+"):
            lines.append(Line("added", raw[1:]))
        elif raw.startswith("-"):
            lines.append(Line("removed", raw[1:]))
        else:
            lines.append(Line("same", raw[1:]))
    return Diff(tuple(lines[:MAX_LINES]), len(lines) > MAX_LINES)
