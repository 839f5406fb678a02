"""Ending the live preview's search indexer leaves nothing for Python to wait for at exit (issue 33).

A fresh-clone run printed its result line and then hung: pytest runs previews in its own threads, and an indexer
ended while it was still reading its task (a page list, hundreds of KB pickled) left the call queue's feeder
thread blocked on a pipe nobody reads — which the executor's manager thread, joined at exit, waits for. Here the
indexer is paused before it can read a 20 MB task, the feeder blocks on the full pipe, and the indexer is ended
the way PreviewSite.close() ends it: the process must then exit by itself. Red on Debian's Python 3.11.2 (what a
fresh machine has) without the queue's cancel_join_thread; later 3.11 releases wind the queue up themselves."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

SCRIPT = textwrap.dedent("""
    import multiprocessing, os, signal, sys, tempfile, time
    from concurrent.futures import ProcessPoolExecutor
    sys.path.insert(0, {plugins!r})
    from visnyk.adapters.preview.processes import end_indexer, indexer_started

    if __name__ == "__main__":
        scratch = tempfile.mkdtemp()
        indexer = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                      initializer=indexer_started, initargs=(os.getpid(), scratch))
        indexer.submit(time.sleep, 0).result()  # started, in a process group of its own
        pid = next(iter(indexer._processes))
        os.kill(pid, signal.SIGSTOP)  # it reads nothing from now on
        indexer.submit(len, b"x" * 20_000_000)  # the feeder thread blocks: a pipe holds 64 KB
        time.sleep(1)
        end_indexer(indexer)
        print("ended", flush=True)
""")


def test_an_indexer_ended_while_its_task_is_in_the_pipe_does_not_hold_the_process(tmp_path):
    script = tmp_path / "end.py"
    script.write_text(SCRIPT.format(plugins=str(ROOT / "plugins")), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        import os
        import signal

        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        raise AssertionError(f"the process did not end after the indexer was ended:\n{out[-2000:]}") from None
    assert "ended" in out and proc.returncode == 0, out[-2000:]
