"""Recall@10 of the site's search on the demo: without lemmas (stems only) and with them.

`./visnyk search-recall` builds content/ twice (VISNYK_SEARCH_LEMMAS false, then true), asks every query of
benchmarks/search_pairs.tsv on the search page in Debian Chromium, and counts the pairs whose item is among
the first ten results; it prints both figures, the pairs each build misses, the size of output/pagefind/
and the build times. tests/test_search_lemmas.py uses the same functions.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "benchmarks/search_pairs.tsv"
CHROMIUM = "/usr/bin/chromium"
TOP = 10


@dataclass(frozen=True)
class Pair:
    query: str
    item: str  # the item's path in content/ without ".md"; its URL is "/" + item + "/"
    kind: str  # "lemma": the stemmer alone cannot join the forms; "stem": it can

    @property
    def url(self) -> str:
        return f"/{self.item}/"


def pairs(path: Path = PAIRS) -> list[Pair]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, item, kind = line.split("\t")
            found.append(Pair(query, item, kind.lstrip("#")))
    return found


def build(content: Path, output: Path, lemmas: bool) -> float:
    """Build the site with or without lemmas; the wall time in seconds."""
    command = [sys.executable, "-m", "pelican", str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output),
               "-e", f"VISNYK_SEARCH_LEMMAS={'true' if lemmas else 'false'}"]
    started = time.perf_counter()
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if run.returncode != 0:
        raise RuntimeError(f"build failed:\n{run.stdout}\n{run.stderr}")
    return time.perf_counter() - started


def size(folder: Path) -> int:
    """Bytes of every file under `folder`."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


class Served:
    """A built site on 127.0.0.1 at a free port, for as long as the `with` lasts."""

    def __init__(self, output: Path) -> None:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(output)))
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> Served:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def results(page, query: str) -> list[str]:
    """The result links the search page shows first (ten) for `query`."""
    page.fill("#search-input", query)
    page.press("#search-input", "Enter")
    page.locator("#search-results:not([aria-busy])").wait_for(timeout=15000)
    return [a.get_attribute("href") for a in page.locator("#search-results h2 a").all()][:TOP]


def ranks(browser, base_url: str, asked: list[Pair]) -> list[int | None]:
    """For each pair, the 1-based place of its item among the first ten results, or None."""
    page = browser.new_page()
    page.goto(f"{base_url}/search/")
    found = []
    for pair in asked:
        shown = results(page, pair.query)
        found.append(shown.index(pair.url) + 1 if pair.url in shown else None)
    page.close()
    return found


def recall(found: list[int | None]) -> float:
    return sum(r is not None for r in found) / len(found)


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-dev-shm-usage"])


def main(work: Path) -> None:
    from playwright.sync_api import sync_playwright

    asked = pairs()
    lines, figures = [], {}
    with sync_playwright() as p:
        browser = launch(p)
        for lemmas in (False, True):
            output = work / ("with-lemmas" if lemmas else "stems-only")
            seconds = build(ROOT / "content", output, lemmas)
            with Served(output) as site:
                found = ranks(browser, site.url, asked)
            figures[lemmas] = (recall(found), size(output / "pagefind"), seconds)
            missed = [f"{pair.query} → {pair.item}" for pair, r in zip(asked, found) if r is None]
            lines.append(f"{'with lemmas' if lemmas else 'stems only'}: misses {len(missed)}: " + "; ".join(missed))
        browser.close()
    table = (work / "with-lemmas/pagefind/lemmas.txt").read_bytes()
    before, after = figures[False], figures[True]
    kinds = {k: sum(p.kind == k for p in asked) for k in ("lemma", "stem")}
    print(f"Pairs: {len(asked)} ({kinds['lemma']} whose root changes, {kinds['stem']} the stemmer joins)")
    print(f"recall@{TOP}: before (stems only) {before[0]:.3f}, after (with lemmas) {after[0]:.3f}")
    print(f"output/pagefind: {before[1]:,} → {after[1]:,} bytes ({after[1] / before[1] - 1:+.1%}); "
          f"lemmas.txt {len(table):,} bytes, {table.count(b' ') :,} forms")
    print(f"build: {before[2]:.1f} s → {after[2]:.1f} s (wall, one run each)")
    print("\n".join(lines))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory(prefix="visnyk-recall-") as folder:
        main(Path(os.environ.get("VISNYK_RECALL_DIR", folder)))
