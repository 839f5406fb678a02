"""The live preview (`invoke livereload`, adapters/preview/site.py and server.py).

The demo site is copied to tmp_path with a copy of the theme, the preview runs in this process on a free
port, and what it serves is compared, file by file over HTTP, with a full `pelican` build of the same
content: byte-identical but for the reload script the server adds to each page. Then a real Chromium
tab is left open while files are saved: the tab must show the change by itself, show the problems of an
invalid file over the page, and come back when the file is fixed.
"""

from __future__ import annotations

import gc
import io
import re
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from pelican.contents import Article

from conftest import ROOT, Site, ran
from visnyk.adapters.preview.server import PreviewServer

EPOCH = "1795000000"  # 2026-11-18: every demo item but the newest is published
NEWS = "news/2025/biudzhet-hromady-na-2026-rik-ukhvaleno.md"
SNIPPET = re.compile(rb'<script src="/theme/js/visnyk-preview\.js" data-generation="-?\d+" data-search="-?\d+" defer></script>')
CHROMIUM = "/usr/bin/chromium"
pytestmark = pytest.mark.timeout(900)


def fetch(url: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


class Preview:
    """The demo content and theme in tmp_path, served by a PreviewServer in this process."""

    def __init__(self, root: Path, monkeypatch, watch: bool = False, **overrides):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
        self.site = Site(root)
        shutil.copytree(ROOT / "content", self.site.content)
        self.theme = root / "theme"
        shutil.copytree(ROOT / "theme", self.theme)
        self.overrides = {"THEME": str(self.theme), **overrides}
        self.lines: list[str] = []
        self.server = PreviewServer(str(self.site.content), 0, str(ROOT / "pelicanconf.py"), output=str(root / "preview"),
                                    overrides=self.overrides, watch=watch, echo=self.lines.append).start()
        self.url = self.server.address

    def save(self, relpath: str, text: str | None) -> Path:
        path = self.site.content / relpath
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return path

    def edit(self, relpath: str, old: str, new: str) -> Path:
        path = self.site.content / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text, (relpath, old)
        return self.save(relpath, text.replace(old, new, 1))

    def rebuild(self, *paths: Path) -> None:
        self.server.rebuild({str(p) for p in paths})
        assert self.server.last.ok, self.server.last.problems

    def full_build(self, folder: Path, *extra: str) -> Path:
        args = ["-t", str(self.theme)] + (["-e", *extra] if extra else [])
        done = self.site.build(*args, epoch=EPOCH, output=folder)
        assert done.returncode == 0, done.text[-3000:]
        return folder

    def assert_same_as_full_build(self, name: str, *extra: str) -> None:
        """Every file of a full build, fetched from the preview, is the same (pages: but for the snippet),
        and the preview has nothing else."""
        cold = self.full_build(self.site.root / name, *extra)
        assert self.server.site.wait_for_search(300)
        expected = sorted(p.relative_to(cold).as_posix() for p in cold.rglob("*") if p.is_file())
        site = self.server.site
        on_disk = {p.relative_to(site.output).as_posix() for p in Path(site.output).rglob("*")
                   if p.is_file() and not p.relative_to(site.output).as_posix().startswith(".cache/")}
        assert sorted(set(site.pages) | on_disk) == expected, sorted((set(site.pages) | on_disk) ^ set(expected))[:10]
        differ = []
        for relpath in expected:
            url = self.url + (relpath.removesuffix("index.html") if relpath.endswith("/index.html") else relpath)
            status, body, _headers = fetch(url)
            want = (cold / relpath).read_bytes()
            if relpath.endswith(".html"):
                assert len(SNIPPET.findall(body)) == 1, relpath
                body = SNIPPET.sub(b"", body)
            if status != 200 or body != want:
                differ.append(relpath)
        assert not differ, f"{len(differ)} of {len(expected)} files differ from a full build, e.g. {differ[:5]}"

    def stop(self) -> None:
        self.server.stop()


@pytest.fixture
def preview(tmp_path, monkeypatch):
    p = Preview(tmp_path, monkeypatch)
    yield p
    p.stop()


def test_served_site_equals_a_full_build_through_every_kind_of_change(preview):
    preview.assert_same_as_full_build("full-1")
    # Pages open in a tab are rendered while the build records them, before it ends (and served from then on).
    watched = ["index.html", "news/index.html", NEWS.removesuffix(".md") + "/index.html", "404.html", "departments/index.html"]
    for page in watched:
        preview.server.site.watch(page, +1)
    # An edited item, a new one, a deleted one, each its own save and rebuild.
    edited = preview.edit(NEWS, "title:", "title: Оновлено —")
    preview.rebuild(edited)
    new = preview.save("news/2026/nova-novyna-peregliadu.md", "---\ntitle: Нова новина з перегляду\n"
                       "date: 2026-11-10 12:00\ndepartment: komunikatsii\ntags: [перегляд]\n---\nТекст нової новини.\n")
    preview.rebuild(new)
    gone = sorted((preview.site.content / "announcements").rglob("*.md"))[0]
    gone.unlink()
    preview.rebuild(gone)
    # (The edited title moved the item to a new address: its old page is gone.)
    assert set(watched) - set(preview.server.site._rendered) == {NEWS.removesuffix(".md") + "/index.html"}
    preview.assert_same_as_full_build("full-2")
    # A renamed department (every page that names it) and a template change (every page).
    registry = preview.site.content / "departments.yml"
    text = registry.read_text(encoding="utf-8")
    name = re.search(r"^  name: (.+)$", text, re.M).group(1)
    registry.write_text(text.replace(name, name + " (перейменовано)", 1), encoding="utf-8")
    footer = preview.theme / "templates" / "base.html"
    footer.write_text(footer.read_text(encoding="utf-8").replace("</body>", "<p>Шаблон змінено.</p>\n</body>"), encoding="utf-8")
    preview.rebuild(registry, footer)
    assert preview.server.last.how == "build"
    assert "(перейменовано)" in fetch(preview.url + "departments/")[1].decode()
    preview.assert_same_as_full_build("full-3")
    # A template (and a partial it includes), then a stylesheet, saved alone: taken in without a Pelican run.
    article = preview.theme / "templates" / "article.html"
    article.write_text(article.read_text(encoding="utf-8").replace("</article>", "<p>Шаблон статті змінено.</p></article>"),
                       encoding="utf-8")
    header = preview.theme / "templates" / "partials" / "header.html"
    header.write_text(header.read_text(encoding="utf-8").replace("</header>", "<p>Шапку змінено.</p></header>"),
                      encoding="utf-8")
    preview.rebuild(article, header)
    assert preview.server.last.how == "theme"
    item = next(p for p in sorted(preview.server.site.pages) if re.fullmatch(r"news/\d{4}/[^/]+/index\.html", p))
    shown = fetch(preview.url + item.removesuffix("index.html"))[1].decode()
    assert "Шаблон статті змінено." in shown and "Шапку змінено." in shown
    css = preview.theme / "static" / "css" / "site.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nbody { outline: 1px solid #000; }\n", encoding="utf-8")
    preview.rebuild(css)
    assert preview.server.last.how == "theme"
    assert fetch(preview.url + "theme/css/site.css")[1].endswith(b"outline: 1px solid #000; }\n")
    preview.assert_same_as_full_build("full-4")
    # A new template is not known to the last build: the whole site is built.
    extra = preview.theme / "templates" / "unused.html"
    extra.write_text("{% extends 'base.html' %}", encoding="utf-8")
    preview.rebuild(extra)
    assert preview.server.last.how == "build"


