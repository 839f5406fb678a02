"""The content contract (issue 2 §3): every editor's mistake stops `pelican` with `path:line: what — fix`.

One site holds one mistake per file (so none hides another) and is built once with the stock
`pelican` command; each case then asserts its own report line. The same site goes through
`invoke check`, which must list exactly the same problems.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys

import pytest
from conftest import DEPARTMENTS, ROOT, Site, item

from visnyk.adapters.build import strict
from visnyk.domain.site.scan import scan

# (file, its text, the line reported, words the message and the fix hint must contain)
CASES: list[tuple[str, str | bytes, int, tuple[str, ...]]] = [
    # Stock pelican-yaml-metadata logs this one and skips the article while pelican exits 0.
    ("news/2024/colon.md", item(title="Оголошення: прийом громадян"), 2,
     ("помилка YAML", "двокрапка всередині значення", "візьміть його в лапки", 'title: "Оголошення: прийом громадян"')),
    ("news/2024/no-title.md", "---\ndate: 2024-05-14 10:00\ndepartment: info\n---\nТекст.\n", 1,
     ("немає обов'язкового поля title", "додайте в опис рядок title:")),
    ("news/2024/no-date.md", "---\ntitle: Без дати\ndepartment: info\n---\nТекст.\n", 1,
     ("немає обов'язкового поля date", "додайте в опис рядок date:")),
    ("news/2024/no-department.md", item(title="Без підрозділу", department=None), 1,
     ("немає обов'язкового поля department", "додайте в опис рядок department:")),
    ("news/2024/type-of-other-folder.md", item(title="Не та тека", type="act"), 5,
     ("type: act не збігається з текою news/", "(там type: news)", "перенесіть файл до acts/ або виправте type")),
    ("news/2024/unknown-type.md", item(title="Невідомий тип", type="article"), 5,
     ("невідомий тип «article»", "допустимі: news, announcement, act, meeting, video, report, page")),
    ("news/2024/act-field-in-news.md", item(title="Поле акта", act_kind="mayor_order"), 5,
     ("поле act_kind буває лише в теці acts/, а не в news/", "приберіть поле або перенесіть файл")),
    ("misc/outside.md", item(title="Поза теками"), 1,
     ("файл лежить поза теками типів матеріалів", "покладіть файл у теку news/, announcements/, acts/, meetings/, videos/, reports/, pages/")),
    ("news/2024/unknown-department.md", item(title="Чужий підрозділ", department="komunikatsii"), 4,
     ("невідомий підрозділ «komunikatsii»", "допустимі: finansy, info (список у departments.yml)")),
    ("news/2024/unknown-status.md", item(title="Статус", status="publish"), 5,
     ("невідоме значення статусу status: «publish»", "допустимі: published, draft, hidden")),
    ("acts/2024/unknown-act-kind.md", item(title="Розпорядження", act_kind="decree"), 5,
     ("невідоме значення виду акта act_kind: «decree»",
      "допустимі: council_decision, executive_decision, mayor_order, draft_decision, regulatory_act, protocol, "
      "commission_conclusion, commission_recommendations, other")),
    ("acts/2024/no-act-kind.md", item(title="Рішення без виду"), 1,
     ("немає обов'язкового поля act_kind", "додайте в опис рядок act_kind:")),
    ("news/2024/february-29.md", item(title="Двадцять дев'яте", date="2023-02-29 10:00"), 3,
     ("поле date: дата «2023-02-29 10:00» не існує", "РРРР-ММ-ДД ГГ:ХХ за київським часом")),
    ("news/2024/month-13.md", item(title="Тринадцятий місяць", date="2024-13-01"), 3,
     ("поле date: дата «2024-13-01» не існує", "РРРР-ММ-ДД ГГ:ХХ")),
    ("news/2024/hour-25.md", item(title="Двадцять п'ята година", date="2024-05-14 25:00"), 3,
     ("поле date: дата «2024-05-14 25:00» не існує", "РРРР-ММ-ДД ГГ:ХХ")),
    ("news/2024/dst-gap.md", item(title="Перехід на літній час", date="2024-03-31 03:30"), 3,
     ("час «2024-03-31 03:30» не існує в Києві", "переводили на літній час", "ISO 8601 зі зсувом")),
    ("news/2024/not-a-date.md", item(title="Не дата", date="14 травня"), 3,
     ("«14 травня» не схоже на дату", "РРРР-ММ-ДД ГГ:ХХ")),
    ("news/2024/same-url-2.md", item(title="Однакова назва"), 2,
     ("адреса /news/2024/odnakova-nazva/ збігається з адресою news/2024/same-url-1.md",
      "дайте одному з матеріалів інший slug:", "odnakova-nazva-2024-05-14")),
    ("reports/2024/second-report.md", item(title="Звіт ще раз", period="2024-05", date="2024-06-03 10:00"), 5,
     ("звіт підрозділу info за 2024-05 уже є: reports/2024/first-report.md", "об'єднайте два звіти в один файл")),
    ("news/2024/empty.md", b"", 1,
     ("файл порожній", "додайте заголовок, дату й текст або видаліть файл")),
    ("news/2024/blank.md", b" \n\n", 1, ("файл порожній",)),
    ("news/2024/windows-1251.md", item(title="Кодування").encode("cp1251"), 2,
     ("файл не в кодуванні UTF-8 (байт 0x", "збережіть файл у кодуванні UTF-8")),
    ("news/2024/missing-attachment.md",
     item(title="Вкладення", attachments="\n  - {file: files/rishennia.pdf, title: Рішення}"), 5,
     ("файлу files/rishennia.pdf немає", "перевірте назву та теку або додайте файл")),
    ("news/2024/attachment-outside.md",
     item(title="Вкладення деінде", attachments="\n  - {file: docs/rishennia.pdf, title: Рішення}"), 5,
     ("файл docs/rishennia.pdf лежить поза теками files/ та images/", "покладіть файл у content/files/")),
    ("news/2024/missing-image.md", item(title="Зображення", image="images/nema.jpg", image_alt="Сквер"), 5,
     ("файлу images/nema.jpg немає",)),
    ("news/2024/missing-link.md",
     item(title="Посилання", body="Перший абзац.\n\nДив. [рішення]({filename}/news/2024/nema.md)."), 8,
     ("посилання на /news/2024/nema.md: такого матеріалу немає", "перевірте шлях до файлу .md")),
    ("news/2024/missing-static-link.md",
     item(title="Посилання на файл", body="Див. [документ]({static}/files/nema.pdf)."), 6,
     ("посилання на /files/nema.pdf: файлу немає", "перевірте назву файлу й теку")),
    ("news/2024/link-to-draft.md",
     item(title="Посилання на чернетку", body="Див. [чернетку]({filename}draft.md)."), 6,
     ("посилання на чернетку news/2024/draft.md", "опублікуйте той матеріал (status: published) або приберіть посилання")),
    ("news/2024/author-link.md", item(title="Автор", body="Пише [Олена Коваль]({author}olena-koval)."), 6,
     ("посилання {author}… веде в нікуди: таких сторінок на сайті немає", "пишіть {filename}/шлях/до/матеріалу.md, {static}/files/документ.pdf")),
    ("news/2024/photo.jpg", b"\xff\xd8\xff", 1,
     ("у теці матеріалів лежить файл, що не є Markdown (.md)", "перенесіть документ до files/")),
    ("news/2024/notes.txt", "нотатки", 1, ("що не є Markdown (.md)",)),
    ("news/2024/typo-key.md", item(title="Опечатка", sumary="Коротко"), 5,
     ("невідоме поле sumary", "допустимі поля: title, date,", "summary", "(перевірте написання)")),
    ("news/2024/bad-slug.md", item(title="Slug", slug="Моя Новина"), 5,
     ("slug «Моя Новина» має містити лише малі латинські літери, цифри й дефіси", "наприклад slug: moia-novyna")),
    ("news/2024/duplicate-key.md", item(title="Двічі", summary="Раз", **{"summary ": "Два"}), 6,
     ("поле summary вказано двічі", "залиште одне значення")),
    ("news/2024/no-front-matter.md", "Просто текст без опису.\n", 1,
     ("файл не починається з опису (front matter)", "першим рядком напишіть ---")),
    ("news/2024/unclosed.md", "---\ntitle: Незакритий опис\ndate: 2024-05-14 10:00\n", 1,
     ("опис (front matter) не закрито", "додайте рядок --- після останнього поля")),
    ("news/2024/bad-tags.md", item(title="Теги", tags="\n  - {a: b}"), 5,
     ("поле tags має бути списком слів",)),
    ("news/2024/punctuation-tag.md", item(title="Тег без літер", tags='[бюджет, "—"]'), 5,
     ("із тегу «—» не виходить адреса сторінки", "тег має містити літери або цифри")),
    ("news/2024/bad-period-field.md", item(title="Період у новині", period="2024-05"), 5,
     ("поле period буває лише в теці reports/, а не в news/",)),
    ("reports/2024/bad-period.md", item(title="Звіт", period="2024-13"), 5,
     ("період «2024-13» не розпізнано", "period: 2019-09 (місяць) або period: 2019 (рік)")),
    ("pages/news.md", item(title="Новини", department=None, slug="news"), 4,
     ("адреса /news/ зайнята розділом сайту", "вкажіть інший slug:")),
]
# Files the broken ones refer to (valid: they must cause no problem of their own), and one more.
VALID = {
    "news/2024/same-url-1.md": item(title="Однакова назва"),
    "news/2024/draft.md": item(title="Чернетка", status="draft"),
    "reports/2024/first-report.md": item(title="Звіт", period="2024-05", date="2024-06-03 10:00"),
    "news/2024/broken-but-department-checked.md": item(
        title="Дві помилки", date="2024-02-30", department="nope",
        body="[Є]({filename}same-url-1.md), [немає]({filename}nema.md), [зламаний]({filename}colon.md)."),
}
# A broken file is still checked against the registry and its links: all its problems are reported
# (but a link to a file that is itself broken is not: that file's own problem says enough).
EXTRA = [
    ("news/2024/broken-but-department-checked.md", 6, ("посилання на nema.md: такого матеріалу немає",)),
    ("news/2024/broken-but-department-checked.md", 3, ("дата «2024-02-30» не існує",)),
    ("news/2024/broken-but-department-checked.md", 4, ("невідомий підрозділ «nope»", "допустимі: finansy, info")),
]
LINE = re.compile(r"^  (\S+):(\d+): (.*)$", re.MULTILINE)


def problem_lines(text: str) -> list[tuple[str, int, str]]:
    return [(m.group(1), int(m.group(2)), m.group(3)) for m in LINE.finditer(text)]


def broken_site(root) -> Site:
    site = Site(root)
    site.write("departments.yml", DEPARTMENTS)
    for path, text, _line, _words in CASES:
        if text is not None:
            site.write(path, text)
    for path, text in VALID.items():
        site.write(path, text)
    return site


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    site = broken_site(tmp_path_factory.mktemp("broken"))
    return site, site.build()


def expected() -> list[tuple[str, int, tuple[str, ...]]]:
    return [(path, line, words) for path, _text, line, words in CASES] + EXTRA


@pytest.mark.parametrize(
    "path, line, words", [pytest.param(*case, id=f"{case[0]}:{case[1]}") for case in expected()]
)
def test_each_mistake_stops_pelican_with_its_message(broken, path, line, words):
    _site, build = broken
    assert build.returncode != 0
    found = [text for p, n, text in problem_lines(build.stderr) if (p, n) == (path, line)]
    assert found, f"no problem reported at {path}:{line}:\n{build.text}"
    assert any(all(w in text for w in words) for text in found), (found, words)


def test_all_mistakes_are_reported_in_one_run_and_nothing_else(broken):
    _site, build = broken
    reported = problem_lines(build.stderr)
    assert len(reported) == len(expected()), "\n".join(f"{p}:{n}: {t}" for p, n, t in reported)
    assert len(expected()) == 44  # the count is worded in Ukrainian: 41 помилку, 44 помилки, 45 помилок
    assert "Знайдено 44 помилки у змісті сайту:" in build.stderr
    assert "Сайт не зібрано: виправте файли й запустіть збирання знову." in build.stderr
    assert "Traceback" not in build.text
    # Every line names what is wrong and how to fix it, separated by a dash.
    assert all(" — " in text for _p, _n, text in reported)


def test_nothing_is_written_for_a_broken_site(broken):
    _site, build = broken
    assert not (build.output / "index.html").exists()


def test_invoke_check_reports_the_same_problems(broken):
    site, build = broken
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(site.content)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert sorted(problem_lines(proc.stderr)) == sorted(problem_lines(build.stderr))


REGISTRY_CASES = {
    "missing field, duplicate slug, unknown field, bad slug, not a mapping": (
        "- {slug: info, name: Відділ, name_genitive: відділу, head: Олена Коваль, head_title: Начальник}\n"
        "- {slug: finansy, name: Фінансове управління, head: Петро Гнатюк, head_title: Начальник}\n"
        "- {slug: info, name: Відділ 2, name_genitive: відділу 2, head: Іван Дуб, head_title: Начальник}\n"
        "- {slug: osvita, name: Освіта, name_genitive: освіти, head: Ірина Лис, head_title: Начальниця, fax: 1}\n"
        "- {slug: Соцзахист, name: Соцзахист, name_genitive: соцзахисту, head: Марта Бук, head_title: Начальниця}\n"
        "- просто рядок\n",
        [
            (2, ("бракує полів name_genitive", "поля підрозділу: slug, name, name_genitive, head, head_title")),
            (3, ("підрозділ info вказано двічі", "залиште один запис")),
            (4, ("невідомі поля fax",)),
            (5, ("slug «Соцзахист» має містити лише малі латинські літери",)),
            (6, ("підрозділ має бути набором полів",)),
        ],
    ),
    "contacts: a phone without digits, a wrong e-mail": (
        "- {slug: info, name: Відділ, name_genitive: відділу, head: Олена Коваль, head_title: Начальник,\n"
        "   address: \"вул. Соборна, 1\", phone: +380 00 000 00 12, email: info@example.org}\n"
        "- {slug: osvita, name: Освіта, name_genitive: освіти, head: Ірина Лис, head_title: Начальниця,\n"
        "   phone: дзвоніть, email: osvita@}\n",
        [
            (3, ("телефон підрозділу «дзвоніть» має складатися з цифр", "phone: +380")),
            (3, ("адреса пошти підрозділу «osvita@» неправильна", "email: ")),
        ],
    ),
    "missing file": (None, [(1, ("немає реєстру підрозділів", "створіть файл зі списком"))]),
    "empty list": ("[]\n", [(1, ("реєстр підрозділів має бути непорожнім списком",))]),
    "invalid YAML": ("- slug: info\n  name: Відділ: інформації\n", [(2, ("помилка YAML", "двокрапка"))]),
}


@pytest.mark.parametrize("case", REGISTRY_CASES)
def test_registry_problems_stop_the_build(site, case):
    registry, problems = REGISTRY_CASES[case]
    if registry is None:
        (site.content / "departments.yml").unlink()
    else:
        site.write("departments.yml", registry)
    site.write("news/2024/a.md", item(title="Новина", department="info"))
    build = site.build()
    assert build.returncode != 0
    reported = [(n, text) for p, n, text in problem_lines(build.stderr) if p == "departments.yml"]
    assert len(reported) == len(problems), build.stderr
    for line, words in problems:
        assert any(n == line and all(w in text for w in words) for n, text in reported), (line, words, reported)


def test_a_valid_site_with_bom_crlf_and_a_translation_builds(site):
    site.write("news/2024/bom.md", b"\xef\xbb\xbf" + item(title="Новина з BOM").encode())
    site.write("news/2024/crlf.md", item(title="Новина з CRLF", tags="бюджет, освіта", body="Рядок один.\n\nРядок два.").replace("\n", "\r\n").encode())
    site.write("news/2024/cr.md", item(title="Новина з CR").replace("\n", "\r").encode())
    site.write("acts/2024/rishennia.md", item(title="Рішення: про бюджет".join('""'), act_kind="council_decision", number='"012"'))
    site.write("news/2024/forum.md", item(title="Форум громади", date="2024-05-14T07:00:00Z", tags="[бюджет]"))
    site.write("news/2024/forum-en.md", item(title="Community forum", date="2024-05-14T07:00:00Z", slug="forum-hromady", lang="en"))
    site.write("pages/kontakty.md", item(title="Контакти", department=None))
    # Hidden files and folders are skipped by the build as by `invoke check`: a backup, macOS litter.
    site.write("news/2024/.forum.md", item(title="Форум громади", date="2024-05-14T07:00:00Z"))
    site.write("news/2024/._forum.md", b"\x00\x05\x16\x07\xff")
    site.write("news/.old/2024/forum.md", item(title="Стара новина"))
    build = site.build()
    assert build.returncode == 0, build.text
    assert "WARNING" not in build.text and "ERROR" not in build.text
    assert "Новина з BOM" in build.page("news/2024/novyna-z-bom/")
    crlf = build.page("news/2024/novyna-z-crlf/")
    assert "Новина з CRLF" in crlf and "<p>Рядок два.</p>" in crlf and "\r" not in crlf
    assert "Новина з CR" in build.page("news/2024/novyna-z-cr/")
    assert "Рішення: про бюджет" in build.page("acts/2024/rishennia-pro-biudzhet/")
    assert "Community forum" in build.page("en/news/2024/forum-hromady/")
    # Same slug, other language: a translation, so not listed as a publication of its own (an English item
    # with no Ukrainian original is a content error: tests/test_hostile.py).
    index = (build.output / "index.html").read_text(encoding="utf-8")
    assert "Форум громади" in index and "Community forum" not in index
    assert "Контакти" in build.page("kontakty/")
    assert not (build.output / "news" / "2024" / "stara-novyna").exists()
    assert scan(str(site.content)).problems == []
    # 07:00Z is 10:00 in Kyiv (summer time).
    assert 'datetime="2024-05-14T10:00:00+03:00"' in build.page("news/2024/forum-hromady/")


# Strict mode (VISNYK_STRICT, on by default): what Pelican only logs fails the build too.


def test_a_filename_link_to_a_file_is_a_contract_problem_not_only_a_pelican_warning(site):
    # Pelican only warns ({filename} is for .md, {static} for files); the contract names it for check and build.
    site.write("files/plan.pdf", b"%PDF-1.4")
    site.write("news/2024/a.md", item(title="Новина", body="Див. [план]({filename}/files/plan.pdf)."))
    build = site.build()
    assert build.returncode == 1, build.text
    expected = "news/2024/a.md:6: {filename} веде на матеріали (.md), а /files/plan.pdf — файл"
    assert expected in build.stderr and "Traceback" not in build.text
    assert [str(p).split(" — на файли")[0] for p in scan(str(site.content)).problems] == [expected]
    relaxed = site.build("-e", "VISNYK_STRICT=false")  # strict mode is about Pelican's warnings, not the contract
    assert relaxed.returncode == 1 and expected in relaxed.stderr


def test_strict_mode_fails_the_build_on_a_template_warning(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    template = theme / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    assert "{% block content %}" in text
    # `filename` is an attribute Pelican deprecated: using it logs a warning and renders anyway.
    template.write_text(text.replace("{% block content %}", "{% block content %}<!-- {{ article.filename }} -->", 1), encoding="utf-8")
    site.write("news/2024/a.md", item(title="Новина"))
    build = site.build("-t", str(theme))
    assert build.returncode == 1, build.text
    assert "Суворий режим: під час збирання з'явилися попередження або помилки (1)" in build.stderr
    assert "filename has been deprecated" in build.stderr.split("Суворий режим", 1)[1]
    assert "VISNYK_STRICT = False" in build.stderr and "Traceback" not in build.text
    relaxed = site.build("-t", str(theme), "-e", "VISNYK_STRICT=false")
    assert relaxed.returncode == 0, relaxed.text
    assert "filename has been deprecated" in relaxed.text  # still shown, no longer fatal
    assert "Новина" in relaxed.page("news/2024/novyna/")


def test_strict_report_lists_every_record():
    collector = strict.Collector()
    log = logging.getLogger("visnyk.test.strict")
    log.addHandler(collector)
    try:
        log.info("не враховується")
        log.warning("посилання %s не знайдено", "{filename}x.md")
        log.error("рядок один\nрядок два")
    finally:
        log.removeHandler(collector)
    records = collector.take()
    assert collector.take() == []
    text = strict.report(records)
    assert "(2)" in text
    assert "  WARNING [visnyk.test.strict] посилання {filename}x.md не знайдено" in text
    assert "  ERROR [visnyk.test.strict] рядок один\n    рядок два" in text
    assert isinstance(strict.StrictError(text), SystemExit)


def test_strict_mode_keeps_one_collector_per_process():
    class FakePelican:
        settings = {"VISNYK_STRICT": True}

    first, second = FakePelican(), FakePelican()
    root = logging.getLogger()
    try:
        strict.start(first)
        strict.start(first)
        strict.start(second)
        assert [h for h in root.handlers if isinstance(h, strict.Collector)] == [second._visnyk_strict]
        logging.getLogger("visnyk.test.strict").warning("зламане посилання")
        with pytest.raises(strict.StrictError, match="зламане посилання"):
            strict.finish(second)
        strict.finish(second)  # the records were taken: nothing left to fail on
        second.settings = {"VISNYK_STRICT": False}
        logging.getLogger("visnyk.test.strict").warning("ще одне")
        strict.finish(second)
    finally:
        for handler in [h for h in root.handlers if isinstance(h, strict.Collector)]:
            root.removeHandler(handler)
