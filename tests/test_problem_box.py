"""The live preview's problem box and `check` speak with one voice (issue 28, point 8).

Real broken files, each with a YAML mistake an editor makes, in a small site in tmp_path: `invoke check`
lists every one on the line to fix, in Ukrainian only, with the one hint that applies; the live preview
reports the very same lines, and its box (in Chromium) ends with one instruction: fix and save.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import DEFAULT_EPOCH, ROOT, Site
from visnyk.adapters.preview.server import PreviewServer
from visnyk.domain.common.problems import BUILD_AGAIN, SAVE_AGAIN
from visnyk.domain.content.items import parse_item

HEAD = "---\ntitle: Новина\ndate: 2025-12-12 10:00\ndepartment: info\n"
# name → (the file, the line of the mistake, words the message has, words the fix has)
BROKEN = {
    "colon": ("---\ntitle: Оголошення: прийом\ndate: 2025-12-12\ndepartment: info\n---\nТекст.\n", 2,
              "двокрапка всередині значення", 'в лапки: title: "Оголошення: прийом громадян"'),
    "unclosed-quote": ('---\ntitle: "Оголошення\ndate: 2025-12-12\ndepartment: info\n---\nТекст.\n', 2,
                       "лапки відкрито, але не закрито", "закрийте лапки"),
    "no-colon": ("---\ntitle: Новина\ndate 2025-12-12\ndepartment: info\n---\nТекст.\n", 3,
                 "без двокрапки", "date: 2025-12-12"),
    "indented-field": ("---\ntitle: Новина\n  date: 2025-12-12\ndepartment: info\n---\nТекст.\n", 3,
                       "починається з відступу", "приберіть пробіли на початку рядка"),
    "list-item-without-dash": (HEAD + "tags:\n  - прийом\n  звіт\n---\nТекст.\n", 7,
                               "пункт списку без дефіса", "- прийом громадян"),
    "unclosed-bracket": (HEAD + "tags: [прийом, звіт\nsummary: Опис\n---\nТекст.\n", 5,
                         "не закрито", "tags: [прийом громадян, звіт]"),
    "tab": ("---\ntitle: Новина\n\tdate: 2025-12-12\ndepartment: info\n---\nТекст.\n", 3,
            "табуляція", "пробілами"),
    "at-sign": ("---\ntitle: @rada відповідає\ndate: 2025-12-12\ndepartment: info\n---\nТекст.\n", 2,
                "символу", 'title: "@rada: новини"'),
    "text-after-quotes": ('---\ntitle: "Згода" відкрито\ndate: 2025-12-12\ndepartment: info\n---\nТекст.\n', 2,
                          "після значення в лапках", "візьміть у лапки все значення"),
    # A line beginning with % is a YAML directive to the parser: the mistake is told on the % line, not the next.
    "percent-line": (HEAD + "summary:\n%50 знижки на проїзд\nstatus: draft\n---\nТекст.\n", 6,
                     "починається із символу %", 'у лапках: summary: "%50'),
    "percent-directive": (HEAD + "summary: Знижки\n%YAML 1.2\nstatus: draft\n---\nТекст.\n", 6,
                          "починається із символу %", 'у лапках: summary: "%50'),
    "backslash": ('---\ntitle: "Наказ 1\\2"\ndate: 2025-12-12\ndepartment: info\n---\nТекст.\n', 2,
                  "зворотна коса риска", "одинарні лапки"),
}
# libyaml's and PyYAML's own words: none may reach an editor.
ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|mapping|allowed|character|token|stream|"
                     r"indicator|anchor|alias|context|occurrence|document|scalar|block)\b", re.I)
QUOTE_HINT = "візьміть його в лапки"


@pytest.mark.parametrize("name", list(BROKEN))
def test_each_yaml_mistake_is_told_on_its_line_in_ukrainian_with_the_hint_that_applies(name):
    text, line, message, fix = BROKEN[name]
    problems = parse_item(f"news/2025/{name}.md", text.encode()).problems
    assert len(problems) == 1, problems
    p = problems[0]
    assert p.line == line, str(p)
    assert message in p.message and fix in p.fix, str(p)
    assert not ENGLISH.search(p.message) and not ENGLISH.search(p.fix), str(p)
    assert (QUOTE_HINT in p.fix) == (name == "colon"), str(p)  # the colon hint only where a colon is the mistake


@pytest.mark.parametrize("loader", ["SafeLoader", "CSafeLoader"])
@pytest.mark.parametrize("name", ["percent-line", "percent-directive"])
def test_a_line_beginning_with_percent_is_told_on_its_line_by_either_yaml_parser(name, loader, monkeypatch):
    """PyYAML's pure-Python parser (a machine without libyaml) and libyaml notice a stray directive a line late."""
    import yaml
    from visnyk.domain.content import source

    if not hasattr(yaml, loader):
        pytest.skip("PyYAML without libyaml")
    monkeypatch.setattr(source, "_Loader", getattr(yaml, loader))
    text, line, message, fix = BROKEN[name]
    problems = parse_item(f"news/2025/{name}.md", text.encode()).problems
    assert [(p.line, message in p.message, fix in p.fix) for p in problems] == [(line, True, True)], problems


def _problem_lines(report: str) -> list[str]:
    return [line.strip() for line in report.splitlines() if line.startswith("  ")]


@pytest.mark.timeout(600)
def test_check_and_the_preview_box_say_the_same_with_one_instruction(tmp_path, monkeypatch, browser):
    from conftest import DEPARTMENTS

    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEFAULT_EPOCH)
    site = Site(tmp_path)
    site.write("departments.yml", DEPARTMENTS)
    site.write("news/2025/dobra.md", HEAD + "---\nТекст.\n")
    check = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(site.content)], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    assert check.returncode == 0, check.stdout + check.stderr
    server = PreviewServer(str(site.content), 0, str(ROOT / "pelicanconf.py"), output=str(tmp_path / "preview"),
                           watch=True, echo=lambda _: None).start()
    page = browser.new_page()
    try:
        page.goto(server.address + "news/2025/dobra/")
        page.wait_for_timeout(500)  # the tab listens to the server's events
        for name, (text, *_rest) in BROKEN.items():
            site.write(f"news/2025/{name}.md", text)
        page.wait_for_selector("#visnyk-preview-problems", timeout=120_000)
        page.wait_for_function(f"() => document.querySelector('#visnyk-preview-problems').innerText"
                               f".includes('news/2025/{list(BROKEN)[-1]}.md')", timeout=120_000)
        shown = page.inner_text("#visnyk-preview-problems")
    finally:
        page.close()
        server.stop()
    check = subprocess.run([sys.executable, "-m", "invoke", "check", "--content", str(site.content)], cwd=ROOT,
                           capture_output=True, text=True, timeout=300)
    told = check.stdout + check.stderr
    assert check.returncode == 1 and told.strip().endswith(BUILD_AGAIN), told
    lines = _problem_lines(told)
    assert len(lines) == len(BROKEN), lines
    for name, (_text, line, _message, _fix) in BROKEN.items():
        assert any(l.startswith(f"news/2025/{name}.md:{line}: помилка YAML: ") for l in lines), (name, lines)
    # The box: the same problems, word for word, and one instruction (its last line), no other.
    assert [l.strip() for l in shown.splitlines() if l.strip().startswith("news/")] == lines, shown
    assert shown.strip().endswith(SAVE_AGAIN) and shown.count("збережіть") == 1, shown
    assert "запустіть збирання" not in shown
