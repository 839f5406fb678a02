"""The reference site's tasks: every task of a Visnyk site, from the package (plugins/visnyk/cli/), and this
repository's own developer tasks (the test suite, benchmarks, search recall). `./visnyk --list` shows them all.

A council's site made by `./visnyk init` has the same first lines without the developer tasks; the package comes
from its requirements.txt there, from plugins/ here.
"""

from __future__ import annotations

import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

from visnyk.cli import site  # noqa: E402

site.ROOT = ROOT
from visnyk.cli.tasks import *  # noqa: E402,F401,F403 (every task)
from visnyk.cli.tasks import _serve  # noqa: E402,F401 (tests/test_tasks.py)

PY = site.PY


@task(help={"args": "extra pytest arguments, e.g. -k reports"})
def test(c, args=""):
    """Install the test tools (browser, validators) if missing and run the whole test suite."""
    c.run("bash scripts/install-test-tools", pty=False)
    result = c.run(f"{PY} -m pytest {args}", warn=True, pty=False)
    if not result.ok:
        raise Exit(code=result.exited or 1)


@task(
    help={
        "items": "archive size, or several: 20000,40000 (default 5000)",
        "runs": "builds of each kind; the median is printed (default 1)",
        "only": "some of: ours,ours1,images,images1,nospeed,cache_cold,warm,plain,default,hugo,votes,history (default: all)",
        "seed": "generator seed (the same seed gives the same archive)",
        "fresh": "regenerate the archive even if bench/ has it",
        "profile": "instead of measuring, cProfile our cold build and print where the time goes",
        "search": "build our site with its Pagefind search index (off by default: stock has none)",
        "preview": "instead: the live preview in Chromium, save → new text in the open tab, for each kind of change "
                   "(--runs times each, default 10; search on, as users run it)",
        "shape": "with --preview: the archives' shapes, one after another: bench, council, votes (default bench,council)",
        "output": "where the builds write their sites (default bench/N-sSEED/out); /dev/shm: in memory, the "
                  "same for every build, without a shared disk's noise",
    }
)
def bench(c, items="5000", runs=1, only="", seed=20261123, fresh=False, profile=False, search=False, preview=False,
          shape="bench,council", output=""):
    """Generate a synthetic archive of N items in bench/ and time our build against stock Pelican."""
    from benchmarks import run

    if preview:  # --shape: the archives' shapes measured one after another (benchmarks/corpus.py SHAPES)
        from benchmarks import corpus, preview as live

        shapes = tuple(s for s in shape.split(",") if s)
        if set(shapes) - set(corpus.SHAPES):
            raise Exit(f"--shape: unknown {', '.join(sorted(set(shapes) - set(corpus.SHAPES)))}; known: "
                       f"{', '.join(corpus.SHAPES)}", code=1)
        sizes = [int(n) for n in str(items).replace("_", "").split(",")]
        live.main(sizes, int(runs) if int(runs) > 1 else 10, int(seed), shapes)
        return
    which = tuple(s for s in only.split(",") if s) or run.SCENARIOS
    unknown = set(which) - set(run.SCENARIOS)
    if unknown:
        raise Exit(f"--only: unknown {', '.join(sorted(unknown))}; known: {', '.join(run.SCENARIOS)}", code=1)
    sizes = [int(n) for n in str(items).replace("_", "").split(",")]
    run.main(sizes, int(runs), int(seed), which, fresh, profile, search, output)


@task
def search_recall(c):
    """Recall@10 of search on the demo (benchmarks/search_pairs.tsv) without and with lemmas, index sizes."""
    import tempfile

    from benchmarks import search_recall as recall

    with tempfile.TemporaryDirectory(prefix="visnyk-recall-") as folder:
        recall.main(Path(folder))
