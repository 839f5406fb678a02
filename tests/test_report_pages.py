"""Report pages as the council publishes them (issue 22): the footer on every page, reports that say what
they are, report dates, periods that may be reported, the requisites of ДСТУ 4163:2020."""

from __future__ import annotations

import re
import runpy
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT

COUNCIL = runpy.run_path(str(ROOT / "pelicanconf.py"))["VISNYK_COUNCIL"]


class Footer(HTMLParser):
    """The text of the `<strong>` and the whole text inside the page footer's `<address>`."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = {"footer": 0, "address": 0, "strong": 0}
        self.strong, self.address = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.depth:
            self.depth[tag] += 1

    def handle_endtag(self, tag):
        if tag in self.depth and self.depth[tag]:
            self.depth[tag] -= 1

    def handle_data(self, data):
        if self.depth["footer"] and self.depth["address"]:
            self.address.append(data)
            if self.depth["strong"]:
                self.strong.append(data)


def kind(relative: str) -> str:
    """A page's kind from its address: digits and slugs below a section folded ("reports/YYYY/MM/SLUG")."""
    parts = relative.split("/")
    if parts[-1] == "index.html":
        parts = parts[:-1]
    folded = []
    for part in parts:
        folded.append("N" if part.isdigit() else part)
    if len(folded) > 1 and folded[0] not in {"reports", "stats"}:
        folded = [folded[0], *["N" if p == "N" else "SLUG" for p in folded[1:]]]
    elif folded[:1] == ["reports"]:
        folded = [p if p in {"reports", "N"} else "SLUG" for p in folded]
    return "/".join(folded) or "(home)"


def test_the_council_and_its_contacts_are_in_the_footer_of_every_page(demo: Path):
    """Every HTML page the demo build wrote (found by walking output/, not from a list) ends with the council's
    name and contacts. A report page's own variable named `council` once hid the site's on all 29
    council-wide report pages: the footer's <strong> was empty there."""
    pages = sorted(p for p in demo.rglob("*.html") if "pagefind" not in p.parts and "admin" not in p.parts)
    kinds: dict[str, list[str]] = defaultdict(list)
    wrong = []
    for path in pages:
        relative = path.relative_to(demo).as_posix()
        kinds[kind(relative)].append(relative)
        footer = Footer()
        footer.feed(path.read_text(encoding="utf-8"))
        address = re.sub(r"\s+", " ", "".join(footer.address))
        if "".join(footer.strong).strip() != COUNCIL["name"] or COUNCIL["email"] not in address \
                or COUNCIL["phone"] not in address:
            wrong.append(relative)
    assert not wrong, f"{len(wrong)} pages without the council in the footer, e.g. {wrong[:5]}"
    # The walk found the report pages of every kind, among the rest.
    for expected in ("reports", "reports/N", "reports/N/N", "reports/N/N/SLUG", "reports/N/SLUG", "404.html"):
        assert any(k == expected or k.endswith(expected) for k in kinds), (expected, sorted(kinds))
    assert len(kinds["reports/N/N"]) + len(kinds["reports/N"]) >= 20, sorted(kinds)


TITLES = (
    "Про затвердження Програми розвитку культури Ясногірської міської територіальної громади на 2026–2028 роки",
    "Оголошення про проведення громадських слухань",
    "Засідання постійної комісії з питань бюджету",
    "Відкрито новий сквер на вулиці Соборній",
    "Про внесення змін до рішення міської ради від 21 грудня 2025 року № 1450 «Про бюджет громади на 2026 рік»",
    "Графік прийому громадян керівництвом міської ради у листопаді",
)


def test_the_appendix_mark_gives_the_sheets_libreoffice_prints(tmp_path):
    """ДСТУ 4163:2020: "Додаток: … на N арк.". N is worked out from the entries' lines (document.SHEET_LINES,
    LINE_CHARS); LibreOffice, which makes our PDFs, must print the appendix on exactly that many sheets."""
    import dataclasses
    import datetime as dt
    import subprocess

    from visnyk.domain.reports import document
    from visnyk.render.pdf import convert, office
    from visnyk.render.word import WordRenderer

    assert office() is not None, "LibreOffice is needed: run scripts/install-test-tools"
    base = document.ReportDocument(
        council="Ясногірська міська рада", department="Відділ інформаційної діяльності", kind="Звіт",
        title="Звіт про роботу відділу за жовтень 2026 року", date=dt.date(2026, 11, 3), number=None, narrative=(),
        publications=document.ListSection("Протягом жовтня 2026 року на офіційному сайті:",
                                          ("підготовлено та розміщено 5 новин.",)),
        months=None, activities=None, appendix=(), signature=document.Signature("Начальник відділу", "Ірина МЕЛЬНИЧУК"),
        url="https://rada.example/", base_url="https://rada.example/", period_key="2026-10", slug="info",
        heading="про роботу відділу за жовтень 2026 року", place="м. Ясногірськ")
    renderer, sources, expected = WordRenderer(), [], {}
    for n in (12, 45, 90):
        entries = tuple(
            document.Entry(TITLES[i % len(TITLES)], "новина", "03 жовтня 2026 року",
                           f"https://rada.yasnohirsk.example/news/2026/{i}-{'-'.join(['slovo'] * (i % 9))}/")
            for i in range(n))
        doc = dataclasses.replace(base, appendix=entries)
        source = tmp_path / f"a{n}.docx"
        source.write_bytes(renderer.render(doc))
        sources.append(str(source))
        expected[f"a{n}"] = doc.appendix_sheets
    for pdf in convert(sources, str(tmp_path)):
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True, check=True).stdout
        total = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", pdf, "-"], capture_output=True, text=True).stdout
        assert "Додаток" in first and "МЕЛЬНИЧУК" in first  # the text is one sheet; the appendix follows
        assert total - 1 == expected[Path(pdf).stem], (pdf, total, expected)


def test_the_place_of_compilation_is_a_checked_setting():
    """VISNYK_PLACE goes on every signed report as written: a settlement as a records office writes it."""
    import pytest

    from visnyk.adapters.build.settings import SettingsError, validated

    for good in ("", "м. Ясногірськ", "смт Олешня", "с. Вишневе", "м. Кам’янське", "м. Івано-Франківськ"):
        assert validated({"VISNYK_PLACE": good})["VISNYK_PLACE"] == good
    for bad in ("Ясногірськ", "м.Ясногірськ", "м. <b>Ясногірськ</b>", "м. Ясногірськ\n", 42):
        with pytest.raises(SettingsError, match="VISNYK_PLACE"):
            validated({"VISNYK_PLACE": bad})
