"""Geometry of the generated documents: every table and every line inside the margins, in Word and in PDF.

Each report kind the content folder gives (a department's monthly and annual report, the council's), plus the annual table
with many more columns than today's eight (9, 14 and 24: act kinds as columns, say), is rendered to .docx
and checked:

- in the docx XML, against the page the document itself declares (pgSz minus pgMar, not our constants): each
  table's grid adds up to no more than the text area, the table's width is the grid's, each cell's width
  its grid column's, the layout fixed — so Word has no reason to widen a column;
- every word of every cell fits its cell at the size the XML gives it, measured with the Liberation Serif
  font on this machine (metric-compatible with Times New Roman): Word never breaks a word or spills it;
  a header word too wide even at 9 pt is hyphenated only there, only at a syllable written out by hand
  below, and each line's piece fits;
- converted by LibreOffice both as `./visnyk report --format pdf` does it (render/pdf.py) and as a plain
  `soffice --headless --convert-to pdf` of the .docx (what an official who opens the file gets), then read
  back with poppler: no word's box left of the left margin or right of the right one on any page
  (`pdftotext -bbox`), and no ink there either (`pdftoppm`: table borders are lines, not words);
- every row of every table is in the PDF's text (a clipped column loses cells without a glyph past the
  margin), and the header's words come out whole or hyphenated at those syllables («Ого-ло-шен-ня», never
  «Оголоше-ння»);
- a site built in tmp_path: every .docx the build writes passes the Word checks, and the report pages
  printed by Chromium (report-print.css, the same A4 and margins) keep words and ink inside the margins
  with the whole table.

The council-wide documents (`report --council`, monthly and annual) are among the kinds, and a table of
their shape with every department's name long.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import zipfile
from html import unescape
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageFont

from conftest import DEPARTMENTS, Site, item
from visnyk.documents import collect, write
from visnyk.domain.common.clock import parse_date
from visnyk.domain.reports.document import Table
from visnyk.render import layout
from visnyk.render.pdf import office
from visnyk.render.word import WordRenderer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SITE = "https://rada.example"
CLOCK = parse_date("2025-01-15 12:00")
# Liberation Serif, Times New Roman's metric twin (fonts-liberation, from scripts/install-test-tools; 2.x
# comes with LibreOffice): an independent measure of the words, not render/layout.py's own table.
FONTS = [Path("/usr/share/fonts/truetype", d) for d in ("liberation2", "liberation")]
PT_PER_TWIP = 1 / 20
TOLERANCE = 1.0  # pt: a 0.5 pt border centred on the table's edge reaches 0.25 pt past it
LONG_DEPARTMENT = """\
- slug: blagoustrii
  name: Управління житлово-комунального господарства, благоустрою, транспорту та інфраструктури
  name_genitive: управління житлово-комунального господарства, благоустрою, транспорту та інфраструктури
  head: Олександра Костенко-Волошиновська
  head_title: Начальник управління
