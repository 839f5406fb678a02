"""Editor and developer tasks. Run `./visnyk --list`; `./visnyk --help TASK` explains one.

Every build goes through Pelican's own command line, so `pelican content -s pelicanconf.py` and
`./visnyk build` behave the same; these tasks only wrap it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from visnyk.domain import scaffold  # noqa: E402
from visnyk.domain.problems import format_report  # noqa: E402
from visnyk.domain.scan import scan  # noqa: E402
from visnyk.domain.wording import Forms  # noqa: E402

CONTENT = "content"
OUTPUT = "output"
PY = shlex.quote(sys.executable)


def pelican_command(content: str, output: str, settings: str, extra: str = "") -> str:
    return f"{PY} -m pelican {shlex.quote(content)} -s {shlex.quote(settings)} -o {shlex.quote(output)} {extra}".strip()


@task(help={"content": "content folder (default: content)"})
def check(c, content=CONTENT):
    """Check every file in the content folder and list all problems at once, without building."""
    result = scan(content)
    if result.problems:
        raise Exit(format_report(result.problems), code=1)
    checked = Forms("матеріал", "матеріали", "матеріалів").count(len(result.items))
    print(f"Перевірено {checked}: помилок немає.")


@task(
    help={
        "content": "content folder (default: content)",
        "output": "where the site is written (default: output)",
        "settings": "Pelican settings file (default: pelicanconf.py)",
    }
)
def build(c, content=CONTENT, output=OUTPUT, settings="pelicanconf.py"):
    """Build the site with Pelican; invalid content stops the build with every problem listed."""
    result = c.run(pelican_command(content, output, settings), warn=True, pty=False)
    if not result.ok:
        raise Exit("Збирання не вдалося (див. повідомлення вище).", code=result.exited or 1)


def _serve(output: str, port: int) -> ThreadingHTTPServer:
    handler = partial(SimpleHTTPRequestHandler, directory=output)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    print(f"Сайт: http://127.0.0.1:{port}/ (Ctrl+C — зупинити)")
    return server


@task(help={"output": "folder to serve (default: output)", "port": "port on 127.0.0.1 (default: 8000)"})
def serve(c, output=OUTPUT, port=8000):
    """Serve the built site at http://127.0.0.1:PORT/ (only on this computer)."""
    if not Path(output, "index.html").is_file():
        raise Exit(f"У {output}/ немає зібраного сайту: спершу ./visnyk build", code=1)
    server = _serve(output, int(port))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


@task(help={"port": "port on 127.0.0.1 (default: 8000)", "content": "content folder (default: content)"})
def livereload(c, port=8000, content=CONTENT):
    """Serve the site and rebuild it whenever a file in content/, theme/ or plugins/ is saved."""
    from watchfiles import watch

    cache = f"{pelican_command(content, OUTPUT, 'pelicanconf.py')} --cache-path cache -e CACHE_CONTENT=true LOAD_CONTENT_CACHE=true"
    c.run(cache, warn=True)
    Path(OUTPUT).mkdir(exist_ok=True)
    server = _serve(OUTPUT, int(port))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for _changes in watch(content, "theme", "plugins", "pelicanconf.py"):
            print("Зміни збережено — перезбираю…")
            c.run(cache, warn=True)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()


@task(
    help={
        "kind": "news, announcement, act, video, report or page",
        "title": "the title, in quotes",
        "department": "department slug from content/departments.yml",
        "act_kind": "for acts: council_decision, executive_decision, mayor_order, …",
        "period": "for reports: YYYY-MM or YYYY",
        "content": "content folder (default: content)",
    }
)
def new(c, kind, title, department="", act_kind="", period="", content=CONTENT):
    """Create a new item with its front matter filled in (date: now in Kyiv, slug from the title)."""
    try:
        path = scaffold.create(content, kind, title, department or None, act_kind or None, period or None)
    except scaffold.ScaffoldError as exc:
        raise Exit(str(exc), code=1) from None
    print(f"Створено {path}")


@task(
    help={
        "period": "YYYY-MM for a month or YYYY for a year",
        "department": "one department's slug (default: every department)",
        "format": "md or docx (default: md)",
        "output": "folder for the files (default: reports-out)",
        "content": "content folder (default: content)",
    }
)
def report(c, period, department="", format="md", output="reports-out", content=CONTENT):
    """Write department reports for a period as Markdown or Word documents to sign and send."""
    from visnyk.documents import DocumentError, collect, write

    council = _council_name()
    try:
        documents = collect(content, period, department or None, council, _siteurl())
        paths = write(documents, format, output)
    except DocumentError as exc:
        raise Exit(str(exc), code=1) from None
    for path in paths:
        print(f"Створено {path}")


def _settings() -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "pelicanconf.py"))


def _council_name() -> str:
    return _settings().get("VISNYK_COUNCIL", {}).get("name", "")


def _siteurl() -> str:
    return os.environ.get("VISNYK_SITEURL") or _settings().get("SITEURL", "")


@task
def clean(c):
    """Delete the built site (output/) and Pelican's cache (cache/)."""
    for folder in (OUTPUT, "cache"):
        shutil.rmtree(folder, ignore_errors=True)


@task(help={"args": "extra pytest arguments, e.g. -k reports"})
def test(c, args=""):
    """Install the test tools (browser, validators) if missing and run the whole test suite."""
    c.run("bash scripts/install-test-tools", pty=False)
    result = c.run(f"{PY} -m pytest {args}", warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)
