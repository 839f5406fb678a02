"""dostupnist/: the accessibility statement, from the record the quality tests wrote into the theme."""

from __future__ import annotations

import os

from pelican.generators import Generator

from ...domain.accessibility import statement as a11y


def theme_files(theme: str):
    """(path relative to the theme, bytes) of every file the reader's browser gets from the theme."""
    for part in a11y.THEME_PARTS:
        top = os.path.join(theme, part)
        for folder, dirs, names in os.walk(top):
            dirs.sort()
            for name in sorted(names):
                path = os.path.join(folder, name)
                with open(path, "rb") as handle:
                    yield os.path.relpath(path, theme).replace(os.sep, "/"), handle.read()


def read_statement(theme: str) -> a11y.Statement:
    path = os.path.join(theme, a11y.RECORD)
    text = None
    if os.path.isfile(path):
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    return a11y.statement(a11y.read_record(text), a11y.theme_digest(theme_files(theme)))


class AccessibilityGenerator(Generator):
    def generate_output(self, writer) -> None:
        writer.write_file(
            "dostupnist/index.html", self.get_template("accessibility"), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name="accessibility", url="dostupnist/",
            statement=read_statement(self.settings["THEME"]), standard=a11y.STANDARD,
        )  # fmt: skip


def get_generators(pelican):
    return AccessibilityGenerator
