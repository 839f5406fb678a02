"""The live preview's server: files watched, the site rebuilt in-process, open tabs told to reload.

    ./visnyk livereload [--content content] [--port 8000]

`PreviewServer` holds one `preview.PreviewSite` (Pelican kept in this process). `watchfiles` (a Pelican
dependency) reports saved files in the content folder, the theme and the settings; the site is rebuilt
with those files read again, and every open tab hears of it through Server-Sent Events and reloads
(preview.js, served as /theme/js/visnyk-preview.js — a file, as the pages' CSP requires). A change to
the plugin's own Python code cannot be taken in by a running process: `on_code_change` decides
(the livereload task starts itself again).

Start it from Python (`./visnyk edit` does) with `start(content, port)`: it builds, serves in a
background thread, prints its address and returns; `stop()` ends it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import mimetypes
import os
import posixpath
import queue
import select
import shutil
import socket
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

from ...domain.language.wording import Forms
from ..outputs import search as search_adapter
from ..outputs.editor import FOLDER as EDITOR_FOLDER
from .searching import describe
from .site import PreviewSite
from .waiting import BUILDING, problem_page
from .watching import Watching

SCRIPT_URL = "/theme/js/visnyk-preview.js"  # under theme/js/, as the CSP of a deployed site's pages allows
EVENTS_URL = "/_visnyk/events"
SCRIPT_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "preview.js")
# Seconds after a rebuild: a full garbage collection (~0.2 s at 5,000 items, ~1.3 s at 20,000, the interpreter
# does nothing else meanwhile). The open tab has mostly reloaded by then (its page went early); a later moment
# would more often meet the editor's next save.
COLLECT_AFTER = 0.4
PAGES = Forms("сторінка", "сторінки", "сторінок")
# Seconds the build waits, once a tab may reload on its page (_early), for that tab to be back: the reload (its
# page, stylesheet, script and event stream) is served by threads that share the interpreter with the build.
RELOAD_WAIT = 0.5
KEEPALIVE = 15.0  # seconds between comments on an idle event stream (a tab gone without closing it is noticed)
# Seconds between looks at whether a tab closed its event stream: a tab that left a page watched it until the next
# event otherwise, and the next build put that page's generator (a report's, a heavy page rendered early) first.
CLOSED_CHECK = 0.1
STOP_WAIT = 5.0  # seconds stop() waits for the build and the indexer to be gone before removing the output folder


def page_key(path: str) -> tuple[str, str | None]:
    """A URL path → (its normalised relative form, the page it names: "news/" → "news/index.html"); None if bad."""
    relative = posixpath.normpath(path).lstrip("/")
    if relative in ("", "."):
        relative = ""
    if ".." in relative.split("/") or "\0" in relative:
        return relative, None
    return relative, (relative + "/" if relative else "") + "index.html" if path.endswith("/") else relative


def snippet(generation: int, search_generation: int) -> bytes:
    return (f'<script src="{SCRIPT_URL}" data-generation="{generation}" data-search="{search_generation}" '
            'defer></script>').encode()


def inject(html: bytes, tag: bytes) -> bytes:
    """The reload script before the page's </head> (at the end if it has none): nothing else changes."""
    at = html.find(b"</head>")
    return html + tag if at < 0 else html[:at] + tag + html[at:]