"""
ACT_KINDS = ("council_decision", "executive_decision", "mayor_order", "draft_decision", "regulatory_act",
             "protocol", "other")
# The annual table as it may grow: a column per act kind and a few more (24 columns), and a middle case
# (9 columns, long words) that fits by shrinking the font alone.
WIDE = ("Місяць", "Новини", "Оголошення", "Рішення міської ради", "Рішення виконавчого комітету",
        "Розпорядження міського голови", "Проєкти рішень", "Регуляторні акти", "Протоколи засідань",
        "Висновки постійних комісій", "Рекомендації постійних комісій", "Інші документи", "Засідання",
        "Відеоролики", "Звіти", "Інформаційні повідомлення", "Фотогалереї", "Інтерв'ю", "Петиції",
        "Запити на публічну інформацію", "Консультації з громадськістю", "Громадські обговорення",
        "Сторінки", "Усього")
MIDDLE = WIDE[:8] + ("Усього",)
NARROW = WIDE[:13] + ("Усього",)  # fits at 9 pt only with hyphenated headers
SOFT = "\u00ad"
# Where each header word may be hyphenated (Український правопис 2019, § 21), written out by hand: one
# cut between two vowels, a lone consonant to the next line, дж together, never one letter alone.
HYPHENATION = {w.replace("-", ""): w for w in """
    Ін-тер-в'ю Ін-фор-ма-цій-ні Ін-ші Вис-нов-ки Ві-део-ро-ли-ки Гро-мадсь-кі За-пи-ти За-сі-дан-ня Зві-ти
    Кон-суль-та-ції Мі-сяць Но-ви-ни Ого-ло-шен-ня Пе-ти-ції Про-то-ко-ли Проєк-ти Ре-гу-ля-тор-ні
    Ре-ко-мен-да-ції Роз-по-ря-джен-ня Рі-шен-ня Сто-рін-ки Усьо-го Фо-то-га-ле-реї ак-ти ви-ко-нав-чо-го
    го-ло-ви гро-мадсь-кіс-тю до-ку-мен-ти за-сі-дань ко-мі-сій ко-мі-те-ту місь-ко-го місь-кої
    об-го-во-рен-ня по-ві-дом-лен-ня пос-тій-них пуб-ліч-ну ра-ди рі-шень ін-фор-ма-цію""".split()}


def cuts(hyphenated: str) -> list[int]:
    """ "Роз-по-ря" → [3, 5]: where the word is cut, in letters of the whole word."""
    found, at = [], 0
    for piece in hyphenated.split("-")[:-1]:
        at += len(piece)
        found.append(at)
    return found


MONTHS = ("Січень", "Лютий", "Березень", "Квітень", "Травень", "Червень", "Липень", "Серпень", "Вересень",
          "Жовтень", "Листопад", "Грудень")


def wide_table(header: tuple[str, ...]) -> Table:
    rows = tuple((month, *(str(1000 + 37 * m + c) for c in range(len(header) - 1))) for m, month in enumerate(MONTHS))
    return Table("Публікації за місяцями 2024 року", header, rows,
                 ("Усього", *(str(90000 + c) for c in range(len(header) - 1))))


def council_table(annual: Table) -> Table:
    """The shape of the council-wide table (a row per department, the annual table's columns): long names
    in the first column, which wrap at spaces."""
    names = ("Відділ інформаційної діяльності та комунікацій з громадськістю", "Фінансове управління",
             "Управління житлово-комунального господарства, благоустрою, транспорту та інфраструктури",
             "Управління соціального захисту населення", "Юридичний відділ")
    width = len(annual.header) - 1
    rows = tuple((name, *(str(5000 + 10 * n + c) for c in range(width))) for n, name in enumerate(names))
    return Table("Публікації підрозділів за 2024 рік", ("Підрозділ", *annual.header[1:]), rows,
                 ("Усього", *(str(6000 + c) for c in range(width))))


def department_year(s: Site) -> None:
    """A department with a long name and a long-named head that published every type in 2024, and its
    hand-written September report."""
    s.write("departments.yml", DEPARTMENTS + LONG_DEPARTMENT)
    for month in range(1, 13):
        day = f"2024-{month:02d}-1{month % 9} 10:00"
        for n in range(month):
            s.write(f"news/{month}-{n}.md", item(title=f"Новина {month} {n}", date=day, department="blagoustrii"))
        s.write(f"announcements/{month}.md", item(title=f"Оголошення {month}", date=day, department="blagoustrii"))
        s.write(f"acts/{month}.md", item(title=f"Рішення {month}", date=day, department="blagoustrii",
                                         act_kind=ACT_KINDS[month % len(ACT_KINDS)], number=f"'{month}'"))
        s.write(f"videos/{month}.md", item(title=f"Відео {month}", date=day, department="blagoustrii",
                                           video_url=f"https://video.example/{month}"))
    # An appendix entry whose address is longer than a line (an 80-letter slug): it breaks, never spills.
    s.write("news/long.md", item(title="Про внесення змін до рішення міської ради про затвердження програми "
                                       "розвитку житлово-комунального господарства та благоустрою громади",
                                 date="2024-09-20 10:00", department="blagoustrii"))
    s.write("meetings/m.md", "\n".join([
        "---", "title: Сесія", "date: 2024-05-02 10:00", "department: blagoustrii", "body: council",
        "starts: 2024-05-20 10:00", "venue: Зала", "agenda: []", "---", "Текст.", ""]))
    s.write("reports/r.md", item(
        title="Звіт", date="2024-10-02 10:00", period='"2024-09"', department="blagoustrii", number='"01-15/112"',
        activities='[{text: "Брали участь у прийомах міського голови", count: 2}]',
        body="Управління забезпечувало благоустрій громади. " * 12))


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    """name → ReportDocument: each report kind of a department that published every type in 2024."""
    s = Site(tmp_path_factory.mktemp("geometry"))
    department_year(s)
    council = "Ясногірська міська рада"
    [monthly] = collect(str(s.content), "2024-09", "blagoustrii", council, SITE, clock=CLOCK)
    [annual] = collect(str(s.content), "2024", "blagoustrii", council, SITE, clock=CLOCK)
    assert annual.months is not None and len(annual.months.header) >= 7  # the month, every counted type, «Усього»
    [council_month] = collect(str(s.content), "2024-09", None, council, SITE, clock=CLOCK, whole_council=True)
    [council_year] = collect(str(s.content), "2024", None, council, SITE, clock=CLOCK, whole_council=True)
    assert council_year.months is not None and len(council_year.months.rows) == 3  # a row per department
    return {
        "monthly": monthly,
        "annual": annual,
        "council-month": council_month,
        "council-year": council_year,
        "council": dataclasses.replace(annual, slug="council", months=council_table(annual.months)),
        "annual-9-columns": dataclasses.replace(annual, slug="middle", months=wide_table(MIDDLE)),
        "annual-14-columns": dataclasses.replace(annual, slug="hyphenated", months=wide_table(NARROW)),
        "annual-24-columns": dataclasses.replace(annual, slug="wide", months=wide_table(WIDE)),
    }


@pytest.fixture(scope="module")
def docx_files(documents, tmp_path_factory):
    folder = tmp_path_factory.mktemp("docx")
    renderer = WordRenderer()
    made = {}
    for name, doc in documents.items():
        made[name] = folder / f"{name}.docx"
        made[name].write_bytes(renderer.render(doc))
    return made


# --- Word: the XML ---------------------------------------------------------------------------------------

def body(path: Path) -> ElementTree.Element:
    with zipfile.ZipFile(path) as archive:
        return ElementTree.fromstring(archive.read("word/document.xml")).find(f"{W}body")


def twips(element: ElementTree.Element | None, attribute: str = "w") -> int:
    assert element is not None
    return int(element.get(f"{W}{attribute}"))


def text_area(root: ElementTree.Element) -> tuple[int, int, int]:
    """(page width, left margin, right margin) in twips, as the document's section declares them."""
    section = root.find(f"{W}sectPr")
    margins = section.find(f"{W}pgMar")
    return twips(section.find(f"{W}pgSz")), twips(margins, "left"), twips(margins, "right")


def grid_problems(name: str, path: Path) -> list:
    """Tables wider than the text area the document declares, or whose widths disagree (table, grid,
    cells), or whose layout is not fixed; tab stops and paragraph indents outside the text area."""
    root = body(path)
    page, left, right = text_area(root)
    problems = [] if (page, left, right) == (11906, 1701, 567) else [(name, "page", page, left, right)]  # A4, 30/10 mm
    for tab in root.iter(f"{W}tab"):  # a tab stop (the number right of the date) inside the text area
        if tab.get(f"{W}pos") is not None and not 0 <= twips(tab, "pos") <= page - left - right:
            problems.append((name, "tab stop", twips(tab, "pos")))
    for indent in root.iter(f"{W}ind"):  # no paragraph pushed past a margin by its indents
        start, first = int(indent.get(f"{W}left", 0)), int(indent.get(f"{W}firstLine", 0))
        if not 0 <= start - int(indent.get(f"{W}hanging", 0)) or start + first >= page - left - right:
            problems.append((name, "indent", dict(indent.attrib)))
    for n, table in enumerate(root.iter(f"{W}tbl")):
        where = f"{name}, table {n + 1}"
        grid = [twips(col) for col in table.find(f"{W}tblGrid")]
        props = table.find(f"{W}tblPr")
        width = props.find(f"{W}tblW")
        if sum(grid) > page - left - right:
            problems.append((where, "grid", sum(grid), page - left - right))
        if width.get(f"{W}type") != "dxa" or twips(width) != sum(grid):
            problems.append((where, "tblW", width.get(f"{W}type"), twips(width), sum(grid)))
        if props.find(f"{W}tblLayout").get(f"{W}type") != "fixed":
            problems.append((where, "layout"))
        for row in table.iter(f"{W}tr"):
            cells = [c.find(f"{W}tcPr/{W}tcW") for c in row.findall(f"{W}tc")]
            if [twips(c) for c in cells] != grid or any(c.get(f"{W}type") != "dxa" for c in cells):
                problems.append((where, "tcW", [twips(c) for c in cells], grid))
    return problems


FONT_CACHE: dict[tuple[bool, int], ImageFont.FreeTypeFont] = {}


def font(bold: bool, half_points: int) -> ImageFont.FreeTypeFont:
    """Liberation Serif (Times New Roman's metrics) at a size in half-points, measuring in twips."""
    if (bold, half_points) not in FONT_CACHE:
        name = f"LiberationSerif-{'Bold' if bold else 'Regular'}.ttf"
        found = [folder / name for folder in FONTS if (folder / name).is_file()]
        if not found:
            pytest.fail(f"{name} is needed (fonts-liberation): run scripts/install-test-tools")
        FONT_CACHE[bold, half_points] = ImageFont.truetype(str(found[0]), half_points * 10)  # ½ pt × 10 = twips
    return FONT_CACHE[bold, half_points]


def word_problems(name: str, path: Path, hyphenated: list[str] | None = None) -> tuple[list, int]:
    """Words wider than their cell (a hyphenated one: any line's piece, or hyphenated without need or
    outside the header), and how many words were measured; hyphenated words are added to `hyphenated`."""
    problems, checked = [], 0
    for table in body(path).iter(f"{W}tbl"):
        margins = table.find(f"{W}tblPr/{W}tblCellMar")
        inside = twips(margins.find(f"{W}left")) + twips(margins.find(f"{W}right"))
        for cell in table.iter(f"{W}tc"):
            room = twips(cell.find(f"{W}tcPr/{W}tcW")) - inside
            no_wrap = cell.find(f"{W}tcPr/{W}noWrap") is not None
            for run in cell.iter(f"{W}r"):
                props = run.find(f"{W}rPr")
                sz = props.find(f"{W}sz") if props is not None else None
                size = int(sz.get(f"{W}val")) if sz is not None else 28  # the document's default, 14 pt
                bold = props is not None and props.find(f"{W}b") is not None
                text = "".join(SOFT if e.tag == f"{W}softHyphen" else e.text or "" for e in run
                               if e.tag in (f"{W}t", f"{W}softHyphen"))
                for word in [text] if no_wrap else text.split():
                    checked += 1
                    whole = font(bold, size).getlength(word.replace(SOFT, ""))
                    if SOFT not in word:
                        if whole > room:
                            problems.append((name, word, whole, room))
                        continue
                    if whole <= 0.9 * room or not bold:  # only when it must be (10% kept for rounding), in the header
                        problems.append((name, "needless hyphens", word, whole, room))
                    *pieces, end = word.split(SOFT)
                    problems += [(name, word, piece, room) for piece in [p + "-" for p in pieces] + [end]
                                 if font(bold, size).getlength(piece) > room]
                    if hyphenated is not None:
                        hyphenated.append(word.replace(SOFT, "-"))
    return problems, checked


def test_every_table_is_as_wide_as_its_grid_and_the_grid_fits_the_text_area(docx_files):
    for name, path in docx_files.items():
        assert not grid_problems(name, path), grid_problems(name, path)


def test_every_word_of_every_cell_fits_its_cell_in_times_new_roman_metrics(docx_files):
    checked, hyphenated = 0, []
    for name, path in docx_files.items():
        problems, count = word_problems(name, path, hyphenated)
        assert not problems, problems[:5]
        checked += count
    assert checked > 4 * 13 * 8  # every table's cells were read, not an empty walk
    assert hyphenated and all(HYPHENATION[w.replace("-", "")] for w in hyphenated)  # the 14-column header
    for word in hyphenated:  # at syllables only (hand-written above): «Ого-ло-шен-ня», never «Оголоше-ння»
        assert set(cuts(word)) <= set(cuts(HYPHENATION[word.replace("-", "")])), word


def test_a_table_grows_no_wider_with_more_columns_it_shrinks_hyphenates_then_goes_in_parts(docx_files):
    def tables(name):
        return [[twips(col) for col in t.find(f"{W}tblGrid")] for t in body(docx_files[name]).iter(f"{W}tbl")
                if t.find(f"{W}tblPr/{W}tblStyle") is not None]

    def sizes(name):
        return {int(s.get(f"{W}val")) for t in body(docx_files[name]).iter(f"{W}tbl")
                if t.find(f"{W}tblPr/{W}tblStyle") is not None for s in t.iter(f"{W}sz")}

    area = 11906 - 1701 - 567
    assert [sum(g) for g in tables("annual")] == [area] and sizes("annual") == {22}  # 11 pt, as before
    assert [len(g) for g in tables("annual-9-columns")] == [9] and max(sizes("annual-9-columns")) < 22
    assert [len(g) for g in tables("annual-14-columns")] == [14] and sizes("annual-14-columns") == {layout.SMALLEST}
    assert body(docx_files["annual-14-columns"]).find(f".//{W}softHyphen") is not None
    assert body(docx_files["annual-9-columns"]).find(f".//{W}softHyphen") is None  # a smaller font first
    parts = tables("annual-24-columns")
    assert len(parts) > 1 and all(sum(g) == area for g in parts)
    assert sum(len(g) - 1 for g in parts) == 23  # every column once, the month column in each part
    assert min(sizes("annual-24-columns")) >= layout.SMALLEST


# --- the PDF: LibreOffice, read back with poppler --------------------------------------------------------

@pytest.fixture(scope="module")
def pdf_files(documents, docx_files, tmp_path_factory):
    """name → PDF, made both ways: `documents.write(…, "pdf")` and a plain `soffice --convert-to pdf`."""
    if office() is None or shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None:
        pytest.fail("LibreOffice and poppler-utils are needed: run scripts/install-test-tools")
    ours = tmp_path_factory.mktemp("ours")
    paths = write(list(documents.values()), "pdf", str(ours))
    made = {f"{name} (report --format pdf)": Path(p) for name, p in zip(documents, paths)}
    plain = tmp_path_factory.mktemp("plain")
    profile = tmp_path_factory.mktemp("profile")
    subprocess.run([office(), "--headless", "--norestore", f"-env:UserInstallation=file://{profile}",
                    "--convert-to", "pdf", "--outdir", str(plain), *map(str, docx_files.values())],
                   check=True, capture_output=True, timeout=600, env={"HOME": str(profile), "PATH": "/usr/bin:/bin"})
    made.update({f"{name} (soffice)": plain / f"{name}.pdf" for name in docx_files})
    return made


WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def words(pdf: Path) -> list[tuple[int, float, list[tuple[float, float, str]]]]:
    """(page number, page width, [(xMin, xMax, word)]) for every page, in points."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [(n, float(width), [(float(a), float(b), unescape(w)) for a, b, w in WORD.findall(page)])
            for n, (width, _height, page) in enumerate(PAGE.findall(html), 1)]


@pytest.mark.browser  # LibreOffice and poppler, from scripts/install-test-tools
def test_no_word_lies_beyond_a_margin_on_any_page_of_any_pdf(pdf_files):
    left, right = 1701 * PT_PER_TWIP, 567 * PT_PER_TWIP
    for name, pdf in pdf_files.items():
        pages = words(pdf)
        assert pages and sum(len(found) for _, _, found in pages) > 100, name
        for n, width, found in pages:
            outside = [(w, a, b) for a, b, w in found if a < left - TOLERANCE or b > width - right + TOLERANCE]
            assert not outside, (name, n, outside[:5])


def ink_columns(pdf: Path, folder: Path) -> list[tuple[int, list[int]]]:
    """(page width in px at 72 dpi = pt, the x of every column of pixels with any ink), page by page."""
    subprocess.run(["pdftoppm", "-gray", "-r", "72", str(pdf), str(folder / "p")], check=True, capture_output=True)
    result = []
    for image in sorted(folder.glob("p-*.pgm"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        data = image.read_bytes()
        magic, width, height, depth, pixels = re.match(rb"(P5)\s+(\d+)\s+(\d+)\s+(\d+)\s(.*)", data, re.S).groups()
        width, height = int(width), int(height)
        inked = {x for y in range(height) for x, value in enumerate(pixels[y * width:(y + 1) * width]) if value < 160}
        result.append((width, sorted(inked)))
        image.unlink()
    return result


@pytest.mark.browser  # LibreOffice and poppler, from scripts/install-test-tools
def test_no_ink_beyond_a_margin_on_any_page_of_any_pdf(pdf_files, tmp_path):
    left, right = 1701 * PT_PER_TWIP, 567 * PT_PER_TWIP
    for name, pdf in pdf_files.items():
        for n, (width, inked) in enumerate(ink_columns(pdf, tmp_path), 1):
            assert inked, (name, n)
            assert inked[0] >= left - 1 - TOLERANCE, (name, n, inked[0])
            assert inked[-1] <= width - right + TOLERANCE, (name, n, inked[-1])


@pytest.mark.browser  # LibreOffice and poppler, from scripts/install-test-tools
def layout_text(pdf: Path) -> list[str]:
    """The PDF's lines as `pdftotext -layout` sets them (a table row's cells on one line)."""
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout.splitlines()


def row_found(lines: list[str], row: tuple[str, ...]) -> bool:
    """A line with the row's first word (a name may wrap below it) and then all its numbers, in order."""
    first, values = row[0].split()[0], list(row[1:])
    for line in lines:
        words = line.split()
        if first in words:
            after = words[words.index(first) + 1:]
            if any(after[i:i + len(values)] == values for i in range(len(after) - len(values) + 1)):
                return True
    return False


