"""Roll-call votes at the scale of a term (issue 25 §7): the shortcuts that make ~670,000 choices cheap say and
write exactly what the plain way does. A votes block read line by line (domain/votes/blocks.py) gives the same
records and the same problems, lines included, as YAML; popolo.json and votes.csv streamed are the bytes
json.dumps and the csv module wrote from whole documents."""

from __future__ import annotations

import csv
import io
import json

import pytest

from test_votes import EPOCH, council_site, question, votes

from visnyk.domain.site.scan import scan
from visnyk.domain.votes import blocks, opendata

PLAIN = question()
VARIANTS = {
    "plain": votes(PLAIN, question(title="Земельне питання", agenda="2", time="2026-10-29 11:00")),
    "two-choices": votes(PLAIN + "\n      moroz-yurii: проти"),
    "unknown-deputy": votes(PLAIN + "\n      shevchenko-taras: за"),
    "outside-mandate": votes(PLAIN + "\n      lysenko-vasyl: за"),
    "missing-deputy": votes(PLAIN.rsplit("\n", 1)[0]),
    "capital-word": votes(PLAIN.replace("moroz-yurii: за", "moroz-yurii: За")),
    "comment-inside": votes(PLAIN.replace("      moroz-yurii: за", "      # зауваження\n      moroz-yurii: за")),
    "blank-line-inside": votes(PLAIN.replace("      moroz-yurii: за", "\n      moroz-yurii: за")),
    "deeper-row": votes(PLAIN.replace("      moroz-yurii: за", "        moroz-yurii: за")),
    "tab-row": votes(PLAIN.replace("      moroz-yurii: за", "\tmoroz-yurii: за")),
    "sibling-after": votes(PLAIN + "\n    threshold: 3"),
    # A "votes:" block that is the text of a block scalar, not a question's votes: YAML must read it as text.
    "inside-block-scalar": votes(PLAIN.replace('  - title: "Про програму (в цілому)"',
                                               "  - title: |\n      votes:\n        bondar-olena: за")),
    "top-level": votes(PLAIN) + "votes:\n  bondar-olena: за\n",
    "flow-question": votes('  - {title: "Про програму", agenda: 1, time: 2026-10-29 10:40, result: прийнято, votes:\n'
                           "      bondar-olena: за}"),
}


def read_both(tmp_path, monkeypatch, text):
    s = council_site(tmp_path, text)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    fast = scan(str(s.content))
    with monkeypatch.context() as m:
        m.setattr(blocks, "lift", lambda text: (text, {}))  # every block composed by YAML
        plain = scan(str(s.content))
    return fast, plain


@pytest.mark.parametrize("name", VARIANTS)
def test_a_votes_block_read_line_by_line_says_what_yaml_says(tmp_path, monkeypatch, name):
    fast, plain = read_both(tmp_path, monkeypatch, VARIANTS[name])
    assert [str(p) for p in fast.problems] == [str(p) for p in plain.problems]
    assert fast.roll == plain.roll


def test_the_plain_shape_is_the_one_read_line_by_line():
    """The equality above is not vacuous: the plain file's two blocks are lifted, the odd ones are left to YAML."""
    assert [len(rows) for rows in blocks.lift(VARIANTS["plain"])[1].values()] == [5, 5]
    for name in ("capital-word", "comment-inside", "deeper-row", "tab-row"):
        assert blocks.lift(VARIANTS[name])[1] == {}, name


def test_a_plain_file_is_read_once_with_every_block_lifted(tmp_path, monkeypatch):
    """The shortcut is taken, not fallen back from: YAML composes a plain file once, with no row of a block left in
    it (a lifted file whose lines shifted under a block read again whole, every row by YAML, and said the same)."""
    from visnyk.domain.content import source
    from visnyk.domain.votes import reading

    composed = []
    real = source.compose
    monkeypatch.setattr(reading.source, "compose", lambda path, text, first_line: (
        composed.append((path, text)), real(path, text, first_line))[1])
    fast, _ = read_both(tmp_path, monkeypatch, VARIANTS["plain"])
    assert not fast.problems and len(fast.roll.files[0].questions) == 2
    read = [text for path, text in composed if path.startswith("votes/")]
    assert len(read) == 2  # once by the shortcut, once by read_both's plain way with lift turned off
    assert "bondar-olena" not in read[0] and "bondar-olena" in read[1]


