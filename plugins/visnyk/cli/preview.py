"""The live preview and the editor on this computer: `./visnyk livereload` and `./visnyk edit`."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from . import site


@task(
    help={
        "port": "port on 127.0.0.1 (default: 8000; 0: any free port)",
        "content": "content folder (default: content)",
        "settings": "Pelican settings file (default: pelicanconf.py)",
    }
)
def livereload(c, port=8000, content=site.CONTENT, settings="pelicanconf.py"):
    """Live preview: serve the site and show every saved change in the open browser tab by itself.

    One long-lived Pelican process keeps the items it has read and reads again only the files you save;
    pages are rendered when the browser asks for them, and the tab reloads itself (problems in a file are
    shown over the page). See docs/developers.md, "Fast rebuilds"."""
    _preview(content, port, settings, wait=False)  # serving at once: the first build runs behind the first page
    _stopped()


def _stopped() -> None:
    """The preview was stopped and cleaned up after itself — its build abandoned, the search indexer and its
    Pagefind ended, the output folder removed (and, for `edit`, the editor's backend ended): end the process now.
    The interpreter's own teardown after that (joining the threads and executors it still knows of, freeing a
    loaded site) took 1.9 s of a 3.1 s stop on a machine kept busy, more than everything before it, and holds
    nothing of ours (issue 33)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _preview(content, port, settings, before_restart=None, on_kill=None, wait=True) -> None:
    """The live preview until Ctrl+C. A change to the plugin's code starts this command again in the same
    process (os.execv): `before_restart` stops what it started beside the preview (the editor's backend),
    which would otherwise outlive it and hold its port; `on_kill` ends it at once (a second Ctrl+C)."""
    import signal

    from ..adapters.preview.processes import restart_process
    from ..adapters.preview.server import PreviewServer

    if not Path(content).is_dir():
        raise Exit(f"Немає теки змісту {content}/: вкажіть --content ТЕКА.", code=1)
    server = None

    def restart() -> None:
        server.release()  # the search indexer's process and the output folder: the new process makes its own
        if before_restart is not None:
            before_restart()
        restart_process(server.port)

    stopping = []

    def interrupted(number, _frame):
        """Ctrl+C, or `kill` (a service manager): stop as Ctrl+C does (the build, children and folder go, in a
        few seconds). The second one, while that runs: end now, the children killed, the folder removed."""
        if stopping:
            if server is not None:
                server.kill()
            if on_kill is not None:
                on_kill()
            os.write(2, "Зупинено.\n".encode())  # (print could meet this thread's own print: a reentrant call)
            os._exit(128 + number)
        stopping.append(number)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    try:
        server = PreviewServer(content, int(port), str(site.ROOT / settings), on_code_change=restart, keep_items=not wait)
    except OSError as exc:
        raise Exit(f"Не вдалося відкрити порт {port}: {exc.strerror}. Вкажіть інший: --port 8001 (або 0).", code=1) from None
    server.serve_forever(wait)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# What `./visnyk edit` runs from node_modules/: the editor's local backend and the editor itself.
EDITOR_FILES = ("decap-server/dist/index.js", "decap-cms/dist/decap-cms.js", "yaml/browser/dist/index.js")
NO_NPM = ("Редактору потрібні Node.js і npm, а їх на цьому комп'ютері не знайдено: встановіть їх "
          "(Debian, Ubuntu: sudo apt-get install nodejs npm) "
          "і запустіть ./visnyk edit знову.")


def node_packages(root: Path) -> Path:
    """The editor's npm packages, installed (npm ci, as scripts/install-test-tools does for `./visnyk test`)
    when node_modules/ is missing, lacks one of them, or is older than package-lock.json; the backend's script.

    npm writes node_modules/.package-lock.json on every install: older than package-lock.json, the packages
    are not the pinned ones any more (a pull changed a version)."""
    import subprocess

    modules = root / "node_modules"
    installed = modules / ".package-lock.json"
    lock = root / "package-lock.json"  # (a copy of the code without it: only the files count)
    stale = (not all((modules / f).is_file() for f in EDITOR_FILES) or not installed.is_file()
             or (lock.is_file() and installed.stat().st_mtime < lock.stat().st_mtime))
    if stale or not shutil.which("node"):
        npm = shutil.which("npm")
        if npm is None or not shutil.which("node"):
            raise Exit(NO_NPM, code=1)
        print("Встановлюю пакети редактора з package.json (npm ci, хвилина-дві; лише першого разу "
              "й після зміни версій)…", flush=True)
        # (a council's site pins the versions in package.json and has no lock file: npm install then)
        how = ["ci"] if lock.is_file() else ["install", "--no-save"]
        done = subprocess.run([npm, *how, "--no-audit", "--no-fund", "--loglevel=error"], cwd=root,
                              env={**os.environ, "CHROMEDRIVER_SKIP_DOWNLOAD": "true"})
        missing = [f for f in EDITOR_FILES if not (modules / f).is_file()]
        if done.returncode != 0 or missing:
            raise Exit("Пакети редактора не встановилися (npm ci, див. повідомлення вище): перевірте "
                       "з'єднання з інтернетом і запустіть ./visnyk edit знову.", code=1)
        installed.touch()  # (npm ci leaves it as old as the packages' own files: now it is fresh)
    return modules / EDITOR_FILES[0]


@task(
    help={
        "port": "port of the preview and the editor on 127.0.0.1 (default: 8000; 0: any free port)",
        "backend_port": "port of the editor's local backend, decap-server (default: 8081; 0: any free port)",
        "content": "content folder (default: content); the editor writes into it",
    }
)
def edit(c, port=8000, backend_port=8081, content=site.CONTENT):
    """Edit in the browser on this computer: the editor's local backend and the live preview; prints both addresses.

    The editor (Decap CMS, /admin/ of the preview) saves straight into the content folder through
    decap-server (node_modules/, `npm ci`); the preview rebuilds on every save. Nothing is committed:
    review the files and commit them with git as usual.
    """
    import subprocess

    server = node_packages(site.ROOT)
    folder = Path(content).resolve()
    if folder.name != "content" or not folder.is_dir():
        raise Exit(f"Тека змісту має називатися content і існувати: {folder}", code=1)
    port, backend_port = int(port) or _free_port(), int(backend_port) or _free_port()
    api = f"http://127.0.0.1:{backend_port}/api/v1"
    env = {**os.environ, "PORT": str(backend_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(folder.parent), "LOG_LEVEL": "warn"}
    from ..adapters.preview.processes import die_with_parent

    backend = subprocess.Popen(["node", str(server)], env=env, cwd=folder.parent, preexec_fn=die_with_parent)

    def stop_backend() -> None:
        backend.terminate()
        try:
            backend.wait(timeout=10)
        except subprocess.TimeoutExpired:
            backend.kill()

    os.environ["VISNYK_EDITOR_LOCAL"] = api  # pelicanconf.py: the preview build writes /admin/ for it
    print(f"Редактор: http://127.0.0.1:{port}/admin/", flush=True)
    print(f"Попередній перегляд: http://127.0.0.1:{port}/", flush=True)
    try:
        _preview(str(folder), port, "pelicanconf.py", before_restart=stop_backend, on_kill=backend.kill)
    finally:
        stop_backend()
    _stopped()
