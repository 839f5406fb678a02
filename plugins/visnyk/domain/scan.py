"""Reading a whole content folder without Pelican: what `invoke check` and `invoke report` use."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .checks import STATIC_FOLDERS, check_items, department_problems
from .model import TYPE_BY_FOLDER, Department, Item
from .problems import Problem
from .items import parse_item
from .registry import load_registry

REGISTRY_FILE = "departments.yml"
EXTRA_FOLDERS = ("extra",)  # copied as is (robots.txt, CNAME, favicon)
IGNORED_NAMES = (".gitkeep", ".DS_Store", "Thumbs.db")


@dataclass
class Scan:
    items: list[Item] = field(default_factory=list)
    departments: dict[str, Department] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


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


def scan(root: str, registry_file: str = REGISTRY_FILE) -> Scan:
    result = Scan()
    registry_path = os.path.join(root, registry_file)
    raw = open(registry_path, "rb").read() if os.path.isfile(registry_path) else None
    result.departments, result.problems = load_registry(registry_file, raw)
    files = content_files(root)
    result.problems += stray_files(files, registry_file)
    broken_links = {}
    for path in files:
        if not path.endswith(".md"):
            continue
        with open(os.path.join(root, path), "rb") as handle:
            parsed = parse_item(path, handle.read())
        result.problems += parsed.problems
        if parsed.item is not None:
            result.items.append(parsed.item)
        else:
            if parsed.department is not None:
                result.problems += department_problems(path, *parsed.department, result.departments)
            if parsed.links:
                broken_links[path] = parsed.links
    known = set(files)
    result.problems += check_items(result.items, result.departments, known.__contains__, broken_links)
    return result
