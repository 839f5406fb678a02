"""`invoke bench --preview`: the live preview measured as an editor meets it, in a real browser.

The synthetic archive (benchmarks/corpus.py) is copied to bench/N-sSEED/preview/ with a copy of the theme, and
`invoke livereload` runs on it in its own process with the settings users run (search on). Debian Chromium
(Playwright, as the tests drive it) keeps a tab open on the page an editor would look at while a file is
saved; each figure is the time from the end of the file's write to the new text (or style) in that tab's
DOM — the watcher, the rebuild, the event, the reload and the page's render included. Kinds:

- edit       — a sentence added to an item's body; the tab shows the item;
- new        — a new item, the newest; the tab shows its type's list;
- delete     — that item deleted again; the same list, until its title is gone;
- template   — base.html changed; the tab shows an item;
- css        — site.css changed; the computed style in the tab;
- invalid    — a broken date saved: until the problem list is over the page;
- fixed      — the date fixed again: until the list is gone and the page shows the file's text;
- department — a department renamed in departments.yml; the tab shows the departments' page;

and on a council-shaped archive (`--shape council`, benchmarks/corpus.py SHAPES; each shape is measured in turn):

- report     — a sentence added to a hand-written monthly report; the tab shows that department's report page;
- agenda     — an agenda item of a meeting reworded; the tab shows the meeting;
- relation   — an act's `amends:` taken out; the tab shows the act it amended, until its citation is gone.

The peak memory of the preview process (VmHWM) is read at the end; Pagefind runs in child processes of its
own, one shard at a time.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from . import corpus
from visnyk.adapters.preview.server import COLLECT_AFTER  # tasks.py puts plugins/ on the path
from .run import ROOT, prepare

QUIET = 0.3  # seconds without processor use: the server is idle
KINDS = ("edit", "new", "delete", "template", "css", "invalid", "fixed", "department", "report", "agenda", "relation")
CHROMIUM = "/usr/bin/chromium"
TIMEOUT = 120.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


class Server:
    """`invoke livereload` in a child process, on a free port."""

    def __init__(self, content: Path, settings: Path, log: Path):
        self.log = log
        env = {**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH, "PYTHONUNBUFFERED": "1"}
        invoke = Path(sys.executable).with_name("invoke")
        self.proc = subprocess.Popen([str(invoke), "livereload", "--port", "0", "--content", str(content),
                                      "--settings", str(settings)], cwd=ROOT, env=env,
                                     stdout=open(log, "wb"), stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            found = re.search(r"http://127\.0\.0\.1:\d+/", log.read_text(encoding="utf-8", errors="replace"))
            if found:
                self.url = found.group(0)
                return
            if self.proc.poll() is not None:
                raise SystemExit(f"livereload stopped:\n{log.read_text(encoding='utf-8', errors='replace')[-3000:]}")
            time.sleep(0.2)
        raise SystemExit("livereload did not start in 15 minutes")

    def peak_mib(self) -> float:
        for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
        return 0.0

    def builds(self) -> int:
        """Builds finished so far, good or not (the terminal's lines)."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return len(re.findall(r"^(?:Оновлено \(|Знайдено \d+ помил)", text, re.M))

    def settle(self, expected: int) -> None:
        """Wait for the build of the last save and the collection after it (preview/server.py COLLECT_AFTER, then a
        full garbage collection: ~1.3 s at 20,000 items): until the server's own process has used no processor
        for QUIET seconds. An editor does not save again within the second, and a save during a build or its
        collection would be measured with the rest of that work. (The search indexer runs in child processes of
        its own: it does not count.)"""
        deadline = time.monotonic() + TIMEOUT
        while self.builds() < expected and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(COLLECT_AFTER + 0.2)
        last, quiet_since = self.cpu_ticks(), time.monotonic()
        while time.monotonic() - quiet_since < QUIET and time.monotonic() < deadline:
            time.sleep(0.05)
            now = self.cpu_ticks()
            if now != last:
                last, quiet_since = now, time.monotonic()

    def cpu_ticks(self) -> int:
        """Processor time the server's process used so far (its threads, not its children), in clock ticks."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime, stime

    def rebuilds(self) -> list[tuple[float, float]]:
        """(wall, processor) seconds of each good build, as the server printed them."""
        text = self.log.read_text(encoding="utf-8", errors="replace")
        return [(float(w), float(c)) for w, c in re.findall(r"^Оновлено \(.*\) за ([\d.]+) с \(процесор ([\d.]+) с\)", text, re.M)]

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def wait_until(page, predicate: str, arg=None) -> float:
    """Seconds until predicate(arg) is true in the tab, across the reloads the preview makes."""
    from playwright.sync_api import Error

    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            page.wait_for_function(predicate, arg=arg, timeout=max(1, (deadline - time.monotonic()) * 1000), polling=10)
            return time.perf_counter()
        except Error as error:  # the page reloaded under the check: check again
            if time.monotonic() > deadline:
                raise SystemExit(f"the tab never showed the change ({predicate}, {arg!r}): {error}") from None
            time.sleep(0.01)


HAS_TEXT = "(text) => document.body && document.body.innerText.includes(text)"
LACKS_TEXT = "(text) => document.body && !document.querySelector('#visnyk-preview-problems') && !document.body.innerText.includes(text)"
PROBLEMS = "() => !!document.querySelector('#visnyk-preview-problems')"
NO_PROBLEMS_AND_TEXT = "(text) => !document.querySelector('#visnyk-preview-problems') && document.body.innerText.includes(text)"
NO_LINK = "(slug) => document.body && !document.querySelector('#visnyk-preview-problems') && !document.querySelector(`main a[href*='${slug}']`)"
OUTLINE = "(width) => getComputedStyle(document.body).outlineWidth === width"


def visit(tab, url: str) -> None:
    """tab.goto, again if the page's own reload (a build that ended meanwhile) aborted the navigation."""
    from playwright.sync_api import Error

    for attempt in range(5):
        try:
            tab.goto(url)
            return
        except Error:
            if attempt == 4:
                raise
            time.sleep(0.5)


def save(path: Path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    return time.perf_counter()


def prepare_shape(items: int, seed: int, shape: str) -> tuple[Path, dict]:
    """The archive of a shape (benchmarks/corpus.py SHAPES), generated once per (items, seed, shape) and reused:
    "bench" is run.prepare's own; a council's shapes live beside it in bench/N-sSEED-SHAPE/."""
    if shape == "bench":
        return prepare(items, seed)
    root = ROOT / "bench" / f"{items}-s{seed}-{shape}"
    stamp = root / "stamp.json"
    wanted = {"version": corpus.VERSION, "council": corpus.COUNCIL_VERSION, "items": items, "seed": seed, "shape": shape}
    if stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return root, json.loads((root / "manifest.json").read_text())
    started = time.perf_counter()
    stamp.unlink(missing_ok=True)
    root.mkdir(parents=True, exist_ok=True)
    manifest = json.loads(corpus.generate(root, items, seed, "council").as_json())
    if shape == "votes":
        from .votes import add_votes

        shutil.rmtree(root / "plain", ignore_errors=True)
        (root / "content").rename(root / "plain")
        add_votes(root / "plain", root / "content")
        shutil.rmtree(root / "plain")
    stamp.write_text(json.dumps(wanted))
    print(f"Згенеровано {items} матеріалів ({shape}) у {root.relative_to(ROOT)}/ за {time.perf_counter() - started:.1f} с")
    return root, manifest


def measure(items: int, runs: int, seed: int, shape: str = "bench") -> dict:
    root, manifest = prepare_shape(items, seed, shape)
    work = root / "preview"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    content, theme = work / "content", work / "theme"
    shutil.copytree(root / "content", content)
    shutil.copytree(ROOT / "theme", theme)
    settings = work / "settings.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *  # noqa\n"
                        f"THEME = {str(theme)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n", encoding="utf-8")
    target = content / manifest["edit_target"]
    original = target.read_text(encoding="utf-8")
    item_url = manifest["edit_target"].removesuffix(".md") + "/"
    base = theme / "templates" / "base.html"
    base_text = base.read_text(encoding="utf-8")
    css = theme / "static" / "css" / "site.css"
    css_text = css.read_text(encoding="utf-8")
    registry = content / "departments.yml"
    registry_text = registry.read_text(encoding="utf-8")
    department = re.search(r"^  name: (.+)$", registry_text, re.M).group(1)
    slug = re.search(r"^- slug: (\S+)$", registry_text, re.M).group(1)
    times: dict[str, list[float]] = {kind: [] for kind in KINDS}
    originals = {k: (content / manifest[k]).read_text(encoding="utf-8") if manifest.get(k) else ""
                 for k in ("report_target", "meeting_target", "relation_target")}
    report_text, meeting_text, act_text = originals.values()

    item_title = re.search(r"^title: (.+)$", original, re.M).group(1).strip('"')
    from playwright.sync_api import sync_playwright

    server = None
    try:
        with sync_playwright() as p:
            # The editor's browser is open before the preview starts, as it is for the second start below: its
            # launch (a second or two of both cores) is not the preview's time.
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])
            tab = browser.new_page()
            started = time.perf_counter()
            server = Server(content, settings, work / "livereload.log")
            # The first page (issue 30): the item's page asked for as soon as the address is printed, timed to its
            # title in the DOM (the tab shows «Сайт будується…» until then); the whole first build, to its line.
            visit(tab, server.url + item_url)
            first_page = wait_until(tab, HAS_TEXT, item_title) - started
            while server.builds() < 1:
                time.sleep(0.05)
            first = time.perf_counter() - started
            saves = 1  # the first build

            def settle() -> None:
                server.settle(saves)

            def council_saves(run: int, mark: str) -> None:
                nonlocal saves
                report, meeting, act = (content / manifest[k] for k in ("report_target", "meeting_target", "relation_target"))
                settle()
                visit(tab, server.url + manifest["report_url"])
                t0 = save(report, report_text + f"\n{mark}: звіт доповнено.\n")
                saves += 1
                times["report"].append(wait_until(tab, HAS_TEXT, f"{mark}: звіт доповнено") - t0)  # (base.html has the mark)
                settle()
                visit(tab, server.url + manifest["meeting_url"])
                t0 = save(meeting, meeting_text.replace("agenda:\n", f"agenda:\n  - {{text: Питання {mark}}}\n", 1))
                saves += 1
                times["agenda"].append(wait_until(tab, HAS_TEXT, f"Питання {mark}") - t0)
                settle()
                visit(tab, server.url + manifest["relation_url"])
                slug = manifest["relation_target"].rsplit("/", 1)[1].removesuffix(".md")
                t0 = save(act, re.sub(r"^amends: .*\n", "", act_text, count=1, flags=re.M))
                saves += 1
                times["relation"].append(wait_until(tab, NO_LINK, slug) - t0)
                settle()
                save(act, act_text)  # the relation back, not timed
                saves += 1

            for run in range(runs):
                mark = f"Позначка {run} {time.time_ns()}"
                # edit
                visit(tab, server.url + item_url)
                settle()
                t0 = save(target, original + f"\n{mark}: уточнено графік робіт.\n")
                saves += 1
                times["edit"].append(wait_until(tab, HAS_TEXT, mark) - t0)
                settle()
                # template
                t0 = save(base, base_text.replace("</body>", f"<p>{mark} у шаблоні</p>\n</body>"))
                saves += 1
                times["template"].append(wait_until(tab, HAS_TEXT, f"{mark} у шаблоні") - t0)
                settle()
                # css
                width = f"{run + 2}px"
                t0 = save(css, css_text + f"\nbody {{ outline: {width} solid rgb(1, 2, 3); }}\n")
                saves += 1
                times["css"].append(wait_until(tab, OUTLINE, width) - t0)
                # invalid, then fixed
                settle()
                t0 = save(target, original.replace("date:", "date: 31.02.2025\nstara_data:", 1) + f"\n{mark} виправлено\n")
                saves += 1
                times["invalid"].append(wait_until(tab, PROBLEMS) - t0)
                settle()
                t0 = save(target, original + f"\n{mark} виправлено\n")
                saves += 1
                times["fixed"].append(wait_until(tab, NO_PROBLEMS_AND_TEXT, f"{mark} виправлено") - t0)
                # new, then deleted, on the list of news
                visit(tab, server.url + "news/")
                title = f"Нова новина {run} для вимірювання {time.time_ns() % 100000}"
                new = content / "news" / "2026" / f"nova-novyna-vymiriuvannia-{run}.md"
                settle()
                t0 = save(new, f"---\ntitle: {title}\ndate: 2026-11-16 11:{run % 60:02d}\ndepartment: {slug}\n---\nТекст.\n")
                saves += 1
                times["new"].append(wait_until(tab, HAS_TEXT, title) - t0)
                settle()
                new.unlink()
                t0 = time.perf_counter()
                saves += 1
                times["delete"].append(wait_until(tab, LACKS_TEXT, title) - t0)
                # a department renamed
                visit(tab, server.url + "departments/")
                name = f"{department} {run}"
                settle()
                t0 = save(registry, registry_text.replace(department, name, 1))
                saves += 1
                times["department"].append(wait_until(tab, HAS_TEXT, name) - t0)
                if manifest.get("report_target"):  # a council's archive: its hand-written report, agenda, relation
                    council_saves(run, mark)
                print(f"  прогін {run + 1}/{runs}: " + ", ".join(f"{k} {v[-1]:.2f}" for k, v in times.items()), flush=True)
            peak = server.peak_mib()
            rebuilds = server.rebuilds()
            server.stop()
            # Started again on the same archive: the items kept by the last run (preview/memory.py) are read.
            started = time.perf_counter()
            server = Server(content, settings, work / "livereload-2.log")
            tab = browser.new_page()
            visit(tab, server.url + item_url)
            first_page_kept = wait_until(tab, HAS_TEXT, item_title) - started
            browser.close()
    finally:
        if server is not None:
            server.stop()
        target.write_text(original, encoding="utf-8")
        for key, text in originals.items():
            if text:
                (content / manifest[key]).write_text(text, encoding="utf-8")
    later = rebuilds[1:] or [(0.0, 0.0)]
    return {"items": items, "shape": shape, "runs": runs, "first_build_s": first, "first_page_s": first_page,
            "first_page_kept_s": first_page_kept, "peak_mib": peak, "times": times,
            "rebuild_median_s": statistics.median(w for w, _ in later),
            "rebuild_cpu_median_s": statistics.median(c for _, c in later), "load": os.getloadavg()}


