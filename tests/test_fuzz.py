"""Property-based fuzz of what editors write: whatever the front matter and the body, the contract answers with
an item or a problem list naming the file — never an exception — and the build exits 0 or 1 with no traceback.

The domain fuzz (hundreds of files per run) is fast; a few whole sites go through the stock `pelican` command.
"""

from __future__ import annotations

import re

import pytest
from conftest import DEPARTMENTS, Site
from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings
from hypothesis import strategies as st

from visnyk.domain.items import parse_item
from visnyk.domain.problems import Problem, format_report
from visnyk.domain.scan import scan

FIELDS = ("title", "date", "department", "tags", "summary", "status", "slug", "modified", "image", "attachments",
          "lang", "type", "act_kind", "number", "video_url", "period", "activities", "head", "head_title", "x")
FOLDERS = ("news/2024", "acts/2025", "reports/2024", "videos", "pages", "announcements/2026", "files", "misc")
# Pieces that break naive code: YAML indicators, HTML, controls, huge and strange numbers, links, dates.
PIECES = st.sampled_from([
    "", " ", ":", "- ", "[", "]", "{", "}", "&a", "*a", "!!python/object", "'", '"', "#", "|", ">", "\t", "\f", "\x00",
    "\x85", "\u2028", "\ufeff", "²", "٣", "9" * 400, "-1", "0x1F", "1e309", "2024-02-30", "2024-03-31 03:30",
    "1025-05-14", "2024-05-14 10:00", "2024-05-14T07:00:00Z", "2024-13", "info", "nobody", "draft", "en", "uk",
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))", "{attach}/files/a.pdf",
    "{filename}/news/2024/a.md", "{tag}бюджет", "|author|x", "![](a.png)", "<!-- x -->", "{: onclick=x}",
    "Засідання виконавчого комітету", "А" * 300, "\n", "\n  ", "\n- ", "~", "null", "yes", "on",
    "[{text: Прийоми, count: ²}]", "[{text: a, count: " + "9" * 5000 + "}]", "[{file: files/a.pdf, title: A}]",
    "[{file: ../../.git/config, title: A}]", "&a [*a, *a]", "[" * 60 + "]" * 60, "- - - - - - - - - - - x",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=8).map("".join)
# A body an editor might write: Markdown, links, tables, the odd raw tag.
BODY = st.lists(st.sampled_from([
    "Текст.", "\n\n", "**жирний**", "[рішення]({filename}/acts/2025/f.md)", "![Фото]({static}/files/a.pdf)",
    "| a | b |\n|---|---|\n| 1 | 2 |", "<abbr title=\"x\">ЦНАП</abbr>", "<details><summary>Докладно</summary>x</details>",
    "[тег]({tag}бюджет)", "https://rada.example.org", "- пункт\n- пункт", "Зноска[^1]\n\n[^1]: Текст.",
]), max_size=6).map(" ".join)


NUMBERS = st.sampled_from(["2", "0", "²", "٣", "9" * 5000, "-1", "1.5", '"12"', "1e3", "999999", "1000000"])
# Each field's plausible values, so that the fuzz gets past the first check and into the deep ones.
VALID = {
    "title": st.sampled_from(["Новина", "Засідання комісії", "'=SUM(1)'", "А" * 300]),
    "date": st.sampled_from(["2024-05-14 10:00", "2024-05-14", "2024-10-27 03:30", "2026-02-01", "1999-12-31"]),
    "department": st.sampled_from(["info", "finansy", "nobody"]),
    "period": st.sampled_from(['"2024-05"', "2024", '"2024-12"', '"1025-01"', '"2024-5"']),
    "activities": st.builds(lambda text, count, extra: f"[{{text: {text}, count: {count}{extra}}}]",
                            st.sampled_from(["Прийоми", "Наради", ""]), NUMBERS,
                            st.sampled_from(["", ", one: прийом, few: прийоми, many: прийомів", ", one: x"])),
    "attachments": st.sampled_from(["[{file: files/a.pdf, title: A}]", "[{file: ../../.git/config, title: A}]",
                                    "[{file: files/a.pdf}]", "files/a.pdf"]),
    "act_kind": st.sampled_from(["council_decision", "draft_decision", "unknown"]),
    "lang": st.sampled_from(["uk", "en", "de"]),
    "status": st.sampled_from(["published", "draft", "hidden", "maybe"]),
    "tags": st.sampled_from(["бюджет, освіта", "[бюджет]", "[[x]]", "!!!"]),
}