class PreviewServer(Watching):
    def __init__(self, content: str, port: int = 0, settings: str = "pelicanconf.py", *, host: str = "127.0.0.1",
                 output: str | None = None, overrides: dict | None = None, watch: bool = True,
                 on_code_change=None, echo=print, keep_items: bool = False):
        self.settings_file = os.path.abspath(settings)
        self.root = os.path.dirname(self.settings_file)
        self._owned_output = output is None
        self.output = output or tempfile.mkdtemp(prefix="visnyk-preview-")
        self.site = PreviewSite(content, self.settings_file, self.output, dict(overrides or {}), self._changed,
                                on_early=self._early)
        self.echo = echo
        self.on_code_change = on_code_change
        self.watching = watch
        self.clients: dict[queue.Queue, str | None] = {}  # each open tab's mailbox → the page it shows
        self.clients_lock = threading.Lock()
        self._reloads: dict[str, threading.Event] = {}  # page → set when a tab on it opens its event stream
        self.stop_event = threading.Event()
        self.httpd = ThreadingHTTPServer((host, int(port)), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.preview = self
        self.host, self.port = self.httpd.server_address[:2]
        self._threads: list[threading.Thread] = []
        self.last = None  # the last rebuild's Outcome
        self._collector: threading.Timer | None = None
        self._search_setting = False  # the settings ask for a search index (read at start)
        self.items_file = os.path.join(self.root, "cache", "preview", "items-" + hashlib.blake2b(
            self.site.content.encode(), digest_size=8).hexdigest() + ".pickle") if keep_items else ""

    @property
    def address(self) -> str:
        return f"http://{self.host}:{self.port}/"

    # --- life cycle -------------------------------------------------------------------------------

    def start(self, wait: bool = True) -> PreviewServer:
        """Build once, then serve and watch in background threads; returns after the first build — or at once
        (`wait=False`, `invoke livereload`): serving and watching start first and the first build runs in a
        thread of its own; until it is good a page is «Сайт будується…» (BUILDING), which the tab leaves for its
        own page as soon as the build has recorded it (PreviewSite._recorded), and search says it is updating."""
        self._search_setting = bool(self.site.settings().get("VISNYK_SEARCH", True))  # (the plugin's default: on)
        if self.items_file:
            self.site.keep_items(self.items_file, True)
        if wait:
            self._stamp_before_first_build()
            self.rebuild(())
        threads = [(self.httpd.serve_forever, "visnyk-preview-http"), (self._watch if wait else self._first_build,
                                                                        "visnyk-preview-watch")]
        for target, name in threads:
            if target == self._watch and not self.watching:
                continue
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)
        self.echo(f"Попередній перегляд: {self.address}  (зміни у {os.path.relpath(self.site.content)}/ "
                  "з'являються в браузері самі; Ctrl+C — зупинити)")
        return self

    def serve_forever(self, wait: bool = True) -> None:
        """For the livereload task: start, then wait for Ctrl+C (or `kill`, which the task turns into one). A stop
        during the first build (the search indexer may already run) cleans up as well."""
        try:
            self.start(wait)
            while not self.stop_event.wait(3600):
                pass
        except KeyboardInterrupt:
            pass
        finally:
            self.stop()

    def stop(self) -> None:
        """Stop whatever runs — a build, the search indexer and its Pagefind run (see PreviewSite.close) — and
        remove the output folder; a few seconds at most, on a busy machine too."""
        self.stop_event.set()  # the watcher starts no build from now on
        if self._collector is not None:
            self._collector.cancel()
        self._broadcast(None)
        if any(thread.name == "visnyk-preview-http" for thread in self._threads):
            self.httpd.shutdown()  # waits for serve_forever (half a second at most): only once it runs
        self.httpd.server_close()
        self.release()

    def release(self) -> None:
        """What outlives a process that is replaced (os.execv, see restart_process) or stopped: a build in
        progress, the search indexer's process (an index being built is abandoned: Ctrl+C stops at once) and
        the output folder."""
        self.site.close(wait=STOP_WAIT if self._owned_output else 0.0)
        if self._owned_output:
            shutil.rmtree(self.output, ignore_errors=True)

    def kill(self) -> None:
        """A second Ctrl+C while stop() runs: the indexer ends now (SIGKILL) and the output folder goes; the
        caller ends the process (a build in progress ends with it)."""
        self.stop_event.set()
        self.site.kill()
        if self._owned_output:
            shutil.rmtree(self.output, ignore_errors=True)

    # --- rebuilding ---------------------------------------------------------------------------------

    def rebuild(self, changed) -> None:
        names = sorted(os.path.relpath(p, self.site.content if p.startswith(self.site.content + os.sep) else self.root)
                       for p in changed)
        outcome = self.site.build(changed)
        self.last = outcome
        what = (", ".join(names[:3]) + (f" і ще {len(names) - 3}" if len(names) > 3 else "")) if names else "сайт"
        if outcome.ok:
            how = ", без збирання сайту: змінено лише тему" if outcome.how == "theme" else ""
            self.echo(f"Оновлено ({what}) за {outcome.seconds:.2f} с (процесор {outcome.cpu:.2f} с{how}): "
                      f"{PAGES.count(outcome.pages)}.")
        else:
            self.echo(f"{outcome.problems}\n(Браузер показує ці помилки теж.)")
        self._changed()
        if outcome.how != "theme":  # a theme change replaces a few templates: nothing to collect
            self._collect_later()

    def _collect_later(self) -> None:
        """The last build's objects are garbage now; Python would free them only at its next full collection,
        builds later. Collect once the tabs have reloaded (not while they wait), so memory stays level."""
        if self._collector is not None:
            self._collector.cancel()
        self._collector = threading.Timer(COLLECT_AFTER, self._collect)
        self._collector.daemon = True
        self._collector.start()

    def _collect(self) -> None:
        with self.site.lock:
            gc.collect()

    # --- events to the open tabs --------------------------------------------------------------------

    def state(self) -> dict:
        with self.site.lock:
            return self.state_unlocked()

    def state_unlocked(self) -> dict:
        """The state as the tabs see it; without the site's lock (a build in progress holds it): plain reads."""
        site = self.site
        search = site.search
        status = ("failed" if search.failure else "ready" if search.ready else "updating") if search.wanted else "off"
        if not search.scheduled and not site.problems and self._search_setting:  # the first build runs
            status = "updating"
        return {"generation": site.generation, "problems": site.problems, "search": status,
                "searchGeneration": search.generation}

    def _changed(self) -> None:
        self._broadcast(self.state())

    def _early(self, attempt: int, page: str) -> None:
        """The tabs showing `page` may reload now: the build in progress has it (see PreviewSite._recorded). It
        records pages only once the content passed the contract, so the last build's problems are over."""
        state = {**self.state_unlocked(), "generation": attempt, "problems": ""}
        back = threading.Event()
        with self.clients_lock:
            told = [client for client, shown in self.clients.items() if shown == page]
            for client in told:
                client.put(state)
            if told:
                self._reloads[page] = back
        if told:  # (the build's thread, waiting: the rest of the build is after the page)
            back.wait(RELOAD_WAIT)
            with self.clients_lock:
                self._reloads.pop(page, None)

    def _broadcast(self, state) -> None:
        with self.clients_lock:
            for client in self.clients:
                client.put(state)


