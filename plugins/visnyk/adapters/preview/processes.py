"""The live preview's processes: the search indexer in a process group of its own (started with SIGINT and
SIGTERM blocked, at a lower priority, ended with its Pagefind run), a build abandoned in its thread (Stopped),
and children that end with the preview however it ends (die_with_parent). See site.py's close() and kill().
The command started again when the plugin's code changes (restart_process)."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor

from ..outputs import search as search_adapter


def signal_group(indexer: ProcessPoolExecutor | None, number: int) -> None:
    """`number` to the process group of each of the indexer's processes (see indexer_started); to the process
    itself while it has no group yet (it is starting)."""
    for pid in indexer_pids(indexer):
        try:
            os.killpg(pid, number)
        except ProcessLookupError:
            try:
                os.kill(pid, number)
            except (ProcessLookupError, PermissionError):
                pass
        except PermissionError:
            pass


def end_indexer(indexer: ProcessPoolExecutor) -> None:
    """End the indexer without waiting: a run in progress ends, its Pagefind with it (SIGCONT wakes a paused one
    to take the SIGTERM), and nothing of the executor is left for Python to wait for at exit.

    The task handed to it — a list of pages, hundreds of KB pickled — goes through a pipe, written by the call
    queue's feeder thread while the process reads it. Ended mid-read, the process leaves that thread blocked on a
    pipe nobody reads (this process holds its read end too), and the executor's manager thread joins the queue
    when it winds up: Python joins that thread at exit, so the process never ended — a fresh-clone test run printed
    its result and hung there (pytest is a process that runs previews in its own threads). The feeder is a daemon
    thread: not joining it lets the process end."""
    for number in (signal.SIGTERM, signal.SIGCONT):
        signal_group(indexer, number)
    queue = getattr(indexer, "_call_queue", None)  # (concurrent.futures.process's, 3.8–3.13)
    if queue is not None:
        queue.cancel_join_thread()
    indexer.shutdown(wait=False, cancel_futures=True)


def indexer_pids(indexer: ProcessPoolExecutor | None) -> list[int]:
    """The indexer's processes; each leads a process group of its own once started (see indexer_started)."""
    return [process.pid for process in list((getattr(indexer, "_processes", None) or {}).values())]


def group_alive(group: int) -> bool:
    """Whether a process of the group still runs (a zombie, which has ended, does not count; without /proc,
    any member counts)."""
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    if not os.path.isdir("/proc"):
        return True
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(os.path.join(entry.path, "stat"), encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == group and fields[0] != "Z":
                return True
    return False


class Stopped(BaseException):
    """The preview is stopping: the build in progress is abandoned (a BaseException: no `except Exception` of
    Pelican's or ours takes it for a build's error)."""


def raise_in(thread: int, exception: type[BaseException]) -> None:
    """`exception` raised in another thread of this process at its next Python instruction (a build, which
    no flag would stop between two of its steps: one step of a 20,000-item build takes seconds)."""
    import ctypes

    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread), ctypes.py_object(exception))


def indexer_started(parent: int, scratch: str) -> None:
    """The indexing process, as it starts (SIGINT and SIGTERM blocked, see _start_search)."""
    os.setpgrp()  # a process group of its own, with its Pagefind runs: paused during builds, ended together
    os.nice(10)  # the indexer and its Pagefind runs yield the processor to the preview's builds
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the terminal's Ctrl+C is the preview's to handle
    signal.signal(signal.SIGTERM, terminated)
    tempfile.tempdir = scratch  # removed with the preview's output folder, however this process ends
    os.environ["TMPDIR"] = scratch  # (and Pagefind's, if it makes any)
    die_with_parent()
    search_adapter.PAGEFIND_LAUNCHER = killed_with_this_process()
    try:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT, signal.SIGTERM})  # a SIGTERM sent meanwhile: now
        if os.getppid() != parent:  # the preview ended while this process was starting
            os._exit(0)
    except SystemExit:  # (terminated) stopped while it was starting: nothing to clean up
        os._exit(0)


def terminated(_number, _frame) -> None:
    """SIGTERM in the indexing process (close(), or the preview's end, see die_with_parent): unwind, so that
    subprocess.run kills the Pagefind run and its input folder is removed, then end (see index_in_process)."""
    raise SystemExit(0)


def index_in_process(found, folder: str, shard_size: int, lemmas: bool) -> int:
    """search.index, in the indexing process; ended by SIGTERM, the process ends (the pool's worker would
    otherwise hand the SystemExit back as the run's result and wait for the next run)."""
    try:
        return search_adapter.index(found, folder, shard_size, lemmas)
    except SystemExit:
        os._exit(0)


def die_with_parent() -> None:
    """In a child process of the preview (its search indexer, the editor's backend), Linux only: end when the
    preview's process ends, however it ends (a kill, a closed terminal), instead of running on with no one to
    use it (orphaned indexers went on running Pagefind)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# The indexing process's Pagefind runs are started through this: SIGKILL when the indexer ends (PR_SET_PDEATHSIG,
# kept across the exec), unless it has ended already. The indexer kills a run it unwinds from, but a SIGTERM met
# while a run was starting (exec done, subprocess not yet returned) left Pagefind running with no parent (seen by
# test_preview's stops). A launcher rather than subprocess's preexec_fn: that runs Python's fork handlers in the
# indexer, where a SIGTERM raised inside logging's lock release.
_KILLED_WITH_PARENT = """import ctypes, os, sys
try:
    ctypes.CDLL(None, use_errno=True).prctl(1, 9)
except (OSError, AttributeError):
    pass
if os.getppid() != int(sys.argv[1]):
    os._exit(1)
os.execv(sys.argv[2], sys.argv[2:])
"""


def killed_with_this_process() -> tuple[str, ...]:
    """The command a child is started through to be killed when this process ends (search.PAGEFIND_LAUNCHER)."""
    return (sys.executable, "-c", _KILLED_WITH_PARENT, str(os.getpid()))


def restart_process(port: int | None = None) -> None:
    """The livereload task's answer to a change in the plugin's code: the same command, started again (on the
    port it serves on now, when it was started with --port 0: the open tabs reconnect to it)."""
    sys.stdout.flush()
    time.sleep(0.2)
    os.execv(sys.executable, [sys.executable, *same_port(sys.argv, port)])


def same_port(argv: list[str], port: int | None) -> list[str]:
    """argv with `--port 0` (or `-p 0`, `--port=0`) made `port`."""
    if not port:
        return list(argv)
    out, follows = [], False
    for arg in argv:
        if follows and arg == "0":
            arg = str(port)
        elif arg in ("--port=0", "-p=0"):
            arg = f"--port={port}"
        follows = arg in ("--port", "-p")
        out.append(arg)
    return out
