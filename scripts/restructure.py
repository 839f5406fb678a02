#!/usr/bin/env python3
"""Issue 24: one package per capability in each layer, applied as a codemod (run once, then deleted).

Run from the repository root with the project's Python, on a clean work tree:

    .venv/bin/python scripts/restructure.py            # moves (git mv), rewrites, prints a report
    .venv/bin/python scripts/restructure.py --dry-run  # only prints what it would do

Why a script and not a hand-made commit: other branches were still changing these modules; the lead
merges them first and then runs this on the final main, so nothing conflicts. It is idempotent: a
module whose old file is gone is taken as moved already, and only what moves in this run is rewritten
(so `domain/counting.py` → `domain/counting/counting.py` never becomes `counting/counting/counting`).

What it does, in order:
1. `git mv` every module of MOVES (and FILES, the non-Python files that must stay beside their module),
   and writes each new package's `__init__.py` with the docstring of PACKAGES.
2. Rewrites every import in every .py file under plugins/, tests/, benchmarks/ and in tasks.py,
   pelicanconf.py, publishconf.py — by `ast`: each import is resolved from the file's OLD place to an
   absolute module, mapped, and written back in the same style (relative stays relative, with the
   depth of the file's NEW place; absolute stays absolute). `from . import a, b` whose names now live
   in different packages becomes one line per package.
3. Fixes paths computed from `__file__` in moved modules whose depth changed
   (`os.path.dirname(os.path.dirname(...__file__))`, `Path(__file__)...parents[N]`); a sibling file
   (one dirname) moves with its module, so it is left alone. Any other `__file__` use is listed.
4. Rewrites mentions of the moved modules' paths and dotted names in .py, .md, .yml, .txt, .ini files
   (`plugins/visnyk/domain/scan.py`, `domain/scan.updated`, `adapters/preview.py`, `visnyk.domain.scan`).
5. Prints a report: what moved, which files were rewritten, and any module still in a flat layer folder
   (a module added after this script was written: the lead places it by hand and adds it to MOVES).
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path.cwd()
PLUGIN = Path("plugins/visnyk")

# old module (relative to plugins/visnyk, without .py) → new module. Layers: domain (no Pelican), adapters
# (Pelican's side), render (the report document drawn as Word/PDF/Markdown, unchanged by this script).
MOVES: dict[str, str] = {
    # domain/common: the typed records and the few things every capability speaks
    "domain/model": "domain/common/model",
    "domain/problems": "domain/common/problems",
    "domain/clock": "domain/common/clock",
    # domain/language: Ukrainian as the site writes it
    "domain/wording": "domain/language/wording",
    "domain/alphabet": "domain/language/alphabet",
    "domain/typography": "domain/language/typography",
    "domain/lemmas": "domain/language/lemmas",
    "domain/stemmer": "domain/language/stemmer",
    # domain/navigation: where a page lives and how one gets there
    "domain/urls": "domain/navigation/urls",
    "domain/slugs": "domain/navigation/slugs",
    "domain/breadcrumbs": "domain/navigation/breadcrumbs",
    # domain/content: the content contract — one editor's file → a validated item, or its problems
    "domain/source": "domain/content/source",
    "domain/body": "domain/content/body",
    "domain/placeholders": "domain/content/placeholders",
    "domain/fields": "domain/content/fields",
    "domain/items": "domain/content/items",
    "domain/checks": "domain/content/checks",
    "domain/registry": "domain/content/registry",
    # domain/media: pictures and attached files as a citizen downloads them
    "domain/images": "domain/media/images",
    "domain/originals": "domain/media/originals",
    "domain/svg": "domain/media/svg",
    "domain/attachments": "domain/media/attachments",
    # domain/counting: what was published, counted, charted and given as open data
    "domain/counting": "domain/counting/counting",
    "domain/statistics": "domain/counting/statistics",
    "domain/chart": "domain/counting/chart",
    "domain/opendata": "domain/counting/opendata",
    # domain/cycle: meetings, drafts and decisions with their legal deadlines
    "domain/cycle": "domain/cycle/cycle",
    "domain/meetings": "domain/cycle/meetings",
    "domain/ics": "domain/cycle/ics",
    "domain/compliance": "domain/cycle/compliance",
    "domain/workdays": "domain/cycle/workdays",
    # domain/reports: department reports and the official document they become
    "domain/reports": "domain/reports/reports",
    "domain/document": "domain/reports/document",
    # domain/site: the whole content folder at once (check, report, new)
    "domain/scan": "domain/site/scan",
    "domain/scaffold": "domain/site/scaffold",
    # domain/search: what the search index holds
    "domain/searchindex": "domain/search/searchindex",
    # domain/editor: the web editor's declaration
    "domain/editor": "domain/editor/editor",
    # adapters/build: one Pelican build's settings, state, strictness and Jinja
    "adapters/state": "adapters/build/state",
    "adapters/settings": "adapters/build/settings",
    "adapters/strict": "adapters/build/strict",
    "adapters/templating": "adapters/build/templating",
    # adapters/content: editors' files and their pictures into the build
    "adapters/contract": "adapters/content/contract",
    "adapters/reader": "adapters/content/reader",
    "adapters/files": "adapters/content/files",
    "adapters/images": "adapters/content/images",
    "adapters/originals": "adapters/content/originals",
    # adapters/outputs: the pages and files the site publishes besides the items
    "adapters/pages": "adapters/outputs/pages",
    "adapters/sitemap": "adapters/outputs/sitemap",
    "adapters/stats": "adapters/outputs/stats",
    "adapters/meetings": "adapters/outputs/meetings",
    "adapters/reports": "adapters/outputs/reports",
    "adapters/search": "adapters/outputs/search",
    "adapters/editor": "adapters/outputs/editor",
    "adapters/votes": "adapters/outputs/votes",
    "adapters/acts": "adapters/outputs/acts",
    "adapters/opendata": "adapters/outputs/opendata",
    "adapters/portal": "adapters/outputs/portal",
    # adapters/rebuild: fast builds with byte-identical output
    "adapters/incremental": "adapters/rebuild/incremental",
    "adapters/fingerprint": "adapters/rebuild/fingerprint",
    "adapters/speed": "adapters/rebuild/speed",
    # adapters/preview: the live preview (follow-up: split site.py, 663 lines, once issue 33 is merged)
    "adapters/preview": "adapters/preview/site",
    "adapters/preview_memory": "adapters/preview/memory",
    "adapters/preview_server": "adapters/preview/server",
    "adapters/preview_writer": "adapters/preview/writer",
}
# Non-Python files that live beside a module and move with it (old → new, relative to plugins/visnyk).
FILES: dict[str, str] = {"adapters/preview.js": "adapters/preview/preview.js"}
# Modules that stay in a layer's folder on purpose: the plugin's wiring (it imports every capability).
STAYS = {"adapters/plugin", "domain/__init__", "adapters/__init__", "render/__init__"}
LAYERS = ("domain", "adapters")

PACKAGES: dict[str, str] = {
    "domain/common": "The typed records of the council's content (items, departments, types, statuses), the problems "
    "reported to editors, and council time (Europe/Kyiv): the vocabulary every other capability speaks. "
    "It imports no other capability.",
    "domain/language": "Ukrainian as the site writes it: every generated phrase with the right form for every number, "
    "the alphabetical order, the typography of official text, and the stemmer and lemmas that let word forms "
    "meet in search.",
    "domain/navigation": "Where each page lives and how one gets there: URLs, slugs by the official transliteration, "
    "and the breadcrumb trail from the home page.",
    "domain/content": "The content contract: an editor's file (bytes, front matter, Markdown body) becomes a validated "
    "item or every problem found in it, with file and line; the department registry and the checks that need "
    "the whole site.",
    "domain/media": "Pictures and attached files as a citizen downloads them: lead images judged and resized, originals "
    "published without camera metadata, SVG only as we write it, attachments with their type and size.",
    "domain/counting": "Counting what was published: one pass over the items, sums for any period, the statistics "
    "page's tables, bar charts, and the counts as open data.",
    "domain/cycle": "The council's decision cycle: meetings and their agendas, drafts and the decisions that adopt "
    "them, working days, the legal deadlines and how well they were kept, and the meetings' iCalendar feed.",
    "domain/reports": "Department reports: which exist and what each says, and the official document (ДСТУ 4163) "
    "the renderers in `visnyk.render` draw as Markdown, Word and PDF.",
    "domain/site": "The whole content folder at once, without Pelican: the walk and scan behind `check` and "
    "`report`, and `new`, which writes a correctly named file.",
    "domain/search": "What the site's search index holds for each page: stemmed words to match, readable words to show.",
    "domain/editor": "The web editor's declaration (Decap CMS config), generated from the content contract.",
    "adapters/build": "One Pelican build: every VISNYK_* setting checked, what the build knows about the council, strict "
    "mode, and the Jinja filters and globals templates use.",
    "adapters/content": "Editors' files into Pelican: the reader, the content contract inside the build, the one walk "
    "of the content folder, and the pictures and files it publishes or holds back.",
    "adapters/outputs": "The pages and files the site publishes besides the items: home and lists, statistics, "
    "meetings, department reports, search, the web editor, sitemap and robots.txt.",
    "adapters/rebuild": "Fast builds whose output stays byte-identical: warm rebuilds of only the changed pages, the "
    "digests they are keyed by, and linear replacements for Pelican's quadratic steps.",
    "adapters/preview": "The live preview: Pelican kept in one process, files watched, pages rendered when the browser "
    "asks, and open tabs told to reload.",
}

CODE_GLOBS = ("plugins/**/*.py", "tests/**/*.py", "benchmarks/**/*.py")
CODE_FILES = ("tasks.py", "pelicanconf.py", "publishconf.py")
TEXT_SUFFIXES = {".py", ".md", ".yml", ".yaml", ".txt", ".ini", ".cfg", ".toml", ".html", ".js"}
TEXT_ROOTS = ("plugins", "tests", "benchmarks", "docs", "theme")  # not scripts/: written for the new layout
TEXT_FILES = ("README.md", "tasks.py", "pelicanconf.py", "publishconf.py", "pytest.ini", "visnyk")


def dotted(module: str) -> str:
    return "visnyk." + module.replace("/", ".")


def git(*args: str, dry: bool = False) -> None:
    if dry:
        print("   git " + " ".join(args))
        return
    subprocess.run(["git", *args], check=True)


def package_of(path: Path) -> str:
    """The dotted package a .py file under plugins/ belongs to (for relative imports), or '' outside."""
    try:
        rel = path.relative_to("plugins")
    except ValueError:
        return ""
    parts = list(rel.with_suffix("").parts)
    return ".".join(parts[:-1]) if parts[-1] != "__init__" else ".".join(parts[:-1])


def is_package_file(path: Path) -> bool:
    return path.name == "__init__.py"


class Mapper:
    def __init__(self, moves: dict[str, str]):
        self.moves = {dotted(a): dotted(b) for a, b in moves.items()}

    def module(self, name: str) -> str:
        """A dotted module name (or a prefix of one, or a name inside one) after the moves."""
        for old, new in self.moves.items():
            if name == old or name.startswith(old + "."):
                return new + name[len(old):]
        return name


def resolve(node: ast.ImportFrom, package: str) -> str:
    if not node.level:
        return node.module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
    return ".".join(base + ([node.module] if node.module else []))


def relative(target: str, package: str) -> tuple[int, str]:
    """`from <level dots><module>` reaching `target` (a dotted name) from inside `package`."""
    here, there = package.split("."), target.split(".")
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    return len(here) - common + 1, ".".join(there[common:])


def render_from(level: int, module: str, names: list[ast.alias]) -> str:
    text = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
    return f"from {'.' * level}{module} import {text}"


def rewrite_imports(source: str, old_path: Path, new_path: Path, mapper: Mapper) -> str:
    """Every import of a moved module, rewritten for the file's new place (ast finds them, text keeps the rest)."""
    tree = ast.parse(source)
    old_pkg, new_pkg = package_of(old_path), package_of(new_path)
    lines = source.splitlines(keepends=True)
    edits: list[tuple[int, int, int, int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            absolute = resolve(node, old_pkg)
            if not (absolute == "visnyk" or absolute.startswith("visnyk.")):
                continue
            groups: dict[str, list[ast.alias]] = {}
            for alias in node.names:
                whole = mapper.module(absolute + "." + alias.name)
                if whole != absolute + "." + alias.name and whole.rsplit(".", 1)[1] == alias.name \
                        and mapper.module(absolute) == absolute:
                    target = whole.rsplit(".", 1)[0]  # `from . import wording`: the name is a moved module
                else:
                    target = mapper.module(absolute)
                groups.setdefault(target, []).append(alias)
            if node.level and list(groups) == [absolute] and old_pkg == new_pkg:
                continue
            if not node.level and list(groups) == [absolute]:
                continue
            texts = []
            for target, names in groups.items():
                if node.level and new_pkg:
                    level, module = relative(target, new_pkg)
                    texts.append(render_from(level, module, names))
                else:
                    texts.append(render_from(0, target, names))
            edits.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, texts))
        elif isinstance(node, ast.Import):
            names = [ast.alias(a.name if not a.name.startswith("visnyk.") else mapper.module(a.name), a.asname)
                     for a in node.names]
            if [a.name for a in names] != [a.name for a in node.names]:
                text = "import " + ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
                edits.append((node.lineno, node.col_offset, node.end_lineno, node.end_col_offset, [text]))
    for start, col, end, end_col, texts in sorted(edits, reverse=True):
        first, last = lines[start - 1], lines[end - 1]
        indent = first[:col]
        tail = last[end_col:]
        block = texts[0] + "".join("\n" + indent + t for t in texts[1:])
        lines[start - 1:end] = [indent + block + tail if tail else indent + block + "\n"]
    return "".join(lines)


