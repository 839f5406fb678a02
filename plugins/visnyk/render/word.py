"""A ReportDocument as a Word file (.docx) in the form ДСТУ 4163:2020 asks for.

A4; margins 30 mm left, 10 mm right, 20 mm top and bottom; Times New Roman 14 pt (12 pt in the
appendix, 11 pt in a table — down to 9 pt, then hyphenated, when its columns need it: render/layout.py),
single spacing, first-line indent 1.25 cm; page numbers (a PAGE field) in the middle of the top margin
from the second page; the signature block a table with a line to sign on, kept on one page with the two
paragraphs before it.

The page setup, styles and header are made once per `WordRenderer` with python-docx; each document
then fills in only the body, and the file is zipped with fixed times (the same report gives the same
bytes). python-docx's stock template carries 0.9 MB of styles and a thumbnail: they are pruned, so a
report is ~10 KB and a build of a few hundred reports stays cheap.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from xml.sax.saxutils import escape, quoteattr

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt

from ..domain.reports.document import ListSection, ReportDocument, Table
from . import layout

FONT = "Times New Roman"
SIZE = Pt(14)
INDENT = Cm(1.25)
PAGE = (Mm(210), Mm(297))  # A4, portrait
MARGINS = {"left": Mm(30), "right": Mm(10), "top": Mm(20), "bottom": Mm(20)}
TEXT_WIDTH = Mm(PAGE[0].mm - MARGINS["left"].mm - MARGINS["right"].mm)  # what every table is fitted into
CELL_MARGIN = 57  # twips (1 mm) left and right inside a table's cell
BORDER = 10  # twips: a 0.5 pt cell border
LANGUAGE = "uk-UA"
KEEP_STYLES = {"Normal", "Default Paragraph Font", "Normal Table", "Table Grid", "No List", "Header", "Hyperlink"}
DATES = ('<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
         '<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>')
DRAFT_MARK = "ПРОЄКТ"  # top right of a generated document's first page: nobody has signed it
CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>{title}</dc:title><dc:subject>{subject}</dc:subject><dc:creator>{author}</dc:creator>"
    "<cp:lastModifiedBy>{author}</cp:lastModifiedBy><cp:revision>1</cp:revision>"
    "{dates}<cp:category>{kind}</cp:category><dc:language>{language}</dc:language></cp:coreProperties>"
)
DASH = "\u2013 "  # list items as Ukrainian office documents write them: "– підготовлено …;"


def _run(text: str, size: int | None = None, bold: bool = False, link: bool = False) -> str:
    """<w:r>; size in half-points (24 = 12 pt). A link is blue and underlined (rPr in schema order)."""
    props = ("<w:b/><w:bCs/>" if bold else "") + ('<w:color w:val="0B4F9E"/>' if link else "")
    props += f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""
    props += '<w:u w:val="single"/>' if link else ""
    parts = text.split("\t")
    inner = "<w:tab/>".join(f'<w:t xml:space="preserve">{escape(part)}</w:t>' for part in parts)
    return f'<w:r>{"<w:rPr>" + props + "</w:rPr>" if props else ""}{inner}</w:r>'


def _p(content: str, *, align: str | None = None, justify: bool = False, indent: bool = False,
       keep: bool = False, page_break: bool = False, before: int = 0, after: int = 0, left: int = 0,
       hanging: int = 0, tab: int = 0) -> str:
    """<w:p>; spacing in points, indents in twips (pPr children in schema order)."""
    props = ("<w:keepNext/>" if keep else "") + ("<w:pageBreakBefore/>" if page_break else "")
    props += f'<w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs>' if tab else ""
    props += f'<w:spacing w:before="{before * 20}" w:after="{after * 20}"/>' if before or after else ""
    if indent or left or hanging:
        first = f' w:firstLine="{int(INDENT.twips)}"' if indent else (f' w:hanging="{hanging}"' if hanging else "")
        props += f'<w:ind w:left="{left}"{first}/>'
    jc = "both" if justify else align
    props += f'<w:jc w:val="{jc}"/>' if jc else ""
    return f"<w:p><w:pPr>{props}</w:pPr>{content}</w:p>"


class WordRenderer:
    """Renders ReportDocuments to .docx bytes; make one and use it for many documents."""

    def __init__(self) -> None:
        self.document = document = new_document()
        self._prune(document)
        section = document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE
        for side, value in MARGINS.items():
            setattr(section, f"{side}_margin", value)
        section.header_distance = Mm(10)
        section.different_first_page_header_footer = True  # no number on the first page
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        header.paragraph_format.first_line_indent = Cm(0)
        header._p.append(parse_xml(
            f"<w:r {nsdecls('w')}><w:fldChar w:fldCharType=\"begin\"/></w:r>"
        ))
        for fragment in ('<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                         '<w:fldChar w:fldCharType="separate"/>', "<w:t>2</w:t>", '<w:fldChar w:fldCharType="end"/>'):
            header._p.append(parse_xml(f"<w:r {nsdecls('w')}>{fragment}</w:r>"))
        section.first_page_header.paragraphs[0].text = ""
        self.part = document.part
        self._static: dict[str, bytes] | None = None
        self._template: bytes | None = None

    @staticmethod
    def _prune(document) -> None:
        """Our fonts and language everywhere, and only the styles a report uses."""
        styles = document.styles.element
        for style in styles.findall(qn("w:style")):
            name = style.find(qn("w:name"))
            if name is None or name.get(qn("w:val")).title() not in {s.title() for s in KEEP_STYLES}:
                styles.remove(style)
        latent = styles.find(qn("w:latentStyles"))
        if latent is not None:
            styles.remove(latent)
        defaults = styles.find(qn("w:docDefaults"))
        r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        for child in list(r_pr):
            r_pr.remove(child)
        r_pr.append(parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'))
        r_pr.append(parse_xml(f'<w:sz {nsdecls("w")} w:val="28"/>'))
        r_pr.append(parse_xml(f'<w:szCs {nsdecls("w")} w:val="28"/>'))
        r_pr.append(parse_xml(f'<w:lang {nsdecls("w")} w:val="{LANGUAGE}" w:eastAsia="{LANGUAGE}" w:bidi="ar-SA"/>'))
        normal = document.styles["Normal"]
        normal.font.name, normal.font.size = FONT, SIZE
        fmt = normal.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
        fmt.widow_control = True
        package = document.part.package
        for part in list(package.iter_parts()):
            if part.partname.endswith(("stylesWithEffects.xml", "thumbnail.jpeg", "item1.xml")):
                for source in (package, document.part):
                    for rId, rel in list(source.rels.items()):
                        if not rel.is_external and rel.target_part is part:
                            del source.rels[rId]

    # --- the body: WordprocessingML written directly (python-docx's per-element API costs ~0.1 ms a
    # run; a build writes hundreds of reports), parsed once per document ----------------------------

    def _link(self, text: str, url: str, size: int | None = None) -> str:
        rId = f"rIdL{len(self._links) + 1}"
        self._links.append(f'<Relationship Id="{rId}" Type="{RT.HYPERLINK}" Target={quoteattr(url)} TargetMode="External"/>')
        return f'<w:hyperlink r:id="{rId}">{_run(text, size=size, link=True)}</w:hyperlink>'

    def _runs(self, runs) -> str:
        return "".join(self._link(r.text, r.url) if r.url else _run(r.text) for r in runs)

    def _list(self, section: ListSection) -> list[str]:
        made = [_p(_run(section.lead), indent=True, justify=True, keep=True, before=6)]
        made += [_p(_run(DASH + text), indent=True, justify=True) for text in section.items]
        return made

    def _table(self, table: Table) -> list[str]:
        """A report's table (the annual month-by-month counts), its header row repeated on a new page.
        Columns, font size and, when the columns cannot fit at 9 pt, parts come from `layout.fit`: the
        widths add up to the text area for any number of columns (grid, cells and table width alike)."""
        available = int(TEXT_WIDTH.twips)
        cells = layout.Cells.of(table.header, table.rows, table.total)
        made = []
        for n, part in enumerate(layout.fit(cells, available, 2 * CELL_MARGIN + 2 * BORDER)):
            caption = table.caption if n == 0 else f"{table.caption} (продовження)"
            made += [_p(_run(caption), align="center", keep=True, before=6, after=3), self._grid(table, part)]
        return made

    @staticmethod
    def _grid(table: Table, part: layout.Part) -> str:
        rows = []
        last = len(table.rows) + 1
        padding = 2 * CELL_MARGIN + 2 * BORDER

        def text(value: str, width: int, bold: bool, header: bool) -> str:
            """A cell's run; in the header, a word too wide for the cell gets soft hyphens (<w:softHyphen/>)."""
            if part.hyphenate and header:
                value = layout.hyphenated(value, width - padding, part.size, bold)
            return _run(value, size=part.size, bold=bold).replace(
                layout.SOFT_HYPHEN, '</w:t><w:softHyphen/><w:t xml:space="preserve">')

        for r, values in enumerate([table.header, *table.rows, table.total]):
            bold = r in (0, last)
            cells = "".join(
                f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>'
                + _p(text(values[c], w, bold, r == 0), align="left" if c == 0 else "center" if r == 0 else "right",
                     keep=r >= last - 1)
                + "</w:tc>"
                for c, w in zip(part.columns, part.widths)
            )
            head = "<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if r == 0 else "<w:trPr><w:cantSplit/></w:trPr>"
            rows.append(f"<w:tr>{head}{cells}</w:tr>")
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in part.widths)
        return (
            f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(part.widths)}" w:type="dxa"/>'
            '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblCellMar>'
            f'<w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
            f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
        )

    def _signature(self, doc: ReportDocument) -> str:
        """Position | a line to sign on | Name SURNAME, bottom-aligned, one row that never splits."""
        # The name is never wrapped unless it cannot be: its column is as wide as it needs (55 mm at
        # least), the line to sign on 35 mm (down to 20 mm when that keeps a long name on one line), the
        # position the rest but never less than its longest word; the three add up to the text area.
        available, right = int(TEXT_WIDTH.twips), 113
        name = layout.needed(doc.signature.name, 28, False, whole=True) + right
        title = layout.needed(doc.signature.position, 28, False, whole=False) + right
        least = max(title, int(Mm(50).twips))
        line_width = int(Mm(35).twips)
        if available - line_width - least < name <= available - int(Mm(20).twips) - least:
            line_width = available - least - name  # a shorter line keeps the name on one line
        room = available - line_width - least
        named = min(max(int(Mm(55).twips), name), room)
        widths = (available - line_width - named, line_width, named)
        no_wrap = "<w:noWrap/>" if name <= named else ""
        line = '<w:tcBorders><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/></w:tcBorders>'
        cells = zip(widths, (_run(doc.signature.position), "", _run(doc.signature.name)), ("left", "", "right"),
                    ("", line, ""))
        tcs = "".join(
            f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/>{border}{no_wrap if align == "right" else ""}'
            '<w:vAlign w:val="bottom"/></w:tcPr>'
            + _p(content, align=align or None) + "</w:tc>"
            for w, content, align, border in cells
        )
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        return (
            f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblCellMar><w:left w:w="0" w:type="dxa"/><w:right w:w="{right}" w:type="dxa"/></w:tblCellMar>'
            f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr></w:tbl>"
        )

    def _appendix(self, doc: ReportDocument) -> list[str]:
        made = [
            _p(_run("Додаток", size=24), left=int(Mm(100).twips), page_break=True),
            _p(_run(doc.appendix_heading, size=24), left=int(Mm(100).twips)),
            _p(""),
            _p(_run(doc.appendix_title, size=24, bold=True), align="center", keep=True, after=6),
        ]
        for n, entry in enumerate(doc.appendix, 1):
            text = _run(f"{n}. {entry.title} — {entry.kind}, {entry.date},", size=24)
            # The address on its own line: the date no longer breaks (no-break spaces), and an address run on
            # after it would be split at a hyphen — on paper, a wrong address.
            line_break = '<w:r><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr><w:br/></w:r>'
            made.append(_p(text + line_break + self._link(entry.url, entry.url, size=24),
                           left=425, hanging=425))
        return made

    def _body(self, doc: ReportDocument) -> str:
        """Requisites in the order of ДСТУ 4163:2020: organisation, kind, date and number, place, heading."""
        made = [_p(_run(DRAFT_MARK, bold=True), align="right", after=6)] if doc.draft else []
        made.append(_p(_run(doc.council.upper(), bold=True), align="center"))
        if doc.department:
            made.append(_p(_run(doc.department), align="center"))
        made += [_p(""), _p(_run(doc.kind.upper(), bold=True), align="center", after=6)]
        if doc.date is not None or doc.number_text:
            made.append(_p(_run(doc.date_text) + (_run("\t" + doc.number_text) if doc.number_text else ""),
                           tab=int(TEXT_WIDTH.twips)))
        if doc.place:
            made.append(_p(_run(doc.place)))
        made.append(_p(_run(doc.heading[:1].upper() + doc.heading[1:], bold=True), align="center", before=12,
                       after=12))
        if doc.note:
            made.append(_p(_run(doc.note, size=24), justify=True, after=6))
        for block in doc.narrative:
            for runs in block.items:
                made.append(_p((_run(DASH) if block.listed else "") + self._runs(runs), indent=True, justify=True))
        made += self._list(doc.publications)
        made += [_p(_run(sentence), indent=True, justify=True) for sentence in doc.deadlines]
        if doc.months is not None:
            made += self._table(doc.months)
        if doc.activities is not None:
            made += self._list(doc.activities)
        # The signature never stands alone on a page: the last two paragraphs of the text go with it
        # (ДСТУ 4163:2020) — after the table, its last two rows (keepNext set there) — then the mark.
        for i in (-1, -2):
            if made[i].startswith("<w:p>"):
                made[i] = made[i].replace("<w:pPr><w:keepNext/>", "<w:pPr>", 1)
                made[i] = made[i].replace("<w:pPr>", "<w:pPr><w:keepNext/><w:keepLines/>", 1)
        if doc.appendix_mark:
            made.append(_p(_run(doc.appendix_mark), before=12, keep=True))
        if doc.signature is not None:
            made.append(_p("", keep=True, before=12))
            made.append(self._signature(doc))
        if doc.appendix:
            made += self._appendix(doc)
        return "".join(made)

    # --- the file -------------------------------------------------------------------------------

    def render(self, doc: ReportDocument) -> bytes:
        if self._static is None:
            self._freeze()
        self._links: list[str] = []
        body = self._body(doc)
        document_xml = self._open + body.encode("utf-8") + self._close
        rels = self._rels_open + "".join(self._links).encode("utf-8") + self._rels_close
        # An undated document (generated information) gets no creation date and the zip format's first day.
        moment = dt.datetime.combine(doc.date, dt.time()) if doc.date is not None else dt.datetime(1980, 1, 1)
        dates = DATES.format(moment=f"{moment:%Y-%m-%dT%H:%M:%SZ}") if doc.date is not None else ""
        core = CORE.format(title=escape(doc.title.replace("\u00a0", " ")),  # metadata: plain spaces
                           subject=escape(doc.department or doc.council),
                           author=escape(doc.council), kind=escape(doc.kind), dates=dates, language=LANGUAGE)
        return self._zip(moment, document_xml, rels, core.encode("utf-8"))

    def _freeze(self) -> None:
        """Serialise once what every report shares: the parts that never change, and the document
        and its relationships around the place where each report's body and links go."""
        package = self.document.part.package
        changing = {self.part.partname, "/docProps/core.xml"}
        parts = list(package.iter_parts())
        static = {CONTENT_TYPES_URI.membername: _ContentTypesItem.from_parts(parts).blob,
                  PACKAGE_URI.rels_uri.membername: package.rels.xml}
        for part in parts:
            if part.partname not in changing:
                static[part.partname.membername] = part.blob
                if len(part.rels):
                    static[part.partname.rels_uri.membername] = part.rels.xml
        self._static = static
        body = self.document.element.body
        for child in list(body)[:-1]:  # all but sectPr
            body.remove(child)
        xml = self.part.blob
        start = xml.index(b"<w:body>") + len(b"<w:body>")
        self._open, self._close = xml[:start], xml[start:]
        rels = self.part.rels.xml
        end = rels.rindex(b"</Relationships>")
        self._rels_open, self._rels_close = rels[:end], rels[end:]

    def _zip(self, moment: dt.datetime, document_xml: bytes, rels: bytes, core: bytes) -> bytes:
        """The package with fixed times (the same report gives the same bytes): the shared parts are
        compressed once into a template archive, each report's three parts appended to a copy."""
        if self._template is None:
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
                for name, blob in self._static.items():
                    archive.writestr(_info(name, (1980, 1, 1, 0, 0, 0)), blob)
            self._template = buffer.getvalue()
        stamp = (max(1980, moment.year), moment.month, moment.day, 0, 0, 0)
        buffer = io.BytesIO(self._template)
        with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_info(self.part.partname.membername, stamp), document_xml)
            archive.writestr(_info(self.part.partname.rels_uri.membername, stamp), rels)
            archive.writestr(_info("docProps/core.xml", stamp), core)
        return buffer.getvalue()


def _info(name: str, stamp: tuple) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
    return info
