"""The live preview's theme: where a build took its templates and static files from, so that a saved stylesheet,
script or template is taken in without a Pelican run (site.py's _theme_only)."""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass


def compile_all(env) -> None:
    try:
        names = env.list_templates()
    except TypeError:  # a loader that cannot list its templates
        return
    for name in names:
        if name.endswith(".html") and not name.startswith("!"):  # "!simple/…": Pelican's own
            env.get_template(name)


def theme_folders(settings: dict, root: str) -> list[str]:
    """The theme, and a council's own templates and static files beside the site, not in the package's theme
    (THEME_TEMPLATES_OVERRIDES, absolute THEME_STATIC_PATHS, as `./visnyk init` writes them): what to watch."""
    theme = settings.get("THEME", "theme")
    theme = theme if os.path.isabs(theme) else os.path.join(root, theme)
    return [theme, *settings.get("THEME_TEMPLATES_OVERRIDES", ()),
            *(os.path.join(theme, path) for path in settings.get("THEME_STATIC_PATHS", ()))]


@dataclass(frozen=True)
class ThemeFiles:
    """Where a build took the theme from: its templates and the static folders Pelican copies to THEME_STATIC_DIR."""

    templates: tuple[str, ...]  # <theme>/templates/, then the site's own overrides (THEME_TEMPLATES_OVERRIDES)
    statics: tuple[tuple[str, str], ...]  # (<theme>/static/, <output-relative THEME_STATIC_DIR>/)
    names: frozenset[str]  # the templates that existed (a new or deleted one needs a build)
    ignored: tuple[str, ...]  # IGNORE_FILES: names Pelican never copies

    QUICK = (".css", ".js")  # copied as they are: no check of ours reads them (an SVG or image is checked)

    @classmethod
    def of(cls, settings: dict) -> ThemeFiles:
        theme = os.path.abspath(settings["THEME"])
        templates = tuple(os.path.join(os.path.abspath(folder), "") for folder in
                          [os.path.join(theme, "templates"), *settings.get("THEME_TEMPLATES_OVERRIDES", ())])
        names = set()
        for root in templates:
            for folder, _dirs, files in os.walk(root):
                names.update(os.path.join(folder, name) for name in files)
        statics = []
        for path in settings["THEME_STATIC_PATHS"]:
            source = os.path.join(theme, path)
            if os.path.isdir(source):  # Pelican's _copy_paths with final_path os.curdir: the folder's contents
                statics.append((source.rstrip(os.sep) + os.sep, settings["THEME_STATIC_DIR"]))
        return cls(templates, tuple(statics), frozenset(names), tuple(settings["IGNORE_FILES"]))

    def kind(self, path: str) -> str | None:
        """"template", "static" or None (this change needs a build)."""
        if path.startswith(self.templates):
            return "template" if path in self.names and path.endswith(".html") and os.path.isfile(path) else None
        source = next((source for source, _ in self.statics if path.startswith(source)), None)
        if source is None or not path.endswith(self.QUICK):
            return None
        parts = path[len(source):].split(os.sep)
        if any(fnmatch.fnmatch(part, glob) for part in parts for glob in self.ignored):
            return None  # Pelican does not copy it: neither does this
        return "static"

    def copy_statics(self, output: str) -> None:
        """The theme's static folders where Pelican's StaticGenerator copies them (its _copy_paths), before a
        first build: a page shown while it runs has its stylesheet and scripts (the build copies them again)."""
        from pelican.utils import copy

        for source, folder in self.statics:
            copy(source.rstrip(os.sep), os.path.join(output, folder, os.curdir), self.ignored)

    def target(self, path: str, output: str) -> str:
        for source, folder in self.statics:
            if path.startswith(source):
                return os.path.join(output, folder, path[len(source):])
        raise ValueError(path)