FILE_DIRNAME = re.compile(r"((?:os\.path\.dirname\()+)(os\.path\.(?:abspath|realpath)\(__file__\)|__file__)(\)+)")
FILE_PARENTS = re.compile(r"(Path\(__file__\)(?:\.resolve\(\))?\.parents\[)(\d+)(\])")


def fix_file_paths(source: str, delta: int, where: str, notes: list[str]) -> str:
    """Paths computed from __file__ that climb above the module's own folder climb `delta` more."""
    if not delta:
        return source

    def dirnames(m: re.Match) -> str:
        count = m.group(1).count("dirname(")
        if count < 2:
            return m.group(0)  # the module's own folder: a sibling file moves with it
        closing = m.group(3)
        return "os.path.dirname(" * (count + delta) + m.group(2) + ")" * delta + closing

    source = FILE_DIRNAME.sub(dirnames, source)
    source = FILE_PARENTS.sub(lambda m: m.group(1) + str(int(m.group(2)) + delta) + m.group(3)
                              if int(m.group(2)) >= 1 else m.group(0), source)
    for number, line in enumerate(source.splitlines(), 1):
        if "__file__" in line and not FILE_DIRNAME.search(line) and not FILE_PARENTS.search(line):
            notes.append(f"{where}:{number}: uses __file__ — check by hand: {line.strip()}")
    return source


