"""`invoke report`: the report document (domain/reports/document.py) as Markdown and Word, read back."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from conftest import DEPARTMENTS, ROOT, Site, item
from visnyk.documents import DocumentError, collect, write
from visnyk.domain.common.clock import parse_date
from visnyk.domain.reports.document import list_item, position
from visnyk.render.word import WordRenderer

CLOCK = parse_date("2024-10-15 12:00")
SITE = "https://rada.example"


@pytest.fixture
def content(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    for n in range(5):
        s.write(f"news/n{n}.md", item(title=f"Новина {n}", date=f"2024-09-0{n + 1} 10:00"))
    s.write("acts/a.md", item(title="Рішення про бюджет", date="2024-09-20 10:00", act_kind="council_decision",
                              tags="[бюджет]"))
    s.write("reports/r.md", item(
        title="Звіт", date="2024-10-02 10:00", period='"2024-09"', number='"01-15/112"',
        activities='[{text: "Брали участь у прийомах міського голови", count: 2},'
                   ' {text: "ЗМІ надано {n}.", count: 3, one: коментар, few: коментарі, many: коментарів}]',
        body="Відділ працював **злагоджено**, див. [новину]({filename}/news/n1.md) і [тег]({tag}бюджет).\n\n"
             "- моніторинг ЗМІ\n- модерування петицій\n"))
    return s.content


def test_list_items_follow_one_convention():
    assert list_item("Брали участь у прийомах міського голови — усього 2", last=False) == (
        "брали участь у прийомах міського голови — усього 2;")
    assert list_item("ЗМІ поінформовано.", last=True) == "ЗМІ поінформовано."
    assert list_item("оприлюднено 1 звіт;;", last=True) == "оприлюднено 1 звіт."


def test_signer_position_names_the_department():
    assert position("Начальник відділу", "юридичного відділу") == "Начальник юридичного відділу"
    assert position("Начальник управління", "фінансового управління") == "Начальник фінансового управління"
    assert position("Директорка центру", "фінансового управління") == "Директорка центру"
    already = "Начальник відділу інформаційної діяльності"
    assert position(already, "відділу інформаційної діяльності") == already


def test_markdown_report_is_the_document(content, tmp_path):
    [doc] = collect(str(content), "2024-09", "info", "Тестова міська рада", SITE, clock=CLOCK, place="м. Ясногірськ")
    [path] = write([doc], "md", str(tmp_path / "out"))
    text = open(path, encoding="utf-8").read()
    assert path.endswith("2024-09/info.md")
    lines = text.splitlines()
    # ДСТУ 4163:2020: the kind, the date and number, the place, then the heading to the text.
    assert lines[:10] == ["**ТЕСТОВА МІСЬКА РАДА**  ", "Відділ інформаційної діяльності", "", "**ЗВІТ**", "",
                          "02.10.2024 №\u00a001-15/112  ", "м. Ясногірськ", "",
                          "# Про роботу відділу інформаційної діяльності за вересень\u00a02024\u00a0року", ""]
    # Narrative first (as both source reports open), links absolute; then the website; then other work.
    narrative = text.index(f"Відділ працював злагоджено, див. [новину](<{SITE}/news/2024/novyna-1/>) і [тег](<{SITE}/tags/biudzhet/>).")
    # No-break spaces (typography.typeset) between a number and its word, inside a date.
    website = text.index("Протягом вересня\u00a02024\u00a0року на офіційному сайті:\n\n"
                         "- підготовлено та розміщено 5\u00a0новин;\n"
                         "- оприлюднено 1\u00a0рішення міської ради.\n")
    other = text.index("Крім того:\n\n- брали участь у прийомах міського голови — усього 2;\n- ЗМІ надано 3\u00a0коментарі.\n")
    assert narrative < website < other
    assert "Додаток: перелік публікацій на офіційному сайті, урахованих у звіті (6\u00a0позицій) на\u00a01\u00a0арк." in text
    assert "Начальник відділу інформаційної діяльності _______________ Олена КОВАЛЬ" in text
    assert "до звіту від 02.10.2024 №\u00a001-15/112" in text
    assert (f"6. Рішення про бюджет — рішення міської ради, 20\u00a0вересня\u00a02024\u00a0року, "
            f"<{SITE}/acts/2024/rishennia-pro-biudzhet/>") in text
    assert "](/" not in text and "<reports/" not in text and "{filename}" not in text


def test_without_the_departments_part_it_is_undated_unsigned_information_marked_as_a_draft(content, tmp_path):
    """Issue 22: no report in a head's name that nobody wrote, and no date derived from the period (it was
    01.10.2024, the day after it)."""
    [doc] = collect(str(content), "2024-09", "finansy", "Рада", SITE, clock=CLOCK, place="м. Ясногірськ")
    assert doc.date is None and doc.date_text == "" and doc.number_text == "" and doc.place == ""
    assert doc.signature is None and doc.draft and doc.kind == "Інформація"
    assert doc.title == ("Інформація про оприлюднення матеріалів фінансового управління на офіційному сайті за "
                         "вересень\u00a02024\u00a0року")
    assert doc.publications.lead == ("Протягом вересня\u00a02024\u00a0року на офіційному сайті не оприлюднено жодного "
                                     "матеріалу підрозділу.")
    assert doc.activities is None and doc.appendix == ()
    [md] = write([doc], "md", str(tmp_path / "md"))
    text = open(md, encoding="utf-8").read()
    assert text.startswith("**ПРОЄКТ**\n") and "_______________" not in text and "ГНАТЮК" not in text
    [path] = write([doc], "docx", str(tmp_path / "docx"))
    paragraphs = _paragraphs(docx.Document(path))
    assert paragraphs[:5] == ["ПРОЄКТ", "РАДА", "Фінансове управління", "", "ІНФОРМАЦІЯ"]
    assert not docx.Document(path).tables  # no signature block
    assert docx.Document(path).core_properties.created is None
    # A signed report without a number gets the blank to fill in; its appendix heading too.
    [signed] = collect(str(content), "2024-09", "info", "Рада", SITE, clock=CLOCK)
    assert signed.number_text == "№\u00a001-15/112"
    assert signed.__class__(**{**signed.__dict__, "number": None}).number_text == "№\u00a0____"


def _paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_docx_has_the_page_fonts_and_requisites_of_dstu_4163(content, tmp_path):
    documents = collect(str(content), "2024-09", None, "Тестова міська рада", SITE, clock=CLOCK)
    paths = write(documents, "docx", str(tmp_path / "out"))
    assert [p.rsplit("/", 1)[1] for p in paths] == ["finansy.docx", "info.docx"]
    document = docx.Document(paths[1])
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(getattr(section, f"{side}_margin").mm) for side in ("left", "right", "top", "bottom")]
    assert margins == [30, 10, 20, 20]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert normal.paragraph_format.line_spacing == 1.0
    defaults = document.styles.element.find(qn("w:docDefaults")).find(f".//{qn('w:lang')}")
    assert defaults.get(qn("w:val")) == "uk-UA"

    paragraphs = _paragraphs(document)
    assert paragraphs[:6] == ["ТЕСТОВА МІСЬКА РАДА", "Відділ інформаційної діяльності", "", "ЗВІТ",
                              "02.10.2024\t№\u00a001-15/112",
                              "Про роботу відділу інформаційної діяльності за вересень\u00a02024\u00a0року"]
    body = document.paragraphs
    narrative = next(p for p in body if p.text.startswith("Відділ працював злагоджено"))
    assert round(narrative.paragraph_format.first_line_indent.mm, 1) == 12.5
    assert [h.address for h in narrative.hyperlinks] == [f"{SITE}/news/2024/novyna-1/", f"{SITE}/tags/biudzhet/"]
    assert "– моніторинг ЗМІ" in paragraphs
    assert paragraphs.index("– підготовлено та розміщено 5\u00a0новин;") < paragraphs.index("Крім того:")
    assert "– брали участь у прийомах міського голови — усього 2;" in paragraphs

    # Page numbers: a PAGE field centred in the header, none on the first page.
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0]
    assert header.alignment == 1 and " PAGE " in "".join(header._p.itertext())
    assert not "".join(section.first_page_header._element.itertext()).strip()

    # Signature: position | a line (bottom border) | Name SURNAME, one row, with the text before it.
    signature = document.tables[-1]
    position_, line, name = signature.rows[0].cells
    assert position_.text == "Начальник відділу інформаційної діяльності" and name.text == "Олена КОВАЛЬ"
    assert line._tc.xpath("./w:tcPr/w:tcBorders/w:bottom")[0].get(qn("w:val")) == "single"
    assert signature.rows[0]._tr.xpath("./w:trPr/w:cantSplit")
    before = body[[p.text for p in body].index(
        "Додаток: перелік публікацій на офіційному сайті, урахованих у звіті (6\u00a0позицій) на\u00a01\u00a0арк.") - 1]
    assert before.paragraph_format.keep_with_next and before.paragraph_format.keep_together

    # Appendix: 12 pt, every publication with its absolute address as a link.
    entries = [p for p in body if p.hyperlinks and p.text[:2] in {f"{n}." for n in range(1, 10)}]
    assert len(entries) == 6
    assert all(run.font.size == Pt(12) for p in entries for run in p.runs)
    assert all(h.address.startswith(SITE + "/") and h.address == h.text for p in entries for h in p.hyperlinks)
    assert document.core_properties.title == "Звіт про роботу відділу інформаційної діяльності за вересень 2024 року"

    empty = docx.Document(paths[0])
    assert not any("01.10.2024" in p for p in _paragraphs(empty))  # no date made up from the period
    assert any("не оприлюднено жодного матеріалу" in p for p in _paragraphs(empty))


def test_docx_is_byte_identical_for_the_same_report(content):
    [doc] = collect(str(content), "2024-09", "info", "Рада", SITE, clock=CLOCK)
    first, renderer = WordRenderer().render(doc), WordRenderer()
    [other] = collect(str(content), "2024-09", "finansy", "Рада", SITE, clock=CLOCK)
    renderer.render(other)  # a renderer used before gives the same bytes
    assert renderer.render(doc) == first
    names = zipfile.ZipFile(__import__("io").BytesIO(first)).namelist()
    assert "docProps/thumbnail.jpeg" not in names and len(first) < 30_000


def test_annual_report_has_the_month_by_month_table(content, tmp_path):
    [doc] = collect(str(content), "2024", "info", "Рада", SITE, clock=parse_date("2025-01-10 12:00"))
    assert doc.title.endswith("за 2024\u00a0рік") and doc.date is None  # no annual part written: information
    assert doc.months.header[0] == "Місяць" and len(doc.months.rows) == 12
    # 5 news and 1 act: the department's September report is not one of its publications (issue 22).
    assert doc.months.rows[8][0] == "Вересень" and doc.months.total[-1] == "6"
    assert "Звіти" not in doc.months.header
    [path] = write([doc], "docx", str(tmp_path))
    table = docx.Document(path).tables[0]
    assert [c.text for c in table.rows[9].cells][:3] == ["Вересень", "5", "0"]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_bad_period_department_or_format_are_refused(content, tmp_path):
    with pytest.raises(DocumentError, match="період «2024-13» не розпізнано"):
        collect(str(content), "2024-13", None, "Рада", clock=CLOCK)
    with pytest.raises(DocumentError, match="невідомий підрозділ «nope»; допустимі: finansy, info"):
        collect(str(content), "2024-09", "nope", "Рада", clock=CLOCK)
    with pytest.raises(DocumentError, match="формат «odt» не підтримується"):
        write(collect(str(content), "2024-09", "info", "Рада", clock=CLOCK), "odt", str(tmp_path))


def test_invoke_report_end_to_end(content, tmp_path):
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "invoke", "report", *args, "--content", str(content), "--output", str(tmp_path / "o")],
        cwd=ROOT, capture_output=True, text=True,
        env={"SOURCE_DATE_EPOCH": "1728982800", "PATH": "/usr/bin:/bin", "VISNYK_SITEURL": SITE},
    )
    ok = run("2024-09", "--department", "info", "--format", "docx")
    assert ok.returncode == 0, ok.stderr
    links = [h.address for p in docx.Document(tmp_path / "o/2024-09/info.docx").paragraphs for h in p.hyperlinks]
    assert links and all(link.startswith(SITE + "/") for link in links)
    bad = run("2024-9")
    assert bad.returncode == 1 and "період «2024-9» не розпізнано" in bad.stderr and "Traceback" not in bad.stderr


def test_invoke_report_without_an_address_in_the_environment_uses_the_deployed_sites(content, tmp_path):
    """On paper a path from the site root means nothing: with no VISNYK_SITEURL the addresses are
    publishconf.py's (the deployed site), never pelicanconf.py's empty local one."""
    env = {"SOURCE_DATE_EPOCH": "1728982800", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "invoke", "report", "2024-09", "--department", "info", "--format",
                           "md", "--content", str(content), "--output", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    publishconf = subprocess.run([sys.executable, "-c", "import publishconf; print(publishconf.SITEURL)"],
                                 cwd=ROOT, capture_output=True, text=True, env=env).stdout.strip()
    assert publishconf.startswith("https://")
    text = (tmp_path / "o/2024-09/info.md").read_text(encoding="utf-8")
    addresses = re.findall(r"\((/[^)]*|https?://[^)]*)\)|<(/[^>]*|https?://[^>]*)>", text)
    assert addresses and all(a.startswith(publishconf + "/") for pair in addresses for a in pair if a), addresses


def test_periods_that_cannot_be_reported_are_refused_and_say_why(content):
    """Issue 22: on 15 October 2024 (Kyiv) the year 2024 and October have not ended, March 2025 lies ahead,
    and 1999 starts before the archive (VISNYK_ARCHIVE_START): each is refused with the reason, and so is a
    month before an archive that starts mid-year."""
    from visnyk.domain.content.checks import Rules

    cases = {
        "2024": "період 2024 ще не закінчився: він триває до 31.12.2024 включно (сьогодні 15.10.2024 за "
                "київським часом); звіт за нього можна скласти з 01.01.2025",
        "2024-10": "період 2024-10 ще не закінчився: він триває до 31.10.2024 включно",
        "2025-03": "період 2025-03 ще не почався (сьогодні 15.10.2024 за київським часом)",
        "1999": "період 1999 починається 01.01.1999, раніше за початок архіву сайту (01.01.2000, VISNYK_ARCHIVE_START)",
    }
    for period, reason in cases.items():
        with pytest.raises(DocumentError) as refused:
            collect(str(content), period, "info", "Рада", clock=CLOCK)
        assert str(refused.value).startswith("звіт не складено: " + reason), str(refused.value)
    later = Rules(archive_start=parse_date("2024-09-01 00:00").date())
    with pytest.raises(DocumentError, match="період 2024-08 починається 01.08.2024, раніше за початок архіву"):
        collect(str(content), "2024-08", "info", "Рада", clock=CLOCK, rules=later)
    assert collect(str(content), "2024-09", "info", "Рада", clock=CLOCK, rules=later)  # its first month is fine
    # The midnight the period ends, Kyiv time: September can be reported from 1 October 00:00.
    assert collect(str(content), "2024-09", "info", "Рада", clock=parse_date("2024-10-01 00:00"))
    with pytest.raises(DocumentError, match="період 2024-09 ще не закінчився"):
        collect(str(content), "2024-09", "info", "Рада", clock=parse_date("2024-09-30 23:59"))


def test_council_wide_document_in_every_format(content, tmp_path):
    """Issue 22 point 9: `invoke report --council` writes the council's monthly document: every department's
    figures summed, a table by department, the appendix — generated, so undated and unsigned."""
    [doc] = collect(str(content), "2024-09", None, "Тестова міська рада", SITE, clock=CLOCK, whole_council=True)
    assert doc.title == ("Інформація про оприлюднення матеріалів підрозділів на офіційному сайті за "
                         "вересень\u00a02024\u00a0року")
    assert doc.publications.items == ("підготовлено та розміщено 5\u00a0новин;",
                                      "оприлюднено 1\u00a0рішення міської ради.")
    assert doc.months.header == ("Підрозділ", "Новини", "Оголошення", "Документи", "Засідання", "Відео", "Усього")
    assert [row[0] for row in doc.months.rows] == ["Відділ інформаційної діяльності", "Фінансове управління"]
    assert doc.months.total[-1] == "6" and len(doc.appendix) == 6  # the info department's report not among them
    assert doc.signature is None and doc.date is None and doc.draft
    assert doc.appendix_mark == ("Додаток: перелік публікацій на офіційному сайті, урахованих в інформації (6\u00a0позицій) "
                                 "на\u00a01\u00a0арк.")  # not "у звіті": it is not a report
    md, = write([doc], "md", str(tmp_path / "md"))
    assert md.endswith("2024-09/rada.md")
    assert "| Фінансове управління | 0 | 0 | 0 | 0 | 0 | 0 |" in open(md, encoding="utf-8").read()
    word, = write([doc], "docx", str(tmp_path / "docx"))
    document = docx.Document(word)
    assert _paragraphs(document)[:4] == ["ПРОЄКТ", "ТЕСТОВА МІСЬКА РАДА", "", "ІНФОРМАЦІЯ"]
    assert [c.text for c in document.tables[0].rows[-1].cells] == ["Усього", "5", "0", "1", "0", "0", "6"]


def test_invoke_report_council_and_refusals_end_to_end(content, tmp_path):
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "invoke", "report", *args, "--content", str(content), "--output", str(tmp_path / "o")],
        cwd=ROOT, capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1728982800", "PATH": "/usr/bin:/bin"},
    )
    done = run("2024-09", "--council", "--format", "docx")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "o/2024-09/rada.docx").is_file()
    for period in ("2024", "2025-03", "1999"):
        refused = run(period)
        assert refused.returncode == 1 and refused.stderr.startswith("звіт не складено: період " + period)
        assert "Traceback" not in refused.stderr
    assert not (tmp_path / "o/2024").exists() and not (tmp_path / "o/1999").exists()
    # The place of compilation is the settings' (pelicanconf.py: VISNYK_PLACE).
    assert run("2024-09", "--department", "info").returncode == 0
    assert "м. Ясногірськ" in (tmp_path / "o/2024-09/info.md").read_text(encoding="utf-8")
