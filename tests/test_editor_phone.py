"""The press officer's editor in Chromium (issue 28, points 1 and 3): lists newest first with the date and the
status, last month's item found in two actions (or by search); at 360 px and 1280 px nothing scrolls sideways
and every control of the list and of an item is on the screen.

`invoke edit` on a small site in tmp_path: sixty items of 2024 and one of last month (Kyiv time), a draft.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
from zoneinfo import ZoneInfo

import pytest

from conftest import ROOT, Site, ran
from stopping import STOP_SECONDS
from test_editor import CHROMIUM, _port, _wait

KYIV = ZoneInfo("Europe/Kyiv")
RECENT = "Сквер «Згода» відкрили після ремонту"
DRAFT = "Графік прийому на січень"


FULL = """---
title: Повна новина з документом
date: 2024-06-03 10:00
modified: 2024-06-04 12:30
department: info
tags: [бюджет, прийом громадян]
summary: Короткий опис лише для списків і пошуку.
attachments:
  - file: files/2024/rishennia.pdf
    title: Рішення № 12
---
Перший абзац новини.

Другий абзац з **важливим** словом.
"""


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """`invoke edit` on the small site; yields the editor's address."""
    if not os.path.exists(CHROMIUM) or not (ROOT / "node_modules" / "decap-server" / "dist" / "index.js").is_file():
        pytest.fail("Chromium and the npm packages are needed: run scripts/install-test-tools")
    from conftest import DEPARTMENTS as REGISTRY

    site = Site(tmp_path_factory.mktemp("phone") / "site")
    site.root.mkdir()
    for name in ("pelicanconf.py", "theme", "plugins"):
        (site.root / name).symlink_to(ROOT / name)
    site.write("departments.yml", REGISTRY)
    for n in range(60):  # file names in the order of the path are not the order of the dates
        day = dt.date(2024, 1, 1) + dt.timedelta(days=5 * n)
        site.write(f"news/2024/{'a' if n % 2 else 'z'}-{n:02d}.md",
                   f"---\ntitle: Стара новина {n}\ndate: {day} 10:00\ndepartment: info\n---\nТекст.\n")
    recent = dt.datetime.now(KYIV) - dt.timedelta(days=20)
    site.write(f"news/{recent.year}/a-skver.md",
               f"---\ntitle: {RECENT}\ndate: {recent:%Y-%m-%d} 09:00\ndepartment: info\n---\nТекст.\n")
    site.write("files/2024/rishennia.pdf", b"%PDF-1.4\n%%EOF\n")
    site.write("news/2024/povna.md", FULL)
    site.write("news/2024/a-hrafik.md",
               f"---\ntitle: {DRAFT}\ndate: 2024-12-30 10:00\ndepartment: info\nstatus: draft\n---\nТекст.\n")
    port, backend = _port(), _port()
    edit = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "edit", "--port", str(port),
         "--backend-port", str(backend), "--content", "content"],
        cwd=site.root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        _wait(f"http://127.0.0.1:{port}/admin/config.yml")
        yield f"http://127.0.0.1:{port}/admin/", recent
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.wait(STOP_SECONDS)


@pytest.fixture(scope="module")
def chromium_browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


def _signed_in(browser, url: str, width: int):
    page = browser.new_page(viewport={"width": width, "height": 740 if width < 500 else 800},
                            timezone_id="Europe/Kyiv", locale="uk-UA")
    page.goto(url)
    page.get_by_role("button", name="Увійти").click()
    page.locator("a[href*='/entries/']").first.wait_for(timeout=60_000)
    return page


def _cards(page) -> list[str]:
    return [t.strip() for t in page.locator("a[href*='/collections/news/entries/']").all_inner_texts()]


