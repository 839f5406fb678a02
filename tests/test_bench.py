"""The benchmark archive, and the promise that speed never changes output.

A 300-item synthetic archive (benchmarks/corpus.py) is built for real with `pelican`:
- without any cache, and again as a warm rebuild from Pelican's content cache after one edit;
- with and without the linear replacements for Pelican's quadratic steps (adapters/rebuild/speed.py);
and the output trees must be byte-identical.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from visnyk.adapters.rebuild import speed  # noqa: E402
from visnyk.domain.common.clock import KYIV  # noqa: E402
from visnyk.domain.common.model import ActKind, ContentType  # noqa: E402
from visnyk.domain.content.registry import load_registry  # noqa: E402
from visnyk.domain.site.scan import scan  # noqa: E402

N = 300
pytestmark = pytest.mark.timeout(600)  # several builds of a 300-item archive


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, corpus.Manifest]:
    root = tmp_path_factory.mktemp("bench")
    return root, corpus.generate(root, N)


def tree(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def assert_same_tree(a: Path, b: Path) -> None:
    left, right = tree(a), tree(b)
    assert sorted(left) == sorted(right), (sorted(set(left) ^ set(right)))[:10]
    differ = [name for name in left if left[name] != right[name]]
    assert not differ, f"{len(differ)} files differ, e.g. {differ[:5]}"


def pelican(content: Path, output: Path, *settings: str) -> None:
    """Build; the search index is off (Pagefind takes 0.1 s a page and is tested in test_search.py)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH}
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(output),
         "-e", "VISNYK_SEARCH=false", *settings],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


# --- (i) the archive -------------------------------------------------------------------------


def test_archive_covers_every_type_department_kind_and_boundary_case(archive):
    root, m = archive
    departments = load_registry("departments.yml", (ROOT / "content" / "departments.yml").read_bytes())[0]
    assert m.items == N
    assert set(m.types) == {t.value for t in ContentType if t.counted}
    assert set(m.departments) == set(departments)
    assert set(m.act_kinds) == {k.value for k in ActKind}
    assert set(m.cases) == set(corpus.BOUNDARY_CASES)
    assert set(m.formats) >= set(corpus.FORMATS)
    assert m.statuses["draft"] and m.statuses["hidden"] and m.future
    assert m.translations and m.links and m.attachments and m.reports_month and m.reports_year
    assert m.tags >= 50 and len(m.years) >= 2
    assert 250 <= m.min_words and m.max_words <= 400
    # Sub-folders by year, the registry copied as is.
    assert {p.name for p in (root / "content" / "news").iterdir()} == set(m.years)
    assert (root / "content" / "departments.yml").read_bytes() == (ROOT / "content" / "departments.yml").read_bytes()


def test_archive_is_valid_content_and_its_dates_mean_what_they_say(archive):
    root, m = archive
    result = scan(str(root / "content"))
    assert result.problems == []
    items = {i.source: i for i in result.items}
    records = corpus.records(N)
    assert len(records) == N and len(items) == N + m.pages
    for record in records:
        item = items[record.relpath]
        # The same instant, and in Kyiv the same calendar month as intended (a "…T22:30:00Z" on
        # the 31st is the 1st of the next month in Kyiv).
        assert item.date == record.date, record.relpath
        local = item.date.astimezone(KYIV)
        assert (local.year, local.month, local.day) == (record.date.year, record.date.month, record.date.day)
        assert item.type is record.type and item.department == record.department
    z_on_previous_day = [r for r in records if r.date_text.endswith("Z") and r.date_text[:10] != f"{r.date:%Y-%m-%d}"]
    assert z_on_previous_day, "some UTC dates fall on the previous day in UTC"


