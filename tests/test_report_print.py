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
def page_file(tmp_path_factory):
    s = Site(tmp_path_factory.mktemp("print"))
    s.write("departments.yml", DEPARTMENTS)
    for n in range(3):
        s.write(f"news/n{n}.md", item(title=f"Новина про сквер {n}", date=f"2024-09-0{n + 1} 10:00"))
    s.write("reports/r.md", item(title="Звіт", date="2024-10-02 10:00", period='"2024-09"', number='"01-15/112"',
                                 activities='[{text: "Брали участь у прийомах міського голови", count: 2}]',
                                 body="Відділ забезпечував висвітлення діяльності ради."))
    result = s.build(epoch="1728982800", env={"VISNYK_SITEURL": "https://rada.example"})
    assert result.returncode == 0, result.text
    return result.output / "reports/2024/09/info/index.html"


@pytest.fixture(scope="module")
def pdf(page_file, tmp_path_factory):
    if CHROMIUM is None or shutil.which("pdftotext") is None:
        pytest.fail("chromium and poppler-utils are needed: run scripts/install-test-tools")
    page = page_file
    target = tmp_path_factory.mktemp("printed") / "report.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-dev-shm-usage", "--no-pdf-header-footer", f"--user-data-dir={target.parent / 'profile'}",
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
    assert "02.10.2024 № 01-15/112" in text
    assert "на офіційному сайті: – підготовлено та розміщено 3 новини. Крім того: – брали участь" in text
    assert "Начальник відділу інформаційної діяльності" in text and "Олена КОВАЛЬ" in text
    # The appendix is left out of the paper with a note that gives the report's absolute address.
    assert "у файлі .docx і на сторінці звіту https://rada.example/reports/2024/09/info/" in text


def test_printed_report_has_no_site_chrome(pdf):
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    for chrome in ("Перейти до змісту", "Статистика", "Ураховані публікації", "Усі підрозділи"):
        assert chrome not in text, chrome
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), pages


def test_signature_block_stacks_on_a_phone_and_sits_in_one_row_on_a_desktop(page_file):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
        try:
            for width in (360, 1280):
                page = browser.new_page(viewport={"width": width, "height": 800})
                page.goto(page_file.as_uri())
                title, line, name = (page.locator(f".report-signature .{c}").bounding_box()
                                     for c in ("signer-title", "signature-line", "signer-name"))
                height = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.signer-name')).lineHeight)")
                assert name["height"] < 1.5 * height, (width, name)  # the name is never wrapped
                assert name["x"] >= line["x"] + line["width"] - 1  # … nor under the line: beside it
                assert abs((line["y"] + line["height"]) - (name["y"] + name["height"])) < height
                assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
                if width == 360:  # the position has its own row above the line and the name
                    assert title["y"] + title["height"] <= line["y"] + 1 and title["width"] > 0.8 * (width - 40)
                    assert line["width"] >= 48
                else:
                    assert title["y"] < line["y"] + line["height"] and title["x"] + title["width"] <= line["x"]
                page.close()
        finally:
            browser.close()
