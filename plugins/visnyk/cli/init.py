"""`./visnyk init ТЕКА` (or `visnyk-init ТЕКА`): a new council's site from a few answers.

Every answer is a command-line option (for scripts and tests); an answer not given is asked for in Ukrainian.
The answers are checked together (domain/site/council.py): all wrong ones are listed, and nothing is written.
The folder must be new or empty. What is written: skeleton/ with the answers filled in, departments.yml,
the coat of arms (sanitised), requirements.txt pinning this version."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from pathlib import Path

import yaml

from ..domain.common.clock import build_clock
from ..domain.site.council import DEPARTMENT_HELP, Council, council
from ..package import __version__

SKELETON = Path(__file__).resolve().parent / "skeleton"
SOURCE = "https://github.com/yasnohirsk/visnyk"
# The pin a council's site gets: a git tag, in the form Renovate's pip_requirements manager reads as a git-tags
# dependency (`git+https://HOST/OWNER/NAME.git@TAG`, its own test fixture) and proposes to bump; it has no
# datasource for a wheel URL of a GitHub release. pip builds the wheel from the tag (hatchling, from PyPI).
REQUIREMENT = f"git+{SOURCE}.git@v{__version__}"
# The web editor's npm packages (this repository's package.json "dependencies"; tests/test_init.py compares) and
# the local backend `./visnyk edit` runs (a devDependency: the Deploy workflow leaves it out).
EDITOR_PACKAGES = {"decap-cms": "3.16.3", "yaml": "2.9.1"}
EDITOR_DEV_PACKAGES = {"decap-server": "3.11.3"}
LOGO = "images/herb-hromady.svg"  # not the package theme's own images/herb.svg (the demo's emblem)
# Stored without their dot (a wheel keeps them all the same) and Python files as .py.in (templates, not modules).
RENAMED = {"gitignore": ".gitignore", "github": ".github"}

QUESTIONS = (  # (key, option, prompt)
    ("name", "--name", "Повна назва ради (напр. Вербівська сільська рада)"),
    ("short_name", "--short-name", "Коротка назва (напр. Вербівська сільрада)"),
    ("edrpou", "--edrpou", "Код ЄДРПОУ (8 цифр)"),
    ("address", "--address", "Адреса ради (вулиця, будинок, населений пункт, індекс)"),
    ("phone", "--phone", "Телефон (напр. +380 44 123 45 67)"),
    ("email", "--email", "Електронна пошта ради"),
    ("place", "--place", "Населений пункт для звітів (напр. с. Вербівка; Enter — не вказувати)"),
    ("siteurl", "--site-url", "Адреса сайту (https://ваш-домен.gov.ua або https://OWNER.github.io/REPO)"),
)


class InitError(Exception):
    """What went wrong, in Ukrainian, for the person who ran init."""


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="visnyk-init", description="Створює сайт ради на Віснику в порожній теці.")
    p.add_argument("folder", help="тека нового сайту (нова або порожня)")
    for key, option, prompt in QUESTIONS:
        p.add_argument(option, dest=key, help=prompt)
    p.add_argument("--department", dest="departments", action="append",
                   help=f"підрозділ (можна кілька разів): {DEPARTMENT_HELP}")
    p.add_argument("--logo", help="файл герба, SVG або PNG; порожньо — без герба")
    p.add_argument("--requirement", default=REQUIREMENT, help=f"рядок requirements.txt (типово: {REQUIREMENT})")
    return p


def ask(prompt: str) -> str:
    try:
        return input(f"{prompt}: ")
    except EOFError:
        return ""


def answers(options: argparse.Namespace, asking=ask) -> dict:
    """The options, and for each one not given, the answer typed at its prompt."""
    given = {key: getattr(options, key) for key, _, _ in QUESTIONS}
    for key, _, prompt in QUESTIONS:
        if given[key] is None:
            given[key] = asking(prompt)
    departments = options.departments
    if departments is None:
        departments = []
        print(f"Підрозділи, по одному в рядку: {DEPARTMENT_HELP}. Порожній рядок — кінець списку.")
        while line := asking(f"Підрозділ № {len(departments) + 1}").strip():
            departments.append(line)
    given["departments"] = departments
    if options.logo is None:
        options.logo = asking("Файл герба, SVG або PNG (Enter — без герба)").strip()
    return given


def read_logo(path: str) -> tuple[str, bytes | None]:
    if not path:
        return "", None
    try:
        with open(path, "rb") as handle:
            return os.path.basename(path), handle.read(6 * 1024 * 1024)
    except OSError as error:
        raise InitError(f"Герб (--logo): не вдалося прочитати «{path}»: {error.strerror}") from None


def check_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(f"Тека {folder} не порожня: вкажіть нову або порожню теку — init нічого не перезаписує.")


def markdown(text: str) -> str:
    """A validated one-line answer as Markdown text: its special characters escaped."""
    return "".join("\\" + c if c in "\\`*_[]#+!|" else c for c in text)


def fills(site: Council, requirement: str, now: dt.datetime) -> dict[str, str]:
    identity = {"name": site.name, "short_name": site.short_name, "address": site.address, "phone": site.phone,
                "email": site.email, "edrpou": site.edrpou}
    if site.logo is not None:
        identity["logo"] = LOGO
    rows = "\n".join(f"- {markdown(d.name)} — {markdown(d.head_title.lower())} {markdown(d.head)}" for d in site.departments)
    package = {"name": "visnyk-site", "private": True, "description": "Вебредактор сайту (Decap CMS), копіюється в /admin/.",
               "license": "UNLICENSED", "dependencies": EDITOR_PACKAGES, "devDependencies": EDITOR_DEV_PACKAGES}
    return {
        "NAME_TEXT": site.name, "NAME_MD": markdown(site.name), "ADDRESS_MD": markdown(site.address),
        "PHONE_MD": markdown(site.phone), "EMAIL_MD": site.email, "EDRPOU": site.edrpou, "DEPARTMENTS_MD": rows,
        "SITENAME": repr(f"Вісник: {site.name}"), "COUNCIL": json.dumps(identity, ensure_ascii=False, indent=4),
        "PLACE": repr(site.place), "EMAIL": repr(site.email), "SITEURL": repr(site.siteurl),
        "VERSION": __version__, "SOURCE": SOURCE, "REQUIREMENT": requirement,
        "PACKAGE_JSON": json.dumps(package, ensure_ascii=False, indent=2),
        "DATE": now.strftime("%Y-%m-%d %H:%M"),
        "SUMMARY_ABOUT": json.dumps(f"{site.name}: громада, її населені пункти й символіка.", ensure_ascii=False),
    }


def render(text: str, values: dict[str, str]) -> str:
    """The skeleton's @@KEY@@ filled in one pass: an answer that itself reads "@@EDRPOU@@" stays as typed."""
    return re.sub(r"@@([A-Z_]+)@@", lambda found: values[found[1]], text)