def mention_patterns(moves: dict[str, str], files: dict[str, str]) -> list[tuple[re.Pattern, object]]:
    """Paths and dotted names of the moved modules in prose, comments and strings."""
    patterns = []
    for old, new in files.items():
        patterns.append((re.compile(r"(?<![\w/.-])((?:plugins/)?(?:visnyk/)?)" + re.escape(old) + r"(?![\w/])"),
                         r"\g<1>" + new))
    # `domain/counting` is an old module and a new package: only `domain/counting.py` or `domain/counting.Counts`
    # is the module; the bare name may be the package already (docs written for the new layout).
    packages = {new.rsplit("/", 1)[0] for new in MOVES.values()}
    for old, new in sorted(moves.items(), key=lambda kv: -len(kv[0])):
        bare = r"|\.(?!\w)|(?![\w/.-])" if old not in packages else ""
        # a path: `domain/scan.py`, `domain/scan.updated`, `(domain/scan)`; never `domain/scan/…` (moved already)
        patterns.append((re.compile(r"(?<![\w/.-])((?:plugins/)?(?:visnyk/)?)" + re.escape(old)
                                    + r"(?!\.(?:js|md|css|html)\b)(?=\.py\b|\.[A-Za-z_]" + bare + ")"),
                         r"\g<1>" + new))
        # a dotted name: `visnyk.domain.scan`, `domain.scan.Walk`
        old_dot, new_dot = old.replace("/", "."), new.replace("/", ".")
        patterns.append((re.compile(r"(?<![\w.])((?:visnyk\.)?)" + re.escape(old_dot)
                                    + (r"(?![\w])" if old not in packages else r"(?=\.[A-Za-z_])")),
                         r"\g<1>" + new_dot))
    # a path built with `/` in Python: `ROOT / "plugins" / "visnyk" / "adapters" / "stats.py"`
    for old, new in moves.items():
        layer, name = old.split("/", 1)
        parts = new.split("/")
        patterns.append((re.compile(r'"' + re.escape(layer) + r'"(\s*/\s*)"' + re.escape(name) + r'\.py"'),
                         lambda m, parts=parts: m.group(1).join(f'"{p}"' for p in parts[:-1] + [parts[-1] + ".py"])))
    return patterns


