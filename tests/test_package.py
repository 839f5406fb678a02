"""Visnyk as an installable, versioned package (issue 31 §2, §5): pyproject.toml, the version, the changelog.

The wheel itself is built and installed into a fresh venv in tests/test_init.py (marked slow)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from conftest import ROOT

import visnyk


def requirement_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith(("#", "-r"))]


def test_the_package_depends_on_exactly_what_the_site_was_tested_with():
    """A council pins only visnyk: its pins must be the ones this repository builds and tests with."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["dependencies"] == requirement_lines(ROOT / "requirements.txt")
    assert all("==" in pin for pin in project["dependencies"])


def test_the_version_is_one_number_with_its_release_notes():
    assert re.fullmatch(r"\d+\.\d+\.\d+", visnyk.__version__)
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## (\d+\.\d+\.\d+) — ", changelog, re.MULTILINE)
    assert releases and releases[0] == visnyk.__version__, "CHANGELOG.md: the newest entry is this version"
    newest = changelog.split(f"## {visnyk.__version__} — ", 1)[1].split("\n## ", 1)[0]
    assert "**Що зробити редакторам змісту**" in newest  # what a content author must do, if anything


def test_the_theme_is_found_from_the_source_and_in_the_installed_layout(tmp_path):
    assert Path(visnyk.THEME) == ROOT / "theme"
    installed = tmp_path / "visnyk"
    (installed / "theme" / "templates").mkdir(parents=True)
    (installed / "package.py").write_bytes((ROOT / "plugins" / "visnyk" / "package.py").read_bytes())
    namespace: dict = {"__file__": str(installed / "package.py")}
    exec(compile((installed / "package.py").read_text(encoding="utf-8"), str(installed / "package.py"), "exec"), namespace)
    assert namespace["THEME"] == str(installed / "theme")


def test_the_launcher_prints_the_release():
    """`./visnyk --version` (and the task `version`): the Visnyk release, not invoke's own version."""
    import subprocess

    shown = subprocess.run([str(ROOT / "visnyk"), "--version"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert shown.returncode == 0 and shown.stdout.strip() == f"Вісник {visnyk.__version__}", shown.stdout + shown.stderr
    skeleton = (ROOT / "plugins" / "visnyk" / "cli" / "skeleton" / "visnyk").read_text(encoding="utf-8")
    assert 'if [ "${1:-}" = "--version" ]; then set -- version; fi' in skeleton
