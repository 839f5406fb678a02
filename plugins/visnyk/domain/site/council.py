"""A new council's answers to `./visnyk init`, checked: a typed record, or every wrong answer in Ukrainian.

Each message names the answer (as the prompt and the command-line option call it) and what is expected, so an IT
person who typed a seven-digit ЄДРПОУ or a site address without https:// knows what to type instead."""

from __future__ import annotations

import base64
import re
import struct
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..content.registry import EMAIL, PHONE
from ..media import metadata, svg
from ..navigation.slugs import slugify

EDRPOU = re.compile(r"[0-9]{8}")
PLACE = re.compile(r"(м\.|смт|с\.|сел\.) \w[\w’ʼ'. -]{0,60}")
HOST = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+")
MAX_TEXT = 200
DEPARTMENT_HELP = ("«Назва | назва в родовому відмінку | керівник | посада», наприклад «Фінансове управління | "
                   "фінансового управління | Олена Коваль | Начальниця управління»")


@dataclass(frozen=True)
class NewDepartment:
    slug: str
    name: str
    name_genitive: str
    head: str
    head_title: str


@dataclass(frozen=True)
class Council:
    name: str
    short_name: str
    edrpou: str
    address: str
    phone: str
    email: str
    place: str
    siteurl: str
    departments: tuple[NewDepartment, ...]
    logo: bytes | None  # the coat of arms as the SVG the site publishes (a PNG wrapped in one), or none

    @property
    def domain(self) -> str:
        """The custom domain for CNAME ("" on *.github.io)."""
        host = urlsplit(self.siteurl).hostname or ""
        return "" if host.endswith(".github.io") else host


@dataclass(frozen=True)
class Wrong:
    answer: str  # as the prompt names it, with its option: "ЄДРПОУ (--edrpou)"
    message: str

    def __str__(self) -> str:
        return f"{self.answer}: {self.message}"


def _line(answer: str, value: str, example: str, wrong: list[Wrong]) -> str:
    text = " ".join((value or "").split())
    if not text:
        wrong.append(Wrong(answer, f"порожня відповідь; потрібен текст, наприклад «{example}»"))
    elif len(text) > MAX_TEXT or any(c in text for c in "<>{}\\") or any(ord(c) < 32 for c in text):
        wrong.append(Wrong(answer, f"«{text[:60]}» — потрібен рядок до {MAX_TEXT} знаків без <, >, {{, }} і \\"))
    return text


def departments(lines: list[str], wrong: list[Wrong]) -> tuple[NewDepartment, ...]:
    answer = "Підрозділи (--department)"
    found: list[NewDepartment] = []
    if not lines:
        wrong.append(Wrong(answer, f"потрібен хоча б один підрозділ: {DEPARTMENT_HELP}"))
    for number, line in enumerate(lines, 1):
        parts = [" ".join(p.split()) for p in line.split("|")]
        if len(parts) != 4 or not all(parts):
            wrong.append(Wrong(f"{answer} № {number}", f"«{line.strip()[:80]}» — потрібно чотири частини через «|»: {DEPARTMENT_HELP}"))
            continue
        before = len(wrong)
        for part in parts:
            _line(f"{answer} № {number}", part, "Фінансове управління", wrong)
        slug = slugify(parts[0])
        if any(d.slug == slug for d in found):
            wrong.append(Wrong(f"{answer} № {number}", f"«{parts[0]}» уже є у списку"))
        elif len(wrong) == before:
            found.append(NewDepartment(slug, *parts))
    return tuple(found)


def siteurl(value: str, wrong: list[Wrong]) -> str:
    answer = "Адреса сайту (--site-url)"
    text = (value or "").strip().rstrip("/")
    parts = urlsplit(text)
    host = parts.hostname or ""
    path = parts.path.strip("/")
    ok = (parts.scheme == "https" and HOST.fullmatch(host) and not parts.query and not parts.fragment
          and not parts.username and not parts.port and parts.netloc == host
          and (not path if not host.endswith(".github.io") else re.fullmatch(r"[A-Za-z0-9._-]{1,100}", path or "x")))
    if not ok:
        wrong.append(Wrong(answer, f"«{text[:80]}» — потрібна адреса https:// власного домену "
                                   "(https://rada.example.gov.ua) або GitHub Pages (https://OWNER.github.io/REPO)"))
    return text


