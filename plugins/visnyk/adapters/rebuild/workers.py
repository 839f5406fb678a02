"""The processes that render a cold build's pages (adapters/rebuild/parallel.py records them).

`Rendering.start` forks N - 1 workers once most pages are recorded (copy-on-write: the items, the context and
the compiled templates are neither copied nor pickled). The recorded pages are cut into chunks (every page of
one path in the chunk of its first page), and the chunks' numbers are written into a pipe: each process takes
the next number when it is free (a read of 4 bytes from a pipe is one process's), so a process with other work
takes fewer. The workers start at once; the parent goes on with the build and joins them (`finish`) with the
pages recorded since, then takes chunks too. What a worker logs comes back and is logged by the parent in page
order; its exception is raised by the parent (the first in page order); a worker that dies without a word
stops the build with a Ukrainian message. A worker dies with its parent (PR_SET_PDEATHSIG), and the parent
kills and reaps its workers before an interrupt goes on — and at exit, if the build failed between the two.
"""

from __future__ import annotations

import ctypes
import gc
import itertools
import logging
import os
import pickle
import signal
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
log = logging.getLogger("visnyk.adapters.rebuild.parallel")
written = logging.getLogger("pelican.writers")


class WorkerError(SystemExit):
    """A worker ended without a verdict: the build stops (exit status 1) with the reason, no traceback."""


CHUNK = 32  # pages a process takes at a time: small enough to even out, large enough that taking costs nothing
MAX_CHUNKS = 12_000  # their numbers fill at most 48 KB of a pipe (it holds 64 KB unread)