@pytest.mark.timeout(600)
@pytest.mark.parametrize("width", [1280, 360])
def test_last_months_item_is_found_in_two_actions_newest_first_with_date_and_status(editing, chromium_browser, width):
    url, recent = editing
    page = _signed_in(chromium_browser, url, width)
    try:
        cards = _cards(page)
        # Action 0 is opening the editor: its first list is the news, newest first, each card dated as we write.
        assert cards[0] == f"{recent:%d.%m.%Y} · {RECENT}", cards[:3]
        assert cards[1] == f"30.12.2024 · {DRAFT} · Чернетка", cards[:3]  # the status in words, not the code
        oldest_last = dt.date(2024, 1, 1) + dt.timedelta(days=5 * 59)
        assert cards[2] == f"{oldest_last:%d.%m.%Y} · Стара новина 59", cards[:3]
        assert not any("⟦" in c or "draft" in c for c in cards), cards
        first = page.locator("a[href*='/collections/news/entries/']").first
        box = first.bounding_box()
        assert box and box["y"] + box["height"] <= page.viewport_size["height"] + 400, box  # on the first screen or near
        first.scroll_into_view_if_needed()
        first.click()  # action 1 (2 on a phone: the list is below the sections)
        page.locator("[id^=title-field]").wait_for(timeout=60_000)
        assert page.input_value("[id^=title-field]") == RECENT
        # Or search: type a word of its title, Enter.
        page.goto(url + "#/collections/news")
        page.locator("a[href*='/entries/']").first.wait_for(timeout=60_000)
        search = page.get_by_placeholder("Пошук у всіх розділах")
        search.fill("Згода")
        search.press("Enter")
        page.get_by_text(RECENT).first.wait_for(timeout=60_000)
        ran("browser", "Decap CMS (lists)")
    finally:
        page.close()


def _off_screen(page) -> list[str]:
    """Every visible control of the editor whose box lies outside the screen's width, and the page's own
    horizontal scroll (none allowed)."""
    return page.evaluate("""() => {
      const w = document.documentElement.clientWidth, out = [];
      if (document.documentElement.scrollWidth > w) out.push('page ' + document.documentElement.scrollWidth + ' > ' + w);
      for (const e of document.querySelectorAll('#nc-root button, #nc-root a, #nc-root input, #nc-root select, #nc-root textarea, #nc-root [role=button], #nc-root [contenteditable=true]')) {
        const r = e.getBoundingClientRect();
        if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
        if (r.left < -1 || r.right > w + 1) out.push((e.innerText || e.id || e.getAttribute('aria-label') || e.tagName).slice(0, 40) + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
      }
      return out; }""")


@pytest.mark.timeout(600)
@pytest.mark.parametrize("width", [360, 1280])
def test_no_sideways_scrolling_and_every_control_on_screen(editing, chromium_browser, width):
    url, _recent = editing
    page = _signed_in(chromium_browser, url, width)
    try:
        assert _off_screen(page) == []  # the list
        page.locator("a[href*='/collections/news/entries/']").first.click()
        page.locator("[id^=title-field]").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert _off_screen(page) == []  # an item: the toolbar (publish, delete, back), every field
        # The toolbar is the first thing on the screen: no empty band above it (the editor's padding for a
        # toolbar laid over it, kept once the phone's toolbar is in the flow, made one of 66 px).
        toolbar = page.locator("[class*=-ToolbarContainer]").first.bounding_box()
        assert toolbar and abs(toolbar["y"]) <= 1, toolbar
        publish = page.get_by_role("button", name="Опубліковано").or_(page.get_by_role("button", name="Опублікувати"))
        assert publish.first.is_visible()
        page.goto(url + "#/collections/news/new")
        page.locator("[id^=title-field]").wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert _off_screen(page) == []  # a new item
        page.get_by_role("button", name="Опублікувати").first.click()  # reachable: its menu opens on the screen
        item = page.get_by_role("menuitem", name="Опублікувати", exact=True)
        item.wait_for()
        box = item.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, box
    finally:
        page.close()


ARTICLE_TEXT = """(selector) => {
  const article = document.querySelector(selector);
  article.querySelectorAll('.file-info').forEach((e) => { e.style.display = 'none'; });  // the build measures sizes
  return article.innerText.split('\\n').map((l) => l.trim()).filter(Boolean);
}"""


@pytest.mark.timeout(600)
def test_the_preview_shows_the_page_as_the_build_does(editing, chromium_browser):
    """An item with a modified date, tags, a document and a summary: the preview pane's article reads as the
    page the build wrote (the summary is for lists and search: neither shows it)."""
    url, _recent = editing
    page = _signed_in(chromium_browser, url, 1280)
    try:
        page.goto(url.replace("/admin/", "/news/2024/povna-novyna-z-dokumentom/"))
        built = page.evaluate(ARTICLE_TEXT, "main article.item")
        page.goto(url + "#/collections/news/entries/2024/povna")
        frame = page.frame_locator("#preview-pane")
        frame.locator("article").wait_for(timeout=60_000)
        frame.locator("main#main").get_by_text("Другий абзац").wait_for(timeout=60_000)
        shown = page.frames[-1].evaluate(ARTICLE_TEXT, "article")
        assert "Короткий опис лише для списків і пошуку." not in built
        assert shown == built
        assert "Документи" in shown and "Теги" in shown and "Оновлено" in shown
    finally:
        page.close()
