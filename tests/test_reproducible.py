"""Reproducible builds: the same content and SOURCE_DATE_EPOCH give a byte-identical site.

The demo content is built twice per settings file, from two copies written in opposite orders (so the file
system lists them differently), at different absolute paths, with different hash seeds (set and dict-of-
str order), time zones and locales. Any build timestamp, absolute path, or order that depends on any of
those shows up as a differing file. Each variation is checked to be in force (a locale the machine lacks
would silently leave the second build in C): scripts/install-test-tools installs uk_UA.UTF-8.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, Site

EPOCH = "1795428000"  # 2026-11-23 10:00 UTC, 12:00 in Kyiv: the build's "today"
BUILD_DAY = "2026-11-23"
pytestmark = pytest.mark.timeout(600)  # two builds of the demo site a test
RUNS = (
    {"PYTHONHASHSEED": "0", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Pacific/Kiritimati", "LC_ALL": "uk_UA.UTF-8", "LANG": "uk_UA.UTF-8"},
)


LOCALE_PROBE = """
import datetime, locale, time
print(locale.setlocale(locale.LC_ALL, ""))
print(time.strftime("%B", (2026, 11, 23, 0, 0, 0, 0, 327, 0)))
print(datetime.datetime.now().astimezone().tzname())
"""


def in_force(environ: dict[str, str]) -> list[str]:
    """What a Python process started with environ sees: its locale, November's name in it, its zone's name.
    A locale the machine lacks makes setlocale fail (and the build would run in C)."""
    proc = subprocess.run([sys.executable, "-c", LOCALE_PROBE], env={**os.environ, **environ},
                          capture_output=True, text=True, timeout=60)
    return proc.stdout.split("\n")[:3] if proc.returncode == 0 else [f"failed: {proc.stderr.strip()[-300:]}"]


def test_each_variation_is_in_force():
    assert BUILD_DAY == dt.datetime.fromtimestamp(int(EPOCH), ZoneInfo("Europe/Kyiv")).date().isoformat()
    assert in_force(RUNS[0]) == ["C.UTF-8", "November", "UTC"]
    assert in_force(RUNS[1]) == ["uk_UA.UTF-8", "листопада", "+14"], (
        "the uk_UA.UTF-8 locale is missing: run scripts/install-test-tools (./visnyk test does)")
    # …and a locale the machine does not have is told apart, not taken for one that works.
    assert in_force({"LC_ALL": "xx_XX.UTF-8", "LANG": "xx_XX.UTF-8"})[0].startswith("failed: ")


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
    assert [in_force(r)[0] for r in RUNS] == ["C.UTF-8", "uk_UA.UTF-8"], "a variation is not in force"
    first, second = build_twice(tmp_path, settings)
    assert len(first) > 20
    assert sorted(first) == sorted(second), set(first) ^ set(second)
    differing = sorted(name for name in first if first[name] != second[name])
    assert not differing, f"{len(differing)} files differ:\n" + "\n\n".join(
        explain(n, first[n], second[n]) for n in differing[:5])
    # Nothing of the machine's own day or folders leaked in: the clock was SOURCE_DATE_EPOCH, whose day the
    # site may well show; the machine's day (in UTC and in Kyiv) it may not, unless the content has it too.
    sources = b"".join(p.read_bytes() for p in (ROOT / "content").rglob("*") if p.is_file())
    sources += (ROOT / "theme/accessibility-check.json").read_bytes()  # the statement's test date is an input too
    leaks = [mark.encode() for day, marks in leak_marks().items() if day.encode() not in sources for mark in marks]
    for name, data in first.items():
        assert str(tmp_path).encode() not in data, f"{name} contains the build folder"
        assert not [day for day in leaks if day in data], f"{name} contains today's date"


GENITIVE = "січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня".split()


def leak_marks(now: dt.datetime | None = None) -> dict[str, list[str]]:
    """The machine's date, in UTC and in Kyiv, unless it is the build's own day: ISO day → how a page would
    show it (ISO, and as a Ukrainian long date)."""
    now = now or dt.datetime.now(dt.timezone.utc)
    days = {now.astimezone(dt.timezone.utc).date(), now.astimezone(ZoneInfo("Europe/Kyiv")).date()}
    days.discard(dt.date.fromisoformat(BUILD_DAY))
    return {d.isoformat(): [d.isoformat(), f"{d.day} {GENITIVE[d.month - 1]} {d.year}"] for d in sorted(days)}


def test_the_leak_check_looks_for_the_right_days():
    late = dt.datetime(2026, 11, 30, 22, 30, tzinfo=dt.timezone.utc)  # already 1 December in Kyiv
    assert leak_marks(late) == {"2026-11-30": ["2026-11-30", "30 листопада 2026"],
                                "2026-12-01": ["2026-12-01", "1 грудня 2026"]}
    # On the build's own day only the other zone's date, if it differs, is looked for.
    assert leak_marks(dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone.utc)) == {}
    assert leak_marks(dt.datetime(2026, 11, 23, 22, 30, tzinfo=dt.timezone.utc)) == {
        "2026-11-24": ["2026-11-24", "24 листопада 2026"]}
