"""Reading a whole content folder without Pelican: what `invoke check` and `invoke report` use."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..media import originals, svg
from ..content.checks import REGISTRY_FILE, Rules, date_problems, department_problems
from ..content.crossed import CrossChecks
from ..common.clock import build_clock
from ..common.memo import LastAnswer
from ..cycle.cycle import Cycle, cycle_problems, deadline_warnings
from ..legal.status import relation_problems
from ..common.model import TYPE_BY_FOLDER, Department, Item
from ..reports.reports import period_problems
from ..common.problems import Problem
from ..media.images import Pictures
from ..content.items import Parsed, parse_item
from ..content.registry import load_registry
from ..cycle.workdays import DEFAULT as DEFAULT_CALENDAR
from ..cycle.workdays import Calendar
from ..votes import rollcall

IGNORED_NAMES = (".gitkeep", ".DS_Store", "Thumbs.db")
_CROSSED = CrossChecks()  # check_items, kept between rounds (the live preview: one item changes per save)
_STRAY: LastAnswer[list[Problem]] = LastAnswer()  # the same folder's files (a save that adds none): the same answer


@dataclass
class Scan:
    items: list[Item] = field(default_factory=list)
    departments: dict[str, Department] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # late publications: the build still passes
    roll: rollcall.RollCall | None = None  # deputies and roll-call votes (domain/votes)


@dataclass(frozen=True)
class Walk:
    """What a content folder holds: the files the site is made of, and what may not be published."""

    files: tuple[str, ...]  # relative, "/"-separated, sorted (deterministic on any file system)
    problems: tuple[Problem, ...] = ()


def walk(root: str) -> Walk:
    """Every regular file under root, without following links. Hidden files and folders (.git, .env,
    ._x.md) are not part of the site. A symbolic link or a special file is a problem naming it: the
    site is made only of what is in the content folder itself (a link could publish .git/config)."""
    found, problems = [], []
    for folder, dirs, files in os.walk(root):
        rel = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if rel == "." else f"{rel}/"
        kept = []
        for name in sorted(dirs):
            if name.startswith("."):
                continue
            if os.path.islink(os.path.join(folder, name)):
                problems.append(_link_problem(root, folder, prefix + name, "тека"))
            else:
                kept.append(name)
        dirs[:] = kept
        for name in files:
            if name.startswith(".") or name in IGNORED_NAMES:
                continue
            full = os.path.join(folder, name)
            mode = os.lstat(full).st_mode  # one stat a file: a link is not followed
            if stat.S_ISLNK(mode):
                problems.append(_link_problem(root, folder, prefix + name, "файл"))
            elif not stat.S_ISREG(mode):
                problems.append(Problem(prefix + name, 1, "це не звичайний файл (пристрій, канал чи сокет)",
                                        "видаліть його з теки змісту"))
            else:
                found.append(prefix + name)
                if name.lower().endswith(".svg") and prefix.split("/", 1)[0] in ALLOWED_TYPES:
                    with open(full, "rb") as handle:
                        problems += svg.problems(prefix + name, handle.read(svg.MAX_BYTES + 1))
    return Walk(tuple(sorted(found)), tuple(problems))


def updated(found: Walk, root: str, changed) -> Walk | None:
    """`found` after the files at `changed` (relative, "/"-separated) were written or deleted, when that can be
    told without walking again (the live preview, after a save): each is a regular file in folders the walk
    enters, or a file it listed that is gone. None: only a new walk can tell — a folder, a link or a special
    file, an SVG (its content is checked), or a walk that had problems."""
    if found.problems:
        return None
    files = set(found.files)
    for rel in changed:
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts) or parts[-1] in IGNORED_NAMES:
            continue  # never part of the site
        full = os.path.join(root, *parts)
        try:
            mode = os.lstat(full).st_mode
        except FileNotFoundError:
            if rel in files:
                files.discard(rel)
            elif any(f.startswith(rel + "/") for f in files):
                return None  # a folder went
            continue
        except OSError:
            return None
        if not stat.S_ISREG(mode) or rel.lower().endswith(".svg"):
            return None
        for depth in range(1, len(parts)):  # every folder on the way is one the walk enters (not a link)
            try:
                if not stat.S_ISDIR(os.lstat(os.path.join(root, *parts[:depth])).st_mode):
                    return None
            except OSError:
                return None
        files.add(rel)
    listed = tuple(sorted(files))
    return found if listed == found.files else Walk(listed)


def _link_problem(root: str, folder: str, rel: str, what: str) -> Problem:
    target = os.path.realpath(os.path.join(folder, os.path.basename(rel)))
    inside = target == os.path.realpath(root) or target.startswith(os.path.realpath(root) + os.sep)
    where = "всередині теки змісту" if inside else "за межі теки змісту"
    return Problem(rel, 1, f"{what} {rel}: символьне посилання (symlink) {where}, а посилання на сайт не потрапляють",
                   f"покладіть сюди сам {what}, а не посилання на нього")


# What a citizen downloads is a document, an image, a recording or an archive — never a file a browser
# runs on the council's address (.html, .svg with a script, .js, .xml with XHTML inside).
FILE_TYPES = frozenset(
    "pdf doc docx xls xlsx ods odt odp ppt pptx rtf txt csv json zip rar 7z p7s asice asics sig "
    "jpg jpeg png gif webp avif svg tif tiff mp3 mp4 webm ogg".split()
)
IMAGE_TYPES = frozenset("jpg jpeg png gif webp avif svg".split())
EXTRA_TYPES = frozenset("txt ico".split())  # robots.txt, humans.txt, favicon.ico
ALLOWED_TYPES = {"files": FILE_TYPES, "images": IMAGE_TYPES, "extra": EXTRA_TYPES}


def extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def stray_files(files: list[str], registry_file: str = REGISTRY_FILE) -> list[Problem]:
    """Files the build would silently ignore or must not publish: editors must hear about them."""
    problems = []
    for path in files:
        top = path.split("/", 1)[0] if "/" in path else None
        if top in TYPE_BY_FOLDER:
            if not path.endswith(".md"):
                problems.append(Problem(path, 1, "у теці матеріалів лежить файл, що не є Markdown (.md)",
                                        "перейменуйте його на .md або перенесіть документ до files/"))
        elif top in ALLOWED_TYPES:
            kinds = ALLOWED_TYPES[top]
            if extension(path) not in kinds:
                problems.append(Problem(path, 1, f"файли .{extension(path) or '(без розширення)'} у {top}/ не публікуються",
                                        f"у {top}/ можна: {', '.join(sorted(kinds))}; сторінки пишіть як .md у теці типу"))
        elif path == registry_file or rollcall.claims(path):  # read by the build, not published as is
            continue
        elif not path.endswith(".md"):  # .md files outside type folders are reported by parse_item
            problems.append(Problem(path, 1, "файл лежить поза відомими теками і не потрапить на сайт",
                                    "документи кладіть у files/, зображення — у images/"))
    return problems


def site_problems(found: Walk, rules: Rules, departments: Mapping[str, Department],
                  parsed: Mapping[str, Parsed], exists: Callable[[str], bool], clock: dt.datetime,
                  pictures: Pictures, read: Callable[[str], bytes | None] | None = None,
                  kept: list | None = None) -> list[Problem]:
    """Every problem of a content folder, given its files and each .md file read: the one place both
    `invoke check` (scan, below) and the Pelican build (adapters/content/contract.py) get them from. `pictures`
    reads the lead images (and keeps what it learnt for the build to resize them); `read` reads the
    deputies' registry and the roll-call votes, whose RollCall is appended to `kept` for the build."""
    problems = list(found.problems) + list(_STRAY.get([found.files], rules.registry_file,
                                                     lambda: stray_files(list(found.files), rules.registry_file)))
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
    problems += _CROSSED.check(items, departments, exists, broken_links, clock)
    dated = date_problems(items, rules, clock)
    problems += dated
    # An item with a date outside the archive is reported once, at that date: the period and cycle checks
    # (and the working-day counts behind them) never see a year 1 or 9999.
    out_of_range = {problem.path for problem in dated}
    in_range = [item for item in items if item.source not in out_of_range]
    problems += period_problems(in_range, rules.archive_start)
    problems += cycle_problems(in_range)
    if read is not None:
        roll, bad = rollcall.load(found.files, read, in_range, clock)
        problems += bad
        if kept is not None:
            kept.append(roll)
    problems += relation_problems(in_range)
    problems += pictures.check(items)
    # After the lead images: a lead image that failed there is not named twice at its `image:` line.
    problems += originals.problems(found.files, items, pictures.read, pictures.failed, pictures.remember,
                                   pictures.head)
    return problems


