"""Where the site is and how it is built: what every task of visnyk/cli/ shares.

ROOT is the site's folder: its tasks.py sets it (`ROOT = Path(__file__).resolve().parent`) before it imports
the tasks, so the tasks read that site's pelicanconf.py and publishconf.py and run git in it, from any folder."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

ROOT = Path.cwd()
CONTENT = "content"
OUTPUT = "output"
PY = shlex.quote(sys.executable)


def pelican_command(content: str, output: str, settings: str, extra: str = "") -> str:
    return f"{PY} -m pelican {shlex.quote(content)} -s {shlex.quote(settings)} -o {shlex.quote(output)} {extra}".strip()


def settings(path: str = "pelicanconf.py") -> dict:
    from pelican.settings import read_settings

    return read_settings(str(ROOT / path))


def calendar(path: str = "pelicanconf.py"):
    """The working-day calendar of the settings' VISNYK_DAYS_OFF and VISNYK_DRAFT_DAYS_COUNTING (checked as the
    build checks them)."""
    from visnyk.adapters.build.settings import validated
    from visnyk.domain.cycle.workdays import Calendar

    values = validated(settings(path))
    return Calendar.of(values["VISNYK_DAYS_OFF"], values["VISNYK_DRAFT_DAYS_COUNTING"],
                       values["VISNYK_SESSION_VIDEO_DAYS"], values["VISNYK_PROTOCOL_DAYS"])


def council_name() -> str:
    return settings().get("VISNYK_COUNCIL", {}).get("name", "")


def siteurl() -> str:
    """The deployed site's address (publishconf.py: VISNYK_SITEURL, else its default): a report sent on paper
    or by mail must carry addresses a reader can open, not paths from a local build's root."""
    return settings("publishconf.py").get("SITEURL", "")


def git(*args: str, env: dict | None = None) -> str:
    """Output of a git command in the repository ("" when it fails, e.g. no repository or no such key)."""
    import subprocess

    proc = subprocess.run(["git", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    return proc.stdout.strip() if proc.returncode == 0 else ""
