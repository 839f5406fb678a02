"""The Word file in an office suite: LibreOffice opens our .docx and exports the PDF (`--format pdf`).

Read back with poppler: pages, text, the signature never alone on its page, fonts embedded, tagged,
title and language set.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import DEPARTMENTS, Site, item
from visnyk.documents import collect, write
from visnyk.domain.common.clock import parse_date
from visnyk.render.pdf import office

pytestmark = pytest.mark.browser
SITE = "https://rada.example"
CLOCK = parse_date("2025-01-15 12:00")
SENTENCE = "Відділ забезпечував висвітлення діяльності міської ради та її виконавчого комітету. "
# Reports one line longer each (more one-line activities after the same narrative): the end of the text
# moves line by line across the foot of page 1, so one of them would leave the signature alone.
LENGTHS = tuple(range(1, 17))


def run(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if office() is None or shutil.which("pdftotext") is None:
        pytest.fail("LibreOffice and poppler-utils are needed: run scripts/install-test-tools")
    root = tmp_path_factory.mktemp("office")
    s = Site(root)
    slugs = [f"d{n}" for n in LENGTHS]
    s.write("departments.yml", DEPARTMENTS + "".join(
        f"- slug: {slug}\n  name: Відділ {slug}\n  name_genitive: відділу {slug}\n  head: Олена Коваль\n"
        f"  head_title: Начальник відділу\n" for slug in slugs))
    for n in range(3):
        s.write(f"news/n{n}.md", item(title=f"Новина про сквер {n}", date=f"2024-09-0{n + 1} 10:00"))
    s.write("reports/info.md", item(
        title="Звіт", date="2024-10-02 10:00", period='"2024-09"', number='"01-15/112"',
        activities='[{text: "Брали участь у прийомах міського голови", count: 2}]',
        body="Відділ забезпечував висвітлення діяльності ради."))
    for n, slug in zip(LENGTHS, slugs):
        s.write(f"reports/{slug}.md", item(
            title="Звіт", date="2024-10-02 10:00", period='"2024-09"', department=slug,
            activities="[" + ", ".join(f'{{text: "Проведено нараду {i}", count: 1}}' for i in range(n)) + "]",
            body="\n\n".join(SENTENCE * 4 for _ in range(5))))
    documents = collect(str(s.content), "2024-09", None, "Тестова міська рада", SITE, clock=CLOCK)
    documents += collect(str(s.content), "2024", "info", "Тестова міська рада", SITE, clock=CLOCK)
    paths = write(documents[:-1], "pdf", str(root / "out")) + write(documents[-1:], "pdf", str(root / "out"))
    return {p.split("/out/", 1)[1]: p for p in paths}


def pages(pdf: str) -> list[str]:
    count = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    return [run("pdftotext", "-layout", "-f", str(n), "-l", str(n), pdf, "-") for n in range(1, count + 1)]


def test_pdf_is_the_report_with_requisites_text_signature_and_appendix(pdfs):
    sheets = pages(pdfs["2024-09/info.pdf"])
    first = " ".join(sheets[0].split())
    assert "ТЕСТОВА МІСЬКА РАДА Відділ інформаційної діяльності" in first
    # ДСТУ 4163:2020: the kind, then date and number on one line (date left, number right), then the heading.
    assert "ЗВІТ 02.10.2024 № 01-15/112 Про роботу відділу інформаційної діяльності за вересень 2024 року" in first
    assert re.search(r"02\.10\.2024 +№ 01-15/112", sheets[0])
    assert "Протягом вересня 2024 року на офіційному сайті: – підготовлено та розміщено 3 новини." in first
    assert "Крім того: – брали участь у прийомах міського голови — усього 2." in first
    assert re.search(r"Начальник відділу інформаційної .*Олена КОВАЛЬ", first)
    assert not sheets[0].lstrip().startswith("1")  # no number on the first page
    appendix = " ".join(sheets[1].split())
    assert appendix.startswith("2 Додаток до звіту від 02.10.2024 № 01-15/112")  # page 2 numbered at the top
    assert f"{SITE}/news/2024/novyna-pro-skver-0/" in appendix


def test_pdf_is_accessible_with_embedded_fonts_title_and_language(pdfs):
    pdf = pdfs["2024-09/info.pdf"]
    info = run("pdfinfo", pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), info
    assert re.search(r"^Title:\s+Звіт про роботу відділу інформаційної діяльності за вересень 2024 року$", info, re.M)
    assert re.search(r"^Page size:.*\(A4\)$", info, re.M)
    fonts = run("pdffonts", pdf).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # "emb" column
    raw = open(pdf, "rb").read()
    assert b"/Lang(uk-UA)" in raw
    assert b"pdfuaid:part>1<" in raw  # PDF/UA identification


def test_signature_never_stands_alone_on_a_page(pdfs):
    for n in LENGTHS:
        sheets = pages(pdfs[f"2024-09/d{n}.pdf"])
        [signed] = [i for i, sheet in enumerate(sheets) if "Олена КОВАЛЬ" in sheet]
        lines = [line.strip() for line in sheets[signed].splitlines() if line.strip()]
        before = lines[:next(i for i, line in enumerate(lines) if line.startswith("Начальник відділу"))]
        text = [line for line in before if not line.isdigit() and not line.startswith(("Додаток", "позиці"))]
        assert len(text) >= 2, (n, signed, lines)


def test_annual_pdf_has_the_month_table(pdfs):
    text = " ".join(" ".join(pages(pdfs["2024/info.pdf"])).split())
    # No annual part written: generated information, a draft (issue 22), not a report in the head's name.
    assert text.startswith("ПРОЄКТ ТЕСТОВА МІСЬКА РАДА Відділ інформаційної діяльності ІНФОРМАЦІЯ Про оприлюднення "
                           "матеріалів відділу інформаційної діяльності на офіційному сайті за 2024 рік")
    assert "КОВАЛЬ" not in text
    assert "Публікації за місяцями 2024 року" in text
    # news, announcements, acts, meetings, videos, total: September's report is not a publication of October
    assert "Вересень 3 0 0 0 0 3 Жовтень 0 0 0 0 0 0" in text and "Усього 3 0 0 0 0 3" in text