def roll_names(roll) -> set[str]:
    return {d.name for d in roll.council.deputies} | {d.faction for d in roll.council.deputies}


def test_a_term_of_open_data_is_streamed_as_the_whole_documents_would_be_written(tmp_path, monkeypatch):
    """Titles and names a spreadsheet would run as formulas, quotes, apostrophes and a semicolon included."""
    text = votes(question(title="=HYPERLINK(\\\"x\\\"); «лапки» і апостроф '"),
                 question(title="Земельне питання", agenda="2", time="2026-10-29 11:00"))
    from test_votes import DEPUTIES

    s = council_site(tmp_path, text)  # a name with a comma and quotes, a faction a spreadsheet would run
    s.write("deputies.yml", DEPUTIES.replace("Бондар Олена Петрівна", '"Бондар, Олена \\"Мала\\""').replace(
        "Фракція «Громада»", '"=Фракція; «Громада»"'))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    fast = scan(str(s.content))
    assert fast.problems == [] and roll_names(fast.roll) >= {'Бондар, Олена "Мала"', "=Фракція; «Громада»"}
    roll, titles, base = fast.roll, {"meetings/2026/session-69.md": "Сесія «69»"}, "https://rada.example/"
    assert len(roll.files[0].questions) == 2
    popolo, table = io.StringIO(), io.StringIO()
    opendata.write_popolo(popolo, roll, titles, base)
    assert popolo.getvalue() == json.dumps(opendata.popolo(roll, titles, base), ensure_ascii=False, indent=1) + "\n"
    opendata.write_votes_csv(table, roll)
    whole = io.StringIO()  # what csv.writer writes, a tuple a row: the joined cells must be these very bytes
    csv.writer(whole, lineterminator="\n").writerows([opendata.VOTE_COLUMNS] + [
        (opendata.spreadsheet_safe(opendata.uid(f, q)), *(opendata.spreadsheet_safe(v) for v in (
            who, roll.council.by_id[who].name, roll.council.by_id[who].faction)),
         opendata.spreadsheet_safe(q.title), opendata.PORTAL_WORD[c]) for f, q in opendata._ordered(roll) for who, c in q.choices])
    assert table.getvalue() == whole.getvalue()
    rows = list(csv.reader(io.StringIO(table.getvalue())))
    assert rows[0] == list(opendata.VOTE_COLUMNS)
    assert len(rows) == 1 + sum(len(q.choices) for q in roll.files[0].questions)
    assert rows[1][0] == "2026-10-29-1" and rows[1][4].startswith("'=HYPERLINK(")
    assert {r[5] for r in rows[1:]} <= set(opendata.PORTAL_CHOICE.values())


def test_rows_rendered_once_are_still_escaped_and_point_where_the_page_is(tmp_path):
    """The rows joined in Python (partials/rows.html) escape a hostile name, faction and title as any page does,
    and their links are relative to the page they are on (../../ on a deputy's page, ../../../ on a vote's)."""
    from test_votes import DEPUTIES

    hostile = DEPUTIES.replace("Бондар Олена Петрівна", "\"<b>Бондар</b> Олена & Co\"").replace(
        "Фракція «Громада»", "\"Фракція <i>«Громада»</i>\"")
    s = council_site(tmp_path, votes(question(title="<script>alert(1)</script> & «програма»")))
    s.write("deputies.yml", hostile)
    result = s.build(epoch=EPOCH)
    assert result.returncode == 0, result.text
    deputy = (result.output / "deputies/bondar-olena/index.html").read_text(encoding="utf-8")
    vote = (result.output / "votes/2026-10-29/1/index.html").read_text(encoding="utf-8")
    for page in (deputy, vote):
        assert "<script>alert" not in page and "<b>Бондар" not in page and "<i>«Громада" not in page
    assert '<a class="item-title" href="../../votes/2026-10-29/1/">&lt;script&gt;alert(1)&lt;/script&gt; &amp; «програма»</a>' in deputy
    assert ('<tr><th scope="row"><a href="../../../deputies/bondar-olena/">&lt;b&gt;Бондар&lt;/b&gt; Олена &amp; Co</a></th>'
            '<td data-label="Фракція">Фракція &lt;i&gt;«Громада»&lt;/i&gt;</td><td data-label="Вибір">за</td></tr>') in vote


