"""Editor and developer tasks of a Visnyk site. Run `./visnyk --list`; `./visnyk --help TASK` explains one.

Every build goes through Pelican's own command line, so `pelican content -s pelicanconf.py` and
`./visnyk build` behave the same; these tasks only wrap it. A site's tasks.py sets `site.ROOT` to its folder and
imports every task from here (`from visnyk.cli.tasks import *`): the live preview and the editor are in
preview.py, publishing in publishing.py.
"""

from __future__ import annotations

import os
import shutil
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from invoke import Exit, task

from . import site
from ..domain.site import scaffold
from ..domain.common.problems import format_report
from ..domain.site.scan import scan
from ..domain.language.wording import Forms
from .preview import EDITOR_FILES, edit, livereload, node_packages  # noqa: F401 (tasks and what tests use)
from .publishing import custom_domain, gh_pages, git_identity, publish  # noqa: F401

CONTENT = site.CONTENT
OUTPUT = site.OUTPUT


@task(help={"content": "content folder (default: content)", "settings": "Pelican settings file (default: pelicanconf.py)"})
def check(c, content=site.CONTENT, settings="pelicanconf.py"):
    """Check every file in the content folder and list all problems at once, without building.

    Late publications (the deadlines of the law on access to public information) are warnings: listed
    with file, line and how many working days, while the site still builds."""
    from ..adapters.build.settings import SettingsError, rules

    try:
        contract, calendar = rules(site.settings(settings)), site.calendar(settings)
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
def build(c, content=site.CONTENT, output=site.OUTPUT, settings="pelicanconf.py"):
    """Build the site with Pelican; invalid content stops the build with every problem listed."""
    result = c.run(site.pelican_command(content, output, settings), warn=True, pty=False)
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
def serve(c, output=site.OUTPUT, port=8000):
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
        "kind": "news, announcement, act, meeting, video, report or page",
        "title": "the title, in quotes",
        "department": "department slug from content/departments.yml",
        "act_kind": "for acts: council_decision, executive_decision, mayor_order, …",
        "period": "for reports: YYYY-MM or YYYY",
        "content": "content folder (default: content)",
    }
)
def new(c, kind, title, department="", act_kind="", period="", content=site.CONTENT):
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
def report(c, period, department="", format="md", output="reports-out", content=site.CONTENT, council=False):
    """Write department reports for a period as Markdown, Word or PDF documents to sign and send."""
    from ..adapters.build.settings import rules, validated
    from ..documents import DocumentError, collect, write

    if council and department:
        raise Exit("вкажіть або --department, або --council: звіт ради охоплює всі підрозділи", code=1)
    settings = site.settings()
    try:
        documents = collect(content, period, department or None, site.council_name(), site.siteurl(), calendar=site.calendar(),
                            rules=rules(settings), place=validated(settings)["VISNYK_PLACE"], whole_council=council)
        paths = write(documents, format, output)
    except DocumentError as exc:
        raise Exit(str(exc), code=1) from None
    for path in paths:
        print(f"Створено {path}")

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
    from ..cli import init as making

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

@task(help={"output": "the published site (default: output), built by `./visnyk publish`"})
def portal(c, output=site.OUTPUT):
    """Send the open data sets of the built site to the national portal (CKAN API): off unless VISNYK_PORTAL_TOKEN
    is set. VISNYK_PORTAL_URL (default https://data.gov.ua) and VISNYK_PORTAL_ORG (the council's organisation
    on the portal) say where; README "The open-data section" says what is and is not tested."""
    from ..adapters.outputs.portal import PortalError, sync

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