def test_council_shaped_saves_equal_a_full_build(preview):
    """The saves a council's archive is made of (issue 30), each its own rebuild, with tabs on the pages they
    change: a hand-written report's text and activity (its department's report page: the preview keeps the
    report documents while their inputs are equal, adapters/outputs/reports.kept_document), a meeting's agenda
    item, an act's `amends:` taken out (the amended act's page cites it no more). Then every file is what a
    full build of the same content writes."""
    report_page = "reports/2025/03/finansy/index.html"
    act_page = "acts/2025/pro-biudzhet-yasnohirskoi-miskoi-terytorialnoi-hromady-na-2026-rik/index.html"
    for page in (report_page, act_page, "meetings/2025/shistdesiat-druha-sesiia/index.html"):
        preview.server.site.watch(page, +1)
    shown = lambda page: fetch(preview.url + page.removesuffix("index.html"))[1].decode()  # noqa: E731
    assert "зміни до бюджету червня" not in shown(report_page)
    report = preview.edit("reports/2025/finansy-2025-03.md", "Протягом березня 2025 року",
                          "Протягом березня 2025 року (зміни до бюджету червня)")
    preview.rebuild(report)
    assert "зміни до бюджету червня" in shown(report_page)
    report = preview.edit("reports/2025/finansy-2025-03.md", "count: 3,", "count: 4,")
    preview.rebuild(report)
    agenda = preview.edit("meetings/2025/shistdesiat-druha-sesiia.md", "Про звіт міського голови",
                          "Про звіт міського голови і секретаря ради")
    preview.rebuild(agenda)
    cited = "zminy-do-biudzhetu-2026-cherven"
    assert cited in shown(act_page)
    act = preview.edit("acts/2026/zminy-do-biudzhetu-2026-cherven.md",
                       "amends: [acts/2025/pro-biudzhet-yasnohirskoi-miskoi-terytorialnoi-hromady-na-2026-rik.md]\n", "")
    preview.rebuild(act)
    assert cited not in shown(act_page)
    preview.assert_same_as_full_build("full-council")


def test_an_invalid_save_keeps_the_last_good_pages_and_reports_the_problem(preview):
    before = fetch(preview.url + "news/")[1]
    broken = preview.edit(NEWS, "date:", "date: 31.02.2025\nold_date:")
    preview.server.rebuild({str(broken)})
    outcome = preview.server.last
    assert not outcome.ok
    assert re.search(rf"{re.escape(NEWS)}:\d+: ", outcome.problems), outcome.problems
    assert outcome.problems in preview.lines[-1]  # the terminal shows it too
    state = preview.server.state()
    assert state["problems"] == outcome.problems
    status, page, _ = fetch(preview.url + "news/")
    assert status == 200 and SNIPPET.sub(b"", page) == SNIPPET.sub(b"", before)
    fixed = preview.edit(NEWS, "date: 31.02.2025\nold_date:", "date:")
    preview.rebuild(fixed)
    assert preview.server.state()["problems"] == ""


def test_pictures_are_served_cleaned_and_held_as_a_full_build_writes_them(preview):
    """A phone photo is served without its GPS position; a scheduled item's picture is not served before the
    item, and is once the item's date has come (its file saved again): each time, what a full build writes."""
    from PIL import Image

    def photo(colour) -> bytes:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif[0x8825] = {1: "N", 2: (50.0, 27.0, 0.0)}
        out = io.BytesIO()
        Image.new("RGB", (64, 48), colour).save(out, "JPEG", exif=exif)
        return out.getvalue()

    (preview.site.content / "images/2026/z-telefona.jpg").write_bytes(photo((200, 60, 40)))
    (preview.site.content / "images/2026/zavtra.jpg").write_bytes(photo((40, 90, 200)))
    shown = preview.site.content / NEWS  # its body links the photo
    shown.write_text(shown.read_text(encoding="utf-8") + "\n![Фото]({static}/images/2026/z-telefona.jpg)\n",
                     encoding="utf-8")
    scheduled = preview.save("news/2026/zavtra.md", "---\ntitle: Завтрашня новина\ndate: 2026-12-01 12:00\n"
                             "department: komunikatsii\nimage: images/2026/zavtra.jpg\nimage_alt: Завтра\n---\nТекст.\n")
    preview.rebuild(shown, scheduled, preview.site.content / "images/2026/z-telefona.jpg",
                    preview.site.content / "images/2026/zavtra.jpg")
    status, body, _ = fetch(preview.url + "images/2026/z-telefona.jpg")
    assert status == 200 and b"PhoneMaker" not in body and body.startswith(b"\xff\xd8")
    assert fetch(preview.url + "images/2026/zavtra.jpg")[0] == 404  # scheduled: not yet
    preview.assert_same_as_full_build("full-pictures-1")
    preview.edit("news/2026/zavtra.md", "date: 2026-12-01 12:00", "date: 2026-11-10 12:00")
    preview.rebuild(preview.site.content / "news/2026/zavtra.md")
    status, body, _ = fetch(preview.url + "images/2026/zavtra.jpg")
    assert status == 200 and b"PhoneMaker" not in body
    preview.assert_same_as_full_build("full-pictures-2")


