"""Strict mode: a warning or an error logged during the build fails it (VISNYK_STRICT, on by default).

Pelican logs a broken `{filename}` link, an unknown `{…}` link indicator or a failed tag page and
carries on, exiting 0 with a site that is silently wrong. Here every WARNING or ERROR record that
reaches the root logger after the plugin is initialised is kept; when the build ends (`finalized`)
they are listed again and the build fails with exit status 1, as `ContentError` does.

Limits: Pelican reads its settings before any plugin is loaded, so warnings about the settings
themselves are not seen, and `pelican -q` (level CRITICAL) stops warnings before they are logged.
"""

from __future__ import annotations

import logging

from .settings import validated

ATTRIBUTE = "_visnyk_strict"  # on the Pelican object: one collector per build process


class StrictError(SystemExit):
    """Warnings were logged in strict mode: `pelican` prints the message and exits 1, no traceback."""


class Collector(logging.Handler):
    """Keeps every WARNING-or-worse record; Pelican's own handler still prints them as they come."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records


def describe(record: logging.LogRecord) -> str:
    try:
        message = record.getMessage()
    except Exception:  # a malformed log call must not hide the others
        message = str(record.msg)
    return f"{record.levelname} [{record.name}] {message}"


def report(records: list[logging.LogRecord]) -> str:
    lines = [
        f"Суворий режим: під час збирання з'явилися попередження або помилки ({len(records)}), "
        "тож сайт вважається незібраним:"
    ]
    lines += ["  " + describe(r).replace("\n", "\n    ") for r in records]
    lines.append(
        "Виправте їх (посилання, шаблони, зміст) і зберіть сайт знову. Лише для налагодження "
        "суворий режим можна вимкнути: VISNYK_STRICT = False або pelican … -e VISNYK_STRICT=false."
    )
    return "\n".join(lines)


def start(pelican) -> None:
    """initialized: start collecting (once per Pelican object, even if the plugin registers twice)."""
    if getattr(pelican, ATTRIBUTE, None) is None:
        root = logging.getLogger()
        for old in [h for h in root.handlers if isinstance(h, Collector)]:
            root.removeHandler(old)  # an earlier Pelican object in this process: one collector at a time
        collector = Collector()
        root.addHandler(collector)
        setattr(pelican, ATTRIBUTE, collector)


def finish(pelican) -> None:
    """finalized: fail the build if anything was logged and the mode is on."""
    collector = getattr(pelican, ATTRIBUTE, None)
    if collector is None:
        return
    records = collector.take()
    if records and validated(pelican.settings)["VISNYK_STRICT"]:
        raise StrictError(report(records))