def read_file(root: str, path: str, size: int = -1) -> bytes:
    with open(os.path.join(root, path), "rb") as handle:
        return handle.read(size)


def item_files(files) -> list[str]:
    """The .md files that are items (Markdown under files/, images/ or extra/ is a stray file instead)."""
    return [p for p in files if p.endswith(".md") and p.split("/", 1)[0] not in ALLOWED_TYPES]


def scan(root: str, rules: Rules | None = None, clock: dt.datetime | None = None,
         calendar: Calendar = DEFAULT_CALENDAR) -> Scan:
    rules = rules or Rules()
    result = Scan()
    registry_path = os.path.join(root, rules.registry_file)
    raw = open(registry_path, "rb").read() if os.path.isfile(registry_path) else None
    result.departments, result.problems = load_registry(rules.registry_file, raw)
    found = walk(root)
    parsed = {}
    for path in item_files(found.files):
        with open(os.path.join(root, path), "rb") as handle:
            parsed[path] = parse_item(path, handle.read())
    result.items = [one.item for one in parsed.values() if one.item is not None]
    known = set(found.files)
    clock = clock or build_clock()
    kept: list = []
    result.problems += site_problems(found, rules, result.departments, parsed, known.__contains__, clock,
                                     Pictures(lambda path: read_file(root, path) if path in known else None,
                                              head=lambda path: read_file(root, path, originals.HEAD) if path in known else None),
                                     lambda path: read_file(root, path) if path in known else None, kept)
    result.roll = kept[0] if kept else None
    if not result.problems:
        result.warnings = deadline_warnings(Cycle.of(result.items, clock, calendar)) + rollcall.late_warnings(result.roll)
    return result