def test_a_picture_damaged_in_place_is_judged_again(preview):
    """The preview keeps each picture's verdict between builds while the file is unchanged: a lead image and a
    picture linked from a text, each overwritten with bytes of the same length that are not a picture, are
    reported at the lines that use them, and pass again once restored."""
    from PIL import Image

    def photo(colour) -> bytes:
        out = io.BytesIO()
        Image.new("RGB", (64, 48), colour).save(out, "JPEG")
        return out.getvalue()

    lead, linked = preview.site.content / "images/2026/holovne.jpg", preview.site.content / "images/2026/u-teksti.jpg"
    lead.write_bytes(photo((200, 60, 40)))
    linked.write_bytes(photo((40, 90, 200)))
    item = preview.save("news/2026/z-foto.md", "---\ntitle: Новина з фото\ndate: 2026-11-10 12:00\n"
                        "department: komunikatsii\nimage: images/2026/holovne.jpg\nimage_alt: Фото\n---\n"
                        "Текст.\n\n![Ще фото]({static}/images/2026/u-teksti.jpg)\n")
    preview.rebuild(item, lead, linked)
    for picture, line in ((lead, 5), (linked, 10)):
        good = picture.read_bytes()
        picture.write_bytes(b"<html>" + b"x" * (len(good) - 6))
        preview.server.rebuild({str(picture)})
        assert not preview.server.last.ok
        assert f"news/2026/z-foto.md:{line}: " in preview.server.last.problems, preview.server.last.problems
        picture.write_bytes(good)
        preview.rebuild(picture)
    status, body, _ = fetch(preview.url + "images/2026/u-teksti.jpg")
    assert status == 200 and body.startswith(b"\xff\xd8")


def test_static_files_are_kept_between_saves_and_follow_their_changes(preview, monkeypatch):
    """Pelican makes a Static of every picture and document on each build; the preview keeps each as it was made
    while the file's size and time are unchanged (ContentMemory.attach_static): a text's save makes none, a file
    added, overwritten or deleted is made again or dropped — and every file is what a full build writes."""
    from pelican.readers import Readers

    made: list[str] = []
    original = Readers.read_file

    def counting(self, base_path, path, *args, **kwargs):
        if kwargs.get("fmt") == "static":
            made.append(path)
        return original(self, base_path, path, *args, **kwargs)

    monkeypatch.setattr(Readers, "read_file", counting)
    preview.rebuild(preview.edit(NEWS, "title:", "title: Знову —"))
    assert made == []
    document = "files/2026/novyi-dodatok.pdf"
    (preview.site.content / document).write_bytes(b"%PDF-1.4\n% Visnyk test\n%%EOF\n")
    linking = preview.edit(NEWS, "\n---\n", f"\n---\n[Додаток]({{static}}/{document})\n\n")
    preview.rebuild(linking, preview.site.content / document)
    assert made == [document]
    made.clear()
    replaced = sorted(p for p in (preview.site.content / "files").rglob("*.csv"))[0]
    replaced.write_bytes(replaced.read_bytes() + b"\n")
    preview.rebuild(replaced)
    assert made == [replaced.relative_to(preview.site.content).as_posix()]
    status, body, _ = fetch(preview.url + replaced.relative_to(preview.site.content).as_posix())
    assert status == 200 and body == replaced.read_bytes()
    (preview.site.content / document).unlink()
    preview.rebuild(preview.edit(NEWS, f"[Додаток]({{static}}/{document})\n\n", ""), preview.site.content / document)
    assert fetch(preview.url + document)[0] == 404
    preview.assert_same_as_full_build("full-statics")


def test_the_build_that_reads_an_item_judges_its_refresh_and_later_saves_follow_it(preview):
    """Whether Pelican's refresh of an item's formatted fields changes it is learnt in the build that read the
    item (whose refresh runs anyway), so the first save after a start does not judge every kept item again;
    the site stays what a full build writes."""
    memory = preview.server.site.memory
    assert memory.items and all(kept.refresh_changes is not None for kept in memory.items.values())
    linked = preview.save("news/2026/zi-zvychnym-posylanniam.md", "---\ntitle: Новина з посиланням на іншу\n"
                          "date: 2026-11-10 12:00\ndepartment: komunikatsii\n---\n"
                          f"Див. [попередню новину]({{filename}}/{NEWS}).\n")
    preview.rebuild(linked)
    assert memory.items[str(linked)].refresh_changes is not None
    preview.rebuild(preview.edit(NEWS, "title:", "title: Знову —"))  # the link follows the linked item's move
    assert memory.items[str(linked)].refresh_changes is not None
    preview.assert_same_as_full_build("full-refresh")


