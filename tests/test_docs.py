"""Every relative link and every `./visnyk TASK` in README.md and docs/*.md leads somewhere real.

A link to a file must find the file, a link with `#anchor` must find a heading with that anchor (GitHub's rule:
lower case, punctuation dropped, spaces as '-') in the file it points to. A command `./visnyk TASK …` must name
a task `./visnyk --list` shows (invoke's own list of tasks.py, as `./visnyk` runs it).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

LINK = re.compile(r"(?<!!)\[[^\]]*\]\(([^)\s]+)\)|!\[[^\]]*\]\(([^)\s]+)\)")
HEADING = re.compile(r"^#{1,6} (.+?)\s*$", re.M)
COMMAND = re.compile(r"\./visnyk((?: +[^\s`|)#\"'…]+)+)")


def documents(root: Path = ROOT) -> list[Path]:
    return [root / "README.md", *sorted((root / "docs").rglob("*.md"))]


def anchor(title: str) -> str:
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def outside_code_blocks(text: str) -> str:
    """The text with fenced code blocks blanked (their `# comment` lines are no headings)."""
    return re.sub(r"^```.*?^```", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.M | re.S)


def anchors(path: Path) -> set[str]:
    found, seen = set(), {}
    for title in HEADING.findall(outside_code_blocks(path.read_text(encoding="utf-8"))):
        base = anchor(title)
        count = seen.get(base, 0)
        found.add(base if not count else f"{base}-{count}")
        seen[base] = count + 1
    return found


def broken_links(root: Path = ROOT) -> list[str]:
    problems = []
    for doc in documents(root):
        text = outside_code_blocks(doc.read_text(encoding="utf-8"))
        for number, line in enumerate(text.splitlines(), 1):
            for match in LINK.finditer(re.sub(r"`[^`]*`", "", line)):  # examples in code are not links
                target = match.group(1) or match.group(2)
                if re.match(r"^[a-z][a-z0-9+.-]*:", target):
                    continue  # http(s), mailto: not ours to check here
                path, _, frag = target.partition("#")
                file = (doc.parent / path).resolve() if path else doc
                where = f"{doc.relative_to(root)}:{number}: {target}"
                if not file.exists():
                    problems.append(f"{where}: no such file")
                elif frag and (file.suffix != ".md" or frag not in anchors(file)):
                    problems.append(f"{where}: no heading #{frag} in {file.relative_to(root)}")
    return problems


def commands(root: Path = ROOT) -> list[tuple[str, list[str]]]:
    """(where, the task names) of each `./visnyk …` written in the docs: the first word, and any later word that
    is a task itself (`./visnyk build serve`); options and their values, and positional arguments, are not."""
    found = []
    for doc in documents(root):
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            for match in COMMAND.finditer(line):
                words = match.group(1).split()
                if not words or words[0].startswith("-"):
                    continue  # ./visnyk --list, ./visnyk --help TASK
                found.append((f"{doc.relative_to(root)}:{number}", words))
    return found


@pytest.fixture(scope="module")
def tasks() -> set[str]:
    listed = subprocess.run([sys.executable, "-m", "invoke", "--list"], cwd=ROOT, capture_output=True, text=True,
                            check=True, timeout=120).stdout
    names = set(re.findall(r"^  ([a-z][\w.-]*)", listed, re.M))
    assert {"build", "check", "test"} <= names, listed
    return names


def unknown_commands(found: list[tuple[str, list[str]]], tasks: set[str]) -> list[str]:
    return [f"{where}: ./visnyk {words[0]} — no such task" for where, words in found if words[0] not in tasks]


def test_every_relative_link_in_the_docs_resolves():
    assert broken_links() == []


def test_every_visnyk_command_in_the_docs_is_a_task(tasks):
    found = commands()
    assert len(found) >= 5  # the quick start's two at least: the reading did not silently find nothing
    assert unknown_commands(found, tasks) == []


def test_the_checks_see_a_dead_link_a_missing_anchor_and_an_unknown_task(tmp_path, tasks):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "guide.md").write_text("# Guide\n\n## Rolling back\n\n```sh\n# not a heading\n```\n",
                                                encoding="utf-8")
    (tmp_path / "README.md").write_text(
        "# Front\n\n[ok](docs/guide.md#rolling-back) [gone](docs/nowhere.md) [bad](docs/guide.md#not-a-heading)\n"
        "[self](#front) [web](https://example.org/x) `[code](nowhere.md)`\n\n"
        "`./visnyk build serve` and `./visnyk deploy --now`\n",
        encoding="utf-8")
    assert broken_links(tmp_path) == [
        "README.md:3: docs/nowhere.md: no such file",
        "README.md:3: docs/guide.md#not-a-heading: no heading #not-a-heading in docs/guide.md",
    ]
    assert unknown_commands(commands(tmp_path), tasks) == ["README.md:6: ./visnyk deploy — no such task"]