@st.composite
def front_matter(draw, report: bool = False) -> str:
    keys = draw(st.lists(st.sampled_from(FIELDS), max_size=6))
    if report or draw(st.integers(0, 3)):
        keys = ["title", "date", "department", *keys]
    if report:
        keys += ["period", "activities"]
    keys = list(dict.fromkeys(keys)) if draw(st.integers(0, 4)) else keys  # sometimes a field twice
    # Plausible values but for at most one field, so that a file gets past the first checks into the deep ones.
    wild = draw(st.sampled_from(keys)) if keys and draw(st.booleans()) else None
    lines = [f"{key}: {draw(TEXT if key == wild else VALID.get(key, st.just('значення')))}" for key in keys]
    return "\n".join(lines)


@st.composite
def content_file(draw) -> tuple[str, bytes]:
    folder = draw(st.sampled_from(FOLDERS[:1] * 2 + FOLDERS[2:3] * 3 + FOLDERS))  # reports and news most
    well_formed = draw(st.integers(0, 3)) > 0
    fence = "---\n" if well_formed else draw(st.sampled_from(["---\r\n", "", "--- \n", "\ufeff---\n"]))
    closing = "\n---\n" if well_formed else draw(st.sampled_from(["\n...\n", "\n", ""]))
    text = fence + draw(front_matter(report=folder.startswith("reports"))) + closing + draw(st.one_of(BODY, BODY, TEXT))
    encoded = text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("utf-8", "replace")
    if draw(st.integers(0, 9)) == 0:
        encoded += draw(st.binary(max_size=20))
    return f"{folder}/f.md", encoded


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content_file())
def test_any_file_gives_an_item_or_problems_never_an_exception(case):
    path, raw = case
    parsed = parse_item(path, raw, want_html=True)
    if parsed.item is None:
        assert parsed.problems, "a file is never dropped without a word"
        for problem in parsed.problems:
            assert isinstance(problem, Problem) and problem.path == path and problem.line >= 1 and problem.message
        format_report(parsed.problems)  # the report itself can be printed
    else:
        assert parsed.problems == ()
        assert isinstance(parsed.html, str)
        assert not re.search(r"<script|onerror=|javascript:", parsed.html, re.IGNORECASE)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(content_file(), min_size=1, max_size=4))
def test_a_folder_of_such_files_is_checked_whole(tmp_path_factory, files):
    site = Site(tmp_path_factory.mktemp("fuzz"))
    site.write("departments.yml", DEPARTMENTS)
    for number, (path, raw) in enumerate(files):
        site.write(path.replace("f.md", f"f{number}.md"), raw)
    result = scan(str(site.content))
    for problem in result.problems:
        assert (site.content / problem.path).exists() or problem.path == "departments.yml", problem


@pytest.mark.parametrize("seed", range(3))
def test_whole_builds_of_fuzzed_sites_exit_0_or_1_without_a_traceback(tmp_path, seed):
    import random

    rng = random.Random(seed)
    site = Site(tmp_path)
    site.write("departments.yml", DEPARTMENTS)
    examples = []

    @hypothesis_seed(seed)
    @settings(max_examples=6, deadline=None, database=None)
    @given(content_file())
    def collect(case):
        examples.append(case)

    collect()
    rng.shuffle(examples)
    for number, (path, raw) in enumerate(examples):
        site.write(path.replace("f.md", f"f{number}.md"), raw)
    build = site.build()
    assert build.returncode in (0, 1), build.text
    assert "Traceback" not in build.text and "CRITICAL" not in build.text, build.text
    from conftest import DEFAULT_EPOCH
    from visnyk.domain.clock import build_clock

    checked = scan(str(site.content), clock=build_clock({"SOURCE_DATE_EPOCH": DEFAULT_EPOCH}))
    assert (build.returncode == 1) == bool(checked.problems), build.text
