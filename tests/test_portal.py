"""Keeping the portal up to date (issue 27): `./visnyk portal` against a local stand-in of the CKAN action API
calls we make (package_show, package_create, package_patch). Not the real data.gov.ua: README says what that
leaves untested."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import ROOT, Site, item
from visnyk.adapters.outputs.portal import PortalError, sync

TOKEN = "test-token-not-a-secret"


class Ckan:
    """The few CKAN actions we call, in memory, refusing a wrong token as the portal does (403)."""

    def __init__(self):
        self.packages: dict[str, dict] = {}
        self.calls: list[str] = []
        self.next_id = 0

    def new_id(self) -> str:
        self.next_id += 1
        return f"id-{self.next_id}"

    def handle(self, action: str, token: str, payload: dict) -> tuple[int, dict]:
        self.calls.append(action)
        if token != TOKEN:
            return 403, {"success": False, "error": {"message": "Access denied"}}
        if action == "package_show":
            found = self.packages.get(payload["id"]) or next(
                (p for p in self.packages.values() if p["id"] == payload["id"]), None)
            return (200, {"success": True, "result": found}) if found else (
                404, {"success": False, "error": {"__type": "Not Found Error", "message": "Not found"}})
        if action in ("package_create", "package_patch"):
            if action == "package_create":
                package = {**payload, "id": self.new_id()}
            else:
                package = next(p for p in self.packages.values() if p["id"] == payload["id"])
                package.update({k: v for k, v in payload.items() if k != "id"})
            package["resources"] = [{**r, "id": r.get("id") or self.new_id()} for r in payload["resources"]]
            self.packages[package["name"]] = package
            return 200, {"success": True, "result": package}
        return 400, {"success": False, "error": {"message": f"unknown action {action}"}}


@contextmanager
def stand_in():
    ckan = Ckan()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            action = self.path.removeprefix("/api/3/action/")
            payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8"))
            status, answer = ckan.handle(action, self.headers.get("Authorization", ""), payload)
            body = json.dumps(answer).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield ckan, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    from conftest import DEPARTMENTS

    site = Site(tmp_path_factory.mktemp("portal"))
    site.write("departments.yml", DEPARTMENTS)
    site.write("news/a.md", item(date="2025-03-14 10:00"))
    built = site.build("-e", 'SITEURL="https://rada.example"')
    assert built.returncode == 0, built.text
    return built.output


def portal_task(output: Path, api: str, token: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VISNYK_PORTAL")}
    env.update({"VISNYK_PORTAL_URL": api, "VISNYK_PORTAL_ORG": "yasnohirsk-rada"})
    if token is not None:
        env["VISNYK_PORTAL_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "invoke", "portal", "--output", str(output)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_nightly_step_creates_then_updates_every_set_keeping_resource_ids(published):
    with stand_in() as (ckan, api):
        first = portal_task(published, api, TOKEN)
        assert first.returncode == 0, first.stdout + first.stderr
        catalogue = json.loads((published / "opendata/catalog.jsonld").read_text("utf-8"))
        names = [d["dct:identifier"] for d in catalogue["@graph"][0]["dcat:dataset"]]
        assert sorted(ckan.packages) == sorted(names)
        assert first.stdout.split("\n")[:len(names)] == [f"{n}: створено" for n in names]
        register = ckan.packages["00000000-register"]
        assert register["owner_org"] == "yasnohirsk-rada" and register["license_id"] == "cc-by"
        assert [r["url"] for r in register["resources"]] == [
            "https://rada.example/stats/register.csv", "https://rada.example/stats/register.tableschema.json"]
        ids = {n: [r["id"] for r in p["resources"]] for n, p in ckan.packages.items()}

        second = portal_task(published, api, TOKEN)
        assert second.returncode == 0, second.stdout + second.stderr
        assert "package_create" not in ckan.calls[len(ckan.calls) - 2 * len(names):]
        assert {n: [r["id"] for r in p["resources"]] for n, p in ckan.packages.items()} == ids


def test_off_without_a_token_and_a_refused_token_is_a_ukrainian_error(published):
    with stand_in() as (ckan, api):
        off = portal_task(published, api, None)
        assert off.returncode == 0 and "вимкнено" in off.stdout and ckan.calls == []
        refused = portal_task(published, api, "wrong")
        assert refused.returncode == 1
        assert "портал відмовив у доступі" in refused.stderr + refused.stdout
        assert "Traceback" not in refused.stderr and "wrong" not in refused.stderr + refused.stdout
        assert ckan.packages == {}


def test_a_site_built_without_its_address_is_refused_before_any_call(demo):
    with stand_in() as (ckan, api):
        with pytest.raises(PortalError, match="відносна"):
            sync(demo, api, TOKEN, "org")
        assert ckan.calls == []
