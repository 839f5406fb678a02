"""Every VISNYK_* setting: one declaration with its default, checked before the build starts."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...domain.media import svg
from ...domain.content.checks import Rules
from ...domain.datasets.passport import LICENSES, Frequency
from ...domain.cycle.workdays import DAYS_OFF_BEFORE_SUSPENSION, PROTOCOL_DAYS, VIDEO_DAYS, DraftCounting


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    kind: type | tuple[type, ...]
    help: str
    keys: tuple[str, ...] = ()  # for dict settings: the keys required
    optional: tuple[str, ...] = ()  # for dict settings: the keys allowed besides
    check: Callable[[Any], str] | None = None  # what is wrong with a value of the right type ("" if nothing)


def iso_dates(value) -> str:
    wrong = []
    for day in value:
        try:
            dt.date.fromisoformat(day if isinstance(day, str) and len(day) == 10 else "?")
        except ValueError:
            wrong.append(repr(day))
    return f"expected dates as 'YYYY-MM-DD', got {', '.join(wrong)}" if wrong else ""


def cores() -> int:
    """The cores this process may run on (its CPU affinity, as a container or `taskset` limits it)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except (AttributeError, OSError):  # not Linux
        return os.cpu_count() or 1


GITHUB_REPOSITORY = re.compile(r"https://github\.com/[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}")
PLACE = re.compile(r"(м\.|смт|с\.|сел\.) \w[\w’ʼ'. -]{0,60}")


def place_problem(value: str) -> str:
    """VISNYK_PLACE: '' or a settlement as a document names it, "м. Ясногірськ" (one line, no markup)."""
    if value == "" or PLACE.fullmatch(value):
        return ""
    return f"expected '' or a settlement such as 'м. Ясногірськ' (м., смт, с. or сел., a space, the name), got {value!r}"


COUNCIL_KEYS = ("name", "short_name", "address", "phone", "email", "edrpou")


def logo_problem(logo: Any, theme: str | None, static: Any = ("static",)) -> str:
    """What is wrong with VISNYK_COUNCIL["logo"] ("" if nothing). The coat of arms is part of the council's
    identity, like its name: an SVG in one of the theme's static folders, THEME_STATIC_PATHS
    (published as theme/<path>; a council's site adds its own theme/static/ to the package's), a picture
    with no script, animation or outside link. "" leaves the header without one."""
    if logo == "":
        return ""
    if not isinstance(logo, str):
        return f"expected a path such as 'images/herb.svg' or '', got {logo!r}"
    parts = logo.split("/")
    if not logo.lower().endswith(".svg") or "" in parts or "." in parts or ".." in parts or "\\" in logo:
        return f"expected an SVG file inside the theme's static/ folder ('images/herb.svg'), got {logo!r}"
    if theme is None:
        return ""
    folders = [os.path.join(theme, folder) for folder in (static if isinstance(static, (list, tuple)) else ["static"])]
    path = next((os.path.join(f, logo) for f in folders if os.path.isfile(os.path.join(f, logo))), "")
    if not path:
        return f"{logo!r}: no such file {os.path.join(folders[0] if folders else theme, logo)}: add it or set \"logo\": \"\""
    with open(path, "rb") as handle:
        found = svg.problems(logo, handle.read(svg.MAX_BYTES + 1))
    return f"{logo!r} is not a plain picture: {found[0].message}" if found else ""