def report(result: dict) -> str:
    lines = [
        f"Live preview, {result['items']:,} items shaped «{result.get('shape', 'bench')}», {result['runs']} run(s) of each change, search on (the default); "
        f"{os.cpu_count()} CPUs, load average at the end {', '.join(f'{x:.2f}' for x in result['load'])}",
        f"{'save → DOM':<12} {'median s':>9} {'p95 s':>7} {'max s':>7}",
    ]
    for kind in KINDS:
        values = result["times"][kind]
        if values:
            lines.append(f"{kind:<12} {statistics.median(values):>9.2f} {percentile(values, 0.95):>7.2f} {max(values):>7.2f}")
    lines += [
        f"first page in the tab (start → the item's title in the DOM): {result['first_page_s']:.1f} s, started again "
        f"with the items kept: {result['first_page_kept_s']:.1f} s   (target ≤ 10)",
        f"first build (start → its line in the terminal): {result['first_build_s']:.1f} s; median rebuild in the server: "
        f"{result['rebuild_median_s']:.2f} s wall, {result['rebuild_cpu_median_s']:.2f} s processor (its own thread)",
        f"peak memory of the preview process: {result['peak_mib']:.0f} MiB   (target ≤ 1024)",
    ]
    return "\n".join(lines)


def main(sizes: list[int], runs: int, seed: int, shapes: tuple[str, ...] = ("bench",)) -> None:
    """Each size, each archive shape (benchmarks/corpus.py SHAPES) in turn."""
    for items in sizes:
        for shape in shapes:
            result = measure(items, runs, seed, shape)
            print(report(result))
            name = f"preview-{items}" + ("" if shape == "bench" else f"-{shape}")
            out = ROOT / "bench" / "results" / f"{name}.json"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
