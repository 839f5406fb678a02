"""Editor and developer tasks. Run `./visnyk --list`; `./visnyk --help TASK` explains one.

Every build goes through Pelican's own command line, so `pelican content -s pelicanconf.py` and
`./visnyk build` behave the same; these tasks only wrap it.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from visnyk.domain.site import scaffold  # noqa: E402
from visnyk.domain.common.problems import format_report  # noqa: E402
from visnyk.domain.site.scan import scan  # noqa: E402
from visnyk.domain.language.wording import Forms  # noqa: E402

CONTENT = "content"
OUTPUT = "output"
PY = shlex.quote(sys.executable)


def pelican_command(content: str, output: str, settings: str, extra: str = "") -> str:
    return f"{PY} -m pelican {shlex.quote(content)} -s {shlex.quote(settings)} -o {shlex.quote(output)} {extra}".strip()


@task(help={"content": "content folder (default: content)", "settings": "Pelican settings file (default: pelicanconf.py)"})
def check(c, content=CONTENT, settings="pelicanconf.py"):
    """Check every file in the content folder and list all problems at once, without building.

    Late publications (the deadlines of the law on access to public information) are warnings: listed
    with file, line and how many working days, while the site still builds."""
    from visnyk.adapters.build.settings import SettingsError, rules

    try:
        contract, calendar = rules(_settings(settings)), _calendar(settings)
    except SettingsError as exc:
        raise Exit(str(exc), code=1) from None
    result = scan(content, contract, calendar=calendar)
    if result.problems:
        raise Exit(format_report(result.problems), code=1)
    checked = Forms("матеріал", "матеріали", "матеріалів").count(len(result.items))
    if result.warnings:
        noted = Forms("зауваження", "зауваження", "зауважень").count(len(result.warnings))
        print(f"Строки оприлюднення: {noted} (сайт збереться, сторінка stats/compliance/ їх покаже):")
        for warning in sorted(result.warnings):
            print(f"  {warning}")
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


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves the built site; an unknown address gets the site's own 404.html (as GitHub Pages does), not
    Python's English error page, with the 404 status kept."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory, "404.html")
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def _serve(output: str, port: int) -> ThreadingHTTPServer:
    handler = partial(SiteHandler, directory=output)
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


@task(
    help={
        "port": "port on 127.0.0.1 (default: 8000; 0: any free port)",
        "content": "content folder (default: content)",
        "settings": "Pelican settings file (default: pelicanconf.py)",
    }
)
def livereload(c, port=8000, content=CONTENT, settings="pelicanconf.py"):
    """Live preview: serve the site and show every saved change in the open browser tab by itself.

    One long-lived Pelican process keeps the items it has read and reads again only the files you save;
    pages are rendered when the browser asks for them, and the tab reloads itself (problems in a file are
    shown over the page). See docs/developers.md, "Fast rebuilds"."""
    _preview(content, port, settings)
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


def _preview(content, port, settings, before_restart=None, on_kill=None) -> None:
    """The live preview until Ctrl+C. A change to the plugin's code starts this command again in the same
    process (os.execv): `before_restart` stops what it started beside the preview (the editor's backend),
    which would otherwise outlive it and hold its port; `on_kill` ends it at once (a second Ctrl+C)."""
    import signal

    from visnyk.adapters.preview.server import PreviewServer, restart_process

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
        server = PreviewServer(content, int(port), str(ROOT / settings), on_code_change=restart)
    except OSError as exc:
        raise Exit(f"Не вдалося відкрити порт {port}: {exc.strerror}. Вкажіть інший: --port 8001 (або 0).", code=1) from None
    server.serve_forever()


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
        done = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=root,
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
def edit(c, port=8000, backend_port=8081, content=CONTENT):
    """Edit in the browser on this computer: the editor's local backend and the live preview; prints both addresses.

    The editor (Decap CMS, /admin/ of the preview) saves straight into the content folder through
    decap-server (node_modules/, `npm ci`); the preview rebuilds on every save. Nothing is committed:
    review the files and commit them with git as usual.
    """
    import subprocess

    server = node_packages(ROOT)
    folder = Path(content).resolve()
    if folder.name != "content" or not folder.is_dir():
        raise Exit(f"Тека змісту має називатися content і існувати: {folder}", code=1)
    port, backend_port = int(port) or _free_port(), int(backend_port) or _free_port()
    api = f"http://127.0.0.1:{backend_port}/api/v1"
    env = {**os.environ, "PORT": str(backend_port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
           "GIT_REPO_DIRECTORY": str(folder.parent), "LOG_LEVEL": "warn"}
    from visnyk.adapters.preview.processes import die_with_parent

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


@task(
    help={
        "kind": "news, announcement, act, meeting, video, report or page",
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
        "format": "md, docx or pdf (default: md; pdf needs LibreOffice)",
        "output": "folder for the files (default: reports-out)",
        "content": "content folder (default: content)",
        "council": "the council-wide document (every department's figures) instead, as FOLDER/PERIOD/rada.FORMAT",
    }
)
def report(c, period, department="", format="md", output="reports-out", content=CONTENT, council=False):
    """Write department reports for a period as Markdown, Word or PDF documents to sign and send."""
    from visnyk.adapters.build.settings import rules, validated
    from visnyk.documents import DocumentError, collect, write

    if council and department:
        raise Exit("вкажіть або --department, або --council: звіт ради охоплює всі підрозділи", code=1)
    settings = _settings()
    try:
        documents = collect(content, period, department or None, _council_name(), _siteurl(), calendar=_calendar(),
                            rules=rules(settings), place=validated(settings)["VISNYK_PLACE"], whole_council=council)
        paths = write(documents, format, output)
    except DocumentError as exc:
        raise Exit(str(exc), code=1) from None
    for path in paths:
        print(f"Створено {path}")


def _settings(path: str = "pelicanconf.py") -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / path))


def _calendar(path: str = "pelicanconf.py"):
    """The working-day calendar of the settings' VISNYK_DAYS_OFF and VISNYK_DRAFT_DAYS_COUNTING (checked as the
    build checks them)."""
    from visnyk.adapters.build.settings import validated
    from visnyk.domain.cycle.workdays import Calendar

    values = validated(_settings(path))
    return Calendar.of(values["VISNYK_DAYS_OFF"], values["VISNYK_DRAFT_DAYS_COUNTING"],
                       values["VISNYK_SESSION_VIDEO_DAYS"], values["VISNYK_PROTOCOL_DAYS"])


def _council_name() -> str:
    return _settings().get("VISNYK_COUNCIL", {}).get("name", "")


def _siteurl() -> str:
    """The deployed site's address (publishconf.py: VISNYK_SITEURL, else its default): a report sent on paper
    or by mail must carry addresses a reader can open, not paths from a local build's root."""
    return _settings("publishconf.py").get("SITEURL", "")