SETTINGS: tuple[Setting, ...] = (
    Setting("VISNYK_DEPARTMENTS_FILE", "departments.yml", str,
            "the department registry, relative to the content folder"),
    Setting("VISNYK_STRICT", True, bool,
            "a Pelican warning fails the build (a broken link, a missing template…)"),
    Setting("VISNYK_COUNCIL", {
        "name": "Тестова міська рада",
        "short_name": "Тестова міська рада",
        "address": "",
        "phone": "",
        "email": "",
        "edrpou": "",
    }, dict, "the council's identity shown on every page and in reports; \"logo\" (optional): its coat of arms",
            COUNCIL_KEYS, ("logo",)),
    Setting("VISNYK_SEARCH", True, bool,
            "build the Pagefind search index (output/pagefind/) with Ukrainian stemming for the search page"),
    Setting("VISNYK_SEARCH_LEMMAS", True, bool,
            "index each word's lemmas too (pymorphy3) and ship a form → lemma table, so \"року\" finds \"рік\""),
    Setting("VISNYK_SEARCH_SHARD_SIZE", 2000, int,
            "pages per Pagefind run: its memory grows with what one run indexes (~0.3 GB per 1,000 pages)"),
    Setting("VISNYK_PELICAN_SPEEDUPS", True, bool,
            "replace Pelican's quadratic tag/category/archive/translation steps with linear ones (same output)"),
    Setting("VISNYK_FRAMED_PAGES", True, bool,
            "render the vote pages' shared frame once and set each page's own blocks into it (same output)"),
    Setting("VISNYK_BUILD_PROCESSES", cores(), int,
            "processes that read the content files and render and write a build's pages (forked: the same files as "
            "one process), and read a live preview's files when it starts with none kept; default: the cores "
            "this process may use; 1: one process, as before",
            check=lambda v: "" if 1 <= v <= 256 else f"expected 1 to 256 processes, got {v!r}"),
    Setting("VISNYK_DAYS_OFF", tuple(DAYS_OFF_BEFORE_SUSPENSION), (list, tuple),
            "public holidays that are days off ('YYYY-MM-DD'), for the publication deadlines in working days; "
            "the default lists them up to 23 March 2022: from 24 March 2022 (Law No. 2136-IX, art. 6 part 6) "
            "every Monday-Friday is a working day while martial law lasts",
            check=iso_dates),
    Setting("VISNYK_DRAFT_DAYS_COUNTING", DraftCounting.STRICTLY_BETWEEN.value, str,
            "which days count towards a draft's 10 working days before its consideration (Law \"On access to "
            "public information\", art. 15 part 3): 'strictly_between' — neither the publication day nor the "
            "consideration day; 'with_publication_day' — the publication day too",
            check=lambda v: "" if v in {c.value for c in DraftCounting}
            else f"expected one of {', '.join(repr(c.value) for c in DraftCounting)}, got {v!r}"),
    Setting("VISNYK_SESSION_VIDEO_DAYS", VIDEO_DAYS, int,
            "the video of a plenary session or a standing commission's meeting is published no later than this many "
            "calendar days after the meeting (Law No. 3590-IX of 2024: at once and no later than the next day, 1)",
            check=lambda v: "" if 1 <= v <= 30 else f"expected 1 to 30 days, got {v!r}"),
    Setting("VISNYK_PROTOCOL_DAYS", PROTOCOL_DAYS, int,
            "a meeting's protocol is published no later than this many working days after the meeting (the "
            "council's own term, from its Regulations)",
            check=lambda v: "" if 1 <= v <= 60 else f"expected 1 to 60 working days, got {v!r}"),
    Setting("VISNYK_PLACE", "", str,
            "the place of compilation on every signed report (ДСТУ 4163:2020), as the council writes it: "
            "'м. Ясногірськ', 'смт Олешня', 'с. Вишневе'; empty: none", check=place_problem),
    Setting("VISNYK_REPORT_DOWNLOADS", True, bool,
            "write each department report's Word file (.docx) beside its page and offer it there"),
    Setting("VISNYK_TIMINGS_FILE", "", str,
            "a JSON file to write the time the report documents took (used by `invoke bench`); empty: none"),
    Setting("VISNYK_RENDER_CACHE", True, bool,
            "with Pelican's content cache on, render only the pages whose inputs changed (same output)"),
    Setting("VISNYK_PREVIEW", False, bool,
            "set by `invoke livereload` (adapters/preview/site.py): pages are rendered when the browser asks for them "
            "and the search index is built after the build, in the background; never set it by hand"),
    Setting("VISNYK_ARCHIVE_START", Rules.archive_start.isoformat(), str,
            "the first day of the council's archive, YYYY-MM-DD: an earlier date in a file is a typo"),
    Setting("VISNYK_SCHEDULE_DAYS", Rules.schedule_days, int,
            "how many days ahead an item may be dated: a later date in a file is a typo"),
    Setting("VISNYK_OPEN_DATA_RESPONSIBLE", "", str,
            "the person responsible for the open data sets (their passports name them: 'Прізвище Ім'я По батькові, "
            "посада'); empty: the council's name", check=lambda v: "" if "\n" not in v and len(v) <= 200
            else f"expected one line of at most 200 characters, got {v!r}"),
    Setting("VISNYK_OPEN_DATA_EMAIL", "", str,
            "the e-mail for questions about the open data; empty: the council's e-mail",
            check=lambda v: "" if v == "" or re.fullmatch(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+", v)
            else f"expected an e-mail address such as 'opendata@rada.example', got {v!r}"),
    Setting("VISNYK_OPEN_DATA_LICENSE", "CC-BY-4.0", str, "the licence of every open data set",
            check=lambda v: "" if v in LICENSES else f"expected one of {', '.join(map(repr, LICENSES))}, got {v!r}"),
    Setting("VISNYK_OPEN_DATA_FREQUENCY", Frequency.DAILY.value, str,
            "how often the open data sets are updated, as their passports say (the site is rebuilt daily)",
            check=lambda v: "" if v in {f.value for f in Frequency}
            else f"expected one of {', '.join(repr(f.value) for f in Frequency)}, got {v!r}"),
    Setting("VISNYK_HISTORY", False, bool,
            "«Історія змін» on every item page and `modified` from git (one `git log` over the content folder "
            "per build); needs the full history (GitHub Actions: fetch-depth: 0); outside git: a notice, no history"),
    Setting("VISNYK_REPOSITORY_URL", "", str,
            "the site's repository on GitHub, https://github.com/OWNER/NAME: each change in «Історія змін» links "
            "to its commit there; empty: to a page of the change the build writes (changes/)",
            check=lambda v: "" if v == "" or GITHUB_REPOSITORY.fullmatch(v)
            else f"expected '' or https://github.com/OWNER/NAME, got {v!r}"),
    Setting("VISNYK_EDITOR", False, bool,
            "write the web editor (Decap CMS from node_modules/, `npm ci`) at /admin/, configured from the contract"),
    Setting("VISNYK_EDITOR_REPO", "", str,
            "the GitHub repository the web editor commits to, OWNER/NAME", check=lambda v: "" if v == "" or (
                v.count("/") == 1 and all(v.split("/"))) else f"expected OWNER/NAME, got {v!r}"),
    Setting("VISNYK_EDITOR_BRANCH", "main", str, "the branch the web editor commits to"),
    Setting("VISNYK_EDITOR_REVIEW", False, bool,
            "review before publishing: the web editor saves drafts as pull requests (Decap's editorial workflow) "
            "and publishing merges one; for a `main` protected by a pull-request rule"),
    Setting("VISNYK_EDITOR_AUTH_URL", "", str,
            "the address of the GitHub sign-in (OAuth) helper, e.g. https://visnyk-auth.example.workers.dev; "
            "empty: Netlify's (https://api.netlify.com)", check=lambda v: "" if v == "" or v.startswith("https://")
            else f"expected an https:// address, got {v!r}"),
    Setting("VISNYK_EDITOR_LOCAL", "", str,
            "the local backend's API (decap-server, started by `invoke edit`), e.g. http://127.0.0.1:8081/api/v1",
            check=lambda v: "" if v == "" or v.startswith(("http://127.0.0.1:", "http://localhost:"))
            else f"expected http://127.0.0.1:PORT/api/v1, got {v!r}"),
)  # fmt: skip
BY_NAME = {s.name: s for s in SETTINGS}


class SettingsError(SystemExit):
    """A wrong VISNYK_* setting: the build stops with the message (exit status 1), no traceback."""


def validated(settings: dict[str, Any]) -> dict[str, Any]:
    """The VISNYK_* values with defaults filled in; a wrong name, type or key is an error."""
    errors = []
    for name in sorted(k for k in settings if k.startswith("VISNYK_")):
        if name not in BY_NAME:
            errors.append(f"{name}: unknown setting; known: {', '.join(sorted(BY_NAME))}")
    values = {}
    for setting in SETTINGS:
        value = settings.get(setting.name, setting.default)
        if not isinstance(value, setting.kind) or (setting.kind is int and isinstance(value, bool)):
            errors.append(
                f"{setting.name}: expected {getattr(setting.kind, '__name__', setting.kind)}, "
                f"got {value!r} ({setting.help})"
            )
        elif setting.keys:
            given = set(value)
            if not set(setting.keys) <= given <= set(setting.keys) | set(setting.optional):
                allowed = f" and optionally {list(setting.optional)}" if setting.optional else ""
                errors.append(
                    f"{setting.name}: expected keys {list(setting.keys)}{allowed}, got {sorted(given)}"
                )
            elif setting.name == "VISNYK_COUNCIL" and (wrong := logo_problem(
                    value.get("logo", ""), settings.get("THEME"), settings.get("THEME_STATIC_PATHS", ["static"]))):
                errors.append(f"{setting.name}: logo: {wrong}")
        elif setting.check is not None and setting.check(value):
            errors.append(f"{setting.name}: {setting.check(value)} ({setting.help})")
        elif setting.kind is int and value < 1:
            errors.append(f"{setting.name}: expected a positive number, got {value!r}")
        elif setting.name == "VISNYK_ARCHIVE_START" and _date(value) is None:
            errors.append(f"{setting.name}: expected a date YYYY-MM-DD, got {value!r} ({setting.help})")
        values[setting.name] = value
    if errors:
        raise SettingsError("Invalid settings in pelicanconf.py:\n  " + "\n  ".join(errors))
    return values


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def rules(settings: dict[str, Any]) -> Rules:
    """The content rules a council may set, from its validated settings (one reading for check and build)."""
    values = validated(settings)
    return Rules(values["VISNYK_DEPARTMENTS_FILE"], _date(values["VISNYK_ARCHIVE_START"]),
                 values["VISNYK_SCHEDULE_DAYS"])