def test_the_build_waits_for_a_reloading_tab_at_most_half_a_second(preview):
    """Once a page is ready, the tabs on it reload while the build goes on in the same interpreter: the build's
    thread waits until such a tab has opened its event stream again (its page and script are loaded) — at most
    RELOAD_WAIT — and not at all when no tab shows the page."""
    import queue

    from visnyk.adapters.preview import server as server_module

    server = preview.server
    page = NEWS.removesuffix(".md") + "/index.html"
    started = time.monotonic()
    server._early(7, page)  # no tab on it
    assert time.monotonic() - started < 0.1
    mailbox: queue.Queue = queue.Queue()
    with server.clients_lock:
        server.clients[mailbox] = page
    started = time.monotonic()
    server._early(8, page)  # a tab that never comes back
    waited = time.monotonic() - started
    assert mailbox.get_nowait()["generation"] == 8
    assert server_module.RELOAD_WAIT - 0.05 <= waited < server_module.RELOAD_WAIT + 0.5, waited
    ended: list[float] = []
    waiting = threading.Thread(target=lambda: (server._early(9, page), ended.append(time.monotonic())))
    waiting.start()
    assert mailbox.get(timeout=5)["generation"] == 9
    back = time.monotonic()
    with urllib.request.urlopen(f"{preview.url}_visnyk/events?page=/{page.removesuffix('index.html')}", timeout=10) as events:
        events.readline()  # the tab is back
        waiting.join(5)
    assert ended and ended[0] - back < server_module.RELOAD_WAIT - 0.2, ended[0] - back


