"""Editor tasks (issue 2 §5): `new` writes a valid file or refuses clearly; `check`; every task has --help."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys

import pytest
from conftest import ROOT, item
from invoke import Collection, Program

from visnyk.domain.site import scaffold
from visnyk.domain.content.items import parse_item
from visnyk.domain.common.model import ActKind, ContentType
from visnyk.domain.site.scan import scan

sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402

NEW_YEAR_IN_KYIV = "1735684200"  # 2024-12-31T22:30:00Z = 2025-01-01 00:30 in Kyiv


@pytest.fixture
def kyiv_new_year(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", NEW_YEAR_IN_KYIV)


def run(*argv: str) -> int:
    """Run a task as `./visnyk ARGS` does, in this process; the exit status (0 when it returns).

    The tasks modules are reloaded for each run: invoke consumes a task's `help` dict on first parse (the tasks
    live in the package, visnyk/cli/, since issue 31; tasks.py imports them).
    """
    for name in ("visnyk.cli.preview", "visnyk.cli.publishing", "visnyk.cli.tasks"):
        importlib.reload(sys.modules[name])
    program = Program(namespace=Collection.from_module(importlib.reload(tasks)), binary="visnyk")
    try:
        program.run(["visnyk", *argv])
    except SystemExit as exc:
        return exc.code or 0
    return 0


def read(path) -> tuple[str, object]:
    relpath = str(path).split("/content/", 1)[1]
    raw = open(path, "rb").read()
    return raw.decode("utf-8"), parse_item(relpath, raw)


def test_new_writes_a_file_dated_now_in_kyiv_in_its_type_and_year_folder(site, kyiv_new_year):
    path = scaffold.create(str(site.content), "news", "Новорічний ярмарок", "info")
    assert path == str(site.content / "news" / "2025" / "novorichnyi-yarmarok.md")  # 2025 in Kyiv, 2024 in UTC
    text, parsed = read(path)
    assert "\ndate: 2025-01-01 00:30\n" in text
    assert parsed.problems == ()
    news = parsed.item
    assert (news.title, news.slug, news.department, news.type) == ("Новорічний ярмарок", "novorichnyi-yarmarok", "info", ContentType.NEWS)
    assert news.date.isoformat() == "2025-01-01T00:30:00+02:00"


@pytest.mark.parametrize(
    "title",
    [
        'Оголошення: прийом громадян о 10:00',
        'Конкурс "Краща ідея" — «Бюджет участі» #2',
        "Обʼєднана громада: звіт за 2024 рік [проєкт] {чернетка} & 100% \\ 'лапки'",
        "- 12: yes",
    ],
)
def test_new_quotes_the_title_so_it_reads_back_exactly(site, kyiv_new_year, title):
    path = scaffold.create(str(site.content), "announcement", title, "finansy")
    _text, parsed = read(path)
    assert parsed.problems == ()
    assert parsed.item.title == title


@pytest.mark.parametrize(
    "kind, extra, folder",
    [
        ("news", {}, "news/2025"),
        ("announcement", {}, "announcements/2025"),
        ("act", {"act_kind": "executive_decision"}, "acts/2025"),
        ("video", {}, "videos/2025"),
        ("report", {"period": "2024-12"}, "reports/2025"),
        ("page", {"department": None}, "pages"),
    ],
)
def test_new_makes_every_type_and_the_whole_folder_still_checks(site, kyiv_new_year, kind, extra, folder):
    options = {"department": "info", **extra}
    path = scaffold.create(str(site.content), kind, "Засідання комісії", **options)
    assert path == str(site.content / folder / "zasidannia-komisii.md")
    result = scan(str(site.content))
    assert result.problems == []
    [made] = result.items
    assert made.type is ContentType(kind)
    if kind == "act":
        assert made.act_kind is ActKind.EXECUTIVE_DECISION and made.number is None
    if kind == "report":
        assert made.report.period == "2024-12"


REFUSALS = [
    (("article", "Назва"), {"department": "info"}, "невідомий тип «article»; допустимі: news, announcement, act, meeting, video, report, page"),
    (("news", "Назва"), {"department": "nope"}, "невідомий підрозділ «nope»; допустимі: finansy, info"),
    (("news", "Назва"), {}, "вкажіть підрозділ: --department одне з finansy, info"),
    (("act", "Назва"), {"department": "info"}, "для акта вкажіть --act-kind одне з council_decision, executive_decision"),
    (("act", "Назва"), {"department": "info", "act_kind": "decree"}, "для акта вкажіть --act-kind одне з"),
    (("report", "Звіт"), {"department": "info"}, "для звіту вкажіть --period РРРР-ММ або РРРР"),
    (("report", "Звіт"), {"department": "info", "period": "2024-13"}, "період «2024-13» не розпізнано"),
    # Dated now (1 January 2025 in Kyiv), a report for January or for 2025 would be an error in the build (issue 22).
    (("report", "Звіт"), {"department": "info", "period": "2025-01"}, "звіт не створено: період 2025-01 ще не закінчився"),
    (("report", "Звіт"), {"department": "info", "period": "2025"}, "звіт не створено: період 2025 ще не закінчився"),
    (("news", "Назва"), {"department": "info", "period": "2024"}, "--period буває лише у звіту (report)"),
    (("news", "Назва"), {"department": "info", "act_kind": "other"}, "--act-kind буває лише в акта (act)"),
    (("news", "!!!"), {"department": "info"}, "із заголовка не виходить назва файлу"),
]


@pytest.mark.parametrize("args, options, message", REFUSALS)
def test_new_refuses_what_the_build_would_reject_and_writes_nothing(site, kyiv_new_year, args, options, message):
    with pytest.raises(scaffold.ScaffoldError) as refusal:
        scaffold.create(str(site.content), *args, **options)
    assert message in str(refusal.value)
    assert [p.name for p in site.content.rglob("*.md")] == []


def test_new_refuses_to_overwrite_a_file(site, kyiv_new_year):
    path = site.write("news/2025/zasidannia.md", item(title="Засідання"))
    before = path.read_bytes()
    with pytest.raises(scaffold.ScaffoldError, match="уже існує: змініть заголовок або відредагуйте той файл"):
        scaffold.create(str(site.content), "news", "Засідання", "info")
    assert path.read_bytes() == before


def test_new_refuses_without_a_registry(site, kyiv_new_year):
    (site.content / "departments.yml").unlink()
    with pytest.raises(scaffold.ScaffoldError, match="реєстр підрозділів має помилки:\ndepartments.yml:1: немає реєстру"):
        scaffold.create(str(site.content), "news", "Назва", "info")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["new", "article", "Назва", "-d", "info"], "невідомий тип «article»"),
        (["new", "news", "Назва", "-d", "nope"], "невідомий підрозділ «nope»"),
        (["new", "act", "Назва", "-d", "info"], "для акта вкажіть --act-kind"),
        (["new", "report", "Звіт", "-d", "info"], "для звіту вкажіть --period"),
        (["new", "news", "Засідання", "-d", "info"], "уже існує"),
    ],
)
def test_the_new_task_ends_refusals_with_a_message_and_status_1(site, kyiv_new_year, capsys, argv, message):
    site.write("news/2025/zasidannia.md", item(title="Засідання"))
    assert run(*argv, "--content", str(site.content)) == 1
    out = capsys.readouterr()
    assert message in out.err
    assert "Traceback" not in out.out + out.err


def test_new_end_to_end_then_check_and_pelican_accept_the_file(site):
    env = {"SOURCE_DATE_EPOCH": NEW_YEAR_IN_KYIV, "PATH": "/usr/bin:/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "invoke", "new", "act", 'Рішення: про "бюджет" на 2025 рік',
         "--department", "finansy", "--act-kind", "council_decision", "--content", str(site.content)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    path = site.content / "acts" / "2025" / "rishennia-pro-biudzhet-na-2025-rik.md"
    assert proc.stdout.strip() == f"Створено {path}"
    assert path.read_text(encoding="utf-8").startswith(
        '---\ntitle: "Рішення: про \\"бюджет\\" на 2025 рік"\ndate: 2025-01-01 00:30\ndepartment: finansy\n'
        "act_kind: council_decision\n"
    )
    check = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(site.content)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == "Перевірено 1 матеріал: помилок немає."
    build = site.build(epoch=NEW_YEAR_IN_KYIV)
    assert build.returncode == 0, build.text
    assert 'Рішення: про "бюджет" на 2025 рік' in build.page("acts/2025/rishennia-pro-biudzhet-na-2025-rik/").replace("&#34;", '"').replace("&quot;", '"')


def test_check_counts_in_ukrainian_and_fails_on_a_problem(site, capsys):
    for n in range(5):
        site.write(f"news/2024/n{n}.md", item(title=f"Новина {n}"))
    assert run("check", "--content", str(site.content)) == 0
    assert capsys.readouterr().out.strip() == "Перевірено 5 матеріалів: помилок немає."
    site.write("news/2024/n5.md", item(title="Новина 5", department="nope"))
    assert run("check", "--content", str(site.content)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Знайдено 1 помилку у змісті сайту:\n  news/2024/n5.md:4: невідомий підрозділ «nope»")


TASKS = sorted(Collection.from_module(tasks).task_names)


def test_the_editor_tasks_of_issue_2_exist():
    assert {"build", "check", "serve", "livereload", "new", "clean", "test"} <= set(TASKS)


@pytest.mark.parametrize("name", TASKS)
def test_every_task_has_help_for_itself_and_each_option(name, capsys):
    assert run("--help", name) == 0
    out = capsys.readouterr().out
    doc = " ".join((Collection.from_module(tasks)[name].__doc__ or "").split())
    assert doc and doc in " ".join(out.split())
    # An option line is "  -p STRING, --port=STRING   what it is"; one with nothing after the flags is undocumented.
    flags = [line for line in out.split("Options:", 1)[-1].splitlines() if re.match(r"\s+-", line)]
    assert [line.strip() for line in flags if not re.search(r"\S {2,}\S", line)] == []


def test_serve_answers_an_unknown_address_with_the_sites_own_404_page(tmp_path):
    """`./visnyk serve` (issue 29 §5): the site's 404.html, in Ukrainian, with the 404 status; a real address
    is served as before."""
    import threading
    import urllib.error
    import urllib.request

    (tmp_path / "index.html").write_text("<p>головна</p>", encoding="utf-8")
    (tmp_path / "404.html").write_text("<h1>Сторінку не знайдено</h1>", encoding="utf-8")
    server = tasks._serve(str(tmp_path), 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with urllib.request.urlopen(f"{base}/") as found:
            assert found.read().decode() == "<p>головна</p>"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(f"{base}/nemaie/takoi/")
        assert missing.value.code == 404
        assert missing.value.headers["Content-Type"] == "text/html; charset=utf-8"
        assert missing.value.read().decode() == "<h1>Сторінку не знайдено</h1>"
    finally:
        server.shutdown()
        server.server_close()