def _replace_folder(fresh: Path, target: Path) -> None:
    """Put `fresh` where `target` is, by renames in one folder: there is never half a site at `target`."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    if target.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.rename(target, old)
    try:
        os.rename(fresh, target)
    except OSError:
        if old.exists():
            os.rename(old, target)  # put the previous site back
        raise
    shutil.rmtree(old, ignore_errors=True)


@task(
    help={
        "content": "content folder (default: content)",
        "output": "where the site ends up (default: output)",
        "settings": "Pelican settings file (default: publishconf.py)",
    }
)
def publish(c, content=CONTENT, output=OUTPUT, settings="publishconf.py"):
    """Build the site to deploy: strict, with publishconf.py, swapped into output/ only if the build succeeded."""
    import tempfile

    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
        command = pelican_command(content, str(fresh), settings, "-e VISNYK_STRICT=true")
        result = c.run(command, warn=True, pty=False)
        if not result.ok:
            raise Exit(f"Публікацію скасовано: сайт не зібрано, {output}/ лишився без змін.", code=result.exited or 1)
        _replace_folder(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    print(f"Сайт для публікації зібрано в {output}/.")


def _git(*args: str, env: dict | None = None) -> str:
    """Output of a git command in the repository ("" when it fails, e.g. no repository or no such key)."""
    import subprocess

    proc = subprocess.run(["git", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""


def git_identity(environ: dict, config=lambda key: _git("config", key)) -> dict[str, str]:
    """Committer and author for the gh-pages commit: the environment, else git's config, else "Visnyk"."""
    name = environ.get("GIT_COMMITTER_NAME") or config("user.name") or "Visnyk"
    email = environ.get("GIT_COMMITTER_EMAIL") or config("user.email") or "visnyk@localhost.invalid"
    return {
        "GIT_COMMITTER_NAME": name,
        "GIT_COMMITTER_EMAIL": email,
        "GIT_AUTHOR_NAME": environ.get("GIT_AUTHOR_NAME") or name,
        "GIT_AUTHOR_EMAIL": environ.get("GIT_AUTHOR_EMAIL") or email,
    }


