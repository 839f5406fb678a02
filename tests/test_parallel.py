"""Cold builds on every core (adapters/rebuild/parallel.py, VISNYK_BUILD_PROCESSES): the same site, byte for
byte, whether one process or several render the pages; a worker's warning, error or death ends the build as
one process's would (in Ukrainian, no traceback); Ctrl+C leaves no worker behind.

Every build here is the stock `pelican` command on a real site: the synthetic archive of the bench
(benchmarks/corpus.py: every type, department, translation, pagination, period archive) and the demo.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT
from stopping import gone, session
from test_bench import assert_same_tree

sys.path.insert(0, str(ROOT))

from benchmarks import corpus  # noqa: E402
from visnyk.adapters.content import reader  # noqa: E402
from visnyk.adapters.rebuild import parallel, workers  # noqa: E402
from visnyk.domain.content.items import parse_item  # noqa: E402

pytestmark = pytest.mark.timeout(900)  # builds of the demo and of a 150-item archive, 1 and 2-3 processes each
N = 150
NEWS = "---\ntitle: Новина\ndate: 2026-03-01T10:00:00+02:00\n---\nТекст.\n"


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("parallel")
    corpus.generate(root, N)
    return root / "content"


def pelican(content: Path, output: Path, *settings: str, plugins: Path | None = None,
            conf: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    args = [sys.executable, "-m", "pelican", str(content), "-s", conf, "-o", str(output),
            "-e", *settings]
    return subprocess.run(args, cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH},
                          capture_output=True, text=True, timeout=600)


def test_pages_are_cut_in_chunks_and_a_path_stays_in_one(monkeypatch):
    monkeypatch.setattr(workers, "CHUNK", 2)
    jobs = [parallel.Job(path, None, None) for path in ["a", "b", "c", "a", "d", "e", "b"]]
    assert parallel.chunks(jobs) == [[0, 1, 3, 6], [2, 4], [5]]  # "a" and "b" again: in the chunk of their first
    assert parallel.chunks(jobs, 4) == [[4, 5], [6]]  # the pages recorded since the workers started
    monkeypatch.setattr(workers, "MAX_CHUNKS", 2)
    assert parallel.chunks(jobs) == [[0, 1, 2, 3, 6], [4, 5]]  # a huge site: larger chunks, never too many


@pytest.mark.parametrize("processes", [2, 3])
def test_archive_built_by_several_processes_is_byte_identical(archive, tmp_path, processes):
    one = pelican(archive, tmp_path / "one", "VISNYK_SEARCH=false", "VISNYK_BUILD_PROCESSES=1")
    assert one.returncode == 0, one.stderr[-3000:]
    many = pelican(archive, tmp_path / "many", "VISNYK_SEARCH=false", f"VISNYK_BUILD_PROCESSES={processes}",
                   "--verbose")
    assert many.returncode == 0, many.stderr[-3000:]
    assert f"процесів: {processes}" in many.stdout + many.stderr  # it did fork
    files = len([p for p in archive.rglob("*.md")])
    assert f"прочитані наперед: {files}/{files}" in many.stdout + many.stderr  # every file parsed ahead, and taken
    assert len(list((tmp_path / "many").rglob("*.html"))) > N
    assert_same_tree(tmp_path / "one", tmp_path / "many")


def test_demo_built_by_two_processes_is_byte_identical_search_included(tmp_path):
    one = pelican(ROOT / "content", tmp_path / "one", "VISNYK_BUILD_PROCESSES=1")
    assert one.returncode == 0, one.stderr[-3000:]
    two = pelican(ROOT / "content", tmp_path / "two", "VISNYK_BUILD_PROCESSES=2", "--verbose")
    assert two.returncode == 0, two.stderr[-3000:]
    votes = len(list((ROOT / "content" / "votes").glob("*.yml")))
    assert f"Файли голосувань, прочитані наперед: {votes}/{votes}" in two.stdout + two.stderr  # all taken
    assert (tmp_path / "two" / "pagefind" / "pagefind.js").is_file()
    assert_same_tree(tmp_path / "one", tmp_path / "two")


def test_a_file_parsed_ahead_is_taken_only_with_the_same_bytes():
    settings: dict = {}
    parsed = parse_item("news/a.md", NEWS.encode())
    reader.PREPARED[id(settings)] = {"news/a.md": (reader.digest(NEWS.encode()), parsed, None)}
    try:
        assert reader.taken(settings, "news/a.md", NEWS.encode() + b"\n") is None  # changed since
        reader.PREPARED[id(settings)]["news/a.md"] = (reader.digest(NEWS.encode()), parsed, None)
        assert reader.taken(settings, "news/b.md", NEWS.encode()) is None
        found, ready = reader.taken(settings, "news/a.md", NEWS.encode())
        assert found is parsed and ready is None
        assert reader.taken(settings, "news/a.md", NEWS.encode()) is None  # taken once
    finally:
        reader.PREPARED.clear()


def test_processes_setting_is_validated(archive, tmp_path):
    bad = pelican(archive, tmp_path / "out", "VISNYK_BUILD_PROCESSES=0")
    assert bad.returncode == 1 and "VISNYK_BUILD_PROCESSES: expected 1 to 256 processes, got 0" in bad.stderr
    assert "Traceback" not in bad.stderr


# --- what happens inside a worker ----------------------------------------------------------------------

PLUGIN = '''
import logging, os, signal, time
from pelican import signals

MAIN = os.getpid()
HOW, MARK = {how!r}, {mark!r}


def trap(generators):
    """Every item's title, read while its page is rendered in a worker (not in the main process), does HOW."""
    for generator in generators:
        for article in getattr(generator, "articles", ()):
            title = article.title
            del article.title

            def read(self, title=title):
                if os.getpid() != MAIN:
                    with open(MARK, "a") as handle:
                        handle.write(f"{{os.getpid()}}\\n")
                    if HOW == "warn":
                        logging.getLogger("worker").warning("Попередження з процесу-працівника")
                    elif HOW == "fail":
                        raise SystemExit("Помилка з процесу-працівника")
                    elif HOW == "die":
                        os.kill(os.getpid(), signal.SIGKILL)
                    elif HOW == "hang":
                        time.sleep(300)
                return title

            article.__class__ = type(type(article).__name__, (type(article),), {{"title": property(read)}})


