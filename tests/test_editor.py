"""The web editor (/admin/, Decap CMS): its config comes from the contract, and what it saves passes `check`.

The end-to-end test starts `invoke edit` on a small site in tmp_path (the local backend and the live
preview), drives the editor in Debian's Chromium as an editor would (a news item with an image, an act,
a report with two activities, an edit of a hand-written file), then checks, builds and counts.
Its screenshots are docs/redaktor/*.png (written only when VISNYK_SCREENSHOTS=1, kept small).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import DEFAULT_EPOCH, ROOT, Site, ran
from stopping import STOP_SECONDS, busy_machine, gone, is_indexer, tree
from visnyk.domain.editor import editor
from visnyk.domain.content import fields
from visnyk.domain.content.items import parse_item
from visnyk.domain.common.model import ContentType, Department
from visnyk.domain.navigation.slugs import slugify

CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "docs" / "redaktor"
DEPARTMENTS = {
    "info": Department("info", "Відділ інформаційної діяльності", "відділу", "Олена Коваль", "Начальник відділу"),
    "finansy": Department("finansy", "Фінансове управління", "управління", "Петро Гнатюк", "Начальник"),
}


# --- the config, from the contract ------------------------------------------------------------------


def test_every_type_folder_is_a_collection_writing_into_year_folders():
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    folders = {c["name"]: c for c in config["collections"]}
    assert set(folders) == {t.folder for t in ContentType}
    for item_type in ContentType:
        c = folders[item_type.folder]
        assert c["folder"] == f"content/{item_type.folder}"
        assert c["path"] == ("{{slug}}" if item_type is ContentType.PAGE else "{{year}}/{{slug}}")
    assert config["locale"] == "uk"
    assert config["backend"] == {**config["backend"], "name": "github", "repo": "rada/visnyk", "branch": "main"}
    assert "local_backend" not in config


@pytest.mark.parametrize("item_type", list(ContentType))
def test_required_in_the_editor_exactly_where_the_reader_requires(item_type):
    """Each field the editor marks required: leaving it out of a valid file makes `check` fail, and
    leaving out any field it marks optional does not; the body too (a news item needs one)."""
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    c = next(c for c in config["collections"] if c["name"] == item_type.folder)
    full = {"title": "Звіт про роботу", "date": "2025-12-02 10:00", "department": "info", "act_kind": "mayor_order",
            "period": "2025-11", "body": "council", "starts": "2025-12-20 10:00", "venue": "Сесійна зала"}
    path = f"{item_type.folder}/2025/x.md"

    def problems(values: dict) -> list[str]:
        front = {k: v for k, v in values.items() if k != editor.TEXT}  # the body: the text after the front matter
        text = "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + values.get(editor.TEXT, "")
        return [p.message for p in parse_item(path, text.encode()).problems]

    mine = {f.name: full[f.name] for f in fields.fields_of(item_type) if f.name in full} | {editor.TEXT: "Текст.\n"}
    assert problems(mine) == []
    for f in c["fields"]:
        if f["name"] not in mine:
            continue
        without = {k: v for k, v in mine.items() if k != f["name"]}
        assert bool(problems(without)) == f["required"], f["name"]
    required_by_reader = {n for n in mine if problems({k: v for k, v in mine.items() if k != n})}
    assert required_by_reader == {f["name"] for f in c["fields"] if f["required"]}


def test_selects_show_names_and_store_slugs_and_values():
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    acts = next(c for c in config["collections"] if c["name"] == "acts")
    by_name = {f["name"]: f for f in acts["fields"]}
    assert by_name["department"]["options"] == [
        {"label": "Відділ інформаційної діяльності", "value": "info"},
        {"label": "Фінансове управління", "value": "finansy"},
    ]
    assert [o["value"] for o in by_name["act_kind"]["options"]] == [k.value for k in fields.ActKind]
    assert by_name["act_kind"]["options"][1] == {"label": "Рішення виконавчого комітету", "value": "executive_decision"}
    assert [o["value"] for o in by_name["status"]["options"]] == ["published", "draft", "hidden"]
    assert by_name["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert by_name["adopted"]["format"] == "YYYY-MM-DD" and by_name["adopted"]["time_format"] is False
    assert by_name["image"]["media_folder"] == "/content/images/{{year}}"
    assert by_name["image"]["public_folder"] == "images/{{year}}"
    assert by_name["attachments"]["fields"][0]["public_folder"] == "files/{{year}}"
    assert "slug" not in {f["name"] for f in acts["fields"] if f["widget"] != "hidden"}


def test_no_option_label_shows_a_code():
    """Editors see the reader's words only; the value stored stays the code."""
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    selects = [f for c in config["collections"] for f in c["fields"] if f.get("widget") == "select"]
    assert {f["name"] for f in selects} == {"department", "act_kind", "body", "status"}
    for f in selects:
        for option in f["options"]:
            assert option["value"] not in option["label"] and not re.search(r"[a-z_]{3,}", option["label"]), option
        # nor the hint ("published (типово)")
        assert not any(re.search(rf"\b{o['value']}\b", f.get("hint", "")) for o in f["options"]), f


