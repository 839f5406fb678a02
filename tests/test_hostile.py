"""Content is untrusted input: every hostile or odd file ends in a Ukrainian problem list naming file and line
(the same from `check` and from `pelican`), or in a safe build — never a leak, a replaced page, a running
script, a traceback or a dead link.

Each case writes files over a small valid site, then asserts: `scan` (what `./visnyk check` runs) and the
stock `pelican` command report the same `file:line` problems, the build exits 1 without a traceback, and
nothing the case names reaches `output/`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from conftest import DEPARTMENTS, ROOT, Site, item, ran

from visnyk.domain.site.scan import scan
from visnyk.domain.navigation.slugs import slugify

EPOCH = "1796119200"  # 2026-12-01 12:00 Kyiv: the demo's October reports exist


@dataclass(frozen=True)
class Link:
    """A symbolic link to write instead of a file (target relative to the link's folder, or absolute)."""

    target: str
    folder: bool = False


@dataclass(frozen=True)
class Case:
    id: str
    files: dict  # relpath → text, bytes, Link, or None for a FIFO
    problems: tuple[str, ...]  # "path:line: start of the message" each, all of them
    absent: tuple[str, ...] = ()  # output paths that must not exist (the build fails: nothing may leak)
    outside: dict = field(default_factory=dict)  # files written beside content/ (the repository around it)


def base(site: Site) -> None:
    site.write("departments.yml", DEPARTMENTS)
    site.write("news/2024/a.md", item(title="Перша новина", tags="благоустрій, бюджет"))
    site.write("files/2024/plan.pdf", b"%PDF-1.4\n%%EOF\n")
    site.write("acts/2024/r.md", item(title="Рішення про план", act_kind="council_decision",
                                      attachments="[{file: files/2024/plan.pdf, title: План}]"))


def jpeg(width=64, height=48) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 90, 160)).save(out, "JPEG")
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims width × height pixels in a few bytes: what a decompression bomb's header looks like."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\0" * 4096, 9)) + chunk(b"IEND", b""))


def lead(image: str, **fields) -> str:
    return item(title="Друга новина", image=image, **fields)


ALT = "Сквер на вулиці Соборній"
LONG_TITLE = ("Про внесення змін до рішення Ясногірської міської ради від 23 грудня 2024 року № 1234 «Про затвердження "
              "Програми розвитку житлово-комунального господарства та благоустрою території Ясногірської міської "
              "територіальної громади на 2025–2027 роки»")
DEEP = "x: " + "[" * 25000 + "]" * 25000

