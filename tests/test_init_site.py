"""A site made by `./visnyk init`, for real (issue 31 §3): it passes `check`, builds, publishes to a local bare
repository and serves its home page; and, marked slow, the package built as a wheel installs into the site's own
fresh virtual environment (its ./visnyk launcher, from its requirements.txt) and upgrades from the previous release
without touching the site's content or its template override."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import DEFAULT_EPOCH, ROOT, item

from visnyk.cli import init

ANSWERS = ["--name", "Вербівська сільська рада", "--short-name", "Вербівська сільрада", "--edrpou", "04054949",
           "--address", "вул. Шевченка, 7, с. Вербівка, 19000", "--phone", "+380 44 123 45 67",
           "--email", "rada@verbivka.gov.ua", "--place", "с. Вербівка", "--site-url", "https://rada.verbivka.gov.ua",
           "--department", "Центр надання адміністративних послуг | центру надання адміністративних послуг | "
                           "Леся Остапчук | Директорка центру",
           "--logo", str(ROOT / "content" / "images" / "2025" / "sait.png")]
IDENTITY = {"GIT_AUTHOR_NAME": "ІТ", "GIT_AUTHOR_EMAIL": "it@verbivka.gov.ua", "GIT_COMMITTER_NAME": "ІТ",
            "GIT_COMMITTER_EMAIL": "it@verbivka.gov.ua"}


def environment(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VISNYK_", "GIT_"))}
    env.update(IDENTITY, SOURCE_DATE_EPOCH=DEFAULT_EPOCH, **extra)
    return env


def run(command: list[str], cwd: Path, env: dict, timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, seconds: float = 60) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as page:
                return page.read().decode("utf-8")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def commit_all(site: Path, env: dict, message: str) -> None:
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", message]):
        if args[0] == "init" and (site / ".git").exists():
            continue
        assert run(["git", *args], site, env).returncode == 0


@pytest.fixture(scope="module")
def made(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("verbivka") / "sait"
    assert init.main([str(site), *ANSWERS]) == 0
    commit_all(site, environment(), "Сайт ради: visnyk init")
    return site


# The package from this repository's source stands for the installed one (the slow test installs the wheel).
def invoke(site: Path, *args: str) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "invoke", *args], site, environment(PYTHONPATH=str(ROOT / "plugins")))


@pytest.mark.timeout(900)
def test_a_new_site_passes_check_builds_publishes_and_serves(made, tmp_path):
    checked = invoke(made, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "Перевірено 3 матеріали: помилок немає." in checked.stdout

    built = invoke(made, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    home = (made / "output" / "index.html").read_text(encoding="utf-8")
    assert "Вербівська сільська рада" in home and "Ясногір" not in home
    assert (made / "output" / "departments" / "tsentr-nadannia-administratyvnykh-posluh" / "index.html").is_file()
    assert (made / "output" / "theme" / "images" / "herb-hromady.svg").is_file() and "herb-hromady.svg" in home

    remote = tmp_path / "remote.git"
    assert run(["git", "init", "-q", "--bare", str(remote)], tmp_path, environment()).returncode == 0
    published = invoke(made, "gh-pages", "--remote", str(remote))
    assert published.returncode == 0, published.stdout + published.stderr
    files = run(["git", "--git-dir", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"], tmp_path, environment())
    names = files.stdout.split()
    assert {"index.html", "CNAME", ".nojekyll", "kontakty/index.html", "admin/index.html"} <= set(names)
    cname = run(["git", "--git-dir", str(remote), "show", "gh-pages:CNAME"], tmp_path, environment()).stdout
    assert cname.strip() == "rada.verbivka.gov.ua"

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "invoke", "serve", "--port", str(port)], cwd=made,
                              env=environment(PYTHONPATH=str(ROOT / "plugins")), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        page = get(f"http://127.0.0.1:{port}/")
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Вербівська сільська рада" in page and "https://rada.verbivka.gov.ua/" in page


# --- the wheel, a fresh environment and an upgrade (slow) ------------------------------------------------

PREVIOUS = "0.8.0"
MARK = "<!-- Вісник 0.8.0 -->"  # what the simulated previous release drew and this one does not


def wheel(source: Path, into: Path) -> Path:
    built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--disable-pip-version-check", "-q", "-w",
                 str(into), str(source)], source, environment(), timeout=900)
    assert built.returncode == 0, built.stdout + built.stderr
    [found] = into.glob("visnyk-*.whl")
    return found


def previous_source(tmp: Path) -> Path:
    """The previous release's source: its git tag when this clone has it (v0.8.0), else — there is no earlier
    published release, and CI clones main without history — simulated: this source with the version set back to
    0.8.0 and its base template drawing one more line (MARK), so the upgrade visibly changes what the package renders."""
    tag = f"v{PREVIOUS}"
    source = tmp / "previous"
    listed = run(["git", "tag", "--list", tag], ROOT, environment())
    if listed.stdout.strip() == tag:
        source.mkdir()
        archive = run(["git", "archive", "-o", str(tmp / "previous.tar"), tag], ROOT, environment())
        assert archive.returncode == 0
        assert run(["tar", "-xf", str(tmp / "previous.tar"), "-C", str(source)], ROOT, environment()).returncode == 0
        return source
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "theme", source / "theme")
    for name in ("pyproject.toml", "README.md", "CHANGELOG.md"):
        shutil.copy(ROOT / name, source / name)
    package = source / "plugins" / "visnyk" / "package.py"
    package.write_text(package.read_text(encoding="utf-8").replace(
        f'__version__ = "{init.__version__}"', f'__version__ = "{PREVIOUS}"'), encoding="utf-8")
    base = source / "theme" / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</footer>", "</footer>\n" + MARK, 1), encoding="utf-8")
    return source


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.slow
@pytest.mark.timeout(3600)
def test_the_wheel_installs_fresh_and_an_upgrade_keeps_content_and_override(tmp_path):
    assert MARK not in (ROOT / "theme" / "templates" / "base.html").read_text(encoding="utf-8")
    current = wheel(ROOT, tmp_path / "dist-current")
    previous = wheel(previous_source(tmp_path), tmp_path / "dist-previous")
    assert previous.name == f"visnyk-{PREVIOUS}-py3-none-any.whl" and current.name == f"visnyk-{init.__version__}-py3-none-any.whl"

    site = tmp_path / "sait"
    assert init.main([str(site), *ANSWERS, "--requirement", f"visnyk @ {previous.as_uri()}"]) == 0
    (site / "content" / "news" / "2025").mkdir(parents=True)
    (site / "content" / "news" / "2025" / "tsnap.md").write_text(item(
        title="ЦНАП працює в суботу", date="2025-03-14 08:00", department="tsentr-nadannia-administratyvnykh-posluh"),
        encoding="utf-8")
    launcher = environment(PYTHON=sys.executable, PYTHONPATH="")

    # A fresh machine: the site's launcher makes .venv and installs the wheel (its dependencies from PyPI).
    shown = run(["./visnyk", "version"], site, launcher, timeout=1800)
    assert shown.returncode == 0 and shown.stdout.strip() == f"Вісник {PREVIOUS}", shown.stdout + shown.stderr
    theme = Path(run([str(site / ".venv" / "bin" / "python"), "-c", "import visnyk; print(visnyk.THEME)"], site,
                     launcher).stdout.strip())
    assert theme == site / ".venv" / "lib" / f"python{sys.version_info.major}.{sys.version_info.minor}" / \
        "site-packages" / "visnyk" / "theme"
    assert (theme / "admin" / "visnyk.js").is_file() and (theme / "templates" / "base.html").is_file()
    assert (site / ".venv" / "bin" / "visnyk-init").is_file()
    # The council overrides one template: the page of a standing page (about, contacts).
    override = (theme / "templates" / "page.html").read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<p class=\"nash-shablon\">Наш шаблон</p>", 1)
    assert "nash-shablon" in override
    (site / "theme" / "templates" / "page.html").write_text(override, encoding="utf-8")
    commit_all(site, launcher, "Зміст і власний шаблон")
    before = digest(site / "content"), digest(site / "theme")

    for release in (PREVIOUS, init.__version__):
        if release != PREVIOUS:  # the upgrade: one line of requirements.txt, as Renovate would change it
            pin = site / "requirements.txt"
            pin.write_text(pin.read_text(encoding="utf-8").replace(previous.as_uri(), current.as_uri()), encoding="utf-8")
        checked = run(["./visnyk", "check"], site, launcher, timeout=1800)
        assert checked.returncode == 0 and "Перевірено 4 матеріали: помилок немає." in checked.stdout, checked.stdout + checked.stderr
        built = run(["./visnyk", "build"], site, launcher, timeout=1800)
        assert built.returncode == 0, built.stdout + built.stderr
        assert run(["./visnyk", "version"], site, launcher).stdout.strip() == f"Вісник {release}"
        about = (site / "output" / "pro-hromadu" / "index.html").read_text(encoding="utf-8")
        assert "nash-shablon" in about, release  # the override is used, before and after
        assert (MARK in about) == (release == PREVIOUS)  # the package's own templates did change
        assert "ЦНАП працює в суботу" in (site / "output" / "index.html").read_text(encoding="utf-8")
    assert (digest(site / "content"), digest(site / "theme")) == before
    status = run(["git", "status", "--porcelain"], site, launcher).stdout.split("\n")
    assert [line for line in status if line.strip()] == [" M requirements.txt"]