def missing_cells(lines: list[str], table: Table) -> list[str]:
    """Rows of the table not found whole (a clipped column loses its cells without a glyph past the
    margin). A table set in parts has numbers that occur once in it: then each is looked for alone."""
    missing = [" ".join(row) for row in (*table.rows, table.total) if not row_found(lines, row)]
    numbers = [n for row in (*table.rows, table.total) for n in row[1:]]
    if not missing or len(set(numbers)) < len(numbers):
        return missing
    found = {word for line in lines for word in line.split()}
    return [n for n in numbers if n not in found]


@pytest.mark.browser  # LibreOffice and poppler, from scripts/install-test-tools
def test_every_cell_of_every_table_is_in_the_pdf(pdf_files, documents):
    checked = 0
    for name, pdf in pdf_files.items():
        table = documents[name.split(" ", 1)[0]].months
        if table is not None:
            assert not missing_cells(layout_text(pdf), table), (name, missing_cells(layout_text(pdf), table)[:5])
            checked += 1
    assert checked == 14  # seven tables, each PDF made two ways


def test_header_words_come_out_whole_or_hyphenated_at_a_syllable_in_the_pdf(pdf_files, documents):
    def present(word: str, found: set[str]) -> bool:
        """Whole, or in pieces «Роз-» «по-» «рядження» cut only where HYPHENATION allows."""
        allowed = cuts(HYPHENATION.get(word, word))
        ends = {0}
        for end in range(1, len(word) + 1):
            ends |= {end for start in sorted(ends) if start < end and (
                word[start:end] in found and end == len(word)
                or end in allowed and word[start:end] + "-" in found)}
        return len(word) in ends

    for name, pdf in pdf_files.items():
        if not name.startswith(("annual", "council")):
            continue
        found = {w for _, _, page in words(pdf) for _, _, w in page}
        header = documents[name.split(" ", 1)[0]].months.header
        for word in {w for text in header for w in text.split()}:
            assert present(word, found), (name, word)
    assert present("Оголошення", {"Ого-", "лошення"}) and not present("Оголошення", {"Оголоше-", "ння"})


