"""«Історія змін» (issue 26 §3): a small site in a real git repository whose commits have fixed dates, built
with VISNYK_HISTORY on; the same commits give the same pages; outside git the build works and says so."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import DEPARTMENTS, ROOT, Site
from visnyk.domain.history.gitlog import LOG_ARGS, parse

pytestmark = pytest.mark.timeout(600)

NEWS = """---
title: "Ремонт моста через Смотрич"
date: 2025-03-10 10:00
department: info
---
{body}
"""
LATER = """---
title: "Вода в Заріччі"
date: 2025-03-20 09:00
department: info
---
Текст, написаний заздалегідь.
"""


def git(folder: Path, *args: str, when: str = "") -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Прес-служба", "GIT_AUTHOR_EMAIL": "press@rada.example",
           "GIT_COMMITTER_NAME": "Прес-служба", "GIT_COMMITTER_EMAIL": "press@rada.example"}
    if when:
        env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    return subprocess.run(["git", "-C", str(folder), *args], env=env, check=True, capture_output=True,
                          text=True, timeout=60).stdout


def commit(folder: Path, message: str, when: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message, when=when)


def settings_file(root: Path, **values) -> str:
    path = root / "history_settings.py"
    lines = [f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\nVISNYK_HISTORY = True",
             f"THEME = {str(ROOT / 'theme')!r}", f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]"]
    lines += [f"{name} = {value!r}" for name, value in values.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def council_repository(root: Path) -> Site:
    """Commits in Kyiv time (+02:00): the news item is published on 10 March, edited twice after,
    renamed once; a scheduled item is edited before its date."""
    site = Site(root / "repo")
    git(root, "init", "-q", "-b", "main", str(site.root))
    site.write("departments.yml", DEPARTMENTS)
    site.write("news/2025/mist.md", NEWS.format(body="Міст закрито на ремонт."))
    site.write("news/2025/voda.md", LATER)
    commit(site.root, "Новина про міст і анонс про воду", "2025-03-10T09:30:00+02:00")
    site.write("news/2025/voda.md", LATER.replace("заздалегідь", "заздалегідь і виправлений"))
    commit(site.root, "Уточнено анонс до публікації", "2025-03-15T12:00:00+02:00")
    site.write("news/2025/mist.md", NEWS.format(body="Міст закрито на ремонт до 1 квітня."))
    commit(site.root, "Додано строк ремонту", "2025-03-11T08:15:00+02:00")
    git(site.root, "mv", "content/news/2025/mist.md", "content/news/2025/mist-cherez-smotrych.md")
    commit(site.root, "Файл новини перейменовано", "2025-03-12T10:00:00+02:00")
    site.write("news/2025/mist-cherez-smotrych.md", NEWS.format(body="Міст закрито на ремонт до 1 квітня. Об’їзд — вулицею Шевченка."))
    commit(site.root, "Виправлено <помилку> & строк", "2025-03-14T16:45:00+02:00")
    return site


def page_of(output: Path, name: str) -> str:
    found = [p for p in output.rglob("index.html") if name in p.parent.name]
    assert len(found) == 1, found
    return found[0].read_text(encoding="utf-8")


def history_section(page: str) -> str:
    found = re.search(r'<section class="history".*?</section>', page, re.S)
    return found.group(0) if found else ""


def test_one_log_parsed_follows_the_rename_and_keeps_the_file_as_named_now(tmp_path):
    site = council_repository(tmp_path)
    raw = subprocess.run(["git", "-C", str(site.content), *LOG_ARGS], capture_output=True, check=True).stdout
    history = parse(raw)
    assert set(history.files) == {"departments.yml", "news/2025/voda.md", "news/2025/mist-cherez-smotrych.md"}
    touches = history.files["news/2025/mist-cherez-smotrych.md"]
    assert [t.commit.summary for t in touches] == ["Новина про міст і анонс про воду", "Додано строк ремонту",
                                                   "Файл новини перейменовано", "Виправлено <помилку> & строк"]
    assert touches[0].added and touches[2].renamed_from == "news/2025/mist.md"


def test_the_item_page_lists_its_changes_after_publication(tmp_path):
    site = council_repository(tmp_path)
    build = site.build(settings=settings_file(tmp_path, VISNYK_REPOSITORY_URL="https://github.com/rada/visnyk"))
    assert build.returncode == 0, build.text
    page = page_of(build.output, "remont-mosta")
    section = history_section(page)
    items = re.findall(r"<li>(.*?)</li>", section)
    assert len(items) == 3, section  # two edits and the rename, oldest first; not the first version
    assert "11 березня 2025 року, 08:15" in items[0] and "Додано строк ремонту" in items[0]
    assert "Файл новини перейменовано" in items[1]
    assert "Виправлено &lt;помилку&gt; &amp; строк" in items[2]  # a commit's summary is text, escaped
    sha = git(site.root, "rev-parse", "HEAD").strip()
    assert f'href="https://github.com/rada/visnyk/commit/{sha}"' in items[2]
    # `modified` comes from the last change, since the file sets none.
    assert '<dt>Оновлено</dt><dd><time datetime="2025-03-14T16:45:00+02:00">' in page
    # The scheduled item edited before its publication has no history and no `modified`.
    later = page_of(build.output, "voda-v")
    assert not history_section(later) and "<dt>Оновлено</dt>" not in later


def test_the_same_commits_give_the_same_site(tmp_path):
    """Two clones (other paths, other file times, the other's clock) of the same commits: the same bytes."""
    site = council_repository(tmp_path)
    git(tmp_path, "clone", "-q", str(site.root), str(tmp_path / "clone"))
    settings = settings_file(tmp_path)
    first = site.build(settings=settings, output=tmp_path / "out1")
    second = Site(tmp_path / "clone").build(settings=settings, output=tmp_path / "out2")
    assert first.returncode == 0 and second.returncode == 0, first.text + second.text
    names = sorted(p.relative_to(first.output) for p in first.output.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(second.output) for p in second.output.rglob("*") if p.is_file())
    for name in names:
        assert (first.output / name).read_bytes() == (second.output / name).read_bytes(), name
    assert "Історія змін" in page_of(first.output, "remont-mosta")


def test_a_build_outside_git_works_and_says_it_has_no_history(tmp_path):
    site = council_repository(tmp_path)
    shutil.rmtree(site.root / ".git")  # a tarball of the repository
    build = site.build(settings=settings_file(tmp_path))
    assert build.returncode == 0, build.text
    assert "Історія змін: папка змісту не в git-репозиторії" in build.stderr
    assert "Історія змін" not in page_of(build.output, "remont-mosta")


def test_without_github_each_change_is_a_page_of_the_site(tmp_path):
    site = council_repository(tmp_path)
    build = site.build(settings=settings_file(tmp_path))
    assert build.returncode == 0, build.text
    item = next(build.output.glob("news/2025/remont-mosta*/index.html"))
    links = re.findall(r'<a href="([^"]+)">що змінилося</a>', history_section(item.read_text(encoding="utf-8")))
    assert len(links) == 3
    pages = [(item.parent / link / "index.html").resolve() for link in links]
    assert all(page.is_file() for page in pages), links  # no dead link
    last = pages[-1].read_text(encoding="utf-8")
    assert last.count("<h1>") == 1 and 'lang="uk"' in last
    assert "Опис зміни: Виправлено &lt;помилку&gt; &amp; строк." in last
    assert "<ins>+ Міст закрито на ремонт до 1 квітня. Об’їзд — вулицею Шевченка.</ins>" in last
    assert "<del>− Міст закрито на ремонт до 1 квітня.</del>" in last
    assert "Рядків додано: 1, вилучено: 1" in last
    renamed = pages[1].read_text(encoding="utf-8")
    assert "Файл перейменовано (був news/2025/mist.md)" in renamed and "Рядків додано: 0, вилучено: 0" in renamed
    # The scheduled item's pre-publication edit has no page; nothing else under changes/ was written.
    assert sorted(build.output.rglob("changes/*/index.html")) == sorted(pages)


def test_the_repository_setting_is_a_github_address_or_nothing():
    from visnyk.adapters.build.settings import SettingsError, validated

    for good in ("", "https://github.com/rada-yasnohirsk/visnyk", "https://github.com/o/site.github.io"):
        assert validated({"VISNYK_REPOSITORY_URL": good})["VISNYK_REPOSITORY_URL"] == good
    for bad in ("http://github.com/o/r", "https://github.com/o", "https://gitlab.com/o/r",
                'https://github.com/o/r"><script>', "javascript:alert(1)//github.com/o/r"):
        with pytest.raises(SettingsError, match="VISNYK_REPOSITORY_URL: expected '' or https://github.com/OWNER/NAME"):
            validated({"VISNYK_REPOSITORY_URL": bad})


def test_the_deploy_workflow_fetches_the_whole_history():
    import yaml

    flow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    build = flow["jobs"]["build"]["steps"]
    checkout = next(s for s in build if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    publish = next(s for s in build if s.get("run") == "./visnyk publish")
    assert "VISNYK_REPOSITORY_URL" in publish["env"]
    settings: dict = {"__file__": str(ROOT / "publishconf.py")}
    exec((ROOT / "publishconf.py").read_text(encoding="utf-8"), settings)
    assert settings["VISNYK_HISTORY"] is True