def test_date_hints_say_what_the_browser_shows():
    """Decap's date inputs are the browser's own (Ukrainian order ДД.ММ.РРРР): the hint does not claim РРРР-ММ-ДД."""
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    dates = [f for c in config["collections"] for f in c["fields"] if f.get("widget") == "datetime"]
    assert dates
    for f in dates:
        assert "РРРР-ММ-ДД" not in f.get("hint", ""), f
        if f["name"] in ("date", "starts", "ends"):
            assert f["hint"].startswith("день, місяць, рік і час") and "ДД.ММ.РРРР ГГ:ХХ" in f["hint"], f


def test_the_preview_words_come_from_the_registry_and_the_contract():
    data = editor.preview(DEPARTMENTS)
    assert data["departments"] == {"info": "Відділ інформаційної діяльності", "finansy": "Фінансове управління"}
    assert data["choices"]["act_kind"]["executive_decision"] == "Рішення виконавчого комітету"
    assert data["months_genitive"][11] == "грудня" and data["meeting_bodies"]["council"] == "Сесія міської ради"
    assert data["collections"] == [c["name"] for c in editor.config(DEPARTMENTS, editor.Backend("a/b"))["collections"]]
    assert data["list_nouns"]["activities"] == ["пункт", "пункти", "пунктів"]


@pytest.mark.parametrize("kind", [k.value for k in fields.ActKind])
def test_fields_the_editor_allows_only_with_some_kinds_are_those_the_reader_allows(kind):
    """admin/visnyk.js refuses `adopted`, `draft`, `consideration` with the other act kinds: the reader too."""
    rules = {r["field"]: r for r in editor.rules(ContentType.ACT) if "only_when" in r}
    assert set(rules) == {"adopted", "draft", "consideration", "in_force_from", "amends", "repeals"}
    values = {"adopted": "2025-12-10", "draft": "acts/2025/proiekt.md", "consideration": "2025-12-20",
              "in_force_from": "2025-12-20", "amends": "[acts/2025/b.md]", "repeals": "[acts/2025/c.md]"}
    for name, rule in rules.items():
        text = (f"---\ntitle: Акт\ndate: 2025-12-12\ndepartment: info\nact_kind: {kind}\n"
                f"{name}: {values[name]}\n---\n")
        problems = [p.message for p in parse_item("acts/2025/a.md", text.encode()).problems if name in p.message]
        assert bool(problems) == (kind not in rule["values"]), (name, kind, problems)


# A file of each type that the reader takes as it is: (its path, its front matter).
VALID = {
    ContentType.NEWS: ("news/2025/a.md", "title: Новина\ndate: 2025-12-12\ndepartment: info\n"),
    ContentType.ANNOUNCEMENT: ("announcements/2025/a.md", "title: Оголошення\ndate: 2025-12-12\ndepartment: info\n"),
    ContentType.ACT: ("acts/2025/a.md", "title: Акт\ndate: 2025-12-12\ndepartment: info\nact_kind: mayor_order\n"),
    ContentType.MEETING: ("meetings/2025/a.md", "title: Сесія\ndate: 2025-12-12\ndepartment: info\nbody: council\n"
                                                "starts: 2025-12-20 10:00\nvenue: Зала\n"),
    ContentType.VIDEO: ("videos/2025/a.md", "title: Відео\ndate: 2025-12-12\ndepartment: info\n"),
    ContentType.REPORT: ("reports/2025/a.md", "title: Звіт\ndate: 2025-12-02\ndepartment: info\nperiod: \"2025-11\"\n"),
    ContentType.PAGE: ("pages/a.md", "title: Контакти\ndate: 2025-12-12\n"),
}


