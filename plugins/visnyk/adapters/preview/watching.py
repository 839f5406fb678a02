"""The live preview's watching: the first build, then a build for every change the watcher reports — and for every
change made while the first build ran. A mixin of PreviewServer (server.py), which holds the state it uses.

The watcher starts after the first build (a save then starts a build). A file saved while the first build ran (30 s
to two minutes on a large archive: an editor starts the preview and goes on writing) was reported by no one: the
tab kept the old text until the next save. The files the watcher would report are stamped (size, modification time)
before the first build, and again once the watcher runs; what differs is built as if the watcher had seen it.
"""

from __future__ import annotations

import os

from .processes import Stopped
from .theme import theme_folders

PLUGIN_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
WAKE_MS = 500  # the watcher's longest wait for a change: its first wake-up says it runs (then the stamps are compared)


def stamps(paths: list[str]) -> dict[str, tuple[int, int]]:
    """Every file under `paths` that the watcher reports changes of, with its size and modification time."""
    from watchfiles import Change, DefaultFilter

    reported = DefaultFilter()
    found: dict[str, tuple[int, int]] = {}

    def stamp(path: str) -> None:
        if reported(Change.modified, path):
            try:
                info = os.stat(path)
            except OSError:
                return
            found[path] = (info.st_size, info.st_mtime_ns)

    for top in paths:
        if not os.path.isdir(top):
            stamp(top)
            continue
        for folder, dirs, files in os.walk(top):
            dirs[:] = [d for d in dirs if d not in reported.ignore_dirs]
            for name in files:
                stamp(os.path.join(folder, name))
    return found


def differences(before: dict, after: dict) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


class Watching:
    """PreviewServer's watching (its attributes: site, settings_file, root, watching, stop_event, items_file, echo,
    on_code_change, rebuild)."""

    _before: dict | None = None  # the stamps taken before the first build, until the watcher runs

    def watched(self) -> list[str]:
        paths = [self.site.content, self.settings_file, *theme_folders(self.site.settings(), self.root), PLUGIN_ROOT]
        paths = [p for p in dict.fromkeys(os.path.abspath(p) for p in paths) if os.path.exists(p)]
        return [p for p in paths if not any(p.startswith(q + os.sep) for q in paths)]  # a folder inside another: once

    def _stamp_before_first_build(self) -> None:
        if self.watching:
            self._before = stamps(self.watched())

    def _first_build(self) -> None:
        """The first build, the items for the next start, then the watching, in one thread that lives as long as the
        server: the indexer the first build starts is bound to it (PR_SET_PDEATHSIG follows the thread)."""
        self._stamp_before_first_build()
        self._watch(self.rebuild, ())
        if self.items_file and self.site.generation and not self.stop_event.is_set():
            self._watch(self.site.keep_items, self.items_file, False)  # for the next start
        self._watch() if self.watching else self.stop_event.wait()

    def _watch(self, run=None, *args) -> None:
        try:
            (run or self._watching)(*args)
        except Stopped:  # stop() abandoned the build in progress
            pass

    def _watching(self) -> None:
        from watchfiles import watch

        for changes in watch(*self.watched(), stop_event=self.stop_event, step=30, raise_interrupt=False,
                             rust_timeout=WAKE_MS, yield_on_timeout=True):
            if self.stop_event.is_set():
                return
            paths = {os.path.abspath(path) for _change, path in changes}
            if self._before is not None:  # the watcher runs: what changed while the first build ran, it missed
                paths |= differences(self._before, stamps(self.watched()))
                self._before = None
            if not paths:
                continue
            code = sorted(p for p in paths if p.startswith(PLUGIN_ROOT + os.sep) and p.endswith(".py"))
            if code:
                self.echo(f"Змінено код плагіна ({os.path.relpath(code[0], self.root)}): його бере лише новий процес.")
                if self.on_code_change is not None:
                    self.on_code_change()
                    continue
            self.rebuild(paths)
