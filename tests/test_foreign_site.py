"""Another council's content folder builds with the stock command and uses its own registry (issue 2 §1–2)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import DEFAULT_EPOCH, ROOT, Site, item

from visnyk.domain.site.scan import scan

REGISTRY = """\
# Реєстр іншої громади: інші підрозділи, інші slug.
- slug: hromadskyi-biudzhet
  name: Відділ громадського бюджету
  name_genitive: відділу громадського бюджету
  head: Тарас Ничипорук
  head_title: Начальник відділу
- slug: tsnap
  name: Центр надання адміністративних послуг
  name_genitive: центру надання адміністративних послуг
  head: Леся Остапчук
  head_title: Директорка центру
"""
COUNCIL = {
    "name": "Вербівська сільська рада",
    "short_name": "Вербівська сільрада",
    "address": "вул. Шевченка, 7, с. Вербівка, 19000",
    "phone": "+380 00 111 22 33",
    "email": "rada@verbivka.example",
    "edrpou": "11111111",
}
DEMO_DEPARTMENT_NAMES = ("Фінансове управління", "Управління освіти", "Відділ інформаційної діяльності")


@pytest.fixture(scope="module")
def foreign(tmp_path_factory) -> Site:
    site = Site(tmp_path_factory.mktemp("verbivka"))
    site.write("departments.yml", REGISTRY)
    site.write("news/2025/holosuvannia.md", item(
        title="Голосування за проєкти громадського бюджету", date="2025-03-10 09:00",
        department="hromadskyi-biudzhet", tags="[бюджет участі]"))
    site.write("announcements/2025/tsnap-hrafik.md", item(
        title="ЦНАП працює в суботу", date="2025-03-14 08:00", department="tsnap"))
    site.write("reports/2025/tsnap-berezen.md", item(
        title="Звіт ЦНАП за березень", date="2025-04-01 09:00", department="tsnap", period="2025-03",
        body="Надано 1 250 адміністративних послуг."))
    site.write("pages/pro-hromadu.md", item(title="Про громаду", department=None, body="Вербівська громада."))
    return site


@pytest.fixture(scope="module")
def plain(foreign):
    """`pelican OTHER_DIR -s pelicanconf.py -o OUT`, nothing else."""
    return foreign.build()


def test_the_stock_command_builds_it_without_warnings(plain):
    assert plain.returncode == 0, plain.text
    assert "WARNING" not in plain.text and "ERROR" not in plain.text


def test_its_pages_use_its_own_registry(plain):
    news = plain.page("news/2025/holosuvannia-za-proiekty-hromadskoho-biudzhetu/")
    assert "Голосування за проєкти громадського бюджету" in news
    assert "Відділ громадського бюджету" in news
    assert (plain.output / "departments" / "tsnap" / "index.html").is_file()
    assert (plain.output / "departments" / "hromadskyi-biudzhet" / "index.html").is_file()
    assert not (plain.output / "departments" / "finansy").exists()
    departments = plain.page("departments/")
    assert "Центр надання адміністративних послуг" in departments and "Тарас Ничипорук" in departments
    report = plain.page("reports/2025/03/tsnap/")
    # The report's text is typeset (a no-break space binds a number to its word, domain/language/typography.py).
    assert "центру надання адміністративних послуг" in report and "Надано 1 250\u00a0адміністративних послуг." in report
    for page in plain.output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not any(name in text for name in DEMO_DEPARTMENT_NAMES), page


def test_its_registry_decides_which_departments_are_known(foreign, tmp_path):
    result = scan(str(foreign.content))
    assert result.problems == [] and len(result.items) == 4
    assert list(result.departments) == ["hromadskyi-biudzhet", "tsnap"]
    other = Site(tmp_path)
    other.write("departments.yml", REGISTRY)
    other.write("news/2025/a.md", item(department="finansy"))  # a slug of the demo council
    [problem] = scan(str(other.content)).problems
    assert str(problem) == ("news/2025/a.md:4: невідомий підрозділ «finansy» — допустимі: hromadskyi-biudzhet, tsnap "
                            "(список у departments.yml)")


def test_its_council_identity_comes_from_the_settings_from_any_folder(foreign, tmp_path):
    """Run from the other council's folder, with its name given on the command line."""
    output = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", str(foreign.content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
         "-e", "SITENAME=" + json.dumps("Вісник Вербівської сільської ради", ensure_ascii=False),
         "VISNYK_COUNCIL=" + json.dumps(COUNCIL, ensure_ascii=False),
         "VISNYK_PLACE=" + json.dumps("с. Вербівка", ensure_ascii=False)],
        cwd=foreign.root, env={**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH},
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "Вербівська сільська рада" in index and "Вісник Вербівської сільської ради" in index
    assert not any("Ясногір" in p.read_text(encoding="utf-8") for p in output.rglob("*.html"))