def custom_domain(siteurl: str) -> str:
    """The host to write to CNAME when the site lives at the root of its own domain (not *.github.io)."""
    from urllib.parse import urlsplit

    parts = urlsplit(siteurl)
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or parts.path.strip("/") or not host or host.endswith(".github.io"):
        return ""
    return host


@task(
    help={
        "remote": "git remote name or URL to push to (default: origin)",
        "branch": "the branch GitHub Pages serves (default: gh-pages)",
        "cname": "custom domain for the CNAME file (default: VISNYK_CNAME, else SITEURL's own domain)",
        "content": "content folder (default: content)",
        "output": "where the site is built (default: output)",
    }
)
def gh_pages(c, remote="origin", branch="gh-pages", cname="", content=CONTENT, output=OUTPUT):
    """Publish, then commit exactly the built site (+ .nojekyll, CNAME) to the gh-pages branch and push it."""
    import subprocess
    import tempfile

    from pelican.settings import read_settings

    publish(c, content=content, output=output)
    url = remote if ("/" in remote or ":" in remote) else _git("remote", "get-url", remote)
    if not url:
        raise Exit(f"Невідомий git-віддалений репозиторій «{remote}»: вкажіть --remote NAME або URL.", code=1)
    source = _git("rev-parse", "HEAD") or "unknown"
    dirty = " (with uncommitted changes)" if _git("status", "--porcelain", "--untracked-files=no") else ""
    siteurl = read_settings(str(ROOT / "publishconf.py"))["SITEURL"]
    domain = cname or os.environ.get("VISNYK_CNAME", "") or custom_domain(siteurl)
    message = f"Publish {siteurl} built from {source}{dirty}"
    with tempfile.TemporaryDirectory(prefix="visnyk-gh-pages-") as scratch:
        # A throwaway repository: the working repository gets no stale local gh-pages branch, and the new
        # commit continues the remote branch (fetched, shallow), so the push is a plain fast-forward.
        env = {**os.environ, **git_identity(os.environ), "GIT_DIR": scratch}
        env.pop("GIT_WORK_TREE", None)
        subprocess.run(["git", "init", "-q", "--bare", scratch], env=env, check=True)
        heads = subprocess.run(["git", "ls-remote", "--heads", url, branch], env=env, capture_output=True, text=True)
        if heads.returncode != 0:
            raise Exit(f"Не вдалося з'єднатися з {url}:\n{heads.stderr}", code=1)
        if heads.stdout.strip():
            subprocess.run(["git", "fetch", "-q", "--depth=1", url, f"+refs/heads/{branch}:refs/heads/{branch}"],
                           env=env, check=True)
        ghp = [sys.executable, "-m", "ghp_import", "-n", "-p", "-b", branch, "-r", url, "-m", message]
        if domain:
            ghp += ["-c", domain]
        if subprocess.run([*ghp, str(Path(output).resolve())], env=env).returncode != 0:
            raise Exit(f"ghp-import не зміг оновити гілку {branch} у {url}.", code=1)
    print(f"Опубліковано: гілка {branch} у {url} ({message}).")


