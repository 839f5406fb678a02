"""A report page prints as a formal A4 document: checked by printing it to PDF with headless Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from conftest import DEPARTMENTS, ROOT, Site, item

COUNCIL = re.search(r'"name": "([^"]+)"', (ROOT / "pelicanconf.py").read_text(encoding="utf-8")).group(1)

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def pdf(tmp_path_factory):
    if CHROMIUM is None or shutil.which("pdftotext") is None:
        pytest.fail("chromium and poppler-utils are needed: run scripts/install-test-tools")
    s = Site(tmp_path_factory.mktemp("print"))
    s.write("departments.yml", DEPARTMENTS)
    for n in range(3):
        s.write(f"news/n{n}.md", item(title=f"Новина про сквер {n}", date=f"2024-09-0{n + 1} 10:00"))
    s.write("reports/r.md", item(title="Звіт", date="2024-10-02 10:00", period='"2024-09"',
                                 body="Відділ забезпечував висвітлення діяльності ради."))
    result = s.build(epoch="1728982800")
    assert result.returncode == 0, result.text
    page = result.output / "reports/2024/09/info/index.html"
    target = s.root / "report.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-dev-shm-usage", "--no-pdf-header-footer", f"--user-data-dir={s.root / 'profile'}",
         f"--print-to-pdf={target}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return target


def test_printed_report_is_a4_with_header_title_body_and_signature(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:"))
    assert size.endswith("(A4)"), info
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert COUNCIL.upper() in text and "Відділ інформаційної діяльності" in text
    assert "Звіт про роботу відділу інформаційної діяльності за вересень 2024 року" in text
    assert "Відділ забезпечував висвітлення діяльності ради." in text
    assert "підготовлено та розміщено 3 новини." in text
    assert "Начальник відділу" in text and "Олена КОВАЛЬ" in text


def test_printed_report_has_no_site_chrome(pdf):
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for chrome in ("Перейти до змісту", "Статистика", "Ураховані публікації", "Усі підрозділи"):
        assert chrome not in text, chrome
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), pages