def test_a_councils_archive_passes_check_with_every_report_and_valid_relations(tmp_path):
    """The "council" shape (issue 30, the preview bench): year folders 2022–2026 whatever its size, a hand-written
    report for every department and every ended month and year, acts amending and repealing earlier ones —
    and all of it passes `check` (an amended act adopted later than the act changing it, a second repeal or a
    change to a repealed act would be errors)."""
    m = corpus.generate(tmp_path, 1250, shape="council")
    result = scan(str(tmp_path / "content"))
    assert result.problems == []
    months = [f"{y}-{mo:02d}" for y in range(2022, 2027) for mo in range(1, 13) if f"{y}-{mo:02d}" < "2026-11"]
    periods = months + [str(y) for y in range(2022, 2026)]
    departments = {i.department for i in result.items if i.department}
    assert {(i.department, i.report.period) for i in result.items if i.report} == {
        (d, p) for d in departments for p in periods}
    assert {p.name for p in (tmp_path / "content" / "news").iterdir()} == {"2022", "2023", "2024", "2025", "2026"}
    assert sum(bool(i.amends) for i in result.items) >= 10 and any(i.repeals for i in result.items)
    assert m.relations >= 10 and m.report_target and m.meeting_target and m.relation_target


def test_same_seed_same_archive(archive, tmp_path):
    root, _ = archive
    corpus.generate(tmp_path, N)
    assert tree(tmp_path / "content") == tree(root / "content")
    assert tree(tmp_path / "stock") == tree(root / "stock")


# --- (ii) caches never change output ---------------------------------------------------------


def test_warm_cached_rebuild_equals_cold_build_without_cache(archive, tmp_path):
    root, m = archive
    content = tmp_path / "content"
    subprocess.run(["cp", "-a", str(root / "content"), str(content)], check=True)
    cache = tmp_path / "cache"
    cached = ("CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", "CACHE_PATH=" + json.dumps(str(cache)))
    pelican(content, tmp_path / "warm", *cached)
    assert any(cache.iterdir()), "the content cache was not written"
    target = content / m.edit_target
    target.write_text(target.read_text(encoding="utf-8") + "\nДоповнено: уточнено графік робіт.\n", encoding="utf-8")
    pelican(content, tmp_path / "warm", *cached)  # warm: every file but one from the cache
    pelican(content, tmp_path / "cold")  # pelicanconf.py: no cache at all
    assert "уточнено графік робіт" in next((tmp_path / "cold").rglob(Path(m.edit_target).stem + "/index.html")).read_text()
    assert_same_tree(tmp_path / "warm", tmp_path / "cold")


# --- (iii) speed.py never changes output -----------------------------------------------------


def test_pelican_speedups_do_not_change_the_site(archive, tmp_path):
    root, _ = archive
    pelican(root / "content", tmp_path / "fast")
    pelican(root / "content", tmp_path / "slow", "VISNYK_PELICAN_SPEEDUPS=false")
    assert_same_tree(tmp_path / "fast", tmp_path / "slow")


def _articles(n: int, seed: int = 3):
    """Real Pelican articles: some translations, several per month and tag."""
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    rng = random.Random(seed)
    settings = {**DEFAULT_CONFIG, "TIMEZONE": "Europe/Kyiv"}
    articles = []
    for i in range(n):
        import datetime as dt

        date = dt.datetime(2024, 1, 1, tzinfo=KYIV) + dt.timedelta(hours=rng.randint(0, 24 * 400))
        lang = "en" if i % 7 == 0 else "uk"
        key = f"k{rng.randint(0, n // 2)}"
        articles.append(Article("<p>x</p>", {"title": f"t{i}", "date": date, "lang": lang, "slug": f"s{i}",
                                             "translation_key": key}, settings=settings))
    return articles, settings


def test_linear_translations_equal_pelicans():
    from pelican.utils import process_translations as original

    from pelican.contents import Article

    articles, settings = _articles(400)
    lone = Article("<p>x</p>", {"title": "lone", "date": articles[0].date, "lang": "en", "slug": "lone",
                                "translation_key": "lone", "translation": "true"}, settings=settings)
    articles.append(lone)  # a group of one that says it is a translation: Pelican's own path, its warning
    fast_index, fast_translations = speed.process_translations(list(articles), "translation_key")
    fast = (list(fast_index), list(fast_translations), {id(a): [id(x) for x in a.translations] for a in articles})
    slow_index, slow_translations = original(list(articles), "translation_key")
    slow = (list(slow_index), list(slow_translations), {id(a): [id(x) for x in a.translations] for a in articles})
    assert [id(a) for a in fast[0]] == [id(a) for a in slow[0]]
    assert [id(a) for a in fast[1]] == [id(a) for a in slow[1]]
    assert fast[2] == slow[2]
    assert fast[1], "the sample has translations"
    groups = {}
    for a in articles:
        groups.setdefault(a.translation_key, []).append(a)
    assert sum(len(g) == 1 for g in groups.values()) > 20, "the sample has untranslated items (the fast path)"
    assert lone in fast[0]


