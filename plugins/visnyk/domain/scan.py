"""Reading a whole content folder without Pelican: what `invoke check` and `invoke report` use."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .checks import STATIC_FOLDERS, check_items, department_problems
from .clock import build_clock
from .cycle import Cycle, cycle_problems, deadline_warnings
from .model import TYPE_BY_FOLDER, Department, Item
from .reports import period_problems
from .problems import Problem
from .items import Parsed, parse_item
from .registry import load_registry
from .workdays import DEFAULT as DEFAULT_CALENDAR
from .workdays import Calendar

REGISTRY_FILE = "departments.yml"
EXTRA_FOLDERS = ("extra",)  # copied as is (robots.txt, CNAME, favicon)
IGNORED_NAMES = (".gitkeep", ".DS_Store", "Thumbs.db")


@dataclass
class Scan:
    items: list[Item] = field(default_factory=list)
    departments: dict[str, Department] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # late publications: the build still passes


def content_files(root: str) -> list[str]:
    """Every file under root, relative, "/"-separated, sorted (deterministic on any file system)."""
    found = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in files:
            if not name.startswith(".") and name not in IGNORED_NAMES:
                found.append(name if rel == "." else f"{rel}/{name}")
    return sorted(found)


def stray_files(files: list[str], registry_file: str = REGISTRY_FILE) -> list[Problem]:
    """Files the build would silently ignore: editors must hear about them."""
    problems = []
    for path in files:
        top = path.split("/", 1)[0] if "/" in path else None
        if top in TYPE_BY_FOLDER:
            if not path.endswith(".md"):
                problems.append(Problem(path, 1, "у теці матеріалів лежить файл, що не є Markdown (.md)",
                                        "перейменуйте його на .md або перенесіть документ до files/"))
        elif top in STATIC_FOLDERS or top in EXTRA_FOLDERS or path == registry_file:
            continue
        elif not path.endswith(".md"):  # .md files outside type folders are reported by parse_item
            problems.append(Problem(path, 1, "файл лежить поза відомими теками і не потрапить на сайт",
                                    "документи кладіть у files/, зображення — у images/"))
    return problems


def site_problems(files: list[str], registry_file: str, departments: Mapping[str, Department],
                  parsed: Mapping[str, Parsed], exists: Callable[[str], bool], clock: dt.datetime) -> list[Problem]:
    """Every problem of a content folder, given its files and each .md file read: the one place both
    `invoke check` (scan, below) and the Pelican build (adapters/contract.py) get them from."""
    problems = stray_files(files, registry_file)
    items, broken_links = [], {}
    for path, one in sorted(parsed.items()):
        problems += one.problems
        if one.item is not None:
            items.append(one.item)
            continue
        if one.department is not None:
            problems += department_problems(path, *one.department, departments)
        if one.links:
            broken_links[path] = one.links
    problems += check_items(items, departments, exists, broken_links)
    problems += period_problems(items, clock)
    problems += cycle_problems(items)
    return problems


def scan(root: str, registry_file: str = REGISTRY_FILE, clock: dt.datetime | None = None,
         calendar: Calendar = DEFAULT_CALENDAR) -> Scan:
    result = Scan()
    registry_path = os.path.join(root, registry_file)
    raw = open(registry_path, "rb").read() if os.path.isfile(registry_path) else None
    result.departments, result.problems = load_registry(registry_file, raw)
    files = content_files(root)
    parsed = {}
    for path in files:
        if path.endswith(".md"):
            with open(os.path.join(root, path), "rb") as handle:
                parsed[path] = parse_item(path, handle.read())
    result.items = [one.item for one in parsed.values() if one.item is not None]
    known = set(files)
    clock = clock or build_clock()
    result.problems += site_problems(files, registry_file, result.departments, parsed, known.__contains__, clock)
    if not result.problems:
        result.warnings = deadline_warnings(Cycle.of(result.items, clock, calendar))
    return result
