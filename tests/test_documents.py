"""`invoke report`: the same figures as the site, as Markdown and as a Word document."""

from __future__ import annotations

import subprocess
import sys

import docx
import pytest

from conftest import DEPARTMENTS, ROOT, Site, item
from visnyk.documents import DocumentError, collect, write
from visnyk.domain.clock import parse_date

CLOCK = parse_date("2024-10-15 12:00")


@pytest.fixture
def content(tmp_path):
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    for n in range(5):
        s.write(f"news/n{n}.md", item(title=f"Новина {n}", date=f"2024-09-0{n + 1} 10:00"))
    s.write("acts/a.md", item(title="Рішення про бюджет", date="2024-09-20 10:00", act_kind="council_decision"))
    s.write("reports/r.md", item(
        title="Звіт", date="2024-10-02 10:00", period='"2024-09"',
        activities='[{text: "Брали участь у прийомах міського голови", count: 2}]',
        body="Відділ працював **злагоджено**.\n\n- моніторинг ЗМІ\n- модерування петицій\n"))
    return s.content


def test_markdown_report_has_figures_narrative_signature_and_appendix(content, tmp_path):
    [doc] = collect(str(content), "2024-09", "info", "Тестова міська рада", "https://rada.example", clock=CLOCK)
    [path] = write([doc], "md", str(tmp_path / "out"))
    text = open(path, encoding="utf-8").read()
    assert path.endswith("2024-09/info.md")
    assert text.startswith("# Звіт про роботу відділу інформаційної діяльності за вересень 2024 року\n")
    assert "- підготовлено та розміщено 5 новин;\n" in text
    assert "- оприлюднено 1 нормативний акт, з них 1 рішення міської ради;\n" in text
    assert "- Брали участь у прийомах міського голови: 2.\n" in text
    assert "Відділ працював **злагоджено**." in text
    assert "Начальник відділу _______________ Олена КОВАЛЬ" in text
    assert "6. Рішення про бюджет — нормативний акт, 20 вересня 2024 року, https://rada.example/acts/2024/rishennia-pro-biudzhet/" in text


def test_docx_report_reads_back(content, tmp_path):
    documents = collect(str(content), "2024-09", None, "Тестова міська рада", clock=CLOCK)
    paths = write(documents, "docx", str(tmp_path / "out"))
    assert [p.rsplit("/", 1)[1] for p in paths] == ["finansy.docx", "info.docx"]
    document = docx.Document(paths[1])
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[:2] == ["Тестова міська рада", "Звіт про роботу відділу інформаційної діяльності за вересень 2024 року"]
    assert "Відділ працював злагоджено." in paragraphs
    assert "моніторинг ЗМІ" in paragraphs
    assert "підготовлено та розміщено 5 новин;" in paragraphs
    assert [c.text for c in document.tables[0].rows[0].cells] == ["Начальник відділу", "Олена КОВАЛЬ"]
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    empty = docx.Document(paths[0])
    assert any("не оприлюднено жодного матеріалу" in p.text for p in empty.paragraphs)


def test_bad_period_department_or_format_are_refused(content, tmp_path):
    with pytest.raises(DocumentError, match="період «2024-13» не розпізнано"):
        collect(str(content), "2024-13", None, "Рада", clock=CLOCK)
    with pytest.raises(DocumentError, match="невідомий підрозділ «nope»; допустимі: finansy, info"):
        collect(str(content), "2024-09", "nope", "Рада", clock=CLOCK)
    with pytest.raises(DocumentError, match="формат «pdf» не підтримується"):
        write(collect(str(content), "2024-09", "info", "Рада", clock=CLOCK), "pdf", str(tmp_path))


def test_invoke_report_end_to_end(content, tmp_path):
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "invoke", "report", *args, "--content", str(content), "--output", str(tmp_path / "o")],
        cwd=ROOT, capture_output=True, text=True, env={"SOURCE_DATE_EPOCH": "1728982800", "PATH": "/usr/bin:/bin"},
    )
    ok = run("2024-09", "--department", "info", "--format", "docx")
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "o/2024-09/info.docx").is_file()
    bad = run("2024-9")
    assert bad.returncode == 1 and "період «2024-9» не розпізнано" in bad.stderr and "Traceback" not in bad.stderr