def test_linear_period_archives_and_tag_lists_equal_pelicans():
    from pelican.generators import ArticlesGenerator

    articles, settings = _articles(300)
    settings = {**settings, "YEAR_ARCHIVE_SAVE_AS": "{date:%Y}/index.html",
                "MONTH_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/index.html",
                "DAY_ARCHIVE_SAVE_AS": "{date:%Y}/{date:%m}/{date:%d}/index.html"}
    dates = sorted(articles, key=lambda a: a.date, reverse=True)
    subset = articles[::3]  # "articles" need not be all of "dates"
    original = ArticlesGenerator._build_period_archives.__get__(object.__new__(ArticlesGenerator))
    slow = original(dates, subset, settings)
    fast = speed._linear_period_archives(original)(dates, subset, settings)
    assert {g: [[id(a) for a in p["articles"]] for p in v] for g, v in fast.items()} == {
        g: [[id(a) for a in p["articles"]] for p in v] for g, v in slow.items()
    }
    assert all(slow[g] for g in ("year", "month", "day")) and any(p["articles"] for p in slow["month"])
    fast_list = speed.identity_list(subset)
    assert [a for a in dates if a in fast_list] == [a for a in dates if a in subset]
    assert fast_list == subset and fast_list[:5] == subset[:5]


def test_warm_rebuild_really_reads_unchanged_files_from_the_cache(archive, tmp_path):
    """The speedups skip file stamps only where no cache uses them: a file whose mtime is unchanged is
    served from the cache (its new text does not appear), so the warm rebuild above was warm."""
    root, m = archive
    content = tmp_path / "content"
    subprocess.run(["cp", "-a", str(root / "content"), str(content)], check=True)
    cached = ("CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true", "CACHE_PATH=" + json.dumps(str(tmp_path / "cache")))
    pelican(content, tmp_path / "out", *cached)
    target = content / m.edit_target
    stamp = target.stat()
    target.write_text(target.read_text(encoding="utf-8") + "\nНовий абзац.\n", encoding="utf-8")
    os.utime(target, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    pelican(content, tmp_path / "out", *cached)
    page = next((tmp_path / "out").rglob(Path(m.edit_target).stem + "/index.html")).read_text()
    assert "Новий абзац" not in page


@pytest.mark.parametrize("source", [
    "/site/content/news/2025/a.md", "/site/content/a.md", "/site/content/./news/a.md", "/site/content/news/../a.md",
    "/site/content//news/a.md", "/site/contents/a.md", "/site/content", "/elsewhere/a.md", "news/a.md", "/site/content/news/",
])
@pytest.mark.parametrize("root", ["/site/content", "/site/content/", "/site/./content", "site/content"])
def test_fast_relative_source_path_equals_pelicans(source, root):
    from pelican.contents import Content
    from pelican.settings import DEFAULT_CONFIG

    content = Content("", metadata={"title": "x"}, settings={**DEFAULT_CONFIG, "PATH": root}, source_path=source,
                      context={"generated_content": {}, "static_content": {}, "localsiteurl": ""})
    assert speed.relative_source_path(content) == speed._ORIGINAL_RELATIVE_SOURCE_PATH(content)
    assert speed.relative_source_path(content, "/site/content/x/y.md") == speed._ORIGINAL_RELATIVE_SOURCE_PATH(content, "/site/content/x/y.md")


@pytest.mark.parametrize("name", ["Освіта", "освіта", "ЖКГ і транспорт", "C++", "", "  пробіли  ", "Ярмарок-2025"])
def test_remembered_tag_slugs_equal_pelicans(name):
    from pelican.settings import DEFAULT_CONFIG

    subs = DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"]
    for preserve_case in (False, True):
        for use_unicode in (False, True):
            expected = speed._ORIGINAL_WRAPPER_SLUGIFY(name, regex_subs=subs, preserve_case=preserve_case, use_unicode=use_unicode)
            assert speed.wrapper_slugify(name, subs, preserve_case, use_unicode) == expected
            assert speed.wrapper_slugify(name, subs, preserve_case, use_unicode) == expected  # remembered
