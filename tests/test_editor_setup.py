"""`./visnyk edit` sets up what it needs (issue 28, point 7): npm ci when node_modules/ is missing, incomplete
or older than package-lock.json, as `./visnyk test` does; a Ukrainian message, not a traceback, without npm.

A copy of package.json and package-lock.json in tmp_path, and an `npm` on PATH that records its call and
lays out the three files the editor runs (a real `npm ci` would fetch a thousand packages for each case).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from invoke import Exit

from conftest import ROOT

sys.path.insert(0, str(ROOT))
import tasks  # noqa: E402

FAKE_NPM = """#!{python}
import os, pathlib, sys
with open({log!r}, "a") as log:
    log.write(os.getcwd() + " " + " ".join(sys.argv[1:]) + "\\n")
if os.environ.get("FAIL") == "1":
    sys.exit(1)
for f in {files!r}:
    path = pathlib.Path("node_modules", f)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
pathlib.Path("node_modules/.package-lock.json").write_text("{{}}")
"""


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    for name in ("package.json", "package-lock.json"):
        (root / name).write_bytes((ROOT / name).read_bytes())
    tools = tmp_path / "bin"
    tools.mkdir()
    log = tmp_path / "npm.log"
    npm = tools / "npm"
    npm.write_text(FAKE_NPM.format(python=sys.executable, log=str(log), files=tasks.EDITOR_FILES))
    npm.chmod(0o755)
    node = tools / "node"
    node.write_text("#!/bin/sh\n")
    node.chmod(0o755)
    monkeypatch.setenv("PATH", str(tools))
    return root, log


def calls(log: Path) -> list[str]:
    return log.read_text().splitlines() if log.exists() else []


def test_edit_installs_the_packages_when_missing_and_again_only_when_the_lock_changes(repo, capsys):
    root, log = repo
    server = tasks.node_packages(root)
    assert calls(log) == [f"{root} ci --no-audit --no-fund --loglevel=error"]
    assert server == root / "node_modules" / "decap-server" / "dist" / "index.js" and server.is_file()
    assert "npm ci" in capsys.readouterr().out
    tasks.node_packages(root)  # fresh: nothing to do
    assert len(calls(log)) == 1
    time.sleep(0.05)
    (root / "package-lock.json").touch()  # a pull changed a pinned version
    tasks.node_packages(root)
    assert len(calls(log)) == 2
    (root / "node_modules" / tasks.EDITOR_FILES[1]).unlink()  # incomplete (a package removed by hand)
    tasks.node_packages(root)
    assert len(calls(log)) == 3


def test_without_npm_edit_says_in_ukrainian_what_to_install(repo):
    root, log = repo
    (Path(os.environ["PATH"]) / "npm").unlink()
    with pytest.raises(Exit) as stopped:
        tasks.node_packages(root)
    assert stopped.value.code == 1
    assert "Редактору потрібні Node.js і npm" in stopped.value.message
    assert "apt-get install nodejs npm" in stopped.value.message
    assert calls(log) == []


def test_a_failed_install_stops_edit_with_a_ukrainian_message(repo, monkeypatch):
    root, log = repo
    monkeypatch.setenv("FAIL", "1")
    with pytest.raises(Exit) as stopped:
        tasks.node_packages(root)
    assert stopped.value.code == 1 and "Пакети редактора не встановилися" in stopped.value.message


def test_the_edit_command_without_npm_ends_with_the_message_and_no_traceback(tmp_path):
    """Through the command line, as an editor runs it: status 1, the message, no Python traceback."""
    bare = tmp_path / "bin"
    bare.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    for name in ("tasks.py", "package.json", "package-lock.json"):
        (repo / name).write_bytes((ROOT / name).read_bytes())
    (repo / "plugins").symlink_to(ROOT / "plugins")
    (repo / "content").mkdir()
    done = subprocess.run([sys.executable, "-m", "invoke", "--search-root", str(repo), "edit"], cwd=repo,
                          env={**os.environ, "PATH": str(bare)}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Редактору потрібні Node.js і npm" in done.stderr and "Traceback" not in done.stderr, done.stderr
