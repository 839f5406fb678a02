"""«Історія змін» inside the build (VISNYK_HISTORY): ONE `git log` over the content folder, parsed by
domain/history/gitlog.py, gives each item the commits that changed its file after publication and, when the
file does not set `modified`, its `modified` date. Without VISNYK_REPOSITORY_URL (GitHub) each change of a
published page also gets a page of its own (changes/), its texts read by ONE `git cat-file --batch`.
Outside git (a tarball, a folder with no .git) or without git the build goes on and says so: a notice.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, replace

from ...domain.common.clock import kyiv
from ...domain.common.model import Item, Status
from ...domain.history import diff as diffs
from ...domain.history.gitlog import LOG_ARGS, NONE, Change, History, parse

ATTRIBUTE = "visnyk_history"  # on a content object: its tuple of gitlog.Change, oldest first
# No pager, no user's colours or signatures, the same text whatever the machine's language.
GIT = ("git", "-c", "core.pager=cat", "-c", "log.showSignature=false", "-c", "color.ui=false")


@dataclass(frozen=True)
class ChangePage:
    """One change of one published item, as the page adapters/outputs/changes.py writes."""

    url: str  # "news/2025/remont/changes/0a1b2c3d4e5f/"
    item_url: str
    title: str
    lang: str
    change: Change
    diff: diffs.Diff


def change_url(item_url: str, sha: str) -> str:
    return f"{item_url}changes/{sha[:12]}/"


def notice(text: str) -> None:
    print(f"Історія змін: {text}", file=sys.stderr)


def _git(folder: str, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run([*GIT, "-C", folder, *args], capture_output=True, timeout=600, input=stdin,
                              env={**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"})
    except (OSError, subprocess.SubprocessError):
        return None


def read(folder: str) -> History:
    """The content folder's history in one pass (plus one question: is the clone shallow?)."""
    shallow = _git(folder, "rev-parse", "--is-shallow-repository")
    if shallow is None or shallow.returncode != 0:
        notice("папка змісту не в git-репозиторії (або git недоступний), тож сторінки зібрано без історії змін")
        return NONE
    log = _git(folder, *LOG_ARGS)
    if log is None or log.returncode != 0:
        notice("git не зміг прочитати історію папки змісту, тож сторінки зібрано без історії змін")
        return NONE
    history = parse(log.stdout)
    if shallow.stdout.strip() == b"true":
        notice("неповна копія репозиторію (shallow clone): історія змін лише з отриманих комітів; "
               "для повної — git fetch --unshallow (у GitHub Actions: fetch-depth: 0)")
        return replace(history, complete=False)
    return history


def _published(content) -> bool:
    return getattr(content, "status", "") in (Status.PUBLISHED.value, Status.HIDDEN.value) and bool(
        getattr(content, "save_as", ""))


def attach(settings: dict, contents: list) -> tuple[dict[str, Item], list[ChangePage]]:
    """Give every content object its changes (an empty tuple when off or none) and, where the file sets no
    `modified`, git's. Returns the items whose `modified` came from git, by source (to replace the old ones),
    and the pages of changes to write (none when the changes link to GitHub)."""
    on = settings.get("VISNYK_HISTORY")
    history = read(settings["PATH"]) if on else NONE
    if not history.files:  # off, or nothing read: no item has a change (a page reads a missing attribute as none)
        return {}, []
    dated: dict[str, Item] = {}
    shown: list[tuple[object, Change]] = []
    for content in contents:
        item = getattr(content, "visnyk_item", None)
        if item is None:
            continue
        changes = history.changes_after(item.source, item.date)
        setattr(content, ATTRIBUTE, changes)
        if changes and item.modified is None:
            item = replace(item, modified=kyiv(max(c.date for c in changes)))
            content.visnyk_item = item
            content.modified = item.modified
            dated[item.source] = item
        if changes and _published(content):
            shown.extend((content, change) for change in changes)
    if not shown or settings.get("VISNYK_REPOSITORY_URL"):
        return dated, []
    specs = sorted({spec for _, change in shown for spec in (change.before, change.after)})
    batch = _git(settings["PATH"], "cat-file", "--batch", stdin=diffs.batch_input(specs))
    texts = diffs.parse_batch(batch.stdout, specs) if batch is not None and batch.returncode == 0 else {}
    pages = [ChangePage(change_url(content.url, change.sha), content.url, content.title, content.lang, change,
                        diffs.diff(texts.get(change.before), texts.get(change.after)))
             for content, change in shown]
    return dated, sorted(pages, key=lambda page: page.url)
