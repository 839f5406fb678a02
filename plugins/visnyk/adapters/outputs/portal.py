"""Keeping the national portal up to date: each set of the built site's catalogue becomes (or updates) a
package on a CKAN site (data.gov.ua) through its action API, its resources linking the files on our site.

Off unless asked: `./visnyk portal` after `./visnyk publish`, with the token in VISNYK_PORTAL_TOKEN (a
repository secret in the nightly run). The calls made: package_show, then package_create or package_patch.
A resource already on the portal with the same URL keeps its id, so the portal's links and counters survive."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from ...domain.datasets.ckan import CatalogueError, Package, packages

CATALOGUE = Path("opendata") / "catalog.jsonld"


class PortalError(RuntimeError):
    """The portal refused or could not be reached: a Ukrainian message, no traceback."""


def _caller(api: str, token: str, timeout: float) -> Callable[[str, dict], dict]:
    base = api.rstrip("/") + "/api/3/action/"

    def call(action: str, payload: dict) -> dict:
        request = urllib.request.Request(
            base + action, data=json.dumps(payload, ensure_ascii=False).encode("utf-8"), method="POST",
            headers={"Content-Type": "application/json; charset=utf-8", "Authorization": token})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            try:
                answer = json.loads(error.read().decode("utf-8"))
            except ValueError:
                answer = {"success": False, "error": {"message": f"HTTP {error.code}"}}
            if error.code in (401, 403):
                raise PortalError(f"портал відмовив у доступі ({action}, HTTP {error.code}): перевірте токен "
                                  "VISNYK_PORTAL_TOKEN і права організації") from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise PortalError(f"портал {api} недоступний ({action}): {error}") from None
        return answer

    return call


def _resources(package: Package, existing: list[dict]) -> list[dict]:
    by_url = {r.get("url"): r.get("id") for r in existing}
    return [{**r, "id": by_url[r["url"]]} if by_url.get(r["url"]) else dict(r) for r in package.resources]


def sync(output: Path, api: str, token: str, org: str, timeout: float = 60.0) -> list[str]:
    """Every set of output/opendata/catalog.jsonld onto the portal; returns what was done, a line a set."""
    if not token:
        raise PortalError("немає токена порталу: задайте VISNYK_PORTAL_TOKEN (секрет репозиторію)")
    if not org:
        raise PortalError("не вказано організацію на порталі: задайте VISNYK_PORTAL_ORG")
    path = output / CATALOGUE
    try:
        catalogue = json.loads(path.read_text(encoding="utf-8"))
        wanted = packages(catalogue, org)
    except FileNotFoundError:
        raise PortalError(f"немає каталогу {path}: спершу зберіть сайт (./visnyk publish)") from None
    except CatalogueError as error:
        raise PortalError(str(error)) from None
    call = _caller(api, token, timeout)
    done = []
    for package in wanted:
        found = call("package_show", {"id": package.name})
        if found.get("success"):
            existing = found["result"].get("resources", [])
            answer = call("package_patch", {"id": found["result"]["id"], **package.fields,
                                            "resources": _resources(package, existing)})
            verb = "оновлено"
        else:
            answer = call("package_create", {**package.fields, "resources": _resources(package, [])})
            verb = "створено"
        if not answer.get("success"):
            message = (answer.get("error") or {}).get("message", answer.get("error"))
            raise PortalError(f"набір «{package.name}»: портал відповів помилкою: {message}")
        done.append(f"{package.name}: {verb}")
    return done