def test_a_tab_that_leaves_its_page_stops_watching_it_at_once(preview):
    """A tab that goes to another page closes its event stream: its old page is no longer watched within a
    fraction of a second — not at the next event or keep-alive (up to 15 s), while a build would still put that
    page's generator first and render the page early for nobody."""
    import socket
    from urllib.parse import urlsplit

    site = preview.server.site
    page = NEWS.removesuffix(".md") + "/index.html"
    where = urlsplit(preview.url)
    tab = socket.create_connection((where.hostname, where.port), timeout=10)
    tab.sendall(f"GET /_visnyk/events?page=/{page.removesuffix('index.html')} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    said = b""
    while b"retry:" not in said:
        said += tab.recv(4096) or pytest.fail(said.decode())
    deadline = time.monotonic() + 5
    while page not in site.watching and time.monotonic() < deadline:
        time.sleep(0.01)
    assert site.watching.get(page) == 1
    tab.close()
    left = time.monotonic()
    while page in site.watching and time.monotonic() - left < 5:
        time.sleep(0.01)
    assert page not in site.watching and time.monotonic() - left < 1.0, time.monotonic() - left


def test_a_template_error_is_shown_not_raised(preview):
    base = preview.theme / "templates" / "base.html"
    good = base.read_text(encoding="utf-8")
    base.write_text(good.replace("</body>", "{% if %}</body>"), encoding="utf-8")
    preview.server.rebuild({str(base)})
    assert not preview.server.last.ok
    assert "Сайт не зібрано" in preview.server.last.problems and "base.html" in preview.server.last.problems
    base.write_text(good, encoding="utf-8")
    preview.rebuild(base)


def test_the_search_index_never_blocks_and_never_outlives_its_pages(tmp_path, monkeypatch):
    preview = Preview(tmp_path, monkeypatch)
    try:
        assert preview.server.site.wait_for_search(300)
        assert fetch(preview.url + "pagefind/pagefind.js")[0] == 200
        gone = preview.site.content / NEWS
        gone.unlink()
        # The new index is held back until the test has looked (its swap waits), so the state checked is the
        # one the rebuild leaves whenever Pagefind is slower than the build, not whichever came first.
        site, release = preview.server.site, threading.Event()
        swap = site._indexed
        site._indexed = lambda *args: (release.wait(300), swap(*args))
        started = time.perf_counter()
        preview.rebuild(gone)
        rebuilt = time.perf_counter() - started
        # The rebuild returned before the new index was in place: the old index, which still lists the deleted
        # item, is not handed out meanwhile.
        assert preview.server.state()["search"] == "updating"
        status, body, _ = fetch(preview.url + "pagefind/pagefind.js")
        assert status == 503 and "оновлюється" in body.decode(), status
        release.set()
        assert preview.server.site.wait_for_search(300)
        assert preview.server.state()["search"] == "ready" and preview.server.state()["searchGeneration"] == 2
        assert fetch(preview.url + "pagefind/pagefind.js")[0] == 200
        assert rebuilt < 30
        # Search switched off and on again in the settings the preview reads for every build.
        preview.server.site.overrides["VISNYK_SEARCH"] = False
        preview.rebuild()
        assert preview.server.state()["search"] == "off"
        assert fetch(preview.url + "pagefind/pagefind.js")[0] == 404
        preview.server.site.overrides["VISNYK_SEARCH"] = True
        preview.rebuild()
        preview.assert_same_as_full_build("full-on")
    finally:
        preview.stop()


def test_five_hundred_saves_do_not_grow_the_process(tmp_path, monkeypatch):
    """A working day of saves on a small site: the items of old builds are freed and the memory levels off."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = Site(tmp_path)
    site.content.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "content" / "departments.yml", site.content / "departments.yml")
    department = re.search(r"slug: (\S+)", (site.content / "departments.yml").read_text(encoding="utf-8")).group(1)
    for n in range(40):
        site.write(f"news/2026/novyna-{n}.md", f"---\ntitle: Новина {n}\ndate: 2026-03-{n % 28 + 1:02d} 10:00\n"
                   f"department: {department}\ntags: [тег{n % 5}]\n---\nТекст {n}.\n")
    server = PreviewServer(str(site.content), 0, str(ROOT / "pelicanconf.py"), output=str(tmp_path / "preview"),
                           overrides={"VISNYK_SEARCH": False}, watch=False, echo=lambda _line: None).start()

    def resident_mib() -> float:
        gc.collect()
        return int(Path("/proc/self/statm").read_text().split()[1]) * 4096 / 2**20

    try:
        sizes = {}
        for save in range(1, 501):
            path = site.write("news/2026/novyna-7.md", f"---\ntitle: Новина 7\ndate: 2026-03-08 10:00\n"
                              f"department: {department}\n---\nТекст версії {save}.\n")
            server.rebuild({str(path)})
            assert server.last.ok, server.last.problems
            if save % 25 == 0:
                page = next(p for p in server.site.pages if p.startswith("news/2026/novyna-7"))
                assert f"Текст версії {save}.".encode() in fetch(server.address + page)[1]
            if save in (100, 500):
                sizes[save] = resident_mib()
        gc.collect()
        alive = sum(1 for o in gc.get_objects() if isinstance(o, Article))
        # The last build's items and the pristine copies the preview keeps to build the next one from.
        assert alive <= 2 * 40 + 2, f"{alive} items alive: earlier builds were not freed"
        assert sizes[500] - sizes[100] < 25, sizes
    finally:
        server.stop()


# --- the setting toggles (issue 14): a build with other settings never breaks the next one -----------------


TOGGLES = {
    "search": ("VISNYK_SEARCH=true", "VISNYK_SEARCH=false"),
    "render cache": ("VISNYK_RENDER_CACHE=true", "VISNYK_RENDER_CACHE=false"),
    "content cache": ("LOAD_CONTENT_CACHE=true", "LOAD_CONTENT_CACHE=false"),
}


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("toggle", sorted(TOGGLES))
def test_every_toggle_both_ways_builds_the_same_site_as_a_clean_build(tmp_path, toggle):
    """The cached build (`invoke bench`'s warm build, the livereload of before) with a setting switched off and
    on again (on → off, off → on) in the same output and cache folders: every build succeeds — clearing what
    the previous run made tolerates folders already gone — and equals a clean build with the same setting."""
    site = Site(tmp_path)
    shutil.copytree(ROOT / "content", site.content)
    cached = ("--cache-path", str(tmp_path / "cache"), "-e", "CACHE_CONTENT=true")
    on, off = TOGGLES[toggle]
    clean = {}
    for value in (on, off):
        done = site.build("-e", value, epoch=EPOCH, output=tmp_path / f"clean-{value}")
        assert done.returncode == 0, done.text[-3000:]
        clean[value] = files(done.output)
    output = tmp_path / "warm"
    for value in (on, off, on, off):
        done = site.build(*cached, "LOAD_CONTENT_CACHE=true", value, epoch=EPOCH, output=output)
        assert done.returncode == 0, f"{value}: {done.text[-3000:]}"
        warm = files(output)
        assert sorted(warm) == sorted(clean[value]), (value, sorted(set(warm) ^ set(clean[value]))[:10])
        assert [n for n in warm if warm[n] != clean[value][n]] == [], value


# --- in a real browser ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian Chromium is needed: run scripts/install-test-tools")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        yield b
        b.close()


def test_an_open_tab_follows_saves_problems_and_fixes_by_itself(tmp_path, monkeypatch, browser):
    preview = Preview(tmp_path, monkeypatch, watch=True)
    page = browser.new_page()
    console: list[str] = []  # every console error and uncaught exception of the page and the preview's script
    page.on("console", lambda m: m.type == "error" and console.append(m.text))
    page.on("pageerror", lambda e: console.append(f"uncaught: {e}"))
    try:
        item_url = preview.url + NEWS.removesuffix(".md") + "/"
        page.goto(item_url)
        ran("browser", "Playwright")
        time.sleep(0.5)  # the watcher is up; the tab listens to the events
        # An edited body reaches the open page by itself (no reload from the test).
        text = (preview.site.content / NEWS).read_text(encoding="utf-8")
        preview.save(NEWS, text + "\nЗміна з редактора.\n")
        page.wait_for_function("() => document.body.innerText.includes('Зміна з редактора')", timeout=30_000)
        # An invalid save: the problem list over the page, naming the file and line.
        preview.edit(NEWS, "date:", "date: 31.02.2025\nstara_data:")
        page.wait_for_selector("#visnyk-preview-problems", timeout=30_000)
        shown = page.inner_text("#visnyk-preview-problems")
        assert NEWS in shown and "Сайт не зібрано" in shown, shown
        # Fixed: the list goes and the page is back, by itself.
        preview.edit(NEWS, "date: 31.02.2025\nstara_data:", "date:")
        page.wait_for_selector("#visnyk-preview-problems", state="detached", timeout=30_000)
        page.wait_for_function("() => document.body.innerText.includes('Зміна з редактора')", timeout=30_000)
        # A stylesheet change is seen too (the page reloads and the browser fetches the new CSS).
        css = preview.theme / "static" / "css" / "site.css"
        css.write_text(css.read_text(encoding="utf-8") + "\nbody { outline: 7px solid rgb(1, 2, 3); }\n", encoding="utf-8")
        page.wait_for_function("() => getComputedStyle(document.body).outlineWidth === '7px'", timeout=30_000)
        # A template change too.
        base = preview.theme / "templates" / "base.html"
        base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<p>Новий підвал.</p>\n</body>"), encoding="utf-8")
        page.wait_for_function("() => document.body.innerText.includes('Новий підвал')", timeout=30_000)
        # No console error at all: nothing the page's Content-Security-Policy refused (the reload script is a
        # file, not inline), no exception in the page's or the preview's script.
        assert console == [], console
    finally:
        page.close()
        preview.stop()


STOPS = {  # case → (what is busy when the signal comes, the signal, sent to)
    "Ctrl+C during the first build": ("first build", "SIGINT", "group"),
    "SIGTERM during a rebuild": ("rebuild", "SIGTERM", "process"),
    "Ctrl+C during a Pagefind run": ("pagefind", "SIGINT", "group"),
    "SIGKILL during a Pagefind run": ("pagefind", "SIGKILL", "process"),
    "a second Ctrl+C while the first waits for a build": ("rebuild held in one call", "SIGINT", "group"),
}


@pytest.mark.parametrize("case", list(STOPS))
def test_a_stopped_preview_ends_in_seconds_leaving_no_process_or_folder(tmp_path, case):
    """`invoke livereload` on the demo site, on a machine kept busy (a CPU-bound process per core), stopped while
    each part works: its first build or a rebuild held in the middle by a test plugin, the search indexer's
    Pagefind run. Ctrl+C (SIGINT to the terminal's process group) and `kill` (SIGTERM) end it within a few
    seconds — the build is abandoned, not waited for — leaving no process of its session (the indexer, Pagefind,
    multiprocessing's resource tracker: each seen before the signal) and no folder in TMPDIR; SIGKILL runs no
    cleanup, yet the indexer and its Pagefind end with it. A build held in a call nothing interrupts keeps the
    first Ctrl+C waiting (120 s): a second one ends the command within the same few seconds, with nothing
    left either."""
    import os
    import signal
    import subprocess
    import sys

    from stopping import (STOP_SECONDS, busy_machine, gone, hold_plugin, is_indexer, is_pagefind, settings_with,
                          tree)

    busy, name, to = STOPS[case]
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    settings = settings_with(hold_plugin(tmp_path), ROOT, tmp_path)
    hold, held = tmp_path / "hold", tmp_path / "held"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    log = tmp_path / "livereload.log"
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TMPDIR": str(temporary), "PYTHONUNBUFFERED": "1"}

    def text() -> str:
        return log.read_text(encoding="utf-8", errors="replace")

    with busy_machine():
        if busy == "first build":
            hold.write_text("spin", encoding="utf-8")
        proc = subprocess.Popen([sys.executable, "-m", "invoke", "--search-root", str(ROOT), "livereload", "--port",
                                 "0", "--content", str(content), "--settings", str(settings)], cwd=ROOT, env=env,
                                stdout=open(log, "wb"), stderr=subprocess.STDOUT, start_new_session=True)
        try:
            end = time.monotonic() + 240

            def wait(what, condition):
                while not condition():
                    assert proc.poll() is None and time.monotonic() < end, f"waiting for {what}:\n{text()[-3000:]}"
                    time.sleep(0.02)

            if busy == "first build":
                wait("the first build to be held", held.exists)
            elif busy.startswith("rebuild"):
                wait("the first build", lambda: "Оновлено (сайт)" in text())  # (the address is printed before it)
                hold.write_text("sleep" if "one call" in busy else "spin", encoding="utf-8")
                saved = 0.0
                while not held.exists():  # saved again until the watcher, which sets itself up after the build, sees it
                    if time.monotonic() - saved > 1:
                        (content / NEWS).write_text((content / NEWS).read_text(encoding="utf-8") + "\nЗміна.\n",
                                                    encoding="utf-8")
                        saved = time.monotonic()
                    wait("the rebuild to be held", lambda: True)
                    time.sleep(0.02)
            before = tree(proc.pid)
            while busy == "pagefind" and not any(is_pagefind(c) for c in before.values()):
                wait("a Pagefind run", lambda: True)  # (fails once the time is up or the command ended)
                time.sleep(0.02)
                before = tree(proc.pid)
            if busy == "pagefind":  # the indexer and its Pagefind run, seen running right before the signal
                assert any(is_indexer(c) for c in before.values()), before
            number = getattr(signal, name)
            kill = (lambda: os.killpg(proc.pid, number)) if to == "group" else (lambda: proc.send_signal(number))
            kill()
            signalled = time.monotonic()
            if "second" in case:
                time.sleep(1)
                assert proc.poll() is None, "the first Ctrl+C did not wait for the held build: nothing to test"
                kill()
                signalled = time.monotonic()
                proc.wait(STOP_SECONDS)  # the same few seconds as any stop: the held build would take 120 s
                assert proc.returncode == 128 + number, proc.returncode
            else:
                proc.wait(STOP_SECONDS)
            took = time.monotonic() - signalled
            print(f"{case}: ended {took:.2f} s after the signal")  # shown with -rP
            assert gone(proc.pid, before) == {}, "left running"
            if busy != "pagefind" and "second" not in case:  # the held build was abandoned, not waited for
                # (raised by the stop in the first build's thread, or the watcher's: the main thread only waits)
                assert held.read_text(encoding="utf-8") == "spin\nabandoned: Stopped\n", text()
                assert "Оновлено (news/" not in text(), text()
            if busy == "first build":  # served from the start (issue 30), but never built
                assert "Попередній перегляд: http" in text() and "Оновлено (" not in text(), text()
            if name != "SIGKILL":
                assert list(temporary.iterdir()) == [], f"left in TMPDIR after {took:.1f} s"
            else:  # no cleanup ran: the output folder stays, with nothing beside it (the indexer's files were in it)
                assert [p.name for p in temporary.iterdir() if not p.name.startswith("visnyk-preview-")] == []
            assert "Traceback" not in text(), text()[-3000:]
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(30)


def test_a_pagefind_run_ends_with_the_indexer_however_the_indexer_ends(tmp_path):
    """The indexing process starts its Pagefind runs through PAGEFIND_LAUNCHER (processes.indexer_started): each is killed
    by the kernel when it ends, even when it ends without killing the run itself (a SIGTERM met while the run was
    starting left Pagefind running with no parent). Here an indexer-like process starts a run — a stand-in for
    `python -m pagefind` that only sleeps — and ends at once, without unwinding."""
    import os
    import subprocess
    import sys

    stand_in = tmp_path / "python"
    stand_in.write_text(f"#!/bin/sh\necho $$ > {tmp_path / 'pid'}\nexec sleep 60\n", encoding="utf-8")
    stand_in.chmod(0o755)
    indexer = f"""
import os, sys, threading, time
sys.path.insert(0, {str(ROOT / "plugins")!r})
from visnyk.adapters.outputs import search
from visnyk.adapters.preview import processes
search.PAGEFIND_LAUNCHER = processes.killed_with_this_process()
search.sys.executable = {str(stand_in)!r}
threading.Thread(target=search._index_shard, args=([], {str(tmp_path / "out")!r}), daemon=True).start()
while not os.path.exists({str(tmp_path / "pid")!r}):
    time.sleep(0.01)
time.sleep(0.2)
os._exit(0)
"""
    subprocess.run([sys.executable, "-c", indexer], check=True, timeout=60)
    pid = int((tmp_path / "pid").read_text())
    end = time.monotonic() + 5
    while Path(f"/proc/{pid}").exists() and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z":
        assert time.monotonic() < end, "the Pagefind run outlived its indexer"
        time.sleep(0.02)


def test_the_first_page_is_served_while_the_first_build_runs(tmp_path, monkeypatch, browser):
    """`invoke livereload` serves at once (start(wait=False)) and builds behind the page (issue 30): a test plugin
    holds the first build after reading and again once every page is recorded. Held after reading, both tabs
    say «Сайт будується…»; once the pages are recorded, the item's tab shows the item and the search page says
    the index «оновлюється» (role=status) — before the build has ended; when it ends and the index is made,
    the tabs reload by themselves and the note is gone."""
    from stopping import settings_with

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "held.py").write_text(f'''
import os, time
from pelican import signals

def hold(name):
    def wait(*args, **kwargs):
        path = os.path.join({str(tmp_path)!r}, name)
        if os.path.exists(path):
            open(path + ".held", "w").close()
        end = time.monotonic() + 120
        while os.path.exists(path) and time.monotonic() < end:
            time.sleep(0.02)
    return wait

read, recorded = hold("read"), hold("recorded")

def register():
    signals.all_generators_finalized.connect(read)
    signals.finalized.connect(recorded)
''', encoding="utf-8")
    settings = settings_with(plugins, ROOT, tmp_path)
    settings.write_text(settings.read_text(encoding="utf-8").replace("'busy'", "'held'"), encoding="utf-8")
    site = Site(tmp_path)
    shutil.copytree(ROOT / "content", site.content)
    for name in ("read", "recorded"):
        (tmp_path / name).touch()
    server = PreviewServer(str(site.content), 0, str(settings), output=str(tmp_path / "preview"), watch=False,
                           echo=lambda _line: None).start(wait=False)
    item, search = browser.new_page(), browser.new_page()
    try:
        deadline = time.monotonic() + 240
        while not (tmp_path / "read.held").exists():
            assert time.monotonic() < deadline, "the first build never read the content"
            time.sleep(0.05)
        item.goto(server.address + NEWS.removesuffix(".md") + "/")
        search.goto(server.address + "search/")
        for tab in (item, search):
            assert tab.locator("h1").inner_text() == "Сайт будується…"
        (tmp_path / "read").unlink()
        title = re.search(r"^title: (.+)$", (site.content / NEWS).read_text(encoding="utf-8"), re.M).group(1)
        item.wait_for_function("(t) => document.querySelector('h1') && document.querySelector('h1').innerText.includes(t)",
                               arg=title.strip('"'), timeout=120_000)
        note = search.locator("#visnyk-preview-search[role=status]")
        note.wait_for(timeout=120_000)
        assert "оновлюється" in note.inner_text()
        assert server.site.generation == 0, "shown only once the build ended"  # (held at its end, if not before)
        (tmp_path / "recorded").unlink()
        search.wait_for_function("() => { const n = document.querySelector('#visnyk-preview-search');"
                                 " return document.getElementById('search-input') && n && !n.innerText.includes('оновлюється'); }",
                                 timeout=240_000)
        assert server.site.generation == 1 and server.site.search.ready
        item.wait_for_function("() => !document.querySelector('script[data-generation=\"0\"]')", timeout=60_000)
    finally:
        for name in ("read", "recorded"):
            (tmp_path / name).unlink(missing_ok=True)
        server.stop()


def test_the_next_start_reads_only_the_files_changed_since(tmp_path, monkeypatch):
    """`invoke livereload` keeps its items between runs (keep_items, issue 30): the second start on the same
    content takes in what the first wrote after its build and reads only the file saved in between — whose
    new text is what the page shows."""
    from pelican.readers import Readers

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = Site(tmp_path)
    shutil.copytree(ROOT / "content", site.content)
    settings = tmp_path / "pelicanconf.py"
    settings.write_text(f"exec(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
                        f"THEME = {str(ROOT / 'theme')!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n", encoding="utf-8")
    reads = []
    original = Readers.read_file

    def counted(self, *args, **kwargs):
        reads.append(kwargs["path"] if "path" in kwargs else args[1])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Readers, "read_file", counted)

    def run() -> PreviewServer:
        server = PreviewServer(str(site.content), 0, str(settings), watch=False, echo=lambda _line: None,
                               keep_items=True, overrides={"VISNYK_SEARCH": False}).start(wait=False)
        deadline = time.monotonic() + 240
        while not (server.site.generation and Path(server.items_file).is_file()):
            assert time.monotonic() < deadline and not server.site.problems, server.site.problems
            time.sleep(0.05)
        return server

    server = run()
    first = len(reads)
    assert first > 200 and Path(server.items_file).parent == tmp_path / "cache" / "preview"
    time.sleep(1)  # (the file is written after the build's line: let it be complete)
    server.stop()
    edited = (site.content / NEWS).read_text(encoding="utf-8").replace("\n---\n", "\n---\nДописано між запусками.\n\n", 1)
    (site.content / NEWS).write_text(edited, encoding="utf-8")
    reads.clear()
    server = run()
    try:
        assert [r for r in reads if r.endswith(".md")] == [NEWS], reads[:5]  # (static files are not items)
        assert "Дописано між запусками." in fetch(server.address + NEWS.removesuffix(".md") + "/")[1].decode()
    finally:
        server.stop()


class _Said:
    """A logger's info lines, as said: Pelican's LimitFilter lets a message through once per process, and
    other previews of the demo in this process may have said the same words before."""

    def __init__(self):
        self.lines: list[str] = []

    def info(self, message: str, *args) -> None:
        self.lines.append(message % args)


def test_a_first_start_reads_its_files_on_every_core_and_a_save_does_not(tmp_path, monkeypatch):
    """Issue 30 §2: a start with no items kept parses every content file ahead in VISNYK_BUILD_PROCESSES
    forked processes (rebuild/reading.py), from the build's thread of a process with server threads; the
    site is the site a full build writes. A save reads its one file here: no fork."""
    from visnyk.adapters.rebuild import reading

    from visnyk.domain.media import images

    monkeypatch.setattr(reading, "PREVIEW_AHEAD", 50)  # the demo has 232 files: well above, whatever it becomes
    said = _Said()
    monkeypatch.setattr(reading, "log", said)
    judged_here = []  # lead images decoded in this process (a worker's calls stay in the worker)
    judge = images.Pictures._judge
    monkeypatch.setattr(images.Pictures, "_judge", lambda self, path: judged_here.append(path) or judge(self, path))
    ahead = re.compile(r"Файли змісту, прочитані наперед: (\d+)/(\d+) \(процесів: (\d+)\)")
    p = Preview(tmp_path, monkeypatch, VISNYK_BUILD_PROCESSES=2)
    try:
        found = [ahead.search(line).groups() for line in said.lines if ahead.search(line)]
        files = len(list(p.site.content.rglob("*.md")))
        assert found == [(str(files), str(files), "2")]  # every file parsed ahead was taken by the reader
        votes = len(list((p.site.content / "votes").glob("*.yml")))
        assert f"Файли голосувань, прочитані наперед: {votes}/{votes}" in said.lines  # and every votes file
        lead = {path for path, (_stamp, verdicts) in p.server.site._verdicts.items() if images.LEAD in verdicts}
        assert len(lead) >= 3 and judged_here == []  # the lead images were judged ahead too
        said.lines.clear()
        p.rebuild(p.edit(NEWS, "\n---\n", "\n---\nДописано після старту.\n\n"))
        assert not [line for line in said.lines if ahead.search(line)]
        assert "Дописано після старту." in fetch(p.url + NEWS.removesuffix(".md") + "/")[1].decode()
        p.assert_same_as_full_build("full")
    finally:
        p.stop()


def test_a_sites_own_template_overrides_are_watched_and_taken_in(tmp_path, monkeypatch):
    """A council's site made by `./visnyk init` overrides single templates in its own theme/templates
    (THEME_TEMPLATES_OVERRIDES), outside the package's theme: the preview watches that folder and a saved
    override is taken in like a theme template, without a Pelican run."""
    own = tmp_path / "own-templates"
    own.mkdir()
    base = (ROOT / "theme" / "templates" / "article.html").read_text(encoding="utf-8")
    override = own / "article.html"
    override.write_text(base.replace("</article>", "<p>Власний шаблон громади.</p></article>"), encoding="utf-8")
    p = Preview(tmp_path / "site", monkeypatch, THEME_TEMPLATES_OVERRIDES=[str(own)])
    try:
        assert str(own) in p.server.watched()
        item = next(x for x in sorted(p.server.site.pages) if re.fullmatch(r"news/\d{4}/[^/]+/index\.html", x))
        assert "Власний шаблон громади." in fetch(p.url + item.removesuffix("index.html"))[1].decode()
        override.write_text(base.replace("</article>", "<p>Шаблон громади змінено.</p></article>"), encoding="utf-8")
        p.rebuild(override)
        assert p.server.last.how == "theme"
        shown = fetch(p.url + item.removesuffix("index.html"))[1].decode()
        assert "Шаблон громади змінено." in shown and "Власний шаблон громади." not in shown
    finally:
        p.stop()


@pytest.mark.parametrize("wait", [True, False])
def test_a_save_made_while_the_first_build_runs_is_built_without_another_save(tmp_path, monkeypatch, wait):
    """The watcher starts after the first build; a file saved while that build ran (after it read the file) was
    reported by no one, and the tab kept the old text until the next save. It is now built once the watcher runs,
    whether the preview waits for its first build (`start()`) or serves while it runs (`invoke livereload`)."""
    from visnyk.adapters.preview.site import PreviewSite

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    site = Site(tmp_path)
    shutil.copytree(ROOT / "content", site.content)
    news = site.content / NEWS
    original = PreviewSite.build
    builds = []

    def build(self, changed=()):
        outcome = original(self, changed)
        builds.append(sorted(changed))
        if len(builds) == 1:  # the first build has read every file: the editor saves now
            news.write_text(news.read_text(encoding="utf-8").replace("\n---\n", "\n---\nЗбережено під час першого "
                                                                                  "збирання.\n\n", 1), encoding="utf-8")
        return outcome

    monkeypatch.setattr(PreviewSite, "build", build)
    server = PreviewServer(str(site.content), 0, str(ROOT / "pelicanconf.py"), output=str(tmp_path / "preview"),
                           overrides={"VISNYK_SEARCH": False}, watch=True, echo=lambda _line: None).start(wait=wait)
    try:
        page = server.address + NEWS.removesuffix(".md") + "/"
        deadline = time.monotonic() + 60
        while "Збережено під час першого збирання." not in fetch(page)[1].decode():
            assert time.monotonic() < deadline, f"the save was never built: builds {builds}"
            time.sleep(0.2)
        assert builds[1] == [str(news)]  # built as the watcher would have reported it: that file alone
    finally:
        server.stop()
