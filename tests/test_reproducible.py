"""Reproducible builds: the same content and SOURCE_DATE_EPOCH give a byte-identical site.

The demo content is built twice per settings file, from two copies written in opposite orders (so the file
system lists them differently), at different absolute paths, with different hash seeds (set and dict-of-
str order), time zones and locales. Any build timestamp, absolute path, or order that depends on any of
those shows up as a differing file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, Site

EPOCH = "1795428000"  # 2026-11-22 06:00 Kyiv
RUNS = (
    {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "uk_UA.UTF-8", "LANG": "uk_UA.UTF-8"},
)


def copy_content(source: Path, target: Path, reverse: bool) -> None:
    """Copy file by file in sorted or reversed order: directory listings then come back in other orders."""
    files = sorted((p for p in source.rglob("*") if p.is_file()), reverse=reverse)
    for path in files:
        dest = target / path.relative_to(source)
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dest)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def explain(name: str, a: bytes, b: bytes) -> str:
    try:
        lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), "first", "second", n=1,
                                     lineterm="")
        return f"{name}:\n" + "\n".join(list(lines)[:12])
    except UnicodeDecodeError:
        return f"{name}: binary, {len(a)} vs {len(b)} bytes"


def build_twice(root: Path, settings: str) -> tuple[dict[str, bytes], dict[str, bytes]]:
    trees = []
    for n, environ in enumerate(RUNS):
        site = Site(root / f"run{n}")
        copy_content(ROOT / "content", site.content, reverse=bool(n))
        result = site.build(epoch=EPOCH, settings=settings, env={**environ, "VISNYK_SITEURL": "https://rada.example.org"})
        assert result.returncode == 0, result.text
        trees.append(files(result.output))
    return trees[0], trees[1]


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_two_builds_of_the_demo_site_are_byte_identical(tmp_path, settings):
    first, second = build_twice(tmp_path, settings)
    assert len(first) > 20
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"{len(differing)} files differ:\n" + "\n\n".join(
        explain(n, first[n], second[n]) for n in differing[:5])
    # Nothing of the build's own day or folders leaked in (the clock was SOURCE_DATE_EPOCH, 2026-11-22).
    today = dt.date.today().isoformat()
    sources = b"".join(p.read_bytes() for p in (ROOT / "content").rglob("*") if p.is_file())
    for name, data in first.items():
        assert str(tmp_path).encode() not in data, f"{name} contains the build folder"
        if today != "2026-11-22" and today.encode() not in sources:
            assert today.encode() not in data, f"{name} contains today's date {today}"