def register():
    signals.all_generators_finalized.connect(trap)
'''


def with_plugin(tmp_path: Path, how: str) -> tuple[str, Path]:
    plugins, mark = tmp_path / "plugins", tmp_path / "mark"
    plugins.mkdir(exist_ok=True)
    (plugins / "worker_trap.py").write_text(PLUGIN.format(how=how, mark=str(mark)), encoding="utf-8")
    conf = tmp_path / "pelicanconf-trap.py"
    conf.write_text(
        f"exec(open({str(ROOT / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
        f"THEME = {str(ROOT / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}, {str(plugins)!r}]\n"
        "PLUGINS = [*PLUGINS, 'worker_trap']\n", encoding="utf-8")
    return str(conf), mark


@pytest.mark.parametrize("how, expected", [
    ("warn", "Суворий режим: під час збирання з'явилися попередження або помилки"),
    ("fail", "Помилка з процесу-працівника"),
    ("die", "завершився без відповіді (сигнал SIGKILL): сайт не зібрано"),
])
def test_what_goes_wrong_in_a_worker_stops_the_build_in_ukrainian(archive, tmp_path, how, expected):
    conf, mark = with_plugin(tmp_path, how)
    built = pelican(archive, tmp_path / "out", "VISNYK_SEARCH=false", "VISNYK_BUILD_PROCESSES=2", conf=conf)
    assert mark.is_file(), "no page was rendered in a worker"
    assert built.returncode == 1, built.stdout[-2000:] + built.stderr[-2000:]
    text = built.stdout + built.stderr
    assert expected in text and "Traceback" not in text, text[-3000:]
    if how == "warn":
        assert "Попередження з процесу-працівника" in text
    # …and with one process the trap is never sprung (only workers spring it): the same site builds.
    alone = pelican(archive, tmp_path / "alone", "VISNYK_SEARCH=false", "VISNYK_BUILD_PROCESSES=1", conf=conf)
    assert alone.returncode == 0, alone.stderr[-2000:]


def as_from_a_terminal() -> None:
    """A build started as from a terminal, where Ctrl+C reaches it. A test run started in the background by a
    non-interactive shell (`.ci/run … &`) has SIGINT ignored, and an ignored signal is inherited: Python then
    installs no handler for it, and the SIGINT these tests send would be ignored (a fresh-clone run waited 60 s)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_ctrl_c_leaves_no_worker_behind(archive, tmp_path):
    conf, mark = with_plugin(tmp_path, "hang")
    args = [sys.executable, "-m", "pelican", str(archive), "-s", conf, "-o", str(tmp_path / "out"),
            "-e", "VISNYK_SEARCH=false", "VISNYK_BUILD_PROCESSES=2"]
    proc = subprocess.Popen(args, cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH},
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True,
                            preexec_fn=as_from_a_terminal)
    try:
        end = time.monotonic() + 300
        while not (mark.is_file() and mark.read_text().strip()) and time.monotonic() < end and proc.poll() is None:
            time.sleep(0.05)  # the worker opens the file, then writes its number: wait for the number
        assert mark.is_file() and mark.read_text().strip(), proc.communicate()[0][-3000:]
        worker = int(mark.read_text().split()[0])
        assert worker != proc.pid
        os.kill(proc.pid, signal.SIGINT)  # to the build alone, not to its process group
        output = proc.communicate(timeout=60)[0].decode(errors="replace")
        assert "Keyboard interrupt received" in output, output[-2000:]  # Pelican's own words, and its exit
        assert gone(proc.pid, {worker: "worker"}) == {}
        assert session(proc.pid) == {}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


WAITING = '''
import signal, sys, threading, time
sys.path.insert(0, {plugins!r})
from visnyk.adapters.rebuild import workers

threading.Thread(target=threading.Event().wait, daemon=True).start()
signal.pthread_sigmask(signal.SIG_BLOCK, {{signal.SIGINT}})  # the kernel must hand a Ctrl+C to the other thread


def here():
    print("waiting", flush=True)


try:
    workers.forked([here, lambda: time.sleep(300)])
except KeyboardInterrupt:
    print("interrupted", flush=True)
'''


def test_ctrl_c_handed_to_another_thread_still_stops_the_wait_for_a_worker(tmp_path):
    """Which thread of a process takes a signal is the kernel's choice; Python runs the handler in the main
    thread only when it runs again. Blocked in waitpid on a hung worker, it never did (a fresh-clone run
    waited 60 s after SIGINT)."""
    script = tmp_path / "waiting.py"
    script.write_text(WAITING.format(plugins=str(ROOT / "plugins")), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, preexec_fn=as_from_a_terminal)
    try:
        assert proc.stdout.readline().strip() == b"waiting"
        time.sleep(0.5)  # the main thread is in its wait for the worker now
        os.kill(proc.pid, signal.SIGINT)
        output = proc.communicate(timeout=20)[0].decode(errors="replace")
        assert "interrupted" in output, output
        assert session(proc.pid) == {}
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