CASES = [
    Case("symlink-to-git-config", {"files/2024/config": Link("../../../.git/config")},
         ("files/2024/config:1: файл files/2024/config: символьне посилання (symlink) за межі теки змісту",),
         absent=("files/2024/config",), outside={".git/config": "[remote]\n  token = secret\n"}),
    Case("symlink-to-etc-passwd", {"files/2024/passwd.pdf": Link("/etc/passwd")},
         ("files/2024/passwd.pdf:1: файл files/2024/passwd.pdf: символьне посилання (symlink) за межі",),
         absent=("files/2024/passwd.pdf",)),
    Case("symlink-to-git-folder", {"files/git": Link("../../.git", folder=True)},
         ("files/git:1: тека files/git: символьне посилання (symlink) за межі",),
         absent=("files/git",), outside={".git/config": "[core]\n"}),
    Case("symlinked-folder-of-items", {"news/more": Link("../../elsewhere", folder=True)},
         ("news/more:1: тека news/more: символьне посилання (symlink) за межі",),
         outside={"elsewhere/b.md": item(title="Прихована новина")}),
    Case("symlink-inside-content", {"files/2024/copy.pdf": Link("plan.pdf")},
         ("files/2024/copy.pdf:1: файл files/2024/copy.pdf: символьне посилання (symlink) всередині",)),
    Case("fifo", {"files/2024/pipe.pdf": None}, ("files/2024/pipe.pdf:1: це не звичайний файл",)),
    Case("attach-moves-editor-html-onto-the-home-page",
         {"files/2025/index.html": "<h1>Зламано</h1>",
          "reports/2024/z.md": item(title="Звіт", date="2024-06-03 10:00", period='"2024-05"',
                                    body="[додаток]({attach}/files/2025/index.html)")},
         ("files/2025/index.html:1: файли .html у files/ не публікуються",
          "reports/2024/z.md:7: {attach} переносить файл до теки матеріалу")),
    Case("attach-steals-another-items-attachment",
         {"news/2024/b.md": item(title="Друга новина", body="[план]({attach}/files/2024/plan.pdf)")},
         ("news/2024/b.md:6: {attach} переносить файл до теки матеріалу",)),
    Case("script-from-files",
         {"files/2024/a.js": "alert(1)",
          "news/2024/b.md": item(title="Друга новина", body='Текст.\n\n<script src="{static}/files/2024/a.js"></script>')},
         ("files/2024/a.js:1: файли .js у files/ не публікуються",
          "news/2024/b.md:8: тег <script> у тексті не дозволено")),
    Case("html-and-scripted-svg-files",
         {"files/2024/page.htm": "<script>alert(1)</script>",
          "images/2024/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
          "images/2024/click.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="alert(1)"/></svg>',
          "images/2024/x.xml": "<html/>"},
         ("files/2024/page.htm:1: файли .htm у files/ не публікуються",
          "images/2024/click.svg:1: SVG містить не лише малюнок: атрибут onclick",
          "images/2024/logo.svg:1: SVG містить не лише малюнок: елемент <script>",
          "images/2024/x.xml:1: файли .xml у images/ не публікуються")),
    Case("meta-refresh-handlers-and-script-urls",
         {"news/2024/b.md": item(title="Друга новина", body=(
             'Текст.\n<meta http-equiv="refresh" content="5;url=https://example.com">\n'
             '<img src="{static}/files/2024/plan.pdf" alt="план" onerror="alert(1)">\n'
             "[клік](javascript&#58;alert(1)) і [ще](JaVa\tScRiPt:alert(2))\n"
             '<a href="data:text/html;base64,PHNjcmlwdD4=">дані</a>\n'
             "Абзац {: onclick=\"alert(3)\" }\n\n<iframe src=\"https://example.com\"></iframe>\n"
             "<!-- нотатка для колег: не публікувати -->"))},
         ("news/2024/b.md:7: тег <meta> у тексті не дозволено",
          "news/2024/b.md:8: атрибут onerror у тегу <img> не дозволено",
          "news/2024/b.md:9: адресу «javascript:alert(1)» у тегу <a> не дозволено",
          "news/2024/b.md:9: адресу «JaVa ScRiPt:alert(2)» у тегу <a> не дозволено",  # Markdown made the tab a space
          "news/2024/b.md:10: адресу «data:text/html;base64,PHNjcmlwdD4=» у тегу <a> не дозволено",
          "news/2024/b.md:13: тег <iframe> у тексті не дозволено",
          "news/2024/b.md:14: коментар HTML (<!-- … -->) потрапив би в код сторінки")),
    Case("form-feed-from-word",
         {"news/2024/b.md": item(title="Друга новина", body="Перший абзац.\f\nДругий абзац.")},
         ("news/2024/b.md:6: невидимий символ U+000C (розрив сторінки з Word) у рядку 6, позиція 14",)),
    Case("page-break-and-a-script-in-one-file",  # one run reports both, not the first only
         {"news/2024/b.md": item(title="Друга новина", body="Перший абзац.\f\n\n<script>alert(1)</script>")},
         ("news/2024/b.md:6: невидимий символ U+000C", "news/2024/b.md:8: тег <script> у тексті не дозволено")),
    Case("markdown-extension", {"news/2024/b.markdown": item(title="Друга новина")},
         ("news/2024/b.markdown:1: у теці матеріалів лежить файл, що не є Markdown (.md)",)),
    Case("activity-counts",
         {"reports/2024/z.md": item(title="Звіт", date="2024-06-03 10:00", period='"2024-05"',
                                    activities='\n  - {text: Прийоми, count: "²"}\n  - {text: Наради, count: ' + "9" * 5000 + "}")},
         ("reports/2024/z.md:7: пункт activities має вигляд", "reports/2024/z.md:8: пункт activities має вигляд")),
    Case("front-matter-25000-levels-deep", {"news/2024/b.md": item(title="Друга новина", x=DEEP[3:])},
         ("news/2024/b.md:5: опис (front matter) вкладено глибше ніж на 20 рівнів",)),
    # A YAML alias: a list that holds itself (every walk of it looped, growing until memory ran out), nine lists
    # of nine aliases (9⁹ values from eight lines), and one in the registry.
    Case("yaml-alias-that-holds-itself", {"news/2024/b.md": item(title="Друга новина", tags="&a [*a]")},
         ("news/2024/b.md:5: посилання YAML «*a» на інше значення опису",)),
    Case("yaml-billion-laughs", {"news/2024/b.md": item(
        title="Друга новина", l0='&l0 ["ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха", "ха"]',
        **{f"l{n}": f"&l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 9)}, tags="*l8")},
         ("news/2024/b.md:6: посилання YAML «*l0» на інше значення опису",)),
    Case("yaml-alias-in-the-registry", {"departments.yml": DEPARTMENTS.replace("- slug: info", "- &d\n  slug: info", 1)
                                        + "- *d\n"},
         ("departments.yml:12: посилання YAML «*d» на інше значення опису",)),
    Case("huge-file", {"news/2024/b.md": item(title="Друга новина", body="Текст. " * 200_000)},
         ("news/2024/b.md:1: файл завеликий",)),
    Case("year-typo-1025", {"news/2024/b.md": item(title="Друга новина", date="1025-05-14")},
         ("news/2024/b.md:3: дата 1025-05-14 раніша за початок архіву сайту (2000-01-01)",)),
    Case("year-typo-2205", {"news/2024/b.md": item(title="Друга новина", date="2205-05-14")},
         ("news/2024/b.md:3: дата 2205-05-14 більш ніж на 366 днів пізніша за сьогодні",)),
    Case("author-category-and-unknown-tag-links",
         {"news/2024/b.md": item(title="Друга новина", body="[а](|author|olena) [к](|category|news)\n[т]({tag}ремонт)")},
         ("news/2024/b.md:6: посилання {author}… веде в нікуди", "news/2024/b.md:6: посилання {category}… веде в нікуди",
          "news/2024/b.md:7: посилання на тег «ремонт»: жоден опублікований матеріал його не має")),
    Case("link-to-a-later-item",
         {"news/2024/b.md": item(title="Друга новина", body="[рішення]({filename}/acts/2024/later.md)"),
          "acts/2024/later.md": item(title="Майбутнє рішення", date="2027-02-01 10:00", act_kind="council_decision")},
         ("news/2024/b.md:6: посилання на acts/2024/later.md, який з'явиться на сайті лише 2027-02-01 10:00",)),
    Case("english-without-original", {"news/2024/en.md": item(title="English only", lang="en")},
         ("news/2024/en.md:5: переклад (en) без українського оригіналу",)),
    Case("markdown-in-files", {"files/2024/notes.md": item(title="Нотатки"), "extra/index.html": "<p>x</p>"},
         ("extra/index.html:1: файли .html у extra/ не публікуються",
          "files/2024/notes.md:1: файли .md у files/ не публікуються")),
    Case("image-without-alt", {"news/2024/b.md": item(title="Друга новина", body="Фото:\n\n![]({static}/files/2024/plan.pdf)")},
         ("news/2024/b.md:8: у зображення {static}/files/2024/plan.pdf немає опису (alt)",)),
    Case("slug-too-long", {"news/2024/b.md": item(title="Друга новина", slug="a" * 81)},
         ("news/2024/b.md:5: slug «" + "a" * 81 + "» має містити лише малі латинські літери",)),
    # Lead images (`image:`) are read and decoded: every way a file can be wrong is a problem at `image:`.
    Case("lead-image-without-alt", {"news/2024/b.md": lead("images/2024/foto.jpg"), "images/2024/foto.jpg": jpeg()},
         ("news/2024/b.md:5: зображення без опису image_alt",)),
    Case("image-alt-without-image", {"news/2024/b.md": item(title="Друга новина", image_alt=ALT)},
         ("news/2024/b.md:5: є опис image_alt, але немає зображення image",)),
    Case("lead-image-decompression-bomb", {"news/2024/b.md": lead("images/2024/bomb.png", image_alt=ALT),
                                           "images/2024/bomb.png": png_header(40000, 40000)},
         ("news/2024/b.md:5: зображення images/2024/bomb.png завелике для розпакування",), absent=("img",)),
    Case("lead-image-too-many-pixels", {"news/2024/b.md": lead("images/2024/big.png", image_alt=ALT),
                                        "images/2024/big.png": png_header(9000, 6000)},
         ("news/2024/b.md:5: зображення images/2024/big.png завелике: 9000 × 6000 пікселів",), absent=("img",)),
    Case("lead-image-truncated", {"news/2024/b.md": lead("images/2024/half.jpg", image_alt=ALT),
                                  "images/2024/half.jpg": jpeg(640, 480)[:400]},
         ("news/2024/b.md:5: зображення images/2024/half.jpg пошкоджене",), absent=("img",)),
    Case("lead-image-is-html", {"news/2024/b.md": lead("images/2024/page.jpg", image_alt=ALT),
                                "images/2024/page.jpg": "<html><script>alert(1)</script></html>"},
         ("news/2024/b.md:5: файл images/2024/page.jpg не є зображенням JPEG, PNG чи WebP",), absent=("img",)),
    Case("lead-image-wrong-extension", {"news/2024/b.md": lead("images/2024/plan.jpg", image_alt=ALT),
                                        "images/2024/plan.jpg": png_header(64, 48)},
         ("news/2024/b.md:5: файл images/2024/plan.jpg має розширення .jpg, але всередині PNG",)),
    Case("lead-image-outside-images", {"news/2024/b.md": lead("../../../etc/passwd", image_alt=ALT)},
         ("news/2024/b.md:5: зображення ../../../etc/passwd лежить поза текою images/",)),
    Case("lead-image-in-files", {"news/2024/b.md": lead("files/2024/plan.pdf", image_alt=ALT)},
         ("news/2024/b.md:5: зображення files/2024/plan.pdf лежить поза текою images/",)),
    Case("lead-image-missing", {"news/2024/b.md": lead("images/2024/nema.jpg", image_alt=ALT)},
         ("news/2024/b.md:5: файлу images/2024/nema.jpg немає",)),
    Case("lead-image-svg", {"news/2024/b.md": lead("images/2024/logo.svg", image_alt=ALT),
                            "images/2024/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="4" height="4"/></svg>'},
         ("news/2024/b.md:5: головним зображенням (image) може бути JPEG, PNG або WebP, а не .svg",)),
]


# --- issue 23 (points 3, 4, 5, 6, 7, 10, 11a): parsed values, nested records, every date, every body --------
# What a YAML escape, a nested record or a rare date field carries is checked as the value the code reads,
# however deep; every body is rendered by `check` as by the build, and no accepted body is slow to render.


def meeting(agenda="[]", starts="2024-05-20 10:00", ends=None) -> str:
    """A session (its `body:` is the council, so the front matter is written out here, not by item())."""
    lines = ["---", "title: Сесія ради", "date: 2024-05-14 10:00", "department: info", "body: council", f"starts: {starts}",
             "venue: Сесійна зала", f"agenda: {agenda}", *([f"ends: {ends}"] if ends else []), "---", "Порядок денний.", ""]
    return "\n".join(lines)


def report(activities="[]", **fields) -> str:
    return item(title="Звіт", date="2024-06-03 10:00", period='"2024-05"', activities=activities, **fields)


REGISTRY_ROW = "- {slug: info, name: Відділ, name_genitive: відділу, head: Олена Коваль, head_title: Начальниця}\n"
NESTED_LIST = "".join("    " * level + "- пункт\n" for level in range(40))
TOO_DEEP_FOR_MARKDOWN = "- " * 500 + "x"  # a list in a list …: 1 KB that Python-Markdown cannot follow (RecursionError)

CASES += [
    # (3) Controls written as YAML escapes reach the parsed value, at any depth.
    Case("yaml-escapes-bell-nul-escape-nel-in-values",
         {"news/2024/b.md": item(title='"Друга\\aновина"', summary='"Опис\\0"', tags='[бюджет, "ремонт\\e"]',
                                 attachments='[{file: files/2024/plan.pdf, title: "План\\N"}]')},
         ("news/2024/b.md:2: невидимий символ U+0007 (керівний символ) у значенні «Друга<U+0007>новина»",
          "news/2024/b.md:5: невидимий символ U+0000 (нульовий байт) у значенні «Опис<U+0000>»",
          "news/2024/b.md:6: невидимий символ U+001B (керівний символ) у значенні «ремонт<U+001B>»",
          "news/2024/b.md:7: невидимий символ U+0085 (керівний символ) у значенні «План<U+0085>»")),
    Case("yaml-escape-in-a-field-name-and-in-departments",
         {"departments.yml": REGISTRY_ROW.replace("name: Відділ,", 'name: "Відділ\\x07",')
          + '- {slug: finansy, name: Фінанси, name_genitive: фінансів, head: "Петро\\u200bГнатюк", head_title: Начальник}\n',
          "news/2024/b.md": item(title="Друга новина", department="finansy", **{'"x\\x1f"': "1"})},
         ("departments.yml:1: невидимий символ U+0007 (керівний символ) у значенні «Відділ<U+0007>»",
          "departments.yml:2: невидимий символ U+200B (пробіл нульової ширини) у значенні «Петро<U+200B>Гнатюк»",
          "news/2024/b.md:5: невидимий символ U+001F (керівний символ) у значенні «x<U+001F>»",
          "news/2024/b.md:5: невідоме поле x ")),
    # (4) A list or a mapping used as a key in a record, and dates at the ends of the calendar.
    Case("list-and-mapping-as-keys-in-attachments", {"news/2024/b.md": item(
        title="Друга новина", attachments="\n  - {[a]: b}\n  - {? {file: x} : files/2024/plan.pdf, title: План}")},
         ("news/2024/b.md:6: пункт списку attachments має вигляд", "news/2024/b.md:7: пункт списку attachments має вигляд")),
    Case("mapping-as-key-in-agenda", {"meetings/2024/b.md": meeting(agenda="\n  - {? {text: a} : b}")},
         ("meetings/2024/b.md:9: пункт списку agenda має вигляд",)),
    Case("list-as-key-in-activities", {"reports/2024/z.md": report(activities="\n  - {[text]: Прийоми, count: 2}")},
         ("reports/2024/z.md:7: пункт списку activities має вигляд",)),
    Case("year-1-and-year-9999-with-an-offset",
         {"news/2024/b.md": item(title="Друга новина", date="0001-01-01"),
          "news/2024/b2.md": item(title="Третя новина", date="9999-12-31T23:00:00-05:00"),
          "news/2024/b3.md": item(title="Четверта новина", date="0001-01-01 03:00", modified="9999-12-31 23:59")},
         ("news/2024/b.md:3: поле date: дата «0001-01-01» поза межами календаря",
          "news/2024/b2.md:3: поле date: дата «9999-12-31T23:00:00-05:00» поза межами календаря",
          "news/2024/b3.md:3: дата 0001-01-01 раніша за початок архіву сайту (2000-01-01)",
          "news/2024/b3.md:5: дата в полі modified: 9999-12-31 більш ніж на 366 днів пізніша за сьогодні")),
    # (5) One verdict: every body is rendered by `check`, however plain; too deep is one problem.
    Case("nesting-40-levels", {"news/2024/b.md": item(title="Друга новина", body=NESTED_LIST)},
         ("news/2024/b.md:6: текст вкладено надто глибоко",)),
    Case("nesting-past-markdowns-recursion", {"news/2024/b.md": item(title="Друга новина", body=TOO_DEEP_FOR_MARKDOWN)},
         ("news/2024/b.md:6: текст вкладено надто глибоко",)),
    Case("quotes-1000-deep-with-no-markup-character-check-used-to-skip",
         {"news/2024/b.md": item(title="Друга новина", body=">" * 1000 + " Цитата")},
         ("news/2024/b.md:6: текст вкладено надто глибоко",)),
    # (6) What would make Markdown slow is refused before it runs.
    Case("paragraph-over-10000-characters", {"news/2024/b.md": item(title="Друга новина", body="Текст " * 1700)},
         ("news/2024/b.md:6: абзац довший за 10000 знаків: у ньому 10199",)),  # "Текст " × 1700, the last space off
    Case("unclosed-link-addresses", {"news/2024/b.md": item(title="Друга новина", body="[x](" * 2400)},
         ("news/2024/b.md:6: у тексті забагато незакритих дужок посилань",)),
    Case("tag-never-closed", {"news/2024/b.md": item(title="Друга новина", body="Текст <a " + "a" * 1200)},
         ("news/2024/b.md:6: знак «<a» відкриває тег, а закривального «>» немає на 1000 знаків далі",)),
    Case("setext-underlines-in-one-paragraph", {"news/2024/b.md": item(title="Друга новина", body="=\n" * 4900)},
         ("news/2024/b.md:6: у тексті забагато рядків-заголовків чи ліній",)),
    # (7) Every date field is held to the archive's range.
    Case("meeting-in-1026-ending-in-9999",
         {"meetings/2024/b.md": meeting(starts="1026-05-20 10:00", ends="9999-05-20 12:00")},
         ("meetings/2024/b.md:6: дата в полі starts: 1026-05-20 раніша за початок архіву сайту",
          "meetings/2024/b.md:9: дата в полі ends: 9999-05-20 більш ніж на 366 днів пізніша за сьогодні")),
    Case("act-adopted-in-1025-draft-considered-in-2099",
         {"acts/2024/b.md": item(title="Рішення про бюджет", date="2024-05-14 10:00", act_kind="council_decision",
                                 adopted="1025-05-10"),
          "acts/2024/b2.md": item(title="Проєкт рішення", act_kind="draft_decision", consideration="2099-01-10")},
         ("acts/2024/b.md:6: дата в полі adopted: 1025-05-10 раніша за початок архіву сайту",
          "acts/2024/b2.md:6: дата в полі consideration: 2099-01-10 більш ніж на 366 днів пізніша")),
    # (10) A second value inside a record never wins silently; an empty registry is one problem.
    Case("duplicate-key-in-an-attachment", {"news/2024/b.md": item(
        title="Друга новина", attachments="\n  - file: files/2024/plan.pdf\n    title: План\n    file: files/2024/none.pdf")},
         ("news/2024/b.md:8: поле file у пункті списку attachments вказано двічі",)),
    Case("duplicate-key-list-value-and-list-key-in-departments", {"departments.yml": REGISTRY_ROW.replace(
        "head: Олена Коваль,", "head: Олена Коваль, head: Іван Дуб,")
        + REGISTRY_ROW.replace("slug: info", "slug: finansy").replace("name: Відділ,", "name: [Відділ, 2],")
        + REGISTRY_ROW.replace("slug: info", "slug: osvita").replace("}", ", ? [head] : Іван Дуб}")},
         ("departments.yml:1: поле head підрозділу вказано двічі", "departments.yml:2: поле name підрозділу має бути текстом",
          "departments.yml:3: назва поля підрозділу має бути словом")),
    Case("empty-departments-file", {"departments.yml": "\n  \n"}, ("departments.yml:1: реєстр підрозділів порожній",)),
    # (11a) Bidirectional and zero-width characters: never in a single-line value, no override in a body.
    Case("bidi-override-in-a-title-and-zero-width-in-slug-and-tag",
         {"acts/2024/b.md": item(title="Рішення № 12 \u202e21 №", act_kind="council_decision",
                                 slug='"rishennia\u200d-12"', tags="[\u2066бюджет\u2069, ремонт\u2028x]")},
         ("acts/2024/b.md:2: невидимий символ U+202E (примусовий напрямок справа наліво) у значенні",
          "acts/2024/b.md:6: невидимий символ U+200D (з'єднувач нульової ширини) у значенні «rishennia<U+200D>-12»",
          "acts/2024/b.md:7: невидимий символ U+2066 (ізоляція напрямку зліва направо) у значенні «<U+2066>бюджет<U+2069>»",
          "acts/2024/b.md:7: невидимий символ U+2069 (кінець ізоляції напрямку письма) у значенні «<U+2066>бюджет<U+2069>»",
          "acts/2024/b.md:7: невидимий символ U+2028 (розрив рядка) у значенні «ремонт<U+2028>x»")),
    Case("bidi-override-in-a-body-raw-and-as-a-reference-and-controls-as-references",
         {"news/2024/b.md": item(title="Друга новина", body="Рішення \u202e21 №.\n\nРішення &#x202E;21 №, &#7; і &#0;.\n\n"
                                 "Ok \U0001F44D\U0001F3FD і 👩\u200d💻 (емодзі з ZWJ можна)")},
         ("news/2024/b.md:6: невидимий символ U+202E (примусовий напрямок справа наліво) у тексті",
          "news/2024/b.md:8: посилання на символ &#7; у тексті називає невидимий символ U+0007",
          "news/2024/b.md:8: посилання на символ &#0; у тексті називає невидимий символ U+0000")),
]
ALONE = {"empty-departments-file", "duplicate-key-list-value-and-list-key-in-departments", "yaml-escape-in-a-field-name-and-in-departments",
         "nesting-past-markdowns-recursion", "paragraph-over-10000-characters", "setext-underlines-in-one-paragraph",
         "unclosed-link-addresses", "tag-never-closed"}  # a registry of their own, or bodies too big to merge


def test_the_fast_look_for_invisible_characters_misses_none():
    """source._SUSPECT is a quick regex in front of the per-character test: it must cover every character that
    test refuses, or a value holding only that one would pass unseen."""
    from visnyk.domain.content import source

    missed = [f"U+{code:04X}" for code in range(0x110000)
              if source.invisible(chr(code)) and not source._SUSPECT.match(chr(code))]
    assert missed == []
    # What it refuses, and what it leaves: Ukrainian letters, the apostrophe, a no-break space, a dash, an emoji.
    assert all(source.invisible(c) for c in "\x07\x85\u202e\u2066\u200b\u200d\u2028\ufeff\u00ad\u3164\U000e0041")
    assert not any(source.invisible(c) for c in "Їжак ʼ'\u00a0—«»№\t\U0001F44D")


def test_a_decision_adopted_before_its_draft_was_published_makes_the_draft_late(tmp_path):
    from visnyk.domain.cycle.cycle import Cycle
    from visnyk.domain.cycle.workdays import DEFAULT

    site = Site(tmp_path)
    base(site)
    site.write("acts/2024/proiekt.md", item(title="Проєкт рішення про сквер", date="2024-05-14 10:00",
                                            act_kind="draft_decision"))
    site.write("acts/2024/rishennia.md", item(title="Рішення про сквер", date="2024-05-15 10:00",
                                              act_kind="council_decision", adopted="2024-05-13",
                                              draft="acts/2024/proiekt.md"))
    result = scan(str(site.content), clock=clock())
    assert result.problems == []
    verdict = Cycle.of(result.items, clock(), DEFAULT).by_source["acts/2024/proiekt.md"]
    assert (verdict.event, verdict.working_days, verdict.on_time) == (dt.date(2024, 5, 13), 0, False)
    assert [w.path for w in result.warnings if "proiekt" in w.path] == ["acts/2024/proiekt.md"]


def rendered(body: str) -> str:
    from visnyk.domain.content.body import render

    try:
        render(body)
        return "rendered"
    except RecursionError:
        return "too deep"


def at_depth(frames: int, call):
    return call() if frames == 0 else at_depth(frames - 1, call)


def test_how_deep_markdown_may_go_does_not_depend_on_who_asks():
    """`check` calls Markdown from near the bottom of the stack, Pelican from ~100 frames up: the same body must
    get the same verdict from both (a body near the limit is where they would part)."""
    shallow = {n: rendered("- " * n + "x") for n in range(300, 700, 25)}
    assert set(shallow.values()) == {"rendered", "too deep"}, shallow  # the range crosses Markdown's limit
    deep = {n: at_depth(700, lambda n=n: rendered("- " * n + "x")) for n in shallow}
    assert deep == shallow


def test_a_body_that_stopped_markdown_leaves_no_trace_in_the_next():
    from visnyk.domain.content.body import inspect

    sample = "- пункт\n    - вкладений\n\n> цитата\n\n[посилання](https://rada.example.org) і *наголос*"
    fresh = inspect("a.md", sample, 1, want_html=True)
    for stopper in (TOO_DEEP_FOR_MARKDOWN, "[x](" * 2400):
        assert inspect("b.md", stopper, 1).problems
        assert inspect("a.md", sample, 1, want_html=True) == fresh


def test_the_bracket_table_answers_what_markdowns_own_walk_answers():
    """body._Brackets replaces LinkInlineProcessor.getText: for every "[" of many random texts (and for texts that
    share a tail, as a paragraph does after a link before it is replaced) both give the same link text."""
    import random

    from markdown.inlinepatterns import LinkInlineProcessor

    from visnyk.domain.content.body import _Brackets

    theirs, ours, rng = LinkInlineProcessor(r"\[", None), _Brackets(), random.Random(23)
    for _ in range(3000):
        tail = "".join(rng.choice("[]ab(") for _ in range(rng.randint(1, 30)))
        for data in (tail, rng.choice(["x", "\x02k\x03", "[a]"]) + tail):  # the same tail after a change
            for index in (i + 1 for i, c in enumerate(data) if c == "["):
                mine, markdown = ours.text_at(data, index), theirs.getText(data, index)
                assert mine[2] == markdown[2] and (not mine[2] or mine == markdown), (data, index, mine, markdown)


def test_the_skipping_inline_pass_writes_what_markdowns_own_writes():
    """domain/content/inline.py passes over a Markdown pattern whose first character a text lacks: every pattern it
    names needs that character (random texts without it never match), and random bodies of every inline and block
    syntax — and every body of the demo and of this file's worst cases — give the same HTML byte for byte."""
    import random

    from markdown import Markdown

    from visnyk.domain.content import body, inline

    def markdown(skipping: bool):
        bounded = body._BoundedLinks()
        md = Markdown(extensions=[*body.EXTENSIONS, bounded], extension_configs=body.EXTENSION_CONFIGS,
                      output_format="html")
        if skipping:
            inline.install(md)

        def convert(text: str) -> str:
            bounded.brackets.reset(text)
            return md.reset().convert(text)
        return md, convert

    md, skipping = markdown(True)
    _, stock = markdown(False)
    assert isinstance(md.treeprocessors["inline"], inline.SkippingInline)
    rng = random.Random(30)
    special = "`\\[]()<>&*_!^\n:#{}|-=\"' "
    for name, needs in inline.NEEDS.items():
        assert name in md.inlinePatterns, f"Markdown no longer has the pattern {name}: look at inline.NEEDS again"
        pattern = md.inlinePatterns[name].compiled_re
        alphabet = [c for c in special + "aбz09." if c not in needs]
        for _ in range(2000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            assert pattern.search(text) is None, (name, text)
    pieces = ["слово ", "word ", "*", "**", "_", "__", "`", "``", "\\", "\\*", "[a](https://rada.example.org)",
              "[a][r]", "[r]", "![i](images/x.png)", "[^1]", "<https://rada.example.org>", "<a@rada.example.org>",
              "<b>", "</b>", "<!-- c -->", "&amp;", "&#1234;", "&nbsp;", "&", "<", ">", "  \n", "\n", "\n\n",
              "- ", "1. ", "> ", "# ", "    код", "| a | b |\n|---|---|\n| 1 | 2 |\n", "*[ЦНАП]: Центр",
              "ЦНАП ", "{: .note}", "[^1]: виноска\n", "[r]: https://rada.example.org\n", "Термін\n:   визначення\n"]
    bodies = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(1500)]
    bodies += [path.read_text(encoding="utf-8").split("\n---\n", 1)[-1] for path in (ROOT / "content").rglob("*.md")]
    bodies += [worst * 50 for worst in WORST]
    for text in bodies:
        assert skipping(text) == stock(text), text


# Bodies of 10,000 characters in one paragraph (the most a paragraph may hold): plain text, and each pattern that
# made Python-Markdown (or our own checks) read the rest of the paragraph again for each of its characters.
WORST = ("[", "[x", "![", "[^", "^[^", "[(", "[x][", "<_", "<`", "_<", "<*a", "[a](b) ", "*a* ", "`a` ", "<a ", "=\n")


def test_every_accepted_body_renders_in_time_linear_in_its_size():
    import time

    from visnyk.domain.content.body import MAX_PARAGRAPH, inspect

    def seconds(pattern: str, size: int) -> float:
        body = (pattern * (size // len(pattern) + 1))[:size]
        best = float("inf")
        for _ in range(2):
            started = time.perf_counter()
            inspect("a.md", body, 1, want_html=True)
            best = min(best, time.perf_counter() - started)
        return best

    # The yardstick: an ordinary paragraph with a link and an emphasis every few words, measured alongside.
    ordinary = seconds("[посилання](https://rada.example.org/) і *наголос* ", MAX_PARAGRAPH)
    slow = {p: seconds(p, MAX_PARAGRAPH) for p in WORST}
    # Quadratic, "[" × 10,000 took ~22 s here and "[x" ~13 s: several hundred times the ordinary paragraph;
    # now the worst is a few times it (measured: 5×).
    assert max(slow.values()) < 20 * ordinary + 0.1, (ordinary, slow)


def test_the_worst_body_builds_as_quickly_as_check_says(tmp_path):
    """A 1 MB body of 10,000-character paragraphs of "[", the pattern that took ~80 s for 20 KB: built whole."""
    import time

    site = Site(tmp_path)
    base(site)
    body = "\n\n".join(["[" * 9_999] * 100)
    site.write("news/2024/b.md", item(title="Друга новина", body=body))
    started = time.monotonic()
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text
    assert time.monotonic() - started < 120  # quadratic, this was ~100 × 15 s; linear, a few seconds
    assert "[" * 9_999 in build.page("news/2024/druha-novyna/")

def write_case(site: Site, case: Case) -> None:
    for relpath, text in case.outside.items():
        path = site.root / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for relpath, value in case.files.items():
        path = site.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if value is None:
            os.mkfifo(path)
        elif isinstance(value, Link):
            os.symlink(value.target, path, target_is_directory=value.folder)
        else:
            site.write(relpath, value)


def listed(text: str) -> list[str]:
    """The problem lines of a report, without the fixes."""
    return sorted(line.strip().split(" — ")[0] for line in text.splitlines() if re.match(r"\s+\S+:\d+: ", line))


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_hostile_content_is_refused_by_check_and_build_alike(tmp_path, case):
    site = Site(tmp_path)
    base(site)
    write_case(site, case)
    checked = sorted(str(p).split(" — ")[0] for p in scan(str(site.content), clock=clock()).problems)
    for expected in case.problems:
        assert any(p.startswith(expected) for p in checked), (expected, checked)
    assert len(checked) == len(case.problems), checked
    build = site.build(epoch=EPOCH)
    assert build.returncode == 1, build.text
    assert "Traceback" not in build.text and "CRITICAL" not in build.text, build.text
    assert listed(build.text) == checked  # one path decides: same problems, same lines, same words
    assert leaked(build.output, case) == [], "the build failed, yet wrote what the case names"


def named(case: Case) -> set[str]:
    """What a case's files would publish: each static file's path, each item's folder and slug, `absent`."""
    names = set(case.absent)
    for relpath, value in case.files.items():
        if not relpath.endswith(".md"):
            names.add(relpath)
            continue
        title = re.search(r"^title: *(.+)$", value if isinstance(value, str) else "", re.MULTILINE)
        slug = slugify(title.group(1).strip("\"'")) if title else ""
        names.add(f"{relpath.rsplit('/', 1)[0]}/{slug}" if slug else relpath)
    return names


def leaked(output, case: Case) -> list[str]:
    written = [p.relative_to(output).as_posix() for p in output.rglob("*")] if output.exists() else []
    return sorted(w for w in written for name in named(case) if w == name or w.startswith(name + "/"))


def clock():
    from visnyk.domain.common.clock import build_clock

    return build_clock({"SOURCE_DATE_EPOCH": EPOCH})


def test_every_problem_of_every_case_at_once(tmp_path):
    """All the cases in one folder: one run lists every problem (no first-error stop), check as build."""
    site = Site(tmp_path)
    base(site)
    cases = [c for c in CASES if c.id not in ("attach-steals-another-items-attachment", "script-from-files",
                                               "link-to-a-later-item", "huge-file", "front-matter-25000-levels-deep")
             and c.id not in ALONE]
    merged, expected = {}, []

    def renamed(relpath: str, number: int) -> str:
        return relpath.replace("/b.", f"/b{number}.").replace("/b2.", f"/b{number}x2.").replace(
            "/b3.", f"/b{number}x3.").replace("/z.md", f"/z{number}.md")

    owner = {renamed(relpath, number): number for number, case in enumerate(cases) for relpath in case.files}
    for number, case in enumerate(cases):
        for relpath, value in case.files.items():
            if isinstance(value, str) and relpath.endswith(".md"):  # one URL each: no clash between cases
                value = value.replace("title: Друга новина", f"title: Друга новина {number}")
            merged[renamed(relpath, number)] = value.replace("2024-06-03", f"2024-{6 + number % 6:02d}-03") \
                .replace('"2024-05"', f'"2024-{5 + number % 6:02d}"') if isinstance(value, str) and "reports/" in relpath else value
        for problem in case.problems:  # a file two cases write (images/2024/logo.svg) is the later case's
            path = renamed(problem.split(":", 1)[0], number)
            if owner.get(path, number) == number:
                expected.append(path + ":" + problem.split(":", 1)[1])
        for relpath, text in case.outside.items():
            (site.root / relpath).parent.mkdir(parents=True, exist_ok=True)
            (site.root / relpath).write_text(text, encoding="utf-8")
    write_case(site, Case("all", merged, ()))
    checked = sorted(str(p).split(" — ")[0] for p in scan(str(site.content), clock=clock()).problems)
    build = site.build(epoch=EPOCH)
    assert build.returncode == 1 and "Traceback" not in build.text
    assert listed(build.text) == checked
    unmatched = list(checked)
    for problem in expected:  # each expected problem is one reported problem: none missing, none extra
        found = next((p for p in unmatched if p.startswith(problem)), None)
        assert found is not None, (problem, unmatched)
        unmatched.remove(found)
    assert unmatched == [] and len(checked) == len(expected), unmatched
    assert leaked(build.output, Case("all", merged, (), absent=tuple(a for c in cases for a in c.absent))) == []


def publish(site: Site, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "VISNYK_SITEURL": "https://rada.example.org"}
    return subprocess.run([sys.executable, "-m", "invoke", "publish", "--content", str(site.content),
                           "--output", str(site.root / "public"), *args],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)


def test_publish_gives_the_same_verdict(tmp_path):
    site = Site(tmp_path)
    base(site)
    write_case(site, next(c for c in CASES if c.id == "form-feed-from-word"))
    result = publish(site)
    assert result.returncode == 1, result.stdout + result.stderr
    assert listed(result.stdout + result.stderr) == ["news/2024/b.md:6: невидимий символ U+000C (розрив сторінки з Word) "
                                                     "у рядку 6, позиція 14"]
    assert "Traceback" not in result.stdout + result.stderr and not (site.root / "public").exists()


# --- long and odd, but honest: these build ---------------------------------------------------------------


def test_a_257_character_act_title_builds_with_a_short_unique_address(tmp_path):
    site = Site(tmp_path)
    base(site)
    site.write("acts/2024/long.md", item(title=LONG_TITLE, act_kind="council_decision"))
    site.write("acts/2024/long2.md", item(title=LONG_TITLE.replace("1234", "1235"), act_kind="council_decision"))
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text
    pages = sorted(p.parent.name for p in (build.output / "acts/2024").glob("*/index.html"))
    long = [p for p in pages if p.startswith("pro-vnesennia")]
    assert len(long) == 2 and all(len(p) <= 80 for p in long), long  # two titles that differ past 80: two pages
    assert long[0].startswith("pro-vnesennia-zmin-do-rishennia-yasnohirskoi-miskoi-rady-vid-23-hrudnia")
    # Each page carries its own whole title (spaces, no-break ones included, compared as spaces).
    from lxml import html as lxml_html

    headings = sorted(" ".join(lxml_html.fromstring(build.page(f"acts/2024/{slug}/")).xpath("string(//h1)").split())
                      for slug in long)
    assert headings == sorted([LONG_TITLE, LONG_TITLE.replace("1234", "1235")]), headings


def test_tag_links_and_a_report_dated_after_an_old_build_clock(tmp_path):
    site = Site(tmp_path)
    base(site)
    site.write("news/2024/b.md", item(title="Друга новина", body="Усе про [благоустрій]({tag}благоустрій)."))
    # Written on 2 October for September; the build clock (an older commit's time) is in August: scheduled.
    site.write("reports/2026/z.md", item(title="Звіт", date="2026-10-02 10:00", period='"2026-09"'))
    build = site.build(epoch="1785574800")  # 2026-08-01 12:00 Kyiv
    assert build.returncode == 0, build.text
    page = build.page("news/2024/druha-novyna/")
    assert 'href="../../../tags/blahoustrii/"' in page
    assert (build.output / "tags/blahoustrii/index.html").is_file()
    assert not (build.output / "reports/2026/09").exists()  # the report waits for its own date


def test_open_data_cells_never_run_as_formulas(tmp_path):
    site = Site(tmp_path)
    base(site)
    site.write("news/2024/f.md", item(title="'=HYPERLINK(\"https://example.com\";\"клік\")'"))
    site.write("news/2024/g.md", item(title="'@SUM(1+1)'", date="2024-05-15 10:00"))
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text
    rows = list(csv.DictReader(io.StringIO((build.output / "stats/register.csv").read_text(encoding="utf-8"))))
    titles = {row["title"] for row in rows}
    assert "'=HYPERLINK(\"https://example.com\";\"клік\")" in titles and "'@SUM(1+1)" in titles
    assert not [t for t in titles if t[:1] in "=+-@"]
    data = json.loads((build.output / "stats/publications.json").read_text(encoding="utf-8"))
    assert data["timezone"] == "Europe/Kyiv"  # JSON has no titles to guard; the register's exact text is in pages


def test_render_cache_with_template_pages_builds(tmp_path):
    site = Site(tmp_path)
    base(site)
    (tmp_path / "extra.html").write_text("{% extends 'base.html' %}{% block content %}Додаткова{% endblock %}",
                                         encoding="utf-8")
    args = ("--cache-path", str(tmp_path / "cache"), "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
            f'TEMPLATE_PAGES={{"{tmp_path / "extra.html"}": "extra/index.html"}}')
    for _ in range(2):
        build = site.build(*args, epoch=EPOCH)
        assert build.returncode == 0, build.text
        assert "Додаткова" in (build.output / "extra/index.html").read_text(encoding="utf-8")


def test_toggling_settings_between_cached_builds_never_breaks_the_next(tmp_path):
    site = Site(tmp_path)
    base(site)
    cache = ("--cache-path", str(tmp_path / "cache"), "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
    for search, render in (("true", "true"), ("false", "true"), ("true", "true"), ("true", "false"),
                           ("false", "false"), ("true", "true")):
        build = site.build(*cache, f"VISNYK_SEARCH={search}", f"VISNYK_RENDER_CACHE={render}", epoch=EPOCH)
        assert build.returncode == 0, (search, render, build.text)
        assert (build.output / "pagefind").exists() == (search == "true"), (search, render)


# --- the published site's script policy, in Debian Chromium ----------------------------------------------


@pytest.mark.browser
def test_published_pages_run_only_the_themes_and_pagefinds_scripts(tmp_path, browser):
    """With its address known, the site's CSP names /theme/js/ and /pagefind/: search still works, and a
    script placed anywhere else on the site (here written into output/ by hand) is refused by the browser."""
    import socket

    from conftest import serving
    from test_search import search, search_site

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site = search_site(tmp_path)
    build = site.build(settings="publishconf.py", env={"VISNYK_SITEURL": f"http://127.0.0.1:{port}"})
    assert build.returncode == 0, build.text
    (build.output / "files").mkdir(exist_ok=True)
    (build.output / "files/evil.js").write_text("document.title = 'зламано';", encoding="utf-8")
    about = build.output / "pro-hromadu/index.html"
    about.write_text(about.read_text(encoding="utf-8").replace("</body>", '<script src="/files/evil.js"></script></body>'),
                     encoding="utf-8")
    with serving(build.output, port) as base:
        page = browser.new_page()
        page.on("load", lambda _page: ran("browser", "Playwright"))
        errors = []
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{base}/search/")
        assert search(page, "столиці") == "За запитом «столиці» знайдено 3 результати."
        assert errors == [], errors
        page.goto(f"{base}/pro-hromadu/")
        page.wait_for_load_state("load")
        assert page.title() != "зламано"
        assert any("Content Security Policy" in e and "evil.js" in e for e in errors), errors
        page.close()


def test_every_generated_top_level_folder_is_reserved_from_standing_pages(tmp_path):
    """A standing page's slug may not take a folder the build writes (home, feeds, reports, stats, search…)."""
    from visnyk.domain.navigation.urls import RESERVED

    site = Site(tmp_path)
    base(site)
    site.write("pages/pro-nas.md", item(title="Про нас", department=None))
    site.write("reports/2024/z.md", item(title="Звіт", date="2024-06-03 10:00", period='"2024-05"'))
    build = site.build(settings="publishconf.py", env={"VISNYK_SITEURL": "https://rada.example.org"}, epoch=EPOCH)
    assert build.returncode == 0, build.text
    folders = {p.name for p in build.output.iterdir() if p.is_dir()}
    assert {"news", "acts", "reports", "stats", "tags", "feeds", "search", "theme", "files"} <= folders
    assert folders - {"pro-nas"} <= RESERVED, folders - {"pro-nas"} - RESERVED
    clash = Site(tmp_path / "clash")
    base(clash)
    clash.write("pages/stats.md", item(title="Статистика", department=None, slug="stats"))
    assert [str(p).split(" — ")[0] for p in scan(str(clash.content), clock=clock()).problems] == [
        "pages/stats.md:4: адреса /stats/ зайнята розділом сайту"]


def test_the_links_our_docs_and_messages_teach_work(tmp_path):
    """Every example link of docs/redaktoram.md's link table builds into a working link."""
    docs = (ROOT / "docs" / "redaktoram.md").read_text(encoding="utf-8")
    table = docs.split("| на що | як писати |", 1)[1].split("\n\n", 1)[0]
    examples = re.findall(r"`(\[[^`]+\]\([^`)]+\))`", table)
    assert len(examples) == 4, examples
    site = Site(tmp_path)
    base(site)
    site.write("acts/2024/rishennia-12.md", item(title="Рішення № 12", act_kind="council_decision"))
    site.write("news/2024/b.md", item(title="Друга новина", body="\n\n".join(examples)))
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text
    page = build.page("news/2024/druha-novyna/")
    hrefs = re.findall(r'<a href="([^"]+)">', page)
    local = [h for h in hrefs if h.endswith(("/acts/2024/rishennia-no-12/", "/files/2024/plan.pdf", "/tags/blahoustrii/"))]
    assert len(local) == 3, hrefs
    for href in local:
        target = (build.output / "news/2024/druha-novyna" / href).resolve()
        assert target.is_file() or (target / "index.html").is_file(), href


# --- issue 23a: active SVG, link placeholders, picture metadata, file names, body pictures -----------------
# (a block of its own: other hardening cases are added above)


def phone_photo(fmt: str = "JPEG") -> bytes:
    """A phone photo with its GPS position, camera and serial number in EXIF and an XMP note."""
    from PIL import Image

    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0xA431] = "SN-4711"  # BodySerialNumber
    exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0), 3: "E", 4: (30.0, 31.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    extra = {"tiffinfo": {0x010F: "PhoneMaker", 0xA431: "SN-4711"}} if fmt == "TIFF" else {"exif": exif.tobytes()}
    if fmt in ("JPEG", "WEBP", "AVIF"):
        extra["xmp"] = b"<x:xmpmeta>SN-4711</x:xmpmeta>"
    Image.new("RGB", (64, 48), (30, 90, 160)).save(out, fmt, **extra)
    return out.getvalue()


CASES_23A = [
    # Pelican replaces a placeholder wherever "href=", "src=" or "content=" stands inside a tag, also inside
    # another attribute's value: each one goes through the link and ownership checks.
    Case("attach-in-a-link-title-moves-another-items-attachment",
         {"news/2024/b.md": item(title="Друга новина",
                                 body="[сайт](https://rada.example.org \"див. href='{attach}/files/2024/plan.pdf'\")")},
         ("news/2024/b.md:6: {attach} переносить файл до теки матеріалу",), absent=("news/2024/plan.pdf",)),
    Case("static-in-an-abbr-title-publishes-departments-yml",
         {"news/2024/b.md": item(title="Друга новина",
                                 body="<abbr title=\"src='{static}/departments.yml'\">ДЮСШ</abbr> працює.")},
         ("news/2024/b.md:6: посилання на /departments.yml: цей файл не публікується",),
         absent=("departments.yml",)),
    Case("old-syntax-filename-in-a-title-links-a-missing-item",
         {"news/2024/b.md": item(title="Друга новина",
                                 body="Текст.\n\n<abbr title='content=\"|filename|/news/2024/nema.md\"'>x</abbr>")},
         ("news/2024/b.md:8: посилання на /news/2024/nema.md: такого матеріалу немає",)),
    Case("report-attach-in-a-title-to-the-site-root",
         {"reports/2024/z.md": item(title="Звіт", date="2024-06-03 10:00", period='"2024-05"',
                                    body="<abbr title=\"href='{attach}/files/2024/plan.pdf'\">план</abbr>")},
         ("reports/2024/z.md:7: {attach} переносить файл до теки матеріалу",), absent=("plan.pdf",)),
    Case("unquoted-static-address-stays-dead",
         {"news/2024/b.md": item(title="Друга новина", body="<a href={static}/files/2024/plan.pdf>план</a>")},
         ("news/2024/b.md:6: адресу «{static}/files/2024/plan.pdf» сайт не замінить",)),
    # Pelican reads and copies every {static} path it finds, decoding only %20: these crashed with a traceback.
    Case("static-links-percent-encoded-missing-or-outside",
         {"news/2024/b.md": item(title="Друга новина", body="[a]({static}/files/2024/nema%23x.pdf) "
                                 "[b]({static}/../../../etc/passwd)")},
         ("news/2024/b.md:6: посилання на /../../../etc/passwd: файлу немає",
          "news/2024/b.md:6: посилання на /files/2024/nema%23x.pdf: файлу немає")),
    # An SVG runs on the council's address: only an allowlisted picture is published (written again by us).
    Case("svg-stylesheet-instruction-and-css-that-fetches",
         {"images/2024/xsl.svg": '<?xml version="1.0"?>\n<?xml-stylesheet type="text/xsl" href="x.xsl"?>\n'
                                 '<svg xmlns="http://www.w3.org/2000/svg"/>',
          "images/2024/css.svg": '<svg xmlns="http://www.w3.org/2000/svg">\n<style>\n'
                                 'rect { fill: url(https://evil.example/p.svg#x) }\n</style>\n'
                                 '<rect width="4" height="4" style="fill: u\\72l(//evil.example/)"/>\n</svg>',
          "files/2024/entity.svg": '<!DOCTYPE svg [<!ENTITY a SYSTEM "file:///etc/passwd">]>\n'
                                   '<svg xmlns="http://www.w3.org/2000/svg"><text>&a;</text></svg>',
          "images/2024/use.svg": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                                 '\n<use xlink:href="https://evil.example/a.svg#x"/>\n<a href="javascript:alert(1)">'
                                 '<set attributeName="href" to="javascript:alert(1)"/></a></svg>'},
         ("files/2024/entity.svg:1: SVG містить не лише малюнок: оголошення <!DOCTYPE>",
          "images/2024/css.svg:2: SVG містить не лише малюнок: <style>: стиль, що може завантажити файл",
          "images/2024/css.svg:5: SVG містить не лише малюнок: атрибут style: стиль, що може завантажити файл",
          "images/2024/use.svg:2: SVG містить не лише малюнок: посилання https://evil.example/a.svg#x",
          "images/2024/use.svg:3: SVG містить не лише малюнок: атрибут attributeName, атрибут to, елемент <a>",
          "images/2024/xsl.svg:2: SVG містить не лише малюнок: інструкція <?xml-stylesheet…?>"),
         absent=("images/2024/xsl.svg", "images/2024/css.svg", "files/2024/entity.svg", "images/2024/use.svg")),
    # A picture shown in a body is decoded by every reader's browser: the lead image's limits apply.
    Case("body-pictures-too-big-or-a-bomb",
         {"news/2024/b.md": item(title="Друга новина", body="![План]({static}/images/2024/big.png)\n\n"
                                 '<img alt="Мапа" src="{static}../../files/2024/bomb.png">'),
          "images/2024/big.png": png_header(9000, 6000), "files/2024/bomb.png": png_header(40000, 40000)},
         ("news/2024/b.md:6: зображення images/2024/big.png завелике: 9000 × 6000 пікселів",
          "news/2024/b.md:8: зображення files/2024/bomb.png завелике для розпакування")),
    # A TIFF or HEIC/AVIF cannot be cleaned without decoding it: with camera data it is refused, whatever its name.
    Case("photo-metadata-in-formats-that-cannot-be-cleaned",
         {"files/2024/scan.tif": phone_photo("TIFF"), "images/2024/phone.avif": phone_photo("AVIF"),
          "files/2024/phone.pdf": phone_photo("AVIF")},
         ("files/2024/phone.pdf:1: зображення files/2024/phone.pdf (HEIC/AVIF) містить відомості про камеру",
          "files/2024/scan.tif:1: зображення files/2024/scan.tif (TIFF) містить відомості про камеру",
          "images/2024/phone.avif:1: зображення images/2024/phone.avif (HEIC/AVIF) містить відомості про камеру"),
         absent=("files/2024/scan.tif", "images/2024/phone.avif", "files/2024/phone.pdf")),
]


@pytest.mark.parametrize("case", CASES_23A, ids=lambda c: c.id)
def test_23a_hostile_content_is_refused_by_check_and_build_alike(tmp_path, case):
    test_hostile_content_is_refused_by_check_and_build_alike(tmp_path, case)


# Each tries, in its own way, to run a script on the site's address or to make the browser fetch from an
# outside host (OUT is replaced by a second local server's address). The browser test below publishes
# whatever `check` lets through and opens it: if the allowlist ever lets one pass, the browser shows it.
SCRIPT = "document.title='зламано';localStorage.setItem('svg','ran');fetch('OUT/script')"
HOSTILE_SVGS = {
    "script": f'<svg xmlns="http://www.w3.org/2000/svg"><script>{SCRIPT}</script></svg>',
    "onload": f'<svg xmlns="http://www.w3.org/2000/svg" onload="{SCRIPT}"><rect width="9" height="9"/></svg>',
    "xsl": '<?xml-stylesheet type="text/xsl" href="OUT/evil.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    "css-instruction": '<?xml-stylesheet type="text/css" href="OUT/a.css"?><svg xmlns="http://www.w3.org/2000/svg"/>',
    "import": '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(OUT/b.css);</style></svg>',
    "css-url": '<svg xmlns="http://www.w3.org/2000/svg"><rect width="9" height="9" style="fill:url(OUT/c.svg#p)"/></svg>',
    "css-escape": '<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:u\\72l(OUT/d.svg#p)}</style>'
                  '<rect width="9" height="9"/></svg>',
    "image-set": '<svg xmlns="http://www.w3.org/2000/svg"><style>rect{fill:image-set("OUT/e.png" 1x)}</style></svg>',
    "image": '<svg xmlns="http://www.w3.org/2000/svg"><image href="OUT/f.png" width="9" height="9"/></svg>',
    "use": '<svg xmlns="http://www.w3.org/2000/svg"><use href="OUT/g.svg#x"/></svg>',
    "fe-image": '<svg xmlns="http://www.w3.org/2000/svg"><filter id="f"><feImage href="OUT/h.png"/></filter>'
                '<rect filter="url(#f)" width="9" height="9"/></svg>',
    "foreign-object": '<svg xmlns="http://www.w3.org/2000/svg"><foreignObject width="9" height="9">'
                      f'<iframe xmlns="http://www.w3.org/1999/xhtml" src="OUT/i"/><img xmlns="http://www.w3.org/1999/xhtml" '
                      f'src="x" onerror="{SCRIPT}"/></foreignObject></svg>',
    "entity": '<!DOCTYPE svg [<!ENTITY x SYSTEM "OUT/j">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>',
    "xlink-animation": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                       '<image width="9" height="9"><set attributeName="xlink:href" to="OUT/k.png"/></image></svg>',
}
PIXEL_PNG = ("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
SAFE_SVGS = {  # what drawing programs write: published, written again
    "inkscape": '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Created with Inkscape -->\n'
                '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" '
                'xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd" width="40" height="40" '
                'inkscape:version="1.3"><sodipodi:namedview id="nv"/><metadata><rdf:RDF '
                'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
                '<defs><linearGradient id="g"><stop offset="0" stop-color="#0057b7"/><stop offset="1" '
                'stop-color="#ffd700"/></linearGradient></defs><g inkscape:label="Шар 1">'
                '<rect id="r" width="40" height="40" style="fill:url(#g);stroke:#000"/><use href="#r" x="2"/>'
                '<text x="4" y="20" font-family="sans-serif">Герб &amp; прапор</text></g></svg>',
    "embedded-png": '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                    f'<image width="9" height="9" xlink:href="data:image/png;base64,{PIXEL_PNG}"/></svg>',
}


@pytest.mark.browser
def test_every_published_svg_runs_nothing_and_fetches_nothing_in_chromium(tmp_path, browser):
    """Break: make svg.judge accept every file (return Verdict(raw)) — the hostile ones are published and the
    page title, localStorage or the outside server's log catch them."""
    import http.server
    import socket
    import threading

    from conftest import serving

    hits: list[str] = []

    class Outside(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    outside = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Outside)
    threading.Thread(target=outside.serve_forever, daemon=True).start()
    out = f"http://127.0.0.1:{outside.server_address[1]}"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    site = Site(tmp_path)
    base(site)
    for name, text in {**HOSTILE_SVGS, **SAFE_SVGS}.items():
        site.write(f"images/2024/{name}.svg", text.replace("OUT", out))
    refused = {p.path for p in scan(str(site.content), clock=clock()).problems}
    for path in refused:
        (site.content / path).unlink()  # what check refuses is not published: the rest is
    build = site.build(settings="publishconf.py", epoch=EPOCH, env={"VISNYK_SITEURL": f"http://127.0.0.1:{port}"})
    assert build.returncode == 0, build.text
    published = sorted(p.relative_to(build.output).as_posix() for p in build.output.rglob("*.svg")
                       if not p.relative_to(build.output).as_posix().startswith("theme/"))
    assert {f"images/2024/{n}.svg" for n in SAFE_SVGS} <= set(published), published
    (build.output / "svg-test.html").write_text(
        "<!doctype html><title>svg</title>" + "".join(f'<img alt="" src="/{p}">' for p in published), encoding="utf-8")
    try:
        with serving(build.output, port) as site_url:
            page = browser.new_page()
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            for url in [f"{site_url}/{p}" for p in published] + [f"{site_url}/svg-test.html"]:
                page.goto(url)
                page.wait_for_load_state("load")
                page.wait_for_timeout(300)  # an onload handler or an animation gets its turn
                assert page.title() != "зламано", url
                assert page.evaluate("localStorage.getItem('svg')") is None, url
            page.close()
    finally:
        outside.shutdown()
        outside.server_close()
    assert hits == [], hits
    assert all(r.startswith(site_url) for r in requests), [r for r in requests if not r.startswith(site_url)]
    inkscape = (build.output / "images/2024/inkscape.svg").read_text(encoding="utf-8")
    assert "inkscape" not in inkscape and "<!--" not in inkscape and "Герб &amp; прапор" in inkscape


def test_a_photo_under_a_wrong_name_is_published_without_gps_or_camera(tmp_path):
    """Sniffed by bytes, not by name: a JPEG or WebP called .png, .gif, .pdf or .ico loses its EXIF and XMP.
    Break: in originals.cleaned, drop `or sniff(head) is not None` — the .gif, .pdf and .ico keep their GPS."""
    from PIL import Image

    site = Site(tmp_path)
    base(site)
    named = {"images/2024/foto.png": phone_photo(), "files/2024/foto.gif": phone_photo(),
             "files/2024/foto.pdf": phone_photo("WEBP"), "extra/favicon.ico": phone_photo(),
             "images/2024/foto.jpg": phone_photo("PNG")}
    for path, data in named.items():
        site.write(path, data)
        assert b"SN-4711" in data
    site.write("news/2024/b.md", item(title="Фото", body="![Сквер]({static}/images/2024/foto.png)\n\n"
                                      "![Сквер]({static}/images/2024/foto.jpg)",
                                      attachments="[{file: files/2024/foto.gif, title: Фото}]"))
    assert scan(str(site.content), clock=clock()).problems == []
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text
    for path in named:
        data = (build.output / path).read_bytes()
        assert b"SN-4711" not in data and b"PhoneMaker" not in data and b"xmpmeta" not in data, path
        with Image.open(io.BytesIO(data)) as image:
            assert not {0x010F, 0xA431, 0x8825} & set(image.getexif()), path
            image.load()


def test_attachments_with_hash_question_mark_percent_space_or_cyrillic_names_download(tmp_path):
    """Names are percent-encoded into href (attachments and {static} links alike): a real fetch of every link
    from a local server of the build gets the file. Break: make attachments.address return the path as it is
    — "план #2" is asked for as "план " and gets 404."""
    import urllib.error
    import urllib.request
    from html.parser import HTMLParser
    from urllib.parse import quote, urljoin, urlsplit, urlunsplit

    from conftest import serving

    names = ("план #2 (100%).pdf", "what?.pdf", "звіт 2024.pdf", "a&b'c.pdf")
    site = Site(tmp_path)
    base(site)
    for number, name in enumerate(names):
        site.write(f"files/2024/{name}", b"%PDF-1.4\n" + bytes([48 + number]) + b"\n%%EOF\n")
    listed = ", ".join(f'{{file: "files/2024/{name}", title: "Файл {n}"}}' for n, name in enumerate(names))
    site.write("news/2024/b.md", item(title="Файли", slug="faily", attachments=f"[{listed}]",
                                      body="[План]({static}/files/2024/%D0%BF%D0%BB%D0%B0%D0%BD%20%232%20%28100%25%29.pdf)"))
    assert scan(str(site.content), clock=clock()).problems == []
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text

    class Hrefs(HTMLParser):
        found: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.found += [v for k, v in attrs if k == "href" and v and "files/2024/" in v]

    page = build.output / "news/2024/faily/index.html"
    parser = Hrefs()
    parser.feed(page.read_text(encoding="utf-8"))
    assert len(parser.found) == len(names) + 1, parser.found
    def as_a_browser_asks(url: str) -> str:
        """What a browser requests for a link: spaces and non-ASCII encoded, "?" starts the query, "#" the
        fragment (never sent)."""
        parts = urlsplit(url)
        return urlunsplit((parts.scheme, parts.netloc, quote(parts.path, safe="/%:@!$&'()*+,;=~"), parts.query, ""))

    with serving(build.output) as root:
        base_url = f"{root}/news/2024/faily/"
        got, missing = {}, []
        for href in parser.found:
            try:
                with urllib.request.urlopen(as_a_browser_asks(urljoin(base_url, href))) as response:
                    got[href] = response.read()
            except urllib.error.HTTPError as error:
                missing.append((href, error.code))
    assert missing == []
    for number, name in enumerate(names):
        assert (build.output / "files/2024" / name).read_bytes() in got.values(), name


def test_old_syntax_tag_links_lead_to_our_tag_pages(tmp_path):
    """`|tag|name` is the same link as `{tag}name` to Pelican (and to the link check): it must get our
    transliteration too, not Pelican's (blagoustrii, a page that does not exist). Break: make the reader's
    _TAG_LINK match only "{tag}"."""
    site = Site(tmp_path)
    base(site)
    site.write("news/2024/b.md", item(title="Друга новина", body="Усе про [благоустрій](|tag|благоустрій) і "
                                      "<abbr title=\"href='|tag}благоустрій'\">ЖКГ</abbr>."))
    assert scan(str(site.content), clock=clock()).problems == []
    build = site.build(epoch=EPOCH)
    assert build.returncode == 0, build.text
    page = build.page("news/2024/druha-novyna/")
    assert page.count("../../../tags/blahoustrii/") == 2 and "blagoustrii" not in page
    assert (build.output / "tags/blahoustrii/index.html").is_file()
