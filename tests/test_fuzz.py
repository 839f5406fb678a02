"""Property-based fuzz of what editors write: whatever the front matter and the body, the contract answers with
an item or a problem list naming the file — never an exception — and the build exits 0 or 1 with no traceback.

The domain fuzz (hundreds of files per run) is fast; a few whole sites go through the stock `pelican` command.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
from conftest import DEPARTMENTS, Site
from hypothesis import HealthCheck, given, seed as hypothesis_seed, settings
from hypothesis import strategies as st

from visnyk.domain.content.items import parse_item
from visnyk.domain.common.problems import Problem, format_report
from visnyk.domain.site.scan import scan

FIELDS = ("title", "date", "department", "tags", "summary", "status", "slug", "modified", "image", "attachments",
          "lang", "type", "act_kind", "number", "video_url", "period", "activities", "head", "head_title", "x",
          "consideration", "adopted", "draft", "body", "starts", "ends", "venue", "agenda")
FOLDERS = ("news/2024", "acts/2025", "reports/2024", "videos", "pages", "announcements/2026", "files", "misc",
           "meetings/2025")
# YAML escapes put the character itself into the parsed value: controls, NEL, line separators, bidi overrides,
# zero-width characters, an unpaired surrogate (refused by the YAML reader itself).
ESCAPES = ['"\\x07"', '"a\\0b"', '"\\e"', '"x\\N"', '"x\\Ly"', '"x\\Py"', '"\\u202eабв"', '"a\\u200bb"',
           '"a\\u2066b\\u2069"', '"\\ufeffa"', '"\\ud800"', '"\\x9f"', '"\\_"', '"a\\tb"']
# Records whose keys are not words, or are given twice.
ODD_RECORDS = ["[{[a]: b}]", "[{? {a: 1} : b}]", "[{? [x] : y, text: a}]", "[{file: files/a.pdf, file: files/b.pdf, title: A}]",
               "[{text: a, text: b, count: 1}]", "[{text: a, act: acts/2025/f.md, act: x}]", "[[a, b]]", "[{}]"]
# Every date field gets the ends of the calendar and the typos of a year.
DATES = ["2024-05-14 10:00", "0001-01-01", "0001-01-01 03:00", "9999-12-31", "9999-12-31T23:00:00-05:00",
         "1026-05-20 10:00", "2099-01-10", "2024-02-30", "2024-03-31 03:30", "2024-05-14T07:00:00Z"]
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
    "\u202e", "\u200d", "\u2066", *ESCAPES, *ODD_RECORDS, *DATES,
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=8).map("".join)
# A body an editor might write: Markdown, links, tables, the odd raw tag.
BODY = st.lists(st.sampled_from([
    "Текст.", "\n\n", "**жирний**", "[рішення]({filename}/acts/2025/f.md)", "![Фото]({static}/files/a.pdf)",
    "| a | b |\n|---|---|\n| 1 | 2 |", "<abbr title=\"x\">ЦНАП</abbr>", "<details><summary>Докладно</summary>x</details>",
    "[тег]({tag}бюджет)", "https://rada.example.org", "- пункт\n- пункт", "Зноска[^1]\n\n[^1]: Текст.",
    "[" * 300, "[x](" * 50, "- " * 40 + "x", ">" * 40 + " x", "&#x202e;", "&#7;", "\u202e", "👩\u200d💻", "<a " + "a" * 50,
    "=\n" * 20, "*a* " * 30,
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
    "tags": st.sampled_from(["бюджет, освіта", "[бюджет]", "[[x]]", "!!!", '["бюджет\\u200b"]']),
    "modified": st.sampled_from(DATES),
    "consideration": st.sampled_from(DATES),
    "adopted": st.sampled_from(DATES),
    "starts": st.sampled_from(DATES),
    "ends": st.sampled_from(["2024-05-14 12:00", *DATES]),
    "body": st.sampled_from(["council", "commission", "parliament"]),
    "agenda": st.sampled_from(["[{text: Про бюджет}]", "[{text: Про бюджет, act: acts/2025/f.md}]", *ODD_RECORDS]),
    "draft": st.sampled_from(["acts/2025/f.md", "acts/2025/f0.md", "news/x.md"]),
}


def sometimes(valid, odd: list[str]):
    """Mostly a plausible value, one time in four an odd one: files must get past the first checks."""
    return st.one_of(valid, valid, valid, st.sampled_from(odd))


VALID["date"] = sometimes(VALID["date"], DATES)
for key in ("attachments", "activities"):
    VALID[key] = sometimes(VALID[key], ODD_RECORDS)
for key in ("title", "summary", "slug", "department", "venue", "number", "head"):
    VALID[key] = sometimes(VALID.get(key, st.just("значення")), ESCAPES)


@st.composite
def front_matter(draw, folder: str = "news/2024", clean: bool = False) -> str:
    keys = [] if clean else draw(st.lists(st.sampled_from(FIELDS), max_size=6))
    report = folder.startswith("reports")
    if clean or report or draw(st.integers(0, 3)):
        keys = ["title", "date", "department", *keys]
    if report:
        keys += ["period", "activities"]
    if folder.startswith("meetings"):
        keys += ["body", "starts", "venue", "agenda"]
    if folder.startswith("acts"):
        keys += ["act_kind"]
    keys = list(dict.fromkeys(keys)) if clean or draw(st.integers(0, 4)) else keys  # sometimes a field twice
    # Plausible values but for at most one field, so that a file gets past the first checks into the deep ones.
    wild = draw(st.sampled_from(keys)) if keys and not clean and draw(st.booleans()) else None
    lines = [f"{key}: {draw(TEXT if key == wild else VALID.get(key, st.just('значення')))}" for key in keys]
    return "\n".join(lines)


@st.composite
def translation_pair(draw) -> list[tuple[str, bytes]]:
    """A Ukrainian item and its English translation (same folder and slug), or a translation without it."""
    slug = draw(st.sampled_from(["zasidannia", "biudzhet-2025"]))
    files = []
    if draw(st.integers(0, 3)):
        files.append(("uk", f"---\ntitle: Засідання\ndate: {draw(VALID['date'])}\ndepartment: info\nslug: {slug}\n"
                            f"status: {draw(st.sampled_from(['published', 'published', 'draft']))}\n---\nТекст.\n"))
    title = draw(st.sampled_from(["Meeting", '"Meeting\\u202e"']))
    files.append(("en", f"---\ntitle: {title}\n"
                        f"date: {draw(VALID['date'])}\ndepartment: info\nslug: {slug}\nlang: en\n---\nText.\n"))
    return [(f"news/2024/{slug}-{lang}.md", text.encode()) for lang, text in files]


@st.composite
def content_file(draw) -> tuple[str, bytes]:
    folder = draw(st.sampled_from(FOLDERS[:1] * 2 + FOLDERS[2:3] * 3 + FOLDERS))  # reports and news most
    if draw(st.integers(0, 2)) == 0:  # one file in three as an editor means it: it should often be an item
        folder = draw(st.sampled_from(FOLDERS[:5] + FOLDERS[-1:]))
        body = draw(BODY)  # a news item needs a text (fields.BODY_REQUIRED): as meant, it has one
        text = f"---\n{draw(front_matter(folder, clean=True))}\n---\n{body if body.strip() else 'Текст.'}"
        return f"{folder}/f.md", text.encode("utf-8", "surrogatepass")
    well_formed = draw(st.integers(0, 3)) > 0
    fence = "---\n" if well_formed else draw(st.sampled_from(["---\r\n", "", "--- \n", "\ufeff---\n"]))
    closing = "\n---\n" if well_formed else draw(st.sampled_from(["\n...\n", "\n", ""]))
    text = fence + draw(front_matter(folder)) + closing + draw(st.one_of(BODY, BODY, TEXT))
    encoded = text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("utf-8", "replace")
    if draw(st.integers(0, 9)) == 0:
        encoded += draw(st.binary(max_size=20))
    return f"{folder}/f.md", encoded


def test_any_file_gives_an_item_or_problems_never_an_exception():
    outcomes: Counter = Counter()

    @settings(max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(content_file())
    def one(case):
        path, raw = case
        parsed = parse_item(path, raw, want_html=True)
        lines = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1  # CR and CRLF are line ends too
        if parsed.item is None:
            assert parsed.problems, "a file is never dropped without a word"
            for problem in parsed.problems:
                assert isinstance(problem, Problem) and problem.path == path and problem.message
                assert 1 <= problem.line <= lines, (problem, lines)  # a line of this file
            format_report(parsed.problems)  # the report itself can be printed
            outcomes["problems"] += 1
        else:
            assert parsed.problems == ()
            assert isinstance(parsed.html, str)
            assert not re.search(r"<script|onerror=|javascript:", parsed.html, re.IGNORECASE)
            # What a valid item holds is text a page, a feed and a Word file can carry.
            for value in (parsed.item.title, parsed.item.slug, *parsed.item.tags, *(a.title for a in parsed.item.attachments)):
                assert not INVISIBLE.search(value), (value, path)
            outcomes["items"] += 1

    one()
    # A fuzz that parses nothing, or in which every file is refused, checks nothing: both must happen often.
    assert outcomes["items"] >= 30 and outcomes["problems"] >= 30, outcomes


# Controls, surrogates and invisible formatting characters (Unicode Cf, U+2028/9) no valid title or slug may hold.
INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(content_file(), min_size=1, max_size=4), st.lists(translation_pair(), max_size=2))
def test_a_folder_of_such_files_is_checked_whole(tmp_path_factory, files, pairs):
    site = Site(tmp_path_factory.mktemp("fuzz"))
    site.write("departments.yml", DEPARTMENTS)
    written = {}
    for number, (path, raw) in enumerate(files):
        written[path.replace("f.md", f"f{number}.md")] = raw
    for pair in pairs:
        written.update(pair)
    for path, raw in written.items():
        site.write(path, raw)
    result = scan(str(site.content))
    reported = {str(problem) for problem in result.problems}
    for problem in result.problems:
        assert (site.content / problem.path).exists() or problem.path == "departments.yml", problem
    # The whole folder's check reports at least what each file's own check does: nothing is lost on the way.
    for path, raw in written.items():
        if path.split("/", 1)[0] in ("files", "misc"):
            assert any(p.startswith(f"{path}:") for p in reported), (path, reported)
            continue
        alone = parse_item(path, raw)
        assert {str(p) for p in alone.problems} <= reported, (path, alone.problems, reported)
    # A translation is published only beside its Ukrainian original: without one, it is a problem.
    for path in written:
        if path.endswith("-en.md") and path.replace("-en.md", "-uk.md") not in written and parse_item(path, written[path]).item:
            assert any(p.startswith(f"{path}:") for p in reported), (path, reported)


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

    @hypothesis_seed(seed)
    @settings(max_examples=2, deadline=None, database=None)
    @given(translation_pair())
    def collect_pairs(pair):
        pairs.extend(pair)

    pairs: list[tuple[str, bytes]] = []
    collect()
    collect_pairs()
    rng.shuffle(examples)
    for number, (path, raw) in enumerate(examples):
        site.write(path.replace("f.md", f"f{number}.md"), raw)
    for path, raw in pairs:  # the last one written of a path wins, as in an editor's folder
        site.write(path, raw)
    build = site.build()
    assert build.returncode in (0, 1), build.text
    assert "Traceback" not in build.text and "CRITICAL" not in build.text, build.text
    from conftest import DEFAULT_EPOCH
    from visnyk.domain.common.clock import build_clock

    checked = scan(str(site.content), clock=build_clock({"SOURCE_DATE_EPOCH": DEFAULT_EPOCH}))
    assert (build.returncode == 1) == bool(checked.problems), build.text
