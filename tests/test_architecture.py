"""The layering, checked on the code itself (`ast`, no import of the plugin), not just described.

The plugin (plugins/visnyk/) has three layers, each made of capabilities — a capability is a package of
a layer (`domain/counting/`, `adapters/preview/`); a module lying directly in a layer's folder counts as a
capability of its own (only `adapters/plugin.py`, the wiring, is meant to stay there):
- `domain/`: the council's rules. Imports no Pelican, Jinja, python-docx, adapter or renderer.
- `render/`: the report document drawn as Markdown, Word, PDF. Imports the domain, never Pelican or an adapter.
- `adapters/`: the thin layer Pelican calls. May import the domain and the renderers.
Between capabilities: a module whose name starts with `_` is private to its package; no other
capability imports it. And there is no circle: neither between modules nor between capabilities
(imports inside functions count — a lazy import hides a circle, it does not remove it).
docs/developers.md ("Architecture") draws the same picture.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from conftest import ROOT

PLUGIN = ROOT / "plugins" / "visnyk"
LAYERS = ("domain", "adapters", "render")
# What each layer must never import: third-party roots and our own layers.
FORBIDDEN = {
    "domain": {"pelican", "jinja2", "markupsafe", "docx", "visnyk.adapters", "visnyk.render", "visnyk.documents"},
    "render": {"pelican", "jinja2", "visnyk.adapters", "visnyk.documents"},
    "adapters": {"visnyk.documents"},
}
FLAT_ALLOWED = {"adapters/plugin"}
MAX_LINES = 420  # "no module over ~400 lines"
# None left: the preview's site.py (748 lines after issue 33) was split into hooks, searching, processes and theme.
TOO_LONG_FOR_NOW: set[str] = set()
# No known circle: svg.py and originals.py both use domain/media/metadata.py (the byte cleaners), not each other.
KNOWN_CIRCLES: list[set[str]] = []


def modules(root: Path = PLUGIN) -> dict[str, Path]:
    """'domain/content/items' → its file, for every module of the plugin (packages as their __init__)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        rel = path.relative_to(root).with_suffix("")
        name = "/".join(rel.parts[:-1]) if rel.name == "__init__" else "/".join(rel.parts)
        found[name] = path
    return found


def dotted_imports(path: Path, name: str, is_package: bool) -> list[tuple[str, int]]:
    """Every import in a module (anywhere in it), as absolute dotted names with the line."""
    package = ["visnyk"] + name.split("/")[: None if is_package else -1] if name else ["visnyk"]
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((module, node.lineno))
            found += [(f"{module}.{alias.name}", node.lineno) for alias in node.names]
    return found


def graph(root: Path = PLUGIN) -> tuple[dict[str, set[str]], dict[tuple[str, str], str]]:
    """Module → the plugin's modules it imports; and where (file:line) each edge is written."""
    known = modules(root)
    edges: dict[str, set[str]] = {name: set() for name in known}
    where: dict[tuple[str, str], str] = {}
    for name, path in known.items():
        for module, line in dotted_imports(path, name, path.name == "__init__.py"):
            if module != "visnyk" and not module.startswith("visnyk."):
                continue
            target = module[len("visnyk."):].replace(".", "/") if module != "visnyk" else ""
            if target in known and target != name:
                edges[name].add(target)
                where.setdefault((name, target), f"{path.relative_to(root.parents[1])}:{line}")
    return edges, where