def test_vote_pages_set_into_one_frame_are_the_pages_rendered_whole(tmp_path):
    """adapters/outputs/frame.py: hostile titles (markup, quotes, runs of spaces and a tab, which the breadcrumbs'
    JSON-LD collapses) and the canonical address give the same bytes in every file as rendering each page whole
    (VISNYK_FRAMED_PAGES = False) — and the frame is in force, not fallen back from."""
    titles = ("<script>alert(1)</script> & «програма» 'апостроф' \\\"лапки\\\"",
              "Про  програму\\tз   пробілами — Вісник")
    s = council_site(tmp_path, votes(question(title=titles[0]), question(title=titles[1], agenda="2",
                                                                       time="2026-10-29 11:00")))
    absolute = ("-e", 'FEED_DOMAIN="https://rada.example"', "VISNYK_SEARCH=false")
    framed = s.build(*absolute, "-v", epoch=EPOCH, output=tmp_path / "framed", env={"COLUMNS": "400"})
    whole = s.build(*absolute, "VISNYK_FRAMED_PAGES=false", epoch=EPOCH, output=tmp_path / "whole")
    assert framed.returncode == 0 and whole.returncode == 0, framed.text + whole.text
    said = " ".join(framed.text.split())
    assert "INFO" in said and "votes/2026-10-29/2/index.html" in said  # -v: INFO lines, the frame's among them
    assert "rendered whole" not in said
    files = sorted(p.relative_to(framed.output) for p in framed.output.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(whole.output) for p in whole.output.rglob("*") if p.is_file())
    assert [f for f in files if (framed.output / f).read_bytes() != (whole.output / f).read_bytes()] == []
    page = (framed.output / "votes/2026-10-29/2/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://rada.example/votes/2026-10-29/2/">' in page
    assert "<title>Про  програму\tз   пробілами — Вісник: поіменне голосування" in page
    assert '"name": "\\u041f\\u0440\\u043e \\u043f\\u0440\\u043e\\u0433' in page  # «Про програму», spaces collapsed
    first = (framed.output / "votes/2026-10-29/1/index.html").read_text(encoding="utf-8")
    assert "<script>alert" not in first and "\\u003cscript\\u003e" in first



def test_framed_vote_pages_are_kept_by_the_render_cache_and_rendered_again_when_their_vote_changes(tmp_path):
    """A warm build (adapters/rebuild/incremental.py) keys a framed page like any other: nothing changed, the vote
    pages are not written again; a question's new title is on its page, as a cold build writes it."""
    second = question(title="Земельне питання", agenda="2", time="2026-10-29 11:00")
    s = council_site(tmp_path, votes(question(), second))
    cached = ("--cache-path", str(tmp_path / "cache"), "-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true",
              "VISNYK_SEARCH=false")
    first = s.build(*cached, epoch=EPOCH)
    assert first.returncode == 0, first.text
    page = first.output / "votes/2026-10-29/2/index.html"
    stamp = page.stat().st_mtime_ns
    assert s.build(*cached, epoch=EPOCH).returncode == 0
    assert page.stat().st_mtime_ns == stamp  # kept: not rendered, not written
    s.write("votes/2026-10-29.yml", votes(question(), second.replace("Земельне питання", "Земельне питання (нове)")))
    assert s.build(*cached, epoch=EPOCH).returncode == 0
    cold = s.build("-e", "VISNYK_SEARCH=false", epoch=EPOCH, output=tmp_path / "cold")
    assert cold.returncode == 0, cold.text
    assert "<h1>Земельне питання (нове)</h1>" in page.read_text(encoding="utf-8")
    assert page.read_bytes() == (cold.output / "votes/2026-10-29/2/index.html").read_bytes()