def png_in_svg(name: str, raw: bytes) -> bytes | str:
    """A PNG as an SVG holding it (the header's coat of arms is an SVG checked as the build checks SVGs), its
    metadata removed; or what is wrong."""
    try:
        cleaned = metadata.clean_png(raw)
    except (metadata.Damaged, struct.error, ValueError):
        return f"{name} — пошкоджений PNG; збережіть його знову в редакторі зображень"
    width, height = struct.unpack(">II", cleaned[16:24])
    if not (0 < width <= 4096 and 0 < height <= 4096):
        return f"{name} — PNG завеликий ({width}×{height}); потрібно до 4096×4096 пікселів"
    data = base64.b64encode(cleaned).decode("ascii")
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}"><image width="{width}" height="{height}" href="data:image/png;base64,{data}"/></svg>\n'
            ).encode("ascii")


def logo(name: str, raw: bytes | None, wrong: list[Wrong]) -> bytes | None:
    """The coat of arms from its file (SVG or PNG), sanitised as the build treats SVGs; None for none."""
    answer = "Герб (--logo)"
    if raw is None:
        return None
    if metadata.sniff(raw) == "PNG":
        picture = png_in_svg(name, raw)
        if isinstance(picture, str):
            wrong.append(Wrong(answer, picture))
            return None
    elif name.lower().endswith(".svg"):
        picture = raw
    else:
        wrong.append(Wrong(answer, f"{name} — потрібен файл SVG або PNG (або порожня відповідь: без герба)"))
        return None
    cleaned = svg.sanitise(name, picture)
    if isinstance(cleaned, tuple):
        wrong.append(Wrong(answer, f"{cleaned[0]}; {cleaned[1]}"))
        return None
    return cleaned


def council(answers: dict, logo_file: tuple[str, bytes | None] = ("", None)) -> Council | list[Wrong]:
    """The answers (strings; "departments" a list of lines) as a Council, or every wrong answer."""
    wrong: list[Wrong] = []
    name = _line("Назва ради (--name)", answers.get("name", ""), "Вербівська сільська рада", wrong)
    short = _line("Коротка назва (--short-name)", answers.get("short_name", ""), "Вербівська сільрада", wrong)
    edrpou = (answers.get("edrpou") or "").strip()
    if not EDRPOU.fullmatch(edrpou):
        wrong.append(Wrong("ЄДРПОУ (--edrpou)", f"«{edrpou[:40]}» — потрібно рівно 8 цифр, наприклад 04054949"))
    address = _line("Адреса (--address)", answers.get("address", ""), "вул. Шевченка, 7, с. Вербівка, 19000", wrong)
    phone = " ".join((answers.get("phone") or "").split())
    if not PHONE.fullmatch(phone):
        wrong.append(Wrong("Телефон (--phone)", f"«{phone[:40]}» — потрібен номер із цифр, наприклад +380 44 123 45 67"))
    email = (answers.get("email") or "").strip()
    if not EMAIL.fullmatch(email) or len(email) > MAX_TEXT:
        wrong.append(Wrong("Електронна пошта (--email)", f"«{email[:60]}» — потрібна адреса на кшталт rada@verbivka.gov.ua"))
    place = " ".join((answers.get("place") or "").split())
    if place and not PLACE.fullmatch(place):
        wrong.append(Wrong("Населений пункт (--place)", f"«{place[:60]}» — потрібно «м. Назва», «смт Назва» чи «с. Назва», "
                                                        "або порожня відповідь"))
    url = siteurl(answers.get("siteurl", ""), wrong)
    units = departments(list(answers.get("departments") or []), wrong)
    picture = logo(logo_file[0], logo_file[1], wrong)
    if wrong:
        return wrong
    return Council(name, short, edrpou, address, phone, email, place, url, units, picture)