def capability(name: str) -> str:
    """'domain/content/items' → 'domain/content'; a flat module is its own capability; the package root is 'visnyk'."""
    parts = name.split("/")
    if not name or parts[0] not in LAYERS or len(parts) == 1:
        return "visnyk" if not name else parts[0]
    return "/".join(parts[:2])


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The circles of a directed graph (one per strongly connected component of more than one node)."""
    index, low, stack, on, out, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                other = stack.pop()
                on.discard(other)
                component.append(other)
                if other == node:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def layer_violations(root: Path = PLUGIN) -> list[str]:
    problems = {}
    for name, path in modules(root).items():
        layer = name.split("/")[0]
        for module, line in dotted_imports(path, name, path.name == "__init__.py"):
            for bad in FORBIDDEN.get(layer, ()):
                if module == bad or module.startswith(bad + "."):
                    where = f"{path.relative_to(root.parents[1])}:{line}"
                    problems.setdefault(where, f"{where}: {layer} imports {module}")  # one per import statement
    return sorted(problems.values())


def private_violations(root: Path = PLUGIN) -> list[str]:
    edges, where = graph(root)
    problems = []
    for name, targets in edges.items():
        for target in targets:
            private = any(part.startswith("_") and part != "__init__" for part in target.split("/"))
            if private and capability(target) != capability(name):
                problems.append(f"{where[name, target]}: {name} reaches into {target}, private to {capability(target)}")
    return sorted(problems)


def capability_cycles(root: Path = PLUGIN) -> list[list[str]]:
    edges, _ = graph(root)
    between: dict[str, set[str]] = {}
    for name, targets in edges.items():
        for target in targets:
            a, b = capability(name), capability(target)
            between.setdefault(a, set())
            if a != b:
                between[a].add(b)
    return cycles(between)


def test_domain_and_render_import_neither_pelican_nor_adapters():
    assert layer_violations() == []


def test_no_capability_reaches_into_another_ones_private_module():
    assert private_violations() == []


def test_no_circle_between_modules():
    edges, where = graph()
    found = [c for c in cycles(edges) if {name.rsplit("/", 1)[-1] for name in c} not in KNOWN_CIRCLES]
    assert found == [], "\n".join(
        " → ".join(c) + "  (" + ", ".join(where[a, b] for a in c for b in c if (a, b) in where) + ")" for c in found)


def test_no_circle_between_capabilities():
    found = [c for c in capability_cycles() if {name.rsplit("/", 1)[-1] for name in c} not in KNOWN_CIRCLES]
    assert found == []


def test_every_module_is_short_enough():
    long = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in modules().items()}
    assert {name: n for name, n in long.items() if n > MAX_LINES and name not in TOO_LONG_FOR_NOW} == {}


def test_every_module_lives_in_a_capability():
    """A layer's folder holds packages, one per capability: where the next capability goes is a new package."""
    flat = sorted(f"{layer}/{path.name}" for layer in LAYERS for path in (PLUGIN / layer).glob("*.py")
                  if path.name != "__init__.py" and f"{layer}/{path.stem}" not in FLAT_ALLOWED)
    assert [name for name in flat if not name.startswith("render/")] == []
    for package in sorted(p for layer in ("domain", "adapters") for p in (PLUGIN / layer).iterdir() if p.is_dir()
                          and p.name != "__pycache__"):
        init = package / "__init__.py"
        assert init.is_file(), f"{package} has no __init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{init}: say what the capability is"


# The checks themselves, on a small plugin written in tmp_path: each fails when its rule is broken.
def write(root: Path, files: dict[str, str]) -> Path:
    plugin = root / "plugins" / "visnyk"
    for name, text in files.items():
        path = plugin / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [plugin, *[p for p in plugin.rglob("*") if p.is_dir()]]:
        (folder / "__init__.py").touch()
    return plugin


def test_the_checks_see_a_domain_importing_pelican_or_an_adapter(tmp_path):
    plugin = write(tmp_path, {
        "domain/counting/counting.py": "def f():\n    from pelican import signals\n",
        "domain/counting/chart.py": "from ...adapters.build import state\n",
        "adapters/build/state.py": "from ...domain.counting import counting\n",
    })
    assert layer_violations(plugin) == [
        "plugins/visnyk/domain/counting/chart.py:1: domain imports visnyk.adapters.build",
        "plugins/visnyk/domain/counting/counting.py:2: domain imports pelican",
    ]


def test_the_checks_see_a_private_module_reached_from_outside(tmp_path):
    plugin = write(tmp_path, {
        "domain/cycle/_rules.py": "X = 1\n",
        "domain/cycle/cycle.py": "from ._rules import X\n",
        "domain/reports/reports.py": "from ..cycle._rules import X\n",
    })
    assert private_violations(plugin) == [
        "plugins/visnyk/domain/reports/reports.py:1: domain/reports/reports reaches into domain/cycle/_rules, "
        "private to domain/cycle"]


def test_the_checks_see_circles(tmp_path):
    plugin = write(tmp_path, {
        "domain/a/one.py": "from ..b import two\n",
        "domain/b/two.py": "def f():\n    from ..a.three import X\n",
        "domain/a/three.py": "X = 1\n",
    })
    assert capability_cycles(plugin) == [["domain/a", "domain/b"]]
    assert cycles(graph(plugin)[0]) == []  # modules: one → two → three, no circle
    (plugin / "domain/a/three.py").write_text("from . import one\nX = 1\n", encoding="utf-8")
    assert cycles(graph(plugin)[0]) == [["domain/a/one", "domain/a/three", "domain/b/two"]]
