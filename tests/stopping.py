"""Helpers for the tests that stop `invoke livereload` and `invoke edit` (test_preview.py, test_editor.py).

The command runs in a session of its own (start_new_session=True): every process it starts — the search indexer
(a process group of its own, in the same session), its Pagefind runs, multiprocessing's resource tracker, the
editor's backend — stays in that session even once re-parented to init, so "nothing is left" is checked on the
session, and on the tree walked (by parent pid) before the signal.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

STOP_SECONDS = 10  # "within a few seconds", on a machine kept busy on purpose (busy_machine)


def _stat(pid: int) -> list[str] | None:
    """/proc/PID/stat's fields after the command name (state is [0], parent [1], group [2], session [3])."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


def _processes() -> dict[int, list[str]]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None:
                found[int(entry.name)] = fields
    return found


def tree(root: int) -> dict[int, str]:
    """`root` and its descendants now (pid → command line), by parent pid: taken before `root` exits, when
    orphans are still its descendants. `parents` keeps whose child each was."""
    children: dict[int, list[int]] = {}
    for pid, fields in _processes().items():
        children.setdefault(int(fields[1]), []).append(pid)
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        found[pid] = command(pid)
        for child in children.get(pid, []):
            parents[child] = pid
            todo.append(child)
    return found


parents: dict[int, int] = {}


def session(sid: int) -> dict[int, str]:
    """The processes of session `sid` that have not ended (a zombie has), wherever they were re-parented."""
    return {pid: command(pid) for pid, fields in _processes().items() if int(fields[3]) == sid and fields[0] != "Z"}


def alive(pids) -> dict[int, str]:
    return {pid: command(pid) for pid in pids if (fields := _stat(pid)) is not None and fields[0] != "Z"}


def _dying(pid: int, fields: list[str]) -> bool:
    """Is the process already being killed: SIGKILL pending (for it or its thread group) or its exit begun
    (PF_EXITING in /proc/PID/stat's flags)? The kernel re-parents a child when its parent dies and sends the
    child's parent-death signal in the same step; a child at a low priority on a busy machine may wait a moment
    for the processor before it acts on it."""
    if int(fields[6]) & 0x4:
        return True
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True  # gone meanwhile
    pending = 0
    for line in status.splitlines():
        if line.startswith(("SigPnd:", "ShdPnd:")):
            pending |= int(line.split()[1], 16)
    return bool(pending & (1 << (9 - 1)))  # SIGKILL


def gone(sid: int, before: dict[int, str], seconds: float = 5) -> dict[int, str]:
    """What of the session and of the tree seen `before` still runs after `seconds` (an ended process's children
    take a moment to go): {} when nothing. A Pagefind run that outlives the indexer that started it (re-parented:
    it would run on until done, and its files with it) fails at once, however soon it would have ended — unless
    the kernel is already killing it (its parent-death signal, sent as it was re-parented, see _dying)."""
    end = time.monotonic() + seconds
    while True:
        for pid, cmd in before.items():
            fields = _stat(pid)
            running = fields is not None and fields[0] != "Z" and is_pagefind(command(pid))
            if is_pagefind(cmd) and running and int(fields[1]) != parents.get(pid) and not _dying(pid, fields):
                raise AssertionError(f"Pagefind ({pid}) outlived its indexer ({parents.get(pid)}): {cmd}")
        left = {**session(sid), **alive(before)}
        if not left or time.monotonic() > end:
            return left
        time.sleep(0.02)


def is_indexer(cmd: str) -> bool:
    return "spawn_main" in cmd


def is_pagefind(cmd: str) -> bool:
    return "pagefind" in cmd and "spawn_main" not in cmd


@contextmanager
def busy_machine(seconds: float = 240):
    """One CPU-bound process per core for the test (each ends by itself after `seconds` at most): a stop must
    hold on a machine as busy as CI's, where a niced indexer or a build waits for the processor."""
    burn = f"import time\nend = time.monotonic() + {seconds}\nwhile time.monotonic() < end:\n    pass\n"
    burners = [subprocess.Popen([sys.executable, "-c", burn]) for _ in range(os.cpu_count() or 1)]
    try:
        yield
    finally:
        for burner in burners:
            burner.kill()
            burner.wait()


def hold_plugin(folder: Path) -> Path:
    """A Pelican plugin, `busy`, that holds a build in the middle (after every generator has read its items) as
    long as `folder`/hold exists: "spin" keeps the processor busy in Python (a long step of a big site's build),
    "sleep" waits in one call no signal or exception cuts short. It writes to `folder`/held when it starts holding
    and, if an exception ends the hold, its name ("abandoned: Stopped")."""
    plugins = folder / "plugins"
    plugins.mkdir(parents=True, exist_ok=True)
    (plugins / "busy.py").write_text(f'''
import os, time
from pelican import signals

HOLD, HELD = {str(folder / "hold")!r}, {str(folder / "held")!r}


def hold(generators):
    try:
        with open(HOLD, encoding="utf-8") as handle:
            how = handle.read().strip()
    except FileNotFoundError:
        return
    with open(HELD, "a", encoding="utf-8") as handle:
        handle.write(how + "\\n")
    end = time.monotonic() + 120
    try:
        if how == "sleep":
            time.sleep(120)
        while os.path.exists(HOLD) and time.monotonic() < end:
            sum(range(1000))
    except BaseException as stopped:  # what ended the hold early: the preview abandoning its build
        with open(HELD, "a", encoding="utf-8") as handle:
            handle.write("abandoned: " + type(stopped).__name__ + "\\n")
        raise


def register():
    signals.all_generators_finalized.connect(hold)
''', encoding="utf-8")
    return plugins


def settings_with(plugins: Path, root: Path, folder: Path) -> Path:
    """The repository's pelicanconf.py plus the `busy` plugin, as a settings file in `folder`."""
    path = folder / "pelicanconf-busy.py"
    path.write_text(
        f"exec(open({str(root / 'pelicanconf.py')!r}, encoding='utf-8').read())\n"
        f"THEME = {str(root / 'theme')!r}\n"
        f"PLUGIN_PATHS = [{str(root / 'plugins')!r}, {str(plugins)!r}]\n"
        "PLUGINS = [*PLUGINS, 'busy']\n", encoding="utf-8")
    return path