def chunks(jobs: list, first: int = 0) -> list[list[int]]:
    """Pages first.. in chunks of CHUNK (more for a huge site), every page of a path with the first page of
    that path: an override is written after what it overrides, by the same process."""
    size = max(CHUNK, -(-(len(jobs) - first) // MAX_CHUNKS))
    owner: dict[str, int] = {}
    found: list[list[int]] = []
    for index in range(first, len(jobs)):
        path = jobs[index].path
        number = owner.get(path)
        if number is None:
            if not found or len(found[-1]) >= size:
                found.append([])
            number = owner[path] = len(found) - 1
        found[number].append(index)
    return found


class _Dispenser:
    """The chunks' numbers in a pipe, taken by whichever process reads next."""

    def __init__(self, count: int):
        self.read_end, write_end = os.pipe()
        try:
            os.write(write_end, b"".join(n.to_bytes(4, "little") for n in range(count)))  # < 64 KB: never blocks
        finally:
            os.close(write_end)  # empty then means done (a read gives b"")

    def taken(self, parts: list[list[int]]):
        while True:
            number = os.read(self.read_end, 4)
            if not number:
                return
            yield from parts[int.from_bytes(number, "little")]

    def close(self) -> None:
        os.close(self.read_end)


class _Capture(logging.Handler):
    """The records this thread logs while rendering, with the page they came from; other threads' records
    (the search indexer's) go on to the handlers as before."""

    def __init__(self, handlers: list[logging.Handler]):
        super().__init__(level=logging.NOTSET)
        self.handlers, self.thread, self.page = handlers, threading.get_ident(), -1
        self.records: list[tuple[int, logging.LogRecord]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread:
            for handler in self.handlers:
                if record.levelno >= handler.level:
                    handler.handle(record)
            return
        self.records.append((self.page, record))


def _portable(record: logging.LogRecord) -> logging.LogRecord:
    """A record that pickles: its message formatted, its exception as text."""
    record.msg, record.args = record.getMessage(), None
    if record.exc_info:
        record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.exc_info = None
    try:
        pickle.dumps(record)
        return record
    except Exception:  # noqa: BLE001 - an attribute a handler added that does not pickle
        return logging.makeLogRecord({"name": record.name, "levelno": record.levelno,
                                      "levelname": record.levelname, "msg": record.msg})


def _render_share(jobs: list, share, context: dict) -> tuple[list, tuple | None]:
    """Render and write the pages `share` gives (page numbers); stops at the first error:
    (records, (page, exception))."""
    root = logging.getLogger()
    handlers = root.handlers[:]
    capture = _Capture(handlers)
    root.handlers[:] = [capture]
    error = None
    try:
        for index in share:
            capture.page = index
            job = jobs[index]
            try:
                output = job.render(context)
                with open(job.path if job.kept else os.devnull, "w", encoding="utf-8") as handle:
                    handle.write(output)
                if job.localcontext is None and job.kept:  # Pelican logged a paginated page's at the call
                    written.info('Writing "%s"', job.path)
            except (Exception, SystemExit) as exc:  # noqa: BLE001 - raised by the parent, in page order (ours are SystemExit)
                error = (index, exc)
                break
    finally:
        root.handlers[:] = handlers
    return capture.records, error


def _worker(task: Callable[[], object], result, parent: int) -> None:
    """A forked worker: run its task, send back what it returned, and exit without running anything of the
    parent's (atexit, finally blocks, buffered output)."""
    code = 1
    try:
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):  # not Linux: the parent still reaps its workers
            pass
        if os.getppid() != parent:
            os._exit(1)
        signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl+C: the parent stops; the worker just ends
        pickle.dump(task(), result, protocol=pickle.HIGHEST_PROTOCOL)
        result.flush()
        code = 0
    finally:
        os._exit(code)


def forked(tasks: list[Callable[[], object]], freeze: bool = True) -> tuple[list, list[tuple[int, int]]]:
    """Run task 0 here and every other in a forked worker, at once; what each returned (None for a worker
    that ended without a word) and those workers' (number, wait status). A task must not raise: it returns
    its error. An interrupt here kills and reaps the workers before it goes on. `freeze`: what this process
    holds is left to it for good (a build, which ends; not the live preview, which collects between builds)."""
    running = _Forked(tasks, freeze)
    try:
        running.answers[0] = tasks[0]()
    except BaseException:
        running.kill()
        raise
    return running.collect()


class _Forked:
    """Workers running tasks[1:], started at once; collected (their answers) or killed."""

    def __init__(self, tasks: list, freeze: bool = True):
        sys.stdout.flush()
        sys.stderr.flush()
        gc.collect()  # then give the freed heap back: every page resident now is counted again in each worker's RSS
        try:
            ctypes.CDLL("libc.so.6").malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass
        if freeze:
            gc.freeze()  # the workers need not scan (and so copy) what the build holds
        self.results = [tempfile.TemporaryFile() for _ in tasks[1:]]
        self.workers: dict[int, int] = {}  # pid → task
        self.answers: list = [None] * len(tasks)
        self.failed: list[tuple[int, int]] = []
        parent = os.getpid()
        try:
            for number, result in enumerate(self.results, start=1):
                pid = os.fork()
                if pid == 0:
                    _worker(tasks[number], result, parent)
                self.workers[pid] = number
        except BaseException:
            self.kill()
            raise

    def collect(self) -> tuple[list, list[tuple[int, int]]]:
        try:
            for pid, number in list(self.workers.items()):
                status = _waited(pid)
                del self.workers[pid]
                result = self.results[number - 1]
                result.seek(0)
                try:
                    self.answers[number] = pickle.load(result)
                except (EOFError, pickle.UnpicklingError):
                    self.failed.append((number, status))
        except BaseException:  # Ctrl+C or an error in this process: no worker is left behind
            self.kill()
            raise
        finally:
            self._close()
        return self.answers, self.failed

    def kill(self) -> None:
        for pid in self.workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in self.workers:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
        self.workers.clear()
        self._close()

    def _close(self) -> None:
        for result in self.results:
            result.close()


def _waited(pid: int) -> int:
    """A worker's wait status, looked for every 20 ms rather than blocking in waitpid: a Ctrl+C that the kernel
    hands to another thread of this process (the Markdown or picture threads) does not interrupt a blocked
    waitpid, and Python runs its handler only when the main thread runs again — a fresh-clone run waited 60 s
    on a hung worker after SIGINT."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.02)


def _share_task(jobs, share, context, portable: bool) -> Callable[[], tuple]:
    def task() -> tuple:
        records, error = _render_share(jobs, share, context)
        if not portable:
            return records, error
        if error is not None:
            page, exc = error
            try:
                pickle.dumps(exc)
            except Exception:  # noqa: BLE001 - raised in the parent as what it was, by name and message
                exc = RuntimeError(f"{type(exc).__name__}: {exc}")
            error = (page, exc)
        return [(page, _portable(record)) for page, record in records], error

    return task


def render_all(jobs: list, context: dict, processes: int) -> None:
    """Render the pages in `processes` processes (this one included) and raise the first error."""
    Rendering(jobs, context, processes).finish(context)


class Rendering:
    """A build's recorded pages, rendered by `processes` processes: the workers are started with the pages
    recorded so far; `finish` renders those recorded since here and joins them."""

    def __init__(self, jobs: list, context: dict, processes: int):
        self.jobs, self.early, self.processes = jobs, len(jobs), processes
        self.parts = chunks(jobs)
        self.dispenser = _Dispenser(len(self.parts))
        tasks = [None] + [_share_task(jobs, self.dispenser.taken(self.parts), context, True)
                          for _ in range(processes - 1)]
        try:
            self.running = _Forked(tasks)
        except BaseException:
            self.dispenser.close()
            raise
        # A build that fails (or is interrupted) before finish(): its workers are killed and reaped at the latest
        # when the process exits (atexit; the build's objects are frozen until a next build in the same process,
        # `pelican -r`, unfreezes them and a collection finds this), and by the kernel if the process is killed
        # (PR_SET_PDEATHSIG) — not left to run on.
        self._ending = weakref.finalize(self, self.running.kill)

    def finish(self, context: dict) -> None:
        jobs = self.jobs
        early_paths = {jobs[i].path for i in range(self.early)}
        since = range(self.early, len(jobs))
        here = [i for i in since if jobs[i].path not in early_paths]
        after = [i for i in since if jobs[i].path in early_paths]  # over an early page: once it is written
        log.info("Сторінок: %d, процесів: %d", len(jobs), self.processes)
        try:
            records, error = _render_share(jobs, itertools.chain(here, self.dispenser.taken(self.parts)), context)
            answers, failed = self.running.collect()
            if error is None and after:
                more, error = _render_share(jobs, after, context)
                records += more
        except BaseException:
            self.running.kill()
            raise
        finally:
            self.dispenser.close()
            self._ending.detach()
        answers[0] = (records, error)
        _raise_first(answers, failed, self.processes)


def _raise_first(answers: list, failed: list[tuple[int, int]], processes: int) -> None:
    """Log every process's records in page order, then raise the first page's error, or a lost worker's."""
    records, errors = [], []
    own = {id(record) for _page, record in answers[0][0]}
    for answer in answers:
        if answer is not None:
            records += answer[0]
            if answer[1] is not None:
                errors.append(answer[1])
    _log_again(records, own)
    if errors:
        raise min(errors, key=lambda pair: pair[0])[1]
    if failed:
        raise WorkerError(lost(failed, processes, "записував сторінки сайту"))


def lost(failed: list[tuple[int, int]], processes: int, doing: str) -> str:
    return "\n".join(
        f"Процес {number} з {processes}, що {doing}, завершився без відповіді "
        f"({_why(status)}): сайт не зібрано. Найчастіше бракує пам'яті; зберіть сайт знову, з меншим "
        f"VISNYK_BUILD_PROCESSES (1 — в одному процесі)." for number, status in failed)


def _log_again(records: list[tuple[int, logging.LogRecord]], own: set[int]) -> None:
    """Every record logged while rendering, in page order, to the handlers it would have reached. A worker's
    record passed its loggers' filters there; here it meets Pelican's (one message once) again, so a warning
    logged in two processes is reported once, as in one process."""
    records.sort(key=lambda pair: pair[0])
    for _page, record in records:
        logger = logging.getLogger(record.name)
        if id(record) not in own:
            try:
                if not logger.filter(record):
                    continue
            except Exception:  # noqa: BLE001 - Pelican's FatalLogger says "filtered" by raising
                continue
        logger.callHandlers(record)


def _why(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            return f"сигнал {signal.Signals(number).name}"
        except ValueError:
            return f"сигнал {number}"
    return f"код {os.waitstatus_to_exitcode(status)}"
