"""Every content file's changes, from the output of ONE `git log` over the content folder.

The adapter runs `LOG_ARGS` (newest commit first, paths relative to the content folder, renames found) and
hands the bytes to `parse`; `changes_after` then answers for one item. Renames are followed: an edit made
under the file's old name belongs to the file as it is named now; a file deleted and added again starts a new
life, and what happened to the old one is not its history.

Dates are the commits' own (committer dates), never the clock: the same commits give the same history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

RECORD, FIELD = "\x1e", "\x1f"
# One pass over the history: who changed which file, when, and why (the summary line).
LOG_ARGS = ("log", "--relative", "-M", "--no-merges", "--name-status", "-z", "--no-color",
            f"--format={RECORD}%H{FIELD}%cI{FIELD}%s", "--", ".")  # fmt: skip


@dataclass(frozen=True)
class Commit:
    sha: str
    date: dt.datetime  # the committer date, with its offset
    summary: str


@dataclass(frozen=True)
class Change:
    """One commit that changed an item's file after the item was first published."""

    commit: Commit
    renamed_from: str = ""  # the file's earlier path, when this commit renamed it
    path: str = ""  # the file's path in this commit (its name then, relative to the content folder)

    @property
    def before(self) -> str:
        """`REV:./PATH` of the file just before this commit (for `git cat-file` run in the content folder)."""
        return f"{self.commit.sha}^:./{self.renamed_from or self.path}"

    @property
    def after(self) -> str:
        return f"{self.commit.sha}:./{self.path}"

    @property
    def sha(self) -> str:
        return self.commit.sha

    @property
    def date(self) -> dt.datetime:
        return self.commit.date

    @property
    def summary(self) -> str:
        return self.commit.summary


@dataclass(frozen=True)
class Touch:
    commit: Commit
    added: bool  # the commit created the file (its first version)
    renamed_from: str = ""
    path: str = ""  # the file's path in this commit


@dataclass(frozen=True)
class History:
    """Each current file's commits, oldest first. `available` is False outside git (or on a shallow clone:
    `complete` False), and then every item simply has no listed changes."""

    files: dict[str, tuple[Touch, ...]]
    available: bool = True
    complete: bool = True

    def changes_after(self, path: str, published: dt.datetime) -> tuple[Change, ...]:
        """The commits that changed `path` after its first publication: after `published` (the item's date)
        and after the commit that first added the file (an archive imported today is published, not changed)."""
        touches = self.files.get(path, ())
        if touches and touches[0].added:
            start, later = max(published, touches[0].commit.date), touches[1:]
        else:  # the file's first version is beyond the history read (a shallow clone)
            start, later = published, touches
        return tuple(Change(t.commit, t.renamed_from, t.path) for t in later if t.commit.date > start)

    def modified(self, path: str, published: dt.datetime) -> dt.datetime | None:
        """The date of the file's last change after its publication (None: never changed since)."""
        changes = self.changes_after(path, published)
        return max(c.date for c in changes) if changes else None

NONE = History({}, available=False)


def parse(raw: bytes) -> History:
    """`git log` output (LOG_ARGS) → each file as it is named at the newest commit → its touches, oldest first."""
    text = raw.decode("utf-8", "replace")
    final: dict[str, str | None] = {}  # a path as a commit saw it → the path it has now (None: a dead life)
    touched: dict[str, list[Touch]] = {}
    for record in text.split(RECORD)[1:]:
        header, _, body = record.partition("\0")
        parts = header.split(FIELD, 2)
        if len(parts) != 3:
            continue
        sha, when, summary = parts
        try:
            commit = Commit(sha, dt.datetime.fromisoformat(when), " ".join(summary.split()))
        except ValueError:
            continue
        fields = body.lstrip("\n").split("\0")
        i = 0
        while i < len(fields):
            status = fields[i]
            if not status:
                i += 1
                continue
            if status[0] in "RC" and i + 2 < len(fields):
                old, new = fields[i + 1], fields[i + 2]
                i += 3
                now = final.get(new, new)
                if now is not None:
                    touched.setdefault(now, []).append(Touch(commit, False, old, new))
                if status[0] == "R":
                    final[old] = now
                    final[new] = None  # before this commit, `new` was another file or none
                continue
            path = fields[i + 1] if i + 1 < len(fields) else ""
            i += 2
            now = final.get(path, path)
            if status[0] == "D":
                final.setdefault(path, None)  # deleted later and not added again: not a current file
                continue
            if now is not None:
                touched.setdefault(now, []).append(Touch(commit, status[0] == "A", path=path))
            if status[0] == "A":
                final[path] = None  # older commits of this path were an earlier, deleted file
    return History({path: tuple(reversed(found)) for path, found in touched.items()})
