"""Publishing: `./visnyk publish` (the strict build, swapped in whole) and `./visnyk gh-pages` (pushed to a branch)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

from . import site


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
def publish(c, content=site.CONTENT, output=site.OUTPUT, settings="publishconf.py"):
    """Build the site to deploy: strict, with publishconf.py, swapped into output/ only if the build succeeded."""
    import tempfile

    target = Path(output).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    try:
        fresh.chmod(0o755)  # mkdtemp makes it private; a web server must read the site
        command = site.pelican_command(content, str(fresh), settings, "-e VISNYK_STRICT=true")
        result = c.run(command, warn=True, pty=False)
        if not result.ok:
            raise Exit(f"Публікацію скасовано: сайт не зібрано, {output}/ лишився без змін.", code=result.exited or 1)
        _replace_folder(fresh, target)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    print(f"Сайт для публікації зібрано в {output}/.")


def git_identity(environ: dict, config=lambda key: site.git("config", key)) -> dict[str, str]:
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
def gh_pages(c, remote="origin", branch="gh-pages", cname="", content=site.CONTENT, output=site.OUTPUT):
    """Publish, then commit exactly the built site (+ .nojekyll, CNAME) to the gh-pages branch and push it."""
    import subprocess
    import tempfile

    from pelican.settings import read_settings

    publish(c, content=content, output=output)
    url = remote if ("/" in remote or ":" in remote) else site.git("remote", "get-url", remote)
    if not url:
        raise Exit(f"Невідомий git-віддалений репозиторій «{remote}»: вкажіть --remote NAME або URL.", code=1)
    source = site.git("rev-parse", "HEAD") or "unknown"
    dirty = " (with uncommitted changes)" if site.git("status", "--porcelain", "--untracked-files=no") else ""
    siteurl = read_settings(str(site.ROOT / "publishconf.py"))["SITEURL"]
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
