#!/usr/bin/env python3
"""Issue 24, point 3: README.md becomes the front door; the rest moves to docs/ by reader (run once, then deleted).

Run from the repository root, after scripts/restructure.py (order does not matter for the result):

    .venv/bin/python scripts/split_readme.py            # writes README.md, docs/operators.md, docs/developers.md
    .venv/bin/python scripts/split_readme.py --dry-run  # prints where each section would go

README.md is cut by its `##`/`###` headings; each section goes where SECTIONS says. A `###` section the table
does not know goes with its `##` parent, a `##` section it does not know goes to docs/developers.md — both with
a printed warning (another branch added it: check the place by hand). Then:
- README.md is replaced by scripts/docs/front-door.md (what Visnyk is, the two quick-start commands, where to
  read next); if the sections it replaces ("Вісник — сайт міської ради", "Quick start") changed since the
  front door was written, a warning says so — carry the change over by hand;
- docs/developers.md begins with scripts/docs/architecture.md (the capabilities and layers, one diagram);
- every link is fixed for its new file: `#anchor` → `operators.md#anchor` when the heading moved elsewhere,
  relative paths recomputed from docs/;
- mentions in code and tests (`README "Fast rebuilds"`, a test reading README.md's "## Publishing") are
  pointed at the new file.
Idempotent: when README.md is the front door already, it says so and changes nothing.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import os
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent / "docs"
OPERATORS, DEVELOPERS, FRONT = "docs/operators.md", "docs/developers.md", "README.md"
REPLACED = "replaced"  # superseded by scripts/docs/architecture.md (the layout tree of the new packages)
# heading (exact text) → file. FRONT: replaced by the hand-written front door; REPLACED: by the architecture.
SECTIONS: dict[str, str] = {
    "Вісник — сайт міської ради": FRONT,
    "Quick start": FRONT,
    "For editors": OPERATORS,
    "Content is untrusted input": DEVELOPERS,
    "Layout": REPLACED,
    "The theme on a phone": DEVELOPERS,
    "Editing in the browser": OPERATORS,
    "Switching it on for the council's repository": OPERATORS,
    "Sign-in options: what each needs and costs": OPERATORS,
    "Adding an editor, revoking one": OPERATORS,
    "Limits": OPERATORS,
    "Settings": OPERATORS,
    "Search": DEVELOPERS,
    "Lead images": DEVELOPERS,
    "The original files: published without metadata, not before their item": DEVELOPERS,
    "Counting, statistics and open data": OPERATORS,
    "Meetings and publication deadlines": OPERATORS,
    "Reports": OPERATORS,
    "Publishing": OPERATORS,
    "First-time setup on GitHub Pages": OPERATORS,
    "A custom domain": OPERATORS,
    "Rolling back": OPERATORS,
    "Publishing from a computer (gh-pages branch)": OPERATORS,
    "Tests": DEVELOPERS,
    "Fast rebuilds": DEVELOPERS,
    "The live preview (`./visnyk livereload`)": DEVELOPERS,
    "Warm cached builds (`pelican … --cache-path cache -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true`)": DEVELOPERS,
    "Benchmarks": DEVELOPERS,
}
# sha256 of the README text the front door replaces, as it was when the front door was written.
FRONT_DIGEST = "2e7b5730058dadd61aeb829265fb3bc8d5bb2e1b474522d89136581d6e3f78ec"
TITLES = {
    OPERATORS: "# Operators' guide\n\nFor the council's IT person: what the site publishes by itself, the settings, the web "
               "editor's sign-in, publishing, a custom domain and rolling back. What Visnyk is and how to start: "
               "[README](../README.md); writing items (in Ukrainian): [Редакторам](redaktoram.md).\n",
    DEVELOPERS: "# Developers' guide\n\nFor a contributor: how the code is laid out, what the content contract "
                "guarantees, fast rebuilds, the benchmarks and their figures, and the tests. Running the site: "
                "[Operators' guide](operators.md).\n",
}
HEADING = re.compile(r"^(#{1,6}) (.+?)\s*$")
LINK = re.compile(r"(\]\()([^)\s]+)(\))")


def anchor(title: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped (letters of any script kept), spaces → '-'."""
    text = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return text.replace(" ", "-")


def sections(text: str) -> list[tuple[int, str, str]]:
    """(level, title, text with its heading line) for each heading outside code blocks; text before the first → ''."""
    out, level, title, lines, fenced = [], 0, "", [], False
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        found = None if fenced else HEADING.match(line)
        if found:
            out.append((level, title, "".join(lines)))
            level, title, lines = len(found.group(1)), found.group(2), []
        lines.append(line)
    out.append((level, title, "".join(lines)))
    return [s for s in out if s[1] or s[2].strip()]


def place(parts: list[tuple[int, str, str]], warn) -> list[tuple[str, int, str, str]]:
    placed, parent = [], DEVELOPERS
    for level, title, text in parts:
        where = SECTIONS.get(title)
        if where is None:
            where = parent if level > 2 else DEVELOPERS
            warn(f"unknown section {'#' * level} {title!r}: put into {where} — check its place by hand")
        if level <= 2:
            parent = where
        placed.append((where, level, title, text))
    return placed