def test_syllables_follow_the_rules_of_hyphenation():
    cases = {  # written out by hand
        "Розпорядження": "Роз-по-ря-джен-ня", "бджола": "бджо-ла", "сьогодні": "сьо-год-ні",
        "п’ятниця": "п’ят-ни-ця", "найкращий": "най-кра-щий", "Відео": "Ві-део", "акти": "ак-ти",
        "ідея": "ідея", "Усього": "Усьо-го", "Оголошення": "Ого-ло-шен-ня", "моя": "моя",
        "YouTube": "YouTube", "2024": "2024", "житлово-комунального": "житлово-комунального",
    }
    assert {word: "-".join(layout.syllables(word)) for word in cases} == cases


# --- the layout by itself: any number of columns --------------------------------------------------------

@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(alphabet="абвгдеєжзиіїйклмнопрстуфхцчшщьюяАБВ ", min_size=1, max_size=40),
                min_size=1, max_size=60),
       st.integers(min_value=0, max_value=10 ** 6), st.integers(min_value=1000, max_value=20000))
def test_fit_spans_the_text_area_keeps_every_column_once_and_in_order(header, number, available):
    cells = layout.Cells.of(header, [[str(number)] * len(header)], ["Усього", *[str(number)] * (len(header) - 1)])
    parts = layout.fit(cells, available, 134)
    assert parts and all(sum(p.widths) == available and len(p.widths) == len(p.columns) for p in parts)
    assert all(p.columns[0] == 0 and layout.SMALLEST <= p.size <= layout.LARGEST for p in parts)
    assert [c for p in parts for c in p.columns[1:]] == list(range(1, len(header)))  # each once, in order
    for p in parts:  # every word (a hyphenated one: every syllable) has room, unless one alone is wider
        least = [cells.least(c, p.size, 134, p.hyphenate) for c in p.columns]
        if sum(least) <= available:
            assert all(w >= need for w, need in zip(p.widths, least)), (p, least)


