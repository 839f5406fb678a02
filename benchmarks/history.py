"""The synthetic archive as a git repository with a history (issue 26 §3), for the `history` bench: a copy
of the content folder (hard-linked; an edited file is written anew, never through its link) committed once
on 20 November 2026, then every tenth item edited in two commits and every hundredth renamed and renamed back —
so a cold build with VISNYK_HISTORY reads one `git log` of ~20,000 files and lists a few thousand changes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

COMMITS = (("Архів сайту", "2026-11-20T09:00:00+02:00"), ("Уточнено матеріали", "2026-11-21T10:00:00+02:00"),
           ("Ще раз уточнено матеріали", "2026-11-22T11:00:00+02:00"), ("Файли перейменовано", "2026-11-22T12:00:00+02:00"))


def _git(folder: Path, *args: str, when: str = "") -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Бенчмарк", "GIT_AUTHOR_EMAIL": "bench@rada.example",
           "GIT_COMMITTER_NAME": "Бенчмарк", "GIT_COMMITTER_EMAIL": "bench@rada.example"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(folder), *args], env=env, check=True, capture_output=True, timeout=1800)


def _rewrite(path: Path, extra: str) -> None:
    data = path.read_bytes() + extra.encode("utf-8")
    path.unlink()  # the copy is hard-linked to the archive: a new file, not a write through the link
    path.write_bytes(data)


def with_history(content: Path, target: Path) -> int:
    """`content` copied into `target` as a git repository with the history above; the number of edits."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(content, target, copy_function=os.link)
    items = sorted(p for p in target.rglob("*.md") if "reports" not in p.parts)
    _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "-m", COMMITS[0][0], when=COMMITS[0][1])
    edits = 0
    for n, (message, when) in enumerate(COMMITS[1:3], 1):
        for path in items[::10]:
            _rewrite(path, f"\nУточнення {n}.\n")
            edits += 1
        _git(target, "add", "-A")
        _git(target, "commit", "-q", "-m", message, when=when)
    # Renamed and renamed back (other items link to these paths): two renames to follow, the same files at the end.
    moved = [(str(p.relative_to(target)), str(p.relative_to(target).with_name("r-" + p.name))) for p in items[5::100]]
    for forth in (True, False):
        for old, new in moved:
            _git(target, "mv", *((old, new) if forth else (new, old)))
        _git(target, "commit", "-q", "-m", COMMITS[3][0] if forth else "Назви файлів повернено", when=COMMITS[3][1])
    return edits
