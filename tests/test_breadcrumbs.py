"""The trail from "Головна" to a page (domain/navigation/breadcrumbs.py): parents that exist, named in Ukrainian."""

from __future__ import annotations

import pytest

from visnyk.domain.navigation.breadcrumbs import trail
from visnyk.domain.common.model import Department

DEPARTMENTS = {"finansy": Department("finansy", "Фінансове управління", "фінансового управління", "Петро Гнатюк",
                                     "Начальник управління")}
PERIODS = {"2025", "2025-03", "2026-10"}  # council-wide report pages that exist


@pytest.mark.parametrize("path, expected", [
    ("", []),
    ("index.html", []),
    ("404.html", [("Головна", "")]),
    ("news/", [("Головна", "")]),
    ("news/page/2/", [("Головна", ""), ("Новини", "news/")]),
    ("news/2024/a/", [("Головна", ""), ("Новини", "news/")]),  # news/2024/ is not a page
    ("en/news/2024/a/", [("Головна", "")]),
    ("kontakty/", [("Головна", "")]),
    ("stats/compliance/", [("Головна", ""), ("Статистика", "stats/")]),
    ("departments/finansy/page/2/", [("Головна", ""), ("Підрозділи", "departments/"),
                                     ("Фінансове управління", "departments/finansy/")]),
    ("departments/nemaie/page/2/", [("Головна", ""), ("Підрозділи", "departments/")]),
    ("archives/2025/03/", [("Головна", ""), ("Архів", "archives/"), ("2025", "archives/2025/")]),
    ("reports/2026/10/finansy/", [("Головна", ""), ("Звіти", "reports/"), ("Жовтень 2026", "reports/2026/10/")]),
    ("reports/2025/03/finansy/", [("Головна", ""), ("Звіти", "reports/"), ("Березень 2025", "reports/2025/03/")]),
    ("reports/2025/finansy/", [("Головна", ""), ("Звіти", "reports/"), ("2025 рік", "reports/2025/")]),
    # A report written early, for a period not ended: its council-wide page does not exist yet.
    ("reports/2026/11/finansy/", [("Головна", ""), ("Звіти", "reports/")]),
    ("reports/2026/finansy/", [("Головна", ""), ("Звіти", "reports/")]),
])
def test_the_trail_names_the_parents_that_exist(path, expected):
    assert [(c.label, c.url) for c in trail(path, DEPARTMENTS, PERIODS)] == expected