@task(
    help={
        "folder": "the new site's folder (new or empty)",
        "name": "the council's full name", "short_name": "its short name", "edrpou": "ЄДРПОУ, 8 digits",
        "address": "the council's address", "phone": "its phone", "email": "its e-mail",
        "place": "the settlement on reports, e.g. 'с. Вербівка' ('' for none)",
        "site_url": "https://your-domain.gov.ua or https://OWNER.github.io/REPO",
        "department": "a department, repeatable: 'Name | name in the genitive | head | head's title'",
        "logo": "the coat of arms, an SVG or PNG file ('' for none)",
        "requirement": "the requirements.txt line (default: this version's git tag)",
    },
    iterable=["department"],
)
def init(c, folder, name=None, short_name=None, edrpou=None, address=None, phone=None, email=None, place=None,
         site_url=None, department=None, logo=None, requirement=None):
    """Make a new council's site in FOLDER from a few answers (asked for in Ukrainian when not given)."""
    from visnyk.cli import init as making

    given = {"--name": name, "--short-name": short_name, "--edrpou": edrpou, "--address": address, "--phone": phone,
             "--email": email, "--place": place, "--site-url": site_url, "--logo": logo, "--requirement": requirement}
    argv = [folder] + [x for option, value in given.items() if value is not None for x in (option, value)]
    argv += [x for line in department or [] for x in ("--department", line)]
    if making.main(argv) != 0:
        raise Exit(code=1)


@task
def version(c):
    """Print the installed Visnyk's version (CHANGELOG.md says what each one changes)."""
    import visnyk

    print(f"Вісник {visnyk.__version__}")


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


@task(
    help={
        "items": "archive size, or several: 20000,40000 (default 5000)",
        "runs": "builds of each kind; the median is printed (default 1)",
        "only": "some of: ours,nospeed,cache_cold,warm,plain,default (default: all)",
        "seed": "generator seed (the same seed gives the same archive)",
        "fresh": "regenerate the archive even if bench/ has it",
        "profile": "instead of measuring, cProfile our cold build and print where the time goes",
        "search": "build our site with its Pagefind search index (off by default: stock has none)",
        "preview": "instead: the live preview in Chromium, save → new text in the open tab, for each kind of change "
                   "(--runs times each, default 10; search on, as users run it)",
    }
)
def bench(c, items="5000", runs=1, only="", seed=20261123, fresh=False, profile=False, search=False, preview=False):
    """Generate a synthetic archive of N items in bench/ and time our build against stock Pelican."""
    from benchmarks import run

    if preview:
        from benchmarks import preview as live

        sizes = [int(n) for n in str(items).replace("_", "").split(",")]
        live.main(sizes, int(runs) if int(runs) > 1 else 10, int(seed))
        return
    which = tuple(s for s in only.split(",") if s) or run.SCENARIOS
    unknown = set(which) - set(run.SCENARIOS)
    if unknown:
        raise Exit(f"--only: unknown {', '.join(sorted(unknown))}; known: {', '.join(run.SCENARIOS)}", code=1)
    sizes = [int(n) for n in str(items).replace("_", "").split(",")]
    run.main(sizes, int(runs), int(seed), which, fresh, profile, search)


@task
def search_recall(c):
    """Recall@10 of search on the demo (benchmarks/search_pairs.tsv) without and with lemmas, index sizes."""
    import tempfile

    from benchmarks import search_recall as recall

    with tempfile.TemporaryDirectory(prefix="visnyk-recall-") as folder:
        recall.main(Path(folder))


@task(help={"output": "the published site (default: output), built by `./visnyk publish`"})
def portal(c, output=OUTPUT):
    """Send the open data sets of the built site to the national portal (CKAN API): off unless VISNYK_PORTAL_TOKEN
    is set. VISNYK_PORTAL_URL (default https://data.gov.ua) and VISNYK_PORTAL_ORG (the council's organisation
    on the portal) say where; README "The open-data section" says what is and is not tested."""
    from visnyk.adapters.outputs.portal import PortalError, sync

    token = os.environ.get("VISNYK_PORTAL_TOKEN", "")
    if not token:
        print("Портал відкритих даних не оновлено: VISNYK_PORTAL_TOKEN не задано (вимкнено).")
        return
    try:
        done = sync(Path(output), os.environ.get("VISNYK_PORTAL_URL", "https://data.gov.ua"), token,
                    os.environ.get("VISNYK_PORTAL_ORG", ""))
    except PortalError as error:
        raise Exit(f"Портал відкритих даних не оновлено: {error}", code=1) from None
    for line in done:
        print(line)