def fix_links(text: str, here: str, anchors: dict[str, str]) -> str:
    def one(m: re.Match) -> str:
        target = m.group(2)
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
            return m.group(0)
        path, _, frag = target.partition("#")
        if not path:  # an anchor in the same README: now perhaps in another file
            where = anchors.get(frag, here)
            path = "" if where == here else os.path.relpath(where, os.path.dirname(here) or ".")
        else:  # relative to the repository root (README.md's folder) before the split
            path = os.path.relpath(path, os.path.dirname(here) or ".")
        return m.group(1) + path + ("#" + frag if frag else "") + m.group(3)

    return LINK.sub(one, text)


def point_mentions(moved: dict[str, str], dry: bool, say) -> None:
    """`README "Fast rebuilds"` in code, and tests reading a moved section from README.md, follow it."""
    norm = {re.sub(r"\s+", " ", t): f for t, f in moved.items()}
    files = [Path(p) for p in ("tasks.py", "pelicanconf.py", "publishconf.py")]
    files += sorted(p for root in ("plugins", "tests", "benchmarks") for p in Path(root).rglob("*.py"))
    mention = re.compile(r'README(,? )"([^"]+)"')
    for path in files:
        source = path.read_text(encoding="utf-8")

        def repl(m: re.Match) -> str:
            title = re.sub(r"[\s#]+", " ", m.group(2)).strip()
            where = norm.get(title)
            return m.group(0) if where in (None, FRONT, REPLACED) else where + m.group(1) + '"' + m.group(2) + '"'

        text = mention.sub(repl, source)
        if path.parts[0] == "tests" and "README.md" in text:
            lines = text.splitlines(keepends=True)
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef):
                    body = "".join(lines[node.lineno - 1:node.end_lineno])
                    heads = {c.value[3:].strip() for c in ast.walk(node) if isinstance(c, ast.Constant)
                             and isinstance(c.value, str) and c.value.startswith("## ")}
                    wheres = {norm.get(h) for h in heads} - {None, FRONT, REPLACED}
                    if len(wheres) == 1 and '"README.md"' in body:
                        parts = wheres.pop().split("/")
                        for i in range(node.lineno - 1, node.end_lineno):
                            lines[i] = lines[i].replace('(ROOT / "README.md")',
                                                        "(ROOT / " + " / ".join(f'"{p}"' for p in parts) + ")")
            text = "".join(lines)
        if text != source:
            say(f"  pointed README mentions at docs/ in {path}")
            if not dry:
                path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    parser.add_argument("--digest", action="store_true", help="print the digest of the sections the front door replaces")
    args = parser.parse_args(argv)
    readme = Path(FRONT).read_text(encoding="utf-8")
    front = (HERE / "front-door.md").read_text(encoding="utf-8")
    architecture = (HERE / "architecture.md").read_text(encoding="utf-8")
    if readme == front:
        print("split_readme: README.md is the front door already; nothing to do")
        return 0
    for path in (OPERATORS, DEVELOPERS):
        if Path(path).exists():
            print(f"split_readme: {path} exists already — move it away first", file=sys.stderr)
            return 2
    warnings: list[str] = []
    placed = place(sections(readme), warnings.append)
    replaced = "".join(text for where, _l, _t, text in placed if where in (FRONT, REPLACED))
    digest = hashlib.sha256(replaced.encode()).hexdigest()
    if args.digest:
        print(digest)
        return 0
    if digest != FRONT_DIGEST:
        warnings.append("the title, \"Quick start\" or \"Layout\" of README.md changed since the front door and "
                        "the architecture were written: compare them with scripts/docs/ and carry the change over")

    anchors: dict[str, str] = {}
    for where, _level, title, _text in placed:
        anchors.setdefault(anchor(title), DEVELOPERS if where == REPLACED else where)
    for _level, title, _text in sections(front):
        anchors[anchor(title)] = FRONT
    for _level, title, _text in sections(architecture):
        anchors.setdefault(anchor(title), DEVELOPERS)

    out = {OPERATORS: [TITLES[OPERATORS]], DEVELOPERS: [TITLES[DEVELOPERS], "\n", architecture]}
    for where, level, title, text in placed:
        if where not in (FRONT, REPLACED):
            out[where].append(("\n" if not out[where][-1].endswith("\n\n") else "")
                              + fix_links(text, where, anchors))  # README's own links, from README's folder
            print(f"  {'#' * level} {title} → {where}")
    for path, chunks in out.items():
        text = "".join(chunks).rstrip("\n") + "\n"
        if not args.dry_run:
            Path(path).write_text(text, encoding="utf-8")
        print(f"split_readme: wrote {path} ({text.count(chr(10))} lines)")
    if not args.dry_run:
        Path(FRONT).write_text(front, encoding="utf-8")
    print(f"split_readme: wrote README.md (the front door, {front.count(chr(10))} lines)")
    point_mentions({t: w for w, _l, t, _x in placed}, args.dry_run, print)
    for warning in warnings:
        print(f"  warning: {warning}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