def mention_outside_imports(source: str, patterns: list[tuple[re.Pattern, object]]) -> str:
    """Path mentions in a .py file's strings and comments; import lines are left to the `ast` rewrite."""
    imports = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.update(range(node.lineno, node.end_lineno + 1))
    lines = source.splitlines(keepends=True)
    for number, line in enumerate(lines, 1):
        if number not in imports:
            for pattern, repl in patterns:
                line = pattern.sub(repl, line)
            lines[number - 1] = line
    return "".join(lines)


def text_files(shipped: list[Path]) -> list[Path]:
    found: list[Path] = []
    for root in TEXT_ROOTS:
        for path in Path(root).rglob("*"):
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "node_modules" not in path.parts \
                    and "__pycache__" not in path.parts and path.name != "restructure.py":
                if path.parts[0] == "theme" and path.suffix != ".html":
                    shipped.append(path)  # copied into the site as it is: a changed comment changes the output
                    continue
                found.append(path)
    found += [Path(p) for p in TEXT_FILES if Path(p).is_file()]
    return sorted(set(found))


def code_files() -> list[Path]:
    found = {p for g in CODE_GLOBS for p in Path().glob(g) if "node_modules" not in p.parts}
    found |= {Path(p) for p in CODE_FILES if Path(p).is_file()}
    return sorted(p for p in found if p.name != "restructure.py")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true", help="print what would be done, change nothing")
    args = parser.parse_args(argv)
    dry = args.dry_run
    if not (PLUGIN / "__init__.py").is_file():
        print("restructure: run me from the repository root (plugins/visnyk/ not found)", file=sys.stderr)
        return 2

    pending = {old: new for old, new in MOVES.items() if (PLUGIN / (old + ".py")).is_file()}
    done = {old: new for old, new in MOVES.items() if old not in pending and (PLUGIN / (new + ".py")).is_file()}
    missing = sorted(set(MOVES) - set(pending) - set(done))
    pending_files = {old: new for old, new in FILES.items() if (PLUGIN / old).is_file()}
    for old in pending:
        if (PLUGIN / (MOVES[old] + ".py")).exists():
            print(f"restructure: both {old}.py and {MOVES[old]}.py exist — resolve by hand first", file=sys.stderr)
            return 2
    mapper = Mapper(pending)

    # 1. Read every code file at its old place and compute its new text before anything moves.
    old_to_new = {PLUGIN / (o + ".py"): PLUGIN / (n + ".py") for o, n in pending.items()}
    planned: dict[Path, tuple[Path, str, str]] = {}
    notes: list[str] = []
    patterns = mention_patterns(pending, pending_files)
    for path in code_files():
        source = path.read_text(encoding="utf-8")
        new_path = old_to_new.get(path, path)
        text = mention_outside_imports(source, patterns)
        text = rewrite_imports(text, path, new_path, mapper) if pending else text
        if path in old_to_new:
            delta = len(new_path.parts) - len(path.parts)
            text = fix_file_paths(text, delta, str(new_path), notes)
        planned[path] = (new_path, source, text)
    mentions: dict[Path, str] = {}
    shipped: list[Path] = []
    for path in text_files(shipped):
        if path.suffix == ".py" and path in planned:
            continue
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        text = source
        for pattern, repl in patterns:
            text = pattern.sub(repl, text)
        if text != source:
            mentions[path] = text

    # 2. Move (git mv keeps history), write packages, write the rewritten texts.
    print(f"restructure: {len(pending)} modules to move, {len(done)} moved already, {len(pending_files)} other files")
    for package, doc in PACKAGES.items():
        init = PLUGIN / package / "__init__.py"
        if not init.exists():
            print(f"  new package {init}")
            if not dry:
                init.parent.mkdir(parents=True, exist_ok=True)
                init.write_text(f'"""{wrap(doc)}"""\n', encoding="utf-8")
                git("add", str(init))
    for old, new in {**{o + ".py": n + ".py" for o, n in pending.items()}, **pending_files}.items():
        print(f"  git mv {PLUGIN / old} → {PLUGIN / new}")
        if not dry:
            (PLUGIN / new).parent.mkdir(parents=True, exist_ok=True)
            git("mv", str(PLUGIN / old), str(PLUGIN / new))
    rewritten = []
    for path, (new_path, source, text) in planned.items():
        if text != source:
            rewritten.append(new_path)
            if not dry:
                new_path.write_text(text, encoding="utf-8")
    moved_files = {PLUGIN / o: PLUGIN / n for o, n in pending_files.items()}
    for path, text in mentions.items():
        path = moved_files.get(path, path)  # a file that moved with its module is written at its new place
        rewritten.append(path)
        if not dry:
            path.write_text(text, encoding="utf-8")
    if not dry:
        for path in rewritten:
            compile_check(path)

    # 3. Report.
    print(f"restructure: rewrote {len(rewritten)} files (imports, __file__ depths, path mentions):")
    for path in sorted(set(rewritten)):
        print(f"  {path}")
    for note in notes:
        print(f"  note: {note}")
    for path in shipped:
        text = path.read_text(encoding="utf-8", errors="replace")
        if any(pattern.search(text) for pattern, _ in patterns):
            print(f"  note: {path} mentions a moved module but is published as it is; left unchanged so the "
                  f"output stays byte-identical — update its comment by hand if wanted")
    for old in missing:
        print(f"  warning: {old}.py is in the mapping but exists neither at its old nor its new place")
    flat = []
    for layer in LAYERS:
        for path in sorted((PLUGIN / layer).glob("*.py")):
            name = f"{layer}/{path.stem}"
            if name not in STAYS and name not in pending:
                flat.append(path)
    for path in flat:
        print(f"  warning: {path} is still in the flat {path.parent.name}/ folder: not in MOVES "
              f"(added after this script?) — place it by hand and fix its imports")
    if not flat:
        print("restructure: no module left in a flat layer folder (besides adapters/plugin.py, the wiring)")
    return 0


def wrap(text: str, width: int = 110) -> str:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def compile_check(path: Path) -> None:
    if path.suffix == ".py":
        try:
            ast.parse(path.read_text(encoding="utf-8"))
        except SyntaxError as error:
            print(f"  ERROR: {path} no longer parses after the rewrite: {error}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
