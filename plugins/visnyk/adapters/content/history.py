"""«Історія змін» inside the build (VISNYK_HISTORY): ONE `git log` over the content folder, parsed by
domain/history/gitlog.py, gives each item the commits that changed its file after publication and, when the
file does not set `modified`, its `modified` date. Outside git (a tarball, a folder with no .git) or without
git the build goes on and says so: a notice, never an error.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace

from ...domain.common.clock import kyiv
from ...domain.common.model import Item
from ...domain.history.gitlog import LOG_ARGS, NONE, History, parse

ATTRIBUTE = "visnyk_history"  # on a content object: its tuple of gitlog.Change, oldest first
# No pager, no user's colours or signatures, the same text whatever the machine's language.
GIT = ("git", "-c", "core.pager=cat", "-c", "log.showSignature=false", "-c", "color.ui=false")


def notice(text: str) -> None:
    print(f"Історія змін: {text}", file=sys.stderr)


def _git(folder: str, *args: str) -> subprocess.CompletedProcess | None:
    try:
        return subprocess.run([*GIT, "-C", folder, *args], capture_output=True, timeout=600,
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


def attach(settings: dict, contents: list) -> dict[str, Item]:
    """Give every content object its changes (an empty tuple when off or none) and, where the file sets no
    `modified`, git's. Returns the items whose `modified` came from git, by source, to replace the old ones."""
    history = read(settings["PATH"]) if settings.get("VISNYK_HISTORY") else NONE
    dated: dict[str, Item] = {}
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
    return dated
