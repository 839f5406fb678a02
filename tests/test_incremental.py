"""Warm rebuilds keep unchanged pages (adapters/rebuild/incremental.py) and still equal a cold build.

Each test copies the demo content, builds it once with Pelican's content cache (as
`invoke livereload` does), makes one kind of change, rebuilds warm into the same folder and cold
(no cache) into a new one, and compares the two trees byte for byte. Which pages the warm build
rewrote is read from the files' contents, not their timestamps (see `mark_pages`), so a file system with
coarse modification times cannot make a rewritten page look kept or the other way round.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from pelican.contents import Article
from pelican.paginator import Paginator
from pelican.settings import DEFAULT_CONFIG

from conftest import ROOT, Site
from visnyk.adapters.rebuild.fingerprint import Fingerprints, Uncacheable

EPOCH = "1795000000"  # 2026-11-18: every demo item but the newest is published
NEWS = "news/2025/biudzhet-hromady-na-2026-rik-ukhvaleno.md"
TRANSLATED = "news/2025/onovlenyi-sait-miskoi-rady"
pytestmark = pytest.mark.timeout(600)  # two or three builds of the demo site a test


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def mark_pages(folder: Path) -> dict[str, tuple[bytes, bytes]]:
    """Change the last byte of every page, keeping its size and modification time: page → (original, marked).

    The render cache decides a page is as the last build left it by its size and modification time, so it
    keeps a marked page untouched, while a page the build writes loses the mark whatever it writes — even
    the same bytes within the same timestamp tick."""
    marked = {}
    for path in sorted(folder.rglob("*.html")):
        original, stat = path.read_bytes(), path.stat()
        mark = original[:-1] + (b"\x00" if original[-1:] != b"\x00" else b"\x01")
        path.write_bytes(mark)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
        marked[path.relative_to(folder).as_posix()] = (original, mark)
    return marked


def sort_out(folder: Path, marked: dict[str, tuple[bytes, bytes]]) -> set[str]:
    """The pages written since `mark_pages` (new ones too); a kept page gets its original bytes back, with
    the time the build left it, so the folder is again what the build made of it."""
    rewritten = set()
    for path in sorted(folder.rglob("*.html")):
        page = path.relative_to(folder).as_posix()
        original, mark = marked.get(page, (None, None))
        if mark is None or path.read_bytes() != mark:
            rewritten.add(page)
            continue
        stat = path.stat()
        path.write_bytes(original)
        os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return rewritten


@dataclass
class Rebuild:
    before: set[str]  # the pages in the output folder before the build
    rewritten: set[str]  # the pages it wrote (not kept), new ones included


class Warm:
    """The demo site in tmp_path with a warm output folder and cache."""

    def __init__(self, root: Path, *settings: str):
        """settings: NAME=JSON overrides for both builds (pelican takes one -e list)."""
        self.site = Site(root)
        shutil.copytree(ROOT / "content", self.site.content)
        self.settings = ("-e", "VISNYK_SEARCH=false", *settings)
        self.cached = ("--cache-path", str(root / "cache"), *self.settings, "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
        self.output = root / "warm"
        self.build()

    def build(self) -> Rebuild:
        """A warm build: which pages were there before it and which it wrote."""
        marked = mark_pages(self.output) if self.output.exists() else {}
        done = self.site.build(*self.cached, epoch=EPOCH, output=self.output)
        assert done.returncode == 0, done.text[-3000:]
        return Rebuild(set(marked), sort_out(self.output, marked))

    def assert_same_as_cold(self) -> None:
        cold = self.site.root / "cold"
        shutil.rmtree(cold, ignore_errors=True)
        done = self.site.build(*self.settings, epoch=EPOCH, output=cold)
        assert done.returncode == 0, done.text[-3000:]
        warm, fresh = tree(self.output), tree(cold)
        assert sorted(warm) == sorted(fresh), sorted(set(warm) ^ set(fresh))[:10]
        differ = [name for name in warm if warm[name] != fresh[name]]
        assert not differ, f"{len(differ)} files differ from a cold build, e.g. {differ[:5]}"

    def edit(self, relpath: str, old: str, new: str) -> None:
        path = self.site.content / relpath
        text = path.read_text(encoding="utf-8")
        assert old in text, (relpath, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def warm(tmp_path) -> Warm:
    return Warm(tmp_path)


def page_of(relpath: str) -> str:
    return relpath.removesuffix(".md") + "/index.html"


def test_rewritten_pages_are_seen_however_coarse_the_clock(tmp_path):
    for name in ("kept", "same", "changed"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "index.html").write_text(f"<p>{name}</p>\n", encoding="utf-8")
    times = {p.relative_to(tmp_path).as_posix(): p.stat().st_mtime_ns for p in tmp_path.rglob("*.html")}
    marked = mark_pages(tmp_path)
    assert {p: (tmp_path / p).stat().st_mtime_ns for p in times} == times  # marking keeps each page's time
    assert all(len(original) == len(mark) and original != mark for original, mark in marked.values())
    # A build on a file system whose clock did not move: two pages written again keep their old times,
    # one of them with the very same bytes.
    for name, text in (("same", "<p>same</p>\n"), ("changed", "<p>інше</p>\n")):
        path = tmp_path / name / "index.html"
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(times[f"{name}/index.html"], times[f"{name}/index.html"]))
    (tmp_path / "new").mkdir()
    (tmp_path / "new/index.html").write_text("<p>new</p>\n", encoding="utf-8")
    assert sort_out(tmp_path, marked) == {"same/index.html", "changed/index.html", "new/index.html"}
    kept = tmp_path / "kept/index.html"
    assert kept.read_text(encoding="utf-8") == "<p>kept</p>\n" and kept.stat().st_mtime_ns == times["kept/index.html"]


# --- builds ----------------------------------------------------------------------------------


def test_a_rebuild_with_nothing_changed_rewrites_no_page(warm):
    assert (warm.site.root / "cache" / "visnyk-pages.json").is_file()
    done = warm.build()
    assert len(done.before) > 400
    assert done.rewritten == set()
    warm.assert_same_as_cold()


def test_an_edited_body_rewrites_its_page_and_few_others(warm):
    warm.edit(NEWS, "\n---\n", "\n---\nДоповнено: уточнено графік робіт.\n\n")
    done = warm.build()
    changed = done.rewritten
    assert page_of(NEWS) in changed
    assert "уточнено графік робіт" in (warm.output / page_of(NEWS)).read_text(encoding="utf-8")
    assert len(changed) < len(done.before) / 4, sorted(changed)
    warm.assert_same_as_cold()


def test_a_new_title_reaches_lists_neighbours_and_feeds(warm):
    warm.edit(NEWS, "title: Бюджет громади", "title: Змінено — бюджет громади")
    done = warm.build()
    moved = "news/2025/zmineno-biudzhet-hromady-na-2026-rik-ukhvaleno/index.html"  # the slug follows the title
    assert moved in done.rewritten and not (warm.output / page_of(NEWS)).exists()
    warm.assert_same_as_cold()


def test_an_edited_translation_updates_the_page_that_links_to_it(warm):
    warm.edit(TRANSLATED + ".en.md", "title: \"The city council's updated website is live\"",
              "title: \"The council's new website is live\"")
    done = warm.build()
    changed = done.rewritten
    assert page_of(TRANSLATED + ".md") in changed  # its language switcher names the translation
    warm.assert_same_as_cold()


def test_a_deleted_item_leaves_no_page_behind(warm):
    (warm.site.content / NEWS).unlink()
    warm.build()
    assert not (warm.output / page_of(NEWS)).exists()
    assert not (warm.output / page_of(NEWS)).parent.exists()
    warm.assert_same_as_cold()


def test_a_replaced_image_rewrites_the_pages_that_show_it_and_drops_its_old_sizes(warm):
    """Only the image's bytes change (same file name, same front matter): its resized files get new names, the
    item page and the lists with its thumbnail are written again, the old files leave the output."""
    import io

    from PIL import Image

    old = sorted(p.name for p in (warm.output / "img").glob("skver-*"))
    assert len(old) == 6
    out = io.BytesIO()
    Image.new("RGB", (1200, 800), (200, 120, 40)).save(out, "JPEG")
    (warm.site.content / "images/2024/skver.jpg").write_bytes(out.getvalue())
    done = warm.build()
    new = sorted(p.name for p in (warm.output / "img").glob("skver-*"))
    assert len(new) == 6 and not set(old) & set(new)
    assert "news/2024/vidkryttia-skveru/index.html" in done.rewritten
    assert new[0] in (warm.output / "news/2024/vidkryttia-skveru/index.html").read_text(encoding="utf-8")
    warm.assert_same_as_cold()


def test_a_new_item_is_added_everywhere(warm):
    text = (warm.site.content / NEWS).read_text(encoding="utf-8")
    title = text.splitlines()[1]
    (warm.site.content / "news/2025/nova-novyna.md").write_text(
        text.replace(title, "title: Нова новина про бюджет"), encoding="utf-8")
    warm.build()
    assert "Нова новина про бюджет" in (warm.output / "news/2025/nova-novyna-pro-biudzhet/index.html").read_text(encoding="utf-8")
    warm.assert_same_as_cold()


def test_a_renamed_department_rewrites_every_page_that_names_it(warm):
    registry = warm.site.content / "departments.yml"
    text = registry.read_text(encoding="utf-8")
    registry.write_text(text.replace("name: Фінансове управління", "name: Управління фінансів", 1), encoding="utf-8")
    done = warm.build()
    assert len(done.rewritten) > len(done.before) / 2
    warm.assert_same_as_cold()


def test_a_changed_template_rewrites_every_page(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    warm = Warm(tmp_path, f"THEME={json.dumps(str(theme))}")
    base = theme / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "<p>Змінено.</p></footer>", 1), encoding="utf-8")
    done = warm.build()
    assert done.rewritten == done.before
    assert "<p>Змінено.</p>" in (warm.output / "index.html").read_text(encoding="utf-8")
    warm.assert_same_as_cold()


def test_a_page_changed_in_the_output_is_written_again(warm):
    page = warm.output / page_of(NEWS)
    original = page.read_bytes()
    page.write_text("зіпсовано", encoding="utf-8")
    warm.build()
    assert page.read_bytes() == original
    warm.assert_same_as_cold()


def test_stray_output_is_removed_and_retained_folders_kept(tmp_path):
    warm = Warm(tmp_path, 'OUTPUT_RETENTION=[".git"]')
    (warm.output / ".git").mkdir()
    (warm.output / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (warm.output / "stale" / "old").mkdir(parents=True)
    (warm.output / "stale" / "old" / "index.html").write_text("стара сторінка")
    (warm.output / "old.txt").write_text("старий файл")
    warm.build()
    assert (warm.output / ".git" / "HEAD").is_file()
    assert not (warm.output / "stale").exists() and not (warm.output / "old.txt").exists()
    shutil.rmtree(warm.output / ".git")
    warm.assert_same_as_cold()


def test_with_the_render_cache_off_every_page_is_written(tmp_path):
    warm = Warm(tmp_path, "VISNYK_RENDER_CACHE=false")
    assert not (tmp_path / "cache" / "visnyk-pages.json").exists()
    done = warm.build()
    assert done.rewritten == done.before


def test_a_filter_that_reads_the_whole_context_makes_pages_uncacheable(tmp_path):
    import jinja2

    from visnyk.adapters.rebuild.incremental import PageCache

    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ title }}"}))
    cache = PageCache.open({"CACHE_PATH": str(tmp_path)}, str(tmp_path), "salt")
    page = env.get_template("page.html")
    assert cache.key(page, {"title": "А", "output_file": "a.html"}) is not None  # Jinja's own map/select are fine
    env.filters["everything"] = jinja2.pass_context(lambda context, value: context.get("secret"))
    fresh = PageCache.open({"CACHE_PATH": str(tmp_path)}, str(tmp_path), "salt")
    assert fresh.key(page, {"title": "А", "output_file": "a.html"}) is None


# --- digests ---------------------------------------------------------------------------------


def article(title: str, path: str, settings=None, **fields) -> Article:
    metadata = {"title": title, "date": __import__("datetime").datetime(2025, 1, 2), **fields}
    made = Article("<p>Текст.</p>", metadata=metadata, settings=settings or DEFAULT_CONFIG,
                   source_path=f"/c/{path}.md", context={"generated_content": {}, "static_content": {},
                                                          "localsiteurl": ""})
    return made


def chain(*titles: str) -> list[Article]:
    """Articles each pointing to the next one, as our previous_in_type does."""
    made = [article(t, f"a{i}") for i, t in enumerate(titles)]
    for one, other in zip(made, made[1:]):
        one.previous_in_type = other
    return made


def test_a_digest_sees_two_links_away_and_no_further():
    base = Fingerprints().value(chain("A", "B", "C", "D")[0])
    for i, changed in enumerate([("A*", "B", "C", "D"), ("A", "B*", "C", "D"), ("A", "B", "C*", "D")]):
        assert Fingerprints().value(chain(*changed)[0]) != base, i
    # Three links away is beyond HOPS: a template may not read that far (documented).
    assert Fingerprints().value(chain("A", "B", "C", "D*")[0]) == base


def test_equal_values_have_equal_digests_whether_shared_or_not():
    tags = ["бюджет", "освіта"]
    shared = {"a": tags, "b": tags}
    apart = {"a": ["бюджет", "освіта"], "b": ["бюджет", "освіта"]}
    assert Fingerprints().value(shared) == Fingerprints().value(apart)
    assert Fingerprints().value({"a": tags, "b": ["бюджет"]}) != Fingerprints().value(shared)


def test_a_copy_of_the_settings_in_a_cached_item_digests_as_the_settings():
    copy = json.loads(json.dumps(DEFAULT_CONFIG, default=str))
    assert Fingerprints().value(article("A", "a")) == Fingerprints().value(article("A", "a", settings=copy))


def test_a_paginator_digest_follows_its_items_and_their_order_not_their_text():
    a, b = article("A", "a"), article("B", "b")
    one = Fingerprints().value(Paginator("news", "news/", [a, b], DEFAULT_CONFIG, 1))
    assert Fingerprints().value(Paginator("news", "news/", [b, a], DEFAULT_CONFIG, 1)) != one
    b.title = "B*"  # shown on its own page of the list, whose Page carries it in full
    assert Fingerprints().value(Paginator("news", "news/", [a, b], DEFAULT_CONFIG, 1)) == one


def test_what_cannot_be_digested_is_uncacheable():
    with pytest.raises(Uncacheable):
        Fingerprints().value({"lock": threading.Lock()})
    with pytest.raises(Uncacheable):
        Fingerprints().value([lambda: 1])


DIGEST_SCRIPT = """
import datetime, sys
sys.path.insert(0, sys.argv[1])
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from visnyk.adapters.rebuild.fingerprint import Fingerprints
context = {"generated_content": {}, "static_content": {}, "localsiteurl": ""}
item = Article("<p>Текст.</p>", metadata={"title": "A", "date": datetime.datetime(2025, 1, 2),
               "tags_text": ("бюджет", "освіта")}, settings=DEFAULT_CONFIG, source_path="/c/a.md", context=context)