@pytest.mark.parametrize("item_type", list(ContentType), ids=lambda t: t.value)
def test_fields_the_editor_requires_with_another_are_those_the_reader_requires(item_type):
    """admin/visnyk.js refuses a save with `image` and no `image_alt`, or `image_alt` and no `image`
    (required_with, declared on both fields): the reader too, in every type, and neither refuses the file with
    both or with neither."""
    path, front = VALID[item_type]
    assert not parse_item(path, f"---\n{front}---\nТекст.\n".encode()).problems, item_type
    rules = [r for r in editor.rules(item_type) if "required_with" in r]
    # Both ways: a picture needs its description, a description needs its picture.
    assert {(r["field"], r["required_with"]) for r in rules} == {("image_alt", "image"), ("image", "image_alt")}
    for rule in rules:
        field, other = rule["field"], rule["required_with"]
        for present, wanted in (({other}, True), ({other, field}, False), (set(), False)):
            problems = reader_problems(path, front, present)
            assert bool(problems) == wanted and all(field in m for m in problems), (item_type, present, problems)


def reader_problems(path: str, front: str, present: set[str]) -> list[str]:
    values = {"image": "images/2025/a.jpg", "image_alt": "Сквер навесні"}
    lines = "".join(f"{name}: {values[name]}\n" for name in sorted(present))
    return [p.message for p in parse_item(path, f"---\n{front}{lines}---\nТекст.\n".encode()).problems]


def test_patterns_in_the_editor_accept_what_the_reader_accepts():
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    reports = next(c for c in config["collections"] if c["name"] == "reports")
    pattern, message = next(f for f in reports["fields"] if f["name"] == "period")["pattern"]
    assert "2019-09" in message
    for period in ("2025", "2025-01", "2025-12", "2025-13", "2025-00", "25-01", "2025-1", "2025-01-01"):
        text = f"---\ntitle: Звіт\ndate: 2025-12-02\ndepartment: info\nperiod: \"{period}\"\n---\n"
        ok = not parse_item("reports/2025/z.md", text.encode()).problems
        assert bool(re.search(pattern, period)) == ok, period
    activities = next(f for f in reports["fields"] if f["name"] == "activities")
    count = next(f for f in activities["fields"] if f["name"] == "count")
    assert (count["widget"], count["value_type"], count["min"], count["max"]) == ("number", "int", 0, 999_999)


# --- end to end, in Chromium -----------------------------------------------------------------------