# --- the report page printed from the browser (report-print.css: the same A4 and margins) ---------------

@pytest.mark.browser  # Chromium and poppler, from scripts/install-test-tools
def test_the_build_s_word_files_and_printed_report_pages_stay_inside_the_margins(tmp_path):
    chromium = shutil.which("chromium")
    if chromium is None or shutil.which("pdftotext") is None:
        pytest.fail("chromium and poppler-utils are needed: run scripts/install-test-tools")
    s = Site(tmp_path / "site")
    department_year(s)
    result = s.build(epoch="1736935200", env={"VISNYK_SITEURL": SITE})  # 15.01.2025
    assert result.returncode == 0, result.text
    # Every Word file the build wrote beside a report page (the same renderer, other periods) fits too.
    written = sorted(result.output.rglob("*.docx"))
    assert len(written) >= 13, written  # twelve months and the year
    for path in written:
        assert not grid_problems(path.name, path) and not word_problems(path.name, path)[0], path
    [annual] = collect(str(s.content), "2024", "blagoustrii", "Рада", SITE, clock=CLOCK)  # the page's table
    left, right = 30 * 72 / 25.4, 10 * 72 / 25.4
    for url in ("reports/2024/blagoustrii/", "reports/2024/09/blagoustrii/"):
        target = tmp_path / (url.strip("/").replace("/", "-") + ".pdf")
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-dev-shm-usage", "--no-pdf-header-footer", f"--user-data-dir={tmp_path / 'profile'}",
                        f"--print-to-pdf={target}", (result.output / url / "index.html").as_uri()],
                       check=True, capture_output=True, timeout=120)
        pages = words(target)
        assert "інфраструктури" in {w for _, _, found in pages for _, _, w in found}, url  # the page printed
        if "/09/" not in url:  # the whole month-by-month table: a clipped column would hide its cells
            missing = missing_cells(layout_text(target), annual.months)
            assert not missing, (url, missing)
        for n, width, found in pages:
            outside = [(w, a, b) for a, b, w in found if a < left - TOLERANCE or b > width - right + TOLERANCE]
            assert not outside, (url, n, outside[:5])
        for n, (width, inked) in enumerate(ink_columns(target, tmp_path), 1):
            assert inked[0] >= left - 1 - TOLERANCE and inked[-1] <= width - right + TOLERANCE, (url, n)


def test_a_change_to_the_table_layout_renders_cached_word_files_again(tmp_path, monkeypatch):
    """Warm builds keep a report's .docx while the renderer's code is unchanged (adapters/outputs/reports.py):
    the layout module is part of that code, or new widths would never reach a kept file."""
    from visnyk.adapters.outputs import reports

    before = reports._salt()
    changed = tmp_path / "layout.py"
    changed.write_bytes(Path(layout.__file__).read_bytes() + b"\n# another width\n")
    monkeypatch.setattr(layout, "__file__", str(changed))
    assert reports._salt() != before


def test_fit_when_the_words_fill_the_text_area_exactly():
    """One-word cells (nothing to gain from more room) whose widths add up to the text area exactly."""
    cells = layout.Cells.of(("Місяць", "Новини"), [("Листопад", "12")], ("Усього", "12"))
    exact = sum(cells.least(c, layout.LARGEST, 134) for c in (0, 1))
    [part] = layout.fit(cells, exact, 134)
    assert sum(part.widths) == exact and part.size == layout.LARGEST
    assert all(w >= cells.least(c, layout.LARGEST, 134) for c, w in zip(part.columns, part.widths))