class _Handler(BaseHTTPRequestHandler):
    server_version = "VisnykPreview"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args) -> None:  # noqa: A002 - the base class's name
        return None  # the terminal is for the editor: builds and problems, not every request

    def handle(self) -> None:
        try:
            super().handle()
        except ConnectionError:  # the browser went away mid-answer (a reload, a closed tab): nothing to report
            pass

    def do_HEAD(self) -> None:  # noqa: N802 - http.server's naming
        self.do_GET(body=False)

    def do_GET(self, body: bool = True) -> None:  # noqa: N802
        preview: PreviewServer = self.server.preview
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS_URL:
            return self.events(preview)
        if path == SCRIPT_URL:
            with open(SCRIPT_FILE, "rb") as handle:
                return self.reply(200, "text/javascript; charset=utf-8", handle.read(), body)
        relative, page = page_key(path)
        if page is None:
            return self.reply(400, "text/plain; charset=utf-8", "Неправильна адреса".encode(), body)
        site = preview.site
        early = site.early(page)
        if early is not None:  # the build in progress rendered this page for a tab that shows it
            attempt, html = early
            state = preview.state_unlocked()
            return self.reply(200, "text/html; charset=utf-8", inject(html, snippet(attempt, state["searchGeneration"])), body)
        if site.generation == 0:  # no good build yet: its problems, or the page saying it is being built
            tag = snippet(0, 0)
            page = problem_page(site.problems, tag) if site.problems else BUILDING.replace(b"</head>", tag + b"</head>")
            return self.reply(503, "text/html; charset=utf-8", page, body)
        if page.split("/", 1)[0] == search_adapter.FOLDER:
            state = preview.state_unlocked()["search"]
            if state in ("updating", "failed"):
                return self.reply(503, "text/plain; charset=utf-8",
                                  "Пошуковий індекс оновлюється: спробуйте за кілька секунд.".encode(), body)
        try:
            html = site.render(page)
        except Exception as exc:  # a template error met only on this page
            state = preview.state_unlocked()
            tag = snippet(state["generation"], state["searchGeneration"])  # reloads when the next build is ready
            return self.reply(500, "text/html; charset=utf-8", problem_page(describe(exc), tag), body)
        if html is not None:
            return self.page(preview, 200, html, body)
        found = site.file(page)
        if found is not None:
            kind = mimetypes.guess_type(found)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "application/json"):
                kind += "; charset=utf-8"
            with open(found, "rb") as handle:
                return self.reply(200, kind, handle.read(), body)
        if not path.endswith("/") and (site.render(relative + "/index.html") is not None
                                       or site.file(relative + "/index.html")):
            self.send_response(301)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        missing = site.render("404.html")
        if missing is not None:
            return self.page(preview, 404, missing, body)
        return self.reply(404, "text/plain; charset=utf-8", "Сторінки не знайдено".encode(), body)

    def page(self, preview: PreviewServer, status: int, html: bytes, body: bool) -> None:
        if urlsplit(self.path).path.lstrip("/").split("/", 1)[0] == EDITOR_FOLDER:
            # The web editor (./visnyk edit) is not a page of the site: reloading it would lose what is typed.
            return self.reply(status, "text/html; charset=utf-8", html, body)
        state = preview.state_unlocked()
        tag = snippet(state["generation"], state["searchGeneration"])
        self.reply(status, "text/html; charset=utf-8", inject(html, tag), body)

    def reply(self, status: int, kind: str, data: bytes, body: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def events(self, preview: PreviewServer) -> None:
        """Server-Sent Events: the current state at once, then every change, until the tab closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        mailbox: queue.Queue = queue.Queue()
        shown = parse_qs(urlsplit(self.path).query).get("page", [""])[0]
        page = page_key(shown)[1] if shown.startswith("/") else None
        with preview.clients_lock:
            preview.clients[mailbox] = page
            reloaded = preview._reloads.get(page)
        if reloaded is not None:  # a tab back after the reload _early let it make
            reloaded.set()
        if page is not None:
            preview.site.watch(page, +1)
        try:
            self.wfile.write(b"retry: 300\n\n")
            mailbox.put(preview.state_unlocked())
            idle = 0.0
            while not preview.stop_event.is_set():
                try:
                    state = mailbox.get(timeout=CLOSED_CHECK)
                except queue.Empty:  # a tab that left its page closed the stream: it no longer watches that page
                    if select.select([self.connection], [], [], 0)[0] and not self.connection.recv(1, socket.MSG_PEEK):
                        break
                    idle += CLOSED_CHECK
                    if idle >= KEEPALIVE:
                        idle = 0.0
                        self.wfile.write(b": still here\n\n")
                        self.wfile.flush()
                    continue
                if state is None:
                    break
                self.wfile.write(f"event: state\ndata: {json.dumps(state, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
        except OSError:  # the tab went away
            pass
        finally:
            with preview.clients_lock:
                preview.clients.pop(mailbox, None)
            if page is not None:
                preview.site.watch(page, -1)


def start(content: str = "content", port: int = 0, settings: str = "pelicanconf.py", **options) -> PreviewServer:
    """Start the live preview in this process (non-blocking); `.address` is where it serves, `.stop()` ends it."""
    return PreviewServer(content, port, settings, **options).start()
