"""What `./visnyk bench` measures for issue 30: a build's memory over its whole process tree (the page workers
are forked children), and Hugo's copy of the same articles."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT))

from benchmarks import hugo, run  # noqa: E402

FORKING = """
import os, time
blocks = []
pids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        held = bytearray(120 * 1024 * 1024)  # written: resident in the child, not shared with the parent
        time.sleep(1.5)
        os._exit(0)
    pids.append(pid)
for pid in pids:
    os.waitpid(pid, 0)
"""


def test_peak_memory_is_summed_over_the_process_tree(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    got = run.measure([sys.executable, "-c", FORKING], output, tmp_path / "log")
    assert got.processes == 3
    assert got.rss_mib > 240 and got.pss_mib > 240  # two children of 120 MiB each: neither alone is the peak
    assert got.rss_mib < 240 + 200


BURNING = """
import os, time
pids = []
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        end = time.process_time() + 1.0
        while time.process_time() < end:
            pass
        os._exit(0)
    pids.append(pid)
for pid in pids:
    os.waitpid(pid, 0)
"""


def test_main_process_cpu_leaves_out_its_workers(tmp_path):
    output = tmp_path / "out"
    output.mkdir()
    got = run.measure([sys.executable, "-c", BURNING], output, tmp_path / "log")
    assert got.cpu >= 1.9  # the workers' two seconds are the build's
    assert got.main_cpu < 0.8  # …but not its main process's


WRITING = """
import pathlib, sys
out = pathlib.Path(sys.argv[1])
out.mkdir(exist_ok=True)
(out / "new.html").write_text("<p>")
"""


def test_a_cold_build_starts_without_the_previous_output_and_a_warm_one_keeps_it(tmp_path):
    """A cold build as CI runs it has no output folder; deleting an earlier one is not the build's time."""
    output = tmp_path / "out"
    (output / "old").mkdir(parents=True)
    (output / "old" / "page.html").write_text("<p>")
    got = run.measure([sys.executable, "-c", WRITING, str(output)], output, tmp_path / "log")
    assert sorted(p.name for p in output.rglob("*")) == ["new.html"]
    assert (got.pages, got.files) == (1, 1)
    (output / "kept.html").write_text("<p>")
    got = run.measure([sys.executable, "-c", WRITING, str(output)], output, tmp_path / "log", keep_output=True)
    assert (output / "kept.html").is_file() and got.pages == 2


def test_hugo_page_keeps_the_item_its_address_and_drafts():
    text = ("Title: Про «бюджет» 2026\nDate: 2026-03-01T23:59:00+02:00\nCategory: acts\nSlug: pro-biudzhet\n"
            "Tags: бюджет, фінанси\nDescription: Коротко\nStatus: published\nUrl: acts/2026/pro-biudzhet/\n\n"
            "Текст **рішення**.\n")
    page = hugo.page(text)
    front = json.loads(page.split("\n")[1])
    assert front == {"title": "Про «бюджет» 2026", "date": "2026-03-01T23:59:00+02:00",
                     "url": "/acts/2026/pro-biudzhet/", "tags": ["бюджет", "фінанси"], "categories": ["acts"],
                     "summary": "Коротко", "draft": False}
    assert page.endswith("\n\nТекст **рішення**.\n")
    assert json.loads(hugo.page(text.replace("published", "draft")).split("\n")[1])["draft"] is True
    assert hugo.page("Title: без дати\n\nТекст\n") is None


def test_hugo_site_is_made_from_stock(tmp_path: Path):
    stock = tmp_path / "stock" / "news" / "2026"
    stock.mkdir(parents=True)
    (stock / "a.md").write_text("Title: А\nDate: 2026-01-01T10:00:00+02:00\nUrl: news/2026/a/\n\nТекст\n",
                                encoding="utf-8")
    folder = hugo.site(tmp_path)
    assert (folder / "content" / "news" / "2026" / "a.md").read_text(encoding="utf-8").startswith("---\n{")
    assert "stock/files" in (folder / "hugo.toml").read_text(encoding="utf-8")
    assert hugo.site(tmp_path) == folder  # made once
