"""Shared fixtures: a whole tiny site declared inline, built with the real `pelican` command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

# A build clock well after every date used in tests; tests of scheduling set their own.
DEFAULT_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

DEPARTMENTS = """\
- slug: info
  name: Відділ інформаційної діяльності
  name_genitive: відділу інформаційної діяльності
  head: Олена Коваль
  head_title: Начальник відділу
- slug: finansy
  name: Фінансове управління
  name_genitive: фінансового управління
  head: Петро Гнатюк
  head_title: Начальник управління
"""


def item(title="Новина", date="2024-05-14 10:00", department="info", body="Текст.", **fields) -> str:
    """Text of a content file; extra fields are written as given (values are YAML)."""
    lines = ["---", f"title: {title}", f"date: {date}"]
    if department is not None:
        lines.append(f"department: {department}")
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines + ["---", body, ""])


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def page(self, url: str) -> str:
        return (self.output / url.strip("/") / "index.html").read_text(encoding="utf-8")


@dataclass
class Site:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def build(self, *args: str, epoch: str | None = DEFAULT_EPOCH, settings: str = "pelicanconf.py",
              env: dict | None = None, output: Path | None = None) -> Build:
        """Run the stock `pelican` command from the repository root, as an editor would."""
        output = output or self.root / "output"
        environ = {**os.environ, **(env or {})}
        if epoch is not None:
            environ["SOURCE_DATE_EPOCH"] = epoch
        proc = subprocess.run(
            [sys.executable, "-m", "pelican", str(self.content), "-s", str(ROOT / settings), "-o", str(output), *args],
            cwd=ROOT, env=environ, capture_output=True, text=True, timeout=600,
        )
        return Build(proc.returncode, proc.stdout, proc.stderr, output)


@pytest.fixture
def site(tmp_path) -> Site:
    """An empty content folder with a two-department registry."""
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    return s