EXISTING = """\
---
# Рукописний файл: коментар, порядок полів і лапки мають пережити редагування.
date: 2024-05-14 10:00
title: 'Прийом громадян: графік'
department: info
tags: [прийом громадян, "міський голова"]
summary: Старий опис.
---
Текст   з подвійними  пробілами, як його написали.
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer in {seconds} s")


# The only console errors the editor's page may log: Decap's own handling of a save the test makes it refuse on
# purpose. It logs the reason a preSave listener (our visnyk.js) threw and leaves the rejected promise unhandled
# ("Object"); a save its own field validation refused (a pattern) leaves one rejected with nothing ("undefined").
# Each is expected right after its refusal, in this order, and nowhere else.
REFUSED_BY_OUR_RULE = [r"^Error: поле «Дата розгляду» буває лише тоді, коли вид акта: проєкт рішення",
                       r"^uncaught: Object$"]
REFUSED_BY_DECAP_PATTERN = [r"^uncaught: undefined$"]


def _logged(errors: list[str], expected: list[str]) -> None:
    """The console errors since the last check are exactly `expected` (patterns, in order); then forgotten."""
    end = time.monotonic() + 5
    while len(errors) < len(expected) and time.monotonic() < end:
        time.sleep(0.1)
    got = list(errors)
    del errors[:len(got)]
    assert len(got) == len(expected) and all(re.search(p, e) for p, e in zip(expected, got)), got


@pytest.fixture(scope="module")
def chromium():
    if not os.path.exists(CHROMIUM) or not (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
        pytest.fail("Chromium and the npm packages are needed: run scripts/install-test-tools")


def _styled(page) -> str:
    """The preview's heading font once the site's CSS (registerPreviewStyle) has loaded in its frame."""
    h1 = page.frame_locator("#preview-pane").locator("h1")
    end = time.monotonic() + 10
    while "system-ui" not in (font := h1.evaluate("e => getComputedStyle(e).fontFamily")) and time.monotonic() < end:
        time.sleep(0.1)
    return font


def _shot(page, name: str) -> None:
    if os.environ.get("VISNYK_SCREENSHOTS") == "1":
        if page.locator("#preview-pane").count():
            _styled(page)
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), type="png")


def _open(page, url: str) -> None:
    """A fresh load of the editor at `url`: Decap swaps drafts asynchronously when only the #hash changes,
    and a field typed into meanwhile is lost. Signed in already, the reload takes a second from the cache."""
    page.goto("about:blank")
    page.goto(url)
    try:
        page.locator("[id^=title-field]").wait_for()
    except Exception:
        page.screenshot(path="/tmp/visnyk-editor-open.png")
        raise
    page.wait_for_function("() => document.querySelector('[id^=date-field]')?.value")


def _select(page, field: str, text: str) -> None:
    page.click(f"[id^={field}-field]")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def _publish(page, saved) -> None:
    """Publish, then wait until the file is on disk as `saved()` expects (what the editor did, not its notices)."""
    page.get_by_role("button", name="Опублікувати").first.click()
    page.get_by_role("menuitem", name="Опублікувати", exact=True).click()
    end = time.monotonic() + 30
    while not saved():
        if time.monotonic() > end:
            page.screenshot(path=str(Path(os.environ.get("TMPDIR", "/tmp")) / "visnyk-editor-failed.png"))
            raise AssertionError("the editor did not save the file: " + page.inner_text("body")[:2000])
        time.sleep(0.2)


@pytest.mark.timeout(600)
def test_what_the_editor_saves_passes_check_builds_and_is_counted(tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    site = Site(tmp_path / "site")
    site.root.mkdir()
    for name in ("pelicanconf.py", "theme", "plugins"):  # `invoke edit` runs in the site's folder, as in a repository
        (site.root / name).symlink_to(ROOT / name)
    from conftest import DEPARTMENTS as REGISTRY

    site.write("departments.yml", REGISTRY)
    existing = site.write("news/2024/pryiom.md", EXISTING)
    port, backend = _port(), _port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH}
    edit = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "edit", "--port", str(port),
         "--backend-port", str(backend), "--content", "content"],
        cwd=site.root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{port}/admin/config.yml")
        config = yaml.safe_load(urllib.request.urlopen(f"http://127.0.0.1:{port}/admin/config.yml").read())
        assert config["local_backend"] == {"url": f"http://127.0.0.1:{backend}/api/v1"}
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": 1100, "height": 760}, timezone_id="Europe/Kyiv", locale="uk-UA")
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            errors: list[str] = []  # every console error and uncaught exception (see REFUSED_BY_OUR_RULE)
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.on("pageerror", lambda e: errors.append(f"uncaught: {e}"))
            page.goto(f"http://127.0.0.1:{port}/admin/")
            page.get_by_role("button", name="Увійти").click()
            page.get_by_text("Новини").first.wait_for()
            _shot(page, "1-kolektsii")

            # A news item with an image uploaded through the media library.
            _open(page, f"http://127.0.0.1:{port}/admin/#/collections/news/new")
            page.fill("[id^=title-field]", "Відкрили сквер: «Згода» біля ліцею")
            page.fill("[id^=date-field]", "2025-12-20T10:30")
            _select(page, "department", "Відділ інформаційної")
            page.get_by_role("button", name="Вибрати зображення").click()
            page.set_input_files("input[type=file]", str(ROOT / "content" / "images" / "2025" / "sait.png"))
            page.get_by_role("button", name="Обрати виділені").click()
            page.fill("[id^=image_alt-field]", "Новий сквер «Згода»: лавки й доріжки")
            page.locator("[contenteditable=true]").first.click()
            page.keyboard.type("Сквер відкрили для всіх.")
            # The preview shows the uploaded image (found in its field's folder, images/{{year}}).
            page.frame_locator("#preview-pane").locator(".item-image img").wait_for()
            assert page.frame_locator("#preview-pane").locator(".item-image img").evaluate(
                "e => e.complete && e.naturalWidth > 0 && e.alt === 'Новий сквер «Згода»: лавки й доріжки'")
            _shot(page, "2-novyna")
            news = slugify("Відкрили сквер: «Згода» біля ліцею")
            news_file = site.content / "news" / "2025" / f"{news}.md"
            _publish(page, news_file.exists)

            # An act with its kind and number.
            _open(page, f"http://127.0.0.1:{port}/admin/#/collections/acts/new")
            page.fill("[id^=title-field]", "Про тарифи на вивезення побутових відходів")
            page.fill("[id^=date-field]", "2025-12-12T09:00")
            _select(page, "department", "Фінансове")
            _select(page, "act_kind", "Рішення виконавчого")
            page.fill("[id^=number-field]", "245")
            page.fill("[id^=adopted-field]", "2025-12-10")
            # A consideration date belongs to draft decisions only: the editor refuses it in the reader's words.
            page.fill("[id^=consideration-field]", "2025-12-11")
            page.get_by_role("button", name="Опублікувати").first.click()
            page.get_by_role("menuitem", name="Опублікувати", exact=True).click()
            page.get_by_text("буває лише тоді, коли вид акта: проєкт рішення").first.wait_for()
            _logged(errors, REFUSED_BY_OUR_RULE)
            page.fill("[id^=consideration-field]", "")
            # The preview reads as the site will: the department's name, the kind's words, the Ukrainian date
            # (the page itself, from the site's template: tests/test_editor_preview.py).
            preview = page.frame_locator("#preview-pane")
            preview.get_by_text("Фінансове управління").wait_for()
            shown = preview.locator("article.item").inner_text()
            assert "12 грудня 2025 року, 09:00" in shown, shown
            assert "Рішення виконавчого комітету" in shown and "Номер\n245" in shown, shown
            assert "finansy" not in shown and "executive_decision" not in shown and "2025-12" not in shown, shown
            styled = _styled(page)
            assert "system-ui" in styled, styled  # the site's own CSS (theme/css/site.css), not the browser's serif
            form = page.inner_text("body")  # the form, without the preview's frame: the select shows words only
            assert "Рішення виконавчого комітету" in form and "executive_decision" not in form, form
            _shot(page, "3-akt")
            act_file = site.content / "acts" / "2025" / f"{slugify('Про тарифи на вивезення побутових відходів')}.md"
            _publish(page, act_file.exists)

            # A report with two activities; a wrong period first, to see the editor's own message.
            _open(page, f"http://127.0.0.1:{port}/admin/#/collections/reports/new")
            page.fill("[id^=title-field]", "Звіт за листопад")
            page.fill("[id^=date-field]", "2025-12-02T12:00")
            _select(page, "department", "Відділ інформаційної")
            for text, count in (("Брали участь у прийомах міського голови", "2"), ("Підготували відповіді на запити", "7")):
                page.get_by_role("button", name="Додати пункт").click()
                page.locator("input[id^=text-field]").last.fill(text)
                page.locator("input[id^=count-field]").last.fill(count)
            page.fill("[id^=period-field]", "2025-13")  # after the list: its message moves the buttons below
            page.get_by_role("button", name="Опублікувати").first.click()
            page.get_by_role("menuitem", name="Опублікувати", exact=True).click()
            page.get_by_text("напишіть 2019-09 (місяць) або 2019 (рік)").wait_for()
            _logged(errors, REFUSED_BY_DECAP_PATTERN)
            page.get_by_text("2 пункти", exact=True).wait_for()  # not "2 інша робота"
            _shot(page, "4-zvit-pomylka")
            page.click("[id^=period-field]")
            page.keyboard.press("Control+A")
            page.keyboard.type("2025-11")  # (fill() would append: Decap keeps the caret of a controlled input)
            report_file = site.content / "reports" / "2025" / f"{slugify('Звіт за листопад')}.md"
            _publish(page, report_file.exists)

            # An edit of a hand-written file: only the summary.
            page.goto("about:blank")
            page.goto(f"http://127.0.0.1:{port}/admin/#/collections/news")
            page.get_by_text("Прийом громадян: графік").click()
            page.locator("[id^=summary-field]").wait_for()
            _shot(page, "5-redaguvannia")
            page.fill("[id^=summary-field]", "Новий опис.")
            _publish(page, lambda: "Новий опис." in existing.read_text(encoding="utf-8"))

            assert errors == [], errors  # nothing else, JS exceptions included
            assert {r.split("/")[2] for r in requests if r.startswith("http")} <= {
                f"127.0.0.1:{port}", f"127.0.0.1:{backend}"}
            slugs = page.evaluate("titles => Promise.all(titles.map(t => window.visnykSlugify(t)))", TITLES)
            trips = [page.evaluate("([t, c]) => window.visnykRoundTrip(t, c)", [text, change])
                     for text, change, _ in ROUND_TRIPS]
            ran("browser", "Decap CMS (web editor)")
            # The preview shows the new item (it rebuilt on the save).
            _wait(f"http://127.0.0.1:{port}/news/2025/{news}/", seconds=120)
            browser.close()
    finally:
        # Ctrl+C: the command, its preview's indexer and the editor's backend end in seconds, nothing left behind
        # (the tree is taken before the signal: orphans are re-parented, and would not be its children after).
        before = tree(edit.pid)
        os.killpg(edit.pid, signal.SIGINT)
        out, _ = edit.communicate(timeout=STOP_SECONDS)
    assert gone(edit.pid, before) == {}
    assert any(is_indexer(c) for c in before.values()) and any("decap-server" in c for c in before.values()), before
    assert f"Редактор: http://127.0.0.1:{port}/admin/" in out
    assert f"Попередній перегляд: http://127.0.0.1:{port}/" in out

    assert slugs == [slugify(t) for t in TITLES]  # the editor names files as the build makes URLs
    assert trips == [expected for _, _, expected in ROUND_TRIPS]

    text = news_file.read_text(encoding="utf-8")
    assert re.search(r"^image: images/2025/sait\.png$", text, re.M), text
    assert re.search(r"^image_alt: .*Новий сквер «Згода»: лавки й доріжки", text, re.M), text
    assert (site.content / "images" / "2025" / "sait.png").is_file()
    assert "date: 2025-12-20 10:30\n" in text and "slug:" not in text
    act = act_file.read_text(encoding="utf-8")
    assert "act_kind: executive_decision\n" in act and "number: \"245\"\n" in act and "adopted: 2025-12-10\n" in act
    report = report_file.read_text(encoding="utf-8")
    assert "period: 2025-11\n" in report or "period: \"2025-11\"\n" in report
    assert report.count("count:") == 2
    # The hand-written file: only the summary line changed.
    assert existing.read_text(encoding="utf-8") == EXISTING.replace("summary: Старий опис.", "summary: Новий опис.")

    check = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(site.content)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    build = site.build()
    assert build.returncode == 0, build.text
    assert "Сквер відкрили для всіх." in build.page(f"news/2025/{news}")
    assert "245" in build.page(f"acts/2025/{slugify('Про тарифи на вивезення побутових відходів')}")
    rows = json.loads((build.output / "stats" / "publications.json").read_text())["monthly"]
    december = {(r["type"], r["department"]): r["count"] for r in rows if r["period"] == "2025-12"}
    assert december == {("news", "info"): 1, ("act", "finansy"): 1, ("report", "info"): 1}
    report_page = build.page("reports/2025/11/info")
    assert "прийомах міського голови" in report_page and "відповіді на запити" in report_page


TITLES = [
    "Засідання виконавчого комітету", "Згода Згорани ЗГОДА", "Єнакієве, Їжакевич, Йосипівка, Юрій, Яготин",
    "Знам'янка і Знам’янка та Знамʼянка", "Про бюджет — 2026–2027 рр.", "Київ: «Щастя» № 5", "Ньютон піранья",
    "Рішення " * 20, "Café Ёлка ы", "об'єкт з’їзд",
]

MESSY = (
    "\ufeff---\r\n# коментар\r\ntitle: 'Лапки: одинарні'\r\ndate: 2024-05-14 10:00   # час київський\r\n"
    "department: info\r\ntags: [a, \"b\"]\r\nsummary: >-\r\n  Згорнутий\r\n  опис\r\n---\r\nТекст.\r\n"
)
# (file, what the editor changed, the file it writes): untouched bytes stay, changed lines are replaced in place.
ROUND_TRIPS = [
    (MESSY, {}, MESSY),
    (MESSY, {"tags": ["a", "b", "c"]}, MESSY.replace('tags: [a, "b"]', "tags:\r\n  - a\r\n  - b\r\n  - c")),
    (MESSY, {"summary": None}, MESSY.replace("summary: >-\r\n  Згорнутий\r\n  опис\r\n", "")),
    (MESSY, {"date": "2024-05-15 09:00"}, MESSY.replace("2024-05-14 10:00", "2024-05-15 09:00")),
    (MESSY, {"status": "draft"}, MESSY.replace("  опис\r\n---", "  опис\r\nstatus: draft\r\n---")),
    (MESSY, {"text": "Новий текст.\n"}, MESSY.replace("Текст.\r\n", "Новий текст.\n")),
    (
        EXISTING, {"tags": ["прийом громадян"]}, EXISTING.replace('tags: [прийом громадян, "міський голова"]', "tags:\n  - прийом громадян"),
    ),
]


def _backends(root: Path) -> list[int]:
    """decap-server processes working in `root` (the editor's local backend of that site)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and b"decap-server" in (proc / "cmdline").read_bytes() \
                    and os.path.realpath(proc / "cwd") == str(root.resolve()):
                found.append(int(proc.name))
        except OSError:
            continue
    return found


@pytest.mark.timeout(300)
def test_a_change_to_the_plugin_code_restarts_edit_without_leaving_anything_behind(tmp_path):
    """The preview starts itself again when the plugin's Python code changes (os.execv): the editor's backend,
    the search indexer and the output folder of the old process go with it, and the backend dies with the
    command however it is stopped."""
    if not (ROOT / "node_modules" / "decap-server" / "dist" / "index.js").is_file():
        pytest.fail("the npm packages are needed: run scripts/install-test-tools")
    repo = tmp_path / "repo"  # a copy of the code, so that the test may change a plugin file
    repo.mkdir()
    for name in ("tasks.py", "pelicanconf.py"):
        (repo / name).write_bytes((ROOT / name).read_bytes())
    shutil.copytree(ROOT / "plugins", repo / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("theme", "node_modules"):
        (repo / name).symlink_to(ROOT / name)
    site = Site(repo)
    from conftest import DEPARTMENTS as REGISTRY

    site.write("departments.yml", REGISTRY)
    site.write("news/2024/pryiom.md", EXISTING)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port, backend = _port(), _port()
    log = tmp_path / "edit.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH, "TMPDIR": str(temporary), "PYTHONUNBUFFERED": "1"}
    edit = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(repo), "edit", "--port", str(port),
         "--backend-port", str(backend), "--content", "content"],
        cwd=repo, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip

    def started() -> int:
        return log.read_text(encoding="utf-8", errors="replace").count("з'являються в браузері самі")

    try:
        _wait(f"http://127.0.0.1:{port}/")
        first = _backends(repo)
        assert len(first) == 1, first
        assert len(list(temporary.glob("visnyk-preview-*"))) == 1
        # The watcher sets itself up after the server answers: a content save it rebuilds for shows it is on.
        saved = site.content / "news" / "2024" / "pryiom.md"
        end = time.monotonic() + 60
        while "Оновлено (news/2024/pryiom.md" not in log.read_text(encoding="utf-8") and time.monotonic() < end:
            saved.write_text(EXISTING + f"\nЗбережено {time.monotonic()}.\n", encoding="utf-8")
            time.sleep(1)
        assert "Оновлено (news/2024/pryiom.md" in log.read_text(encoding="utf-8")
        code = repo / "plugins" / "visnyk" / "adapters" / "outputs" / "stats.py"
        code.write_text(code.read_text(encoding="utf-8") + "\n# changed while the preview runs\n", encoding="utf-8")
        end = time.monotonic() + 120
        while started() < 2 and time.monotonic() < end:
            assert edit.poll() is None, log.read_text(encoding="utf-8", errors="replace")[-3000:]
            time.sleep(0.2)
        assert started() == 2, log.read_text(encoding="utf-8", errors="replace")[-3000:]
        assert "Змінено код плагіна" in log.read_text(encoding="utf-8")
        _wait(f"http://127.0.0.1:{port}/")
        end = time.monotonic() + 30
        while (len(_backends(repo)) != 1 or set(_backends(repo)) & set(first)) and time.monotonic() < end:
            time.sleep(0.2)
        now = _backends(repo)
        assert len(now) == 1 and now[0] not in first, (first, now)  # the old backend stopped, one new one serves
        assert len(list(temporary.glob("visnyk-preview-*"))) == 1  # the old output folder is gone
        # Ended by a signal that runs no Python cleanup: the backend still goes with it.
        edit.send_signal(signal.SIGKILL)
        edit.wait(30)
        end = time.monotonic() + 15
        while _backends(repo) and time.monotonic() < end:
            time.sleep(0.2)
        assert _backends(repo) == []
    finally:
        if edit.poll() is None:
            os.killpg(edit.pid, signal.SIGTERM)
            edit.wait(30)
        for pid in _backends(repo):
            os.kill(pid, signal.SIGTERM)


@pytest.mark.timeout(300)
def test_ctrl_c_ends_edit_in_seconds_with_its_backend_and_indexer_on_a_busy_machine(tmp_path):
    """`invoke edit` on a machine kept busy (a CPU-bound process per core), its backend answering and its search
    indexer up: Ctrl+C (SIGINT to the terminal's process group) ends the command within a few seconds, with the
    backend, the indexer and every other process of its session, and no folder is left in TMPDIR (a fresh-clone
    run once waited 60 s here in vain: issue 33)."""
    if not (ROOT / "node_modules" / "decap-server" / "dist" / "index.js").is_file():
        pytest.fail("the npm packages are needed: run scripts/install-test-tools")
    site = Site(tmp_path / "site")
    site.root.mkdir()
    for name in ("pelicanconf.py", "theme", "plugins"):
        (site.root / name).symlink_to(ROOT / name)
    from conftest import DEPARTMENTS as REGISTRY

    site.write("departments.yml", REGISTRY)
    site.write("news/2024/pryiom.md", EXISTING)
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    port, backend = _port(), _port()
    log = tmp_path / "edit.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH, "TMPDIR": str(temporary), "PYTHONUNBUFFERED": "1"}
    with busy_machine():
        edit = subprocess.Popen(
            [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "edit", "--port", str(port),
             "--backend-port", str(backend), "--content", "content"],
            cwd=site.root, env=env, stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            _wait(f"http://127.0.0.1:{port}/admin/config.yml")
            request = urllib.request.Request(f"http://127.0.0.1:{backend}/api/v1", method="POST",
                                             data=json.dumps({"action": "info", "params": {}}).encode(),
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as answer:  # the backend serves
                assert answer.status == 200
            end = time.monotonic() + 120
            before = tree(edit.pid)
            while not any(is_indexer(c) for c in before.values()) and time.monotonic() < end:
                time.sleep(0.05)
                before = tree(edit.pid)
            assert any("decap-server" in c for c in before.values()), before
            assert any(is_indexer(c) for c in before.values()), before
            os.killpg(edit.pid, signal.SIGINT)
            edit.wait(STOP_SECONDS)
            assert gone(edit.pid, before) == {}
            assert list(temporary.iterdir()) == []
            text = log.read_text(encoding="utf-8", errors="replace")
            assert "Traceback" not in text, text[-3000:]
        finally:
            if edit.poll() is None:
                os.killpg(edit.pid, signal.SIGKILL)
                edit.wait(30)


def _hints(config: dict):
    """(collection, field, hint) of every field and list entry's field the editor shows."""
    for c in config["collections"]:
        for f in c["fields"]:
            if f["widget"] != "hidden":
                yield c["name"], f["name"], f.get("hint", "")
            for sub in f.get("fields", []):
                yield c["name"], f"{f['name']}.{sub['name']}", sub.get("hint", "")


# Where a path is what is typed (an act's address), the example is one; nowhere else a folder or a file name.
ACT_ADDRESS = re.compile(r"(acts|videos)/\d{4}/[a-z0-9-]+\.md")  # an act's, or a video's (a meeting's record)


def test_every_hint_says_what_to_type_with_an_example_in_the_editors_words():
    config = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    for collection, name, hint in _hints(config):
        where = (collection, name, hint)
        assert hint and ": " in hint, where  # what to type, then an example after the colon
        plain = re.sub(r"https?://\S+", "", ACT_ADDRESS.sub("", hint))
        assert not re.search(r"\b(content|images|files|departments)\b|\.yml|\.md\b|[a-z]+/", plain), where
        # No English or code: Latin letters only in an address to paste (https://…, an act's address).
        assert not re.search(r"[A-Za-z]{2,}", plain.replace("JPEG", "").replace(
            "PNG", "").replace("WebP", "").replace("PDF", "").replace("Word", "").replace("Excel", "")), where


def test_decaps_words_the_editor_sees_are_ours_no_collection_no_english():
    phrases = editor.preview(DEPARTMENTS)["phrases"]

    def leaves(d):
        for v in d.values():
            yield from (leaves(v) if isinstance(v, dict) else [v])

    said = list(leaves(phrases))
    assert phrases["editor"]["editorWidgets"]["markdown"] == {"richText": "Звичайний вигляд", "markdown": "Розмітка"}
    assert "Колекц" not in phrases["editor"]["editorToolbar"]["backCollection"]
    assert all(not re.search(r"[A-Za-z]{2,}", re.sub(r"%\{\w+\}", "", s)) and "олекці" not in s for s in said), said


def test_review_before_publishing_turns_on_the_editorial_workflow_and_only_then():
    """VISNYK_EDITOR_REVIEW: drafts as pull requests (Decap's editorial workflow) for a protected `main`."""
    plain = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk"))
    review = editor.config(DEPARTMENTS, editor.Backend("rada/visnyk", review=True))
    assert "publish_mode" not in plain
    assert review["publish_mode"] == "editorial_workflow"
    assert {k: v for k, v in review.items() if k != "publish_mode"} == plain
