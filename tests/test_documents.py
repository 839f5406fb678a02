"""`invoke report`: the report document (domain/document.py) as Markdown and Word, read back."""

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
from visnyk.domain.clock import parse_date
from visnyk.domain.document import list_item, position
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
    [doc] = collect(str(content), "2024-09", "info", "Тестова міська рада", SITE, clock=CLOCK)
    [path] = write([doc], "md", str(tmp_path / "out"))
    text = open(path, encoding="utf-8").read().replace("\xa0", " ")  # no-break spaces: test_official_wording
    assert path.endswith("2024-09/info.md")
    lines = text.splitlines()
    assert lines[:7] == ["**ТЕСТОВА МІСЬКА РАДА**  ", "Відділ інформаційної діяльності", "",
                         "# Звіт про роботу відділу інформаційної діяльності за вересень 2024 року", "",
                         "02.10.2024 № 01-15/112", ""]
    # Narrative first (as both source reports open), links absolute; then the website; then other work.
    narrative = text.index(f"Відділ працював злагоджено, див. [новину](<{SITE}/news/2024/novyna-1/>) і [тег](<{SITE}/tags/biudzhet/>).")
    website = text.index("Протягом вересня 2024 року на офіційному сайті:\n\n"
                         "- підготовлено та розміщено 5 новин;\n"
                         "- оприлюднено 1 рішення міської ради.\n")
    other = text.index("Крім того:\n\n- брали участь у прийомах міського голови — усього 2;\n- ЗМІ надано 3 коментарі.\n")
    assert narrative < website < other
    assert "Додаток: перелік публікацій на офіційному сайті, урахованих у звіті — 6 позицій." in text
    assert "Начальник відділу інформаційної діяльності _______________ Олена КОВАЛЬ" in text
    assert "до звіту від 02.10.2024 № 01-15/112" in text
    assert f"6. Рішення про бюджет — рішення міської ради, 20 вересня 2024 року, <{SITE}/acts/2024/rishennia-pro-biudzhet/>" in text
    assert "](/" not in text and "<reports/" not in text and "{filename}" not in text


def test_generated_report_is_dated_the_day_after_its_period(content):
    [doc] = collect(str(content), "2024-09", "finansy", "Рада", SITE, clock=CLOCK)
    assert doc.date_text == "01.10.2024" and doc.number is None
    assert doc.publications.lead.replace("\xa0", " ") == (
        "Протягом вересня 2024 року на офіційному сайті не оприлюднено жодного матеріалу підрозділу.")
    assert doc.activities is None and doc.appendix == ()


def _paragraphs(document) -> list[str]:
    return [p.text.replace("\xa0", " ") for p in document.paragraphs]  # no-break spaces: test_official_wording


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
    assert paragraphs[:5] == ["ТЕСТОВА МІСЬКА РАДА", "Відділ інформаційної діяльності", "",
                              "Звіт про роботу відділу інформаційної діяльності за вересень 2024 року",
                              "02.10.2024\t№ 01-15/112"]
    body = document.paragraphs
    narrative = next(p for p in body if p.text.startswith("Відділ працював злагоджено"))
    assert round(narrative.paragraph_format.first_line_indent.mm, 1) == 12.5
    assert [h.address for h in narrative.hyperlinks] == [f"{SITE}/news/2024/novyna-1/", f"{SITE}/tags/biudzhet/"]
    assert "– моніторинг ЗМІ" in paragraphs
    assert paragraphs.index("– підготовлено та розміщено 5 новин;") < paragraphs.index("Крім того:")
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
    before = body[[p.text.replace("\xa0", " ") for p in body].index("Додаток: перелік публікацій на офіційному сайті, урахованих у звіті — 6 позицій.") - 1]
    assert before.paragraph_format.keep_with_next and before.paragraph_format.keep_together

    # Appendix: 12 pt, every publication with its absolute address as a link.
    entries = [p for p in body if p.hyperlinks and p.text[:2] in {f"{n}." for n in range(1, 10)}]
    assert len(entries) == 6
    assert all(run.font.size == Pt(12) for p in entries for run in p.runs)
    assert all(h.address.startswith(SITE + "/") and h.address == h.text for p in entries for h in p.hyperlinks)
    assert document.core_properties.title.replace("\xa0", " ") == (
        "Звіт про роботу відділу інформаційної діяльності за вересень 2024 року")

    empty = docx.Document(paths[0])
    assert "01.10.2024" in _paragraphs(empty)
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
    assert doc.title.endswith("за 2024\xa0рік") and doc.date_text == "01.01.2025"
    assert doc.months.header[0] == "Місяць" and len(doc.months.rows) == 12
    assert doc.months.rows[8][0] == "Вересень" and doc.months.total[-1] == "7"
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