print(Fingerprints().value({"item": item, "names": {"uk": "Українська", "en": "English"}}))
"""


def test_digests_are_the_same_in_every_process():
    """Keys are compared between builds: a digest must not depend on the process's string hashing."""
    import subprocess
    import sys

    digests = {
        subprocess.run([sys.executable, "-c", DIGEST_SCRIPT, str(ROOT / "plugins")], capture_output=True, text=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
        for seed in ("1", "2", "3")
    }
    assert len(digests) == 1 and len(digests.pop()) == 41


def test_report_documents_are_rendered_again_only_when_their_report_changed(tmp_path):
    timings = tmp_path / "timings.json"
    warm = Warm(tmp_path, f'VISNYK_TIMINGS_FILE="{timings}"')
    first = json.loads(timings.read_text())
    assert first["report_documents_rendered"] == first["report_documents"] > 20
    warm.build()
    assert json.loads(timings.read_text())["report_documents_rendered"] == 0
    warm.edit("reports/2026/komunikatsii-2026-10.md", "count: 1}", "count: 2}")  # an activity's figure
    warm.build()
    assert json.loads(timings.read_text())["report_documents_rendered"] == 1
    warm.assert_same_as_cold()  # the kept and the rewritten .docx files are those a cold build writes


def test_an_act_that_changes_another_reaches_that_acts_page(warm):
    """An act's page names the acts that amended it (its legal view, worked out when the page reads it): a new
    title of the amending act reaches the amended act's page in a warm rebuild, as in a cold one."""
    warm.edit("acts/2026/zminy-do-biudzhetu-2026-cherven.md", "title: Про внесення змін до бюджету громади на 2026 рік",
              "title: Про зміни до бюджету громади на 2026 рік (червень)")
    done = warm.build()
    amended = "acts/2025/pro-biudzhet-yasnohirskoi-miskoi-terytorialnoi-hromady-na-2026-rik/index.html"
    assert amended in done.rewritten
    assert "Про зміни до бюджету громади на 2026 рік (червень)" in (warm.output / amended).read_text(encoding="utf-8")
    warm.assert_same_as_cold()
