"""Signing in to the web editor with a personal access token (issue 28, point 5): no OAuth helper to run.

A site built with the editor on (the GitHub backend, as deployed), served from tmp_path and opened in Chromium.
GitHub is not reachable here, so its API is answered by Playwright's `page.route` — the only fake: a wrong
token is refused (401), a token without write access is told so, a good one is kept where Decap restores its
session from and reaches the collections list; Decap's «Вийти» forgets it.
"""

from __future__ import annotations

import html
import json
import re

from conftest import DEPARTMENTS, ROOT, Site, item, serving

REPO = "rada/visnyk"
TOKENS = {"github_pat_good": True, "github_pat_reader": False}  # token → may it write (permissions.push)
USER = {"login": "olena-koval", "name": "Олена Коваль", "avatar_url": "", "id": 1}


def answer(route, calls: list[str]) -> None:
    """GitHub's API as the editor meets it, for the tokens above (an unknown one: 401 Bad credentials)."""
    request = route.request
    calls.append(request.url)
    token = (request.headers.get("authorization") or "").removeprefix("token ").removeprefix("Bearer ")
    path = request.url.split("api.github.com", 1)[1].split("?", 1)[0]

    def reply(status: int, body) -> None:
        route.fulfill(status=status, content_type="application/json", body=json.dumps(body),
                      headers={"Access-Control-Allow-Origin": "*"})

    if request.method == "OPTIONS":
        return route.fulfill(status=204, headers={"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "*",
                                                  "Access-Control-Allow-Methods": "GET, POST, PUT, PATCH, DELETE"})
    if token not in TOKENS:
        return reply(401, {"message": "Bad credentials"})
    if path == "/user":
        return reply(200, USER)
    if path == f"/repos/{REPO}":
        return reply(200, {"full_name": REPO, "owner": {"login": "rada"}, "default_branch": "main", "private": False,
                           "permissions": {"admin": False, "push": TOKENS[token], "pull": True}})
    if "/git/trees/" in path:
        return reply(200, {"sha": "0" * 40, "tree": [], "truncated": False})
    if "/branches/" in path:
        return reply(200, {"name": "main", "commit": {"sha": "0" * 40}})
    return reply(404, {"message": "Not Found"})


def test_a_token_signs_in_without_an_oauth_helper_and_a_bad_one_is_told_in_ukrainian(tmp_path, browser):
    site = Site(tmp_path)
    site.write("departments.yml", DEPARTMENTS)
    site.write("news/2025/a.md", item(date="2025-12-12 10:00"))
    for name in ("theme", "plugins"):  # pelicanconf.py's paths are relative to the settings file
        (tmp_path / name).symlink_to(ROOT / name)
    settings = tmp_path / "editorconf.py"  # as publishconf.py: the editor on, signing in to GitHub
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"VISNYK_EDITOR = True\nVISNYK_EDITOR_REPO = {REPO!r}\nVISNYK_EDITOR_LOCAL = ''\n")
    build = site.build(settings=str(settings), env={"VISNYK_EDITOR_LOCAL": ""})
    assert build.returncode == 0, build.text
    admin = (build.output / "admin" / "index.html").read_text(encoding="utf-8")
    policy = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', admin).group(1))
    connect = next(d for d in policy.split("; ") if d.startswith("connect-src")).split()[1:]
    assert connect == ["'self'", "blob:", "https://api.github.com"], policy  # GitHub's API and nothing else
    calls: list[str] = []
    with serving(build.output) as base:
        page = browser.new_page(viewport={"width": 360, "height": 740})
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.route("https://api.github.com/**", lambda route: answer(route, calls))
        try:
            page.goto(f"{base}/admin/")
            panel = page.locator("#visnyk-token")
            panel.get_by_role("heading", name="Увійти з токеном доступу").wait_for()
            alert = panel.get_by_role("alert")
            for token, said in (("github_pat_expired", "GitHub не прийняв токен"),
                                ("github_pat_reader", "дозволяє лише читати репозиторій rada/visnyk")):
                page.fill("#visnyk-token-field", token)
                panel.get_by_role("button", name="Увійти з токеном").click()
                page.wait_for_function("() => document.querySelector('#visnyk-token [role=alert]').textContent")
                assert said in alert.inner_text(), alert.inner_text()
                assert page.evaluate("localStorage.getItem('decap-cms-user')") is None
            assert panel.evaluate("e => e.scrollWidth <= document.documentElement.clientWidth")  # fits 360 px

            page.fill("#visnyk-token-field", "github_pat_good")
            panel.get_by_role("button", name="Увійти з токеном").click()
            page.get_by_role("link", name="Новини").first.wait_for(timeout=60_000)  # the collections list
            stored = json.loads(page.evaluate("localStorage.getItem('decap-cms-user')"))
            assert stored["backendName"] == "github" and stored["token"] == "github_pat_good", stored
            assert page.locator("#visnyk-token").is_hidden()

            # «Вийти» (Decap's own, in the account menu): the browser forgets the token; the form is back.
            page.locator("[class*=AvatarDropdownButton], [class*=AppHeaderButton]").last.click()
            page.get_by_role("menuitem", name="Вийти").click()
            panel.get_by_role("heading", name="Увійти з токеном доступу").wait_for()
            assert page.evaluate("localStorage.getItem('decap-cms-user')") is None
        finally:
            page.close()
    assert any(c.endswith("/user") for c in calls) and any(c.endswith(f"/repos/{REPO}") for c in calls), calls
    hosts = {r.split("/")[2] for r in requests if r.startswith("http")}
    assert hosts <= {base.split("/")[2], "api.github.com"}, hosts
