"""The editor's preview is the page (issue 28, point 2): drawn from the site's own templates, not a copy.

`invoke edit` on a copy of the demo content in tmp_path; in Chromium each demo item is opened in the editor
and the preview pane's <main> is compared with the <main> of the same item's page as the live preview builds
it with the real pipeline. Only what the build derives from other items is left out of the page's side (the
decision cycle of an act, its legal status, the neighbours, the history): one entry cannot know them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys

import pytest

from conftest import DEMO_EPOCH, ROOT
from stopping import STOP_SECONDS
from test_editor import CHROMIUM, _port, _wait

# (collection, the entry's path in it, the page's address): a news item with tags, a video with its link and
# tags, an act with an attachment (and a {filename} link in its text), an announcement, a meeting with its time
# span, place, body and agenda (lines without acts: a line's link to its act is another item's).
ITEMS = [
    ("news", "2024/biudzhet-uchasti-2025-meshkantsi-podaly-27-proiektiv", "news/2024/biudzhet-uchasti-2025-meshkantsi-podaly-27-proiektiv/"),
    ("videos", "2025/novyi-shkilnyi-avtobus-vyishov-na-marshrut", "videos/2025/novyi-shkilnyi-avtobus-vyishov-na-marshrut/"),
    ("acts", "2024/pro-biudzhet-yasnohirskoi-miskoi-terytorialnoi-hromady-na-2025-rik",
     "acts/2024/pro-biudzhet-yasnohirskoi-miskoi-terytorialnoi-hromady-na-2025-rik/"),
    ("announcements", "2024/bezoplatni-pravovi-konsultatsii-v-starostynskykh-okruhakh",
     "announcements/2024/bezoplatni-pravovi-konsultatsii-v-starostynskykh-okruhakh/"),
    ("meetings", "2026/hromadska-rada-17-veresnia", "meetings/2026/zasidannia-hromadskoi-rady-pry-vykonavchomu-komiteti/"),
]  # fmt: skip

# <main>'s HTML with whitespace normalised and links made site-relative ("../../../x/" and "/x/" → "x/").
# On the page's side, what the build derives from other items goes first (a meeting's own section stays).
DERIVED = "nav.neighbours, section.legal-status, section.history, dl > div:has(> dd.legal)"
NORMALISED = """([root, derived]) => {
  const copy = root.cloneNode(true);
  if (derived) copy.querySelectorAll(derived).forEach((e) => e.remove());
  for (const e of copy.querySelectorAll("[href], [src]")) for (const a of ["href", "src"]) {
    if (e.hasAttribute(a)) e.setAttribute(a, e.getAttribute(a).replace(/^(\\.\\.\\/)+|^\\//, ""));
  }
  return copy.innerHTML.replace(/\\s+/g, " ").replace(/> </g, "><").trim();
}"""


@pytest.mark.timeout(600)
def test_the_preview_pane_shows_the_pages_own_main(tmp_path):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM) or not (ROOT / "node_modules" / "decap-cms" / "dist" / "decap-cms.js").is_file():
        pytest.fail("Chromium and the npm packages are needed: run scripts/install-test-tools")
    root = tmp_path / "site"
    root.mkdir()
    for name in ("pelicanconf.py", "theme", "plugins"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "content", root / "content")
    port, backend = _port(), _port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": DEMO_EPOCH}
    edit = subprocess.Popen(
        [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "edit", "--port", str(port),
         "--backend-port", str(backend), "--content", "content"],
        cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )  # fmt: skip
    compared = []
    try:
        _wait(f"http://127.0.0.1:{port}/admin/config.yml", seconds=300)
        _wait(f"http://127.0.0.1:{port}/{ITEMS[0][2]}", seconds=300)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
            page = browser.new_page(viewport={"width": 1280, "height": 800}, timezone_id="Europe/Kyiv", locale="uk-UA")
            site = browser.new_page()
            page.goto(f"http://127.0.0.1:{port}/admin/")
            page.get_by_role("button", name="Увійти").click()
            page.get_by_text("Новини").first.wait_for()
            for collection, entry, url in ITEMS:
                site.goto(f"http://127.0.0.1:{port}/{url}")
                derived = DERIVED + ("" if collection == "meetings" else ", section.cycle")
                built = site.locator("main#main").evaluate(f"root => ({NORMALISED})([root, {derived!r}])")
                page.goto("about:blank")
                page.goto(f"http://127.0.0.1:{port}/admin/#/collections/{collection}/entries/{entry}")
                main = page.frame_locator("#preview-pane").locator("main#main")
                main.locator(".item-body > *").first.wait_for()
                # Filled: no marker left, and each attachment's size measured (its label has a comma).
                page.wait_for_function("""() => {
                  const m = document.querySelector('#preview-pane').contentDocument.querySelector('main#main');
                  return m && !m.innerHTML.includes('⟦') && [...m.querySelectorAll('.attachments .file-info')]
                    .every((e) => e.textContent.includes(','));
                }""")
                shown = main.evaluate(f"root => ({NORMALISED})([root, ''])")
                assert shown == built, (url, shown, built)
                compared.append(url)
            browser.close()
    finally:
        os.killpg(edit.pid, signal.SIGINT)
        edit.communicate(timeout=STOP_SECONDS)
    assert compared == [url for *_, url in ITEMS]