def write_site(folder: Path, site: Council, requirement: str = REQUIREMENT, now: dt.datetime | None = None) -> list[Path]:
    """The new site in `folder` (new or empty); the files written."""
    check_folder(folder)
    values = fills(site, requirement, now or build_clock())
    written = []
    for source in sorted(SKELETON.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        parts = [RENAMED.get(p, p.removesuffix(".in")) for p in source.relative_to(SKELETON).parts]
        target = folder.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(source.read_text(encoding="utf-8"), values), encoding="utf-8", newline="\n")
        if os.access(source, os.X_OK):
            target.chmod(0o755)
        written.append(target)
    registry = [{"slug": d.slug, "name": d.name, "name_genitive": d.name_genitive, "head": d.head,
                 "head_title": d.head_title} for d in site.departments]
    departments = folder / "content" / "departments.yml"
    departments.write_text("# Підрозділи ради: slug — латиницею (з'являється в адресах), name_genitive — після «Звіт про "
                           "роботу …».\n" + yaml.safe_dump(registry, allow_unicode=True, sort_keys=False, width=1000),
                           encoding="utf-8")
    written.append(departments)
    if site.logo is not None:
        herb = folder / "theme" / "static" / LOGO
        herb.parent.mkdir(parents=True, exist_ok=True)
        herb.write_bytes(site.logo)
        written.append(herb)
    return written


def main(argv: list[str] | None = None, asking=ask) -> int:
    options = parser().parse_args(argv)
    folder = Path(options.folder).expanduser().resolve()
    try:
        check_folder(folder)
        given = answers(options, asking)
        result = council(given, read_logo(options.logo))
        if isinstance(result, list):
            raise InitError("Сайт не створено — виправте відповіді:\n" + "\n".join(f"  {wrong}" for wrong in result))
        write_site(folder, result, options.requirement)
    except InitError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Сайт «{result.name}» створено в {folder}.\nДалі: cd {folder} && ./visnyk check && ./visnyk build serve\n"
          f"(README.md там пояснює решту; посібник — {SOURCE}/blob/main/docs/pochatok.md)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
