"""Report pages as the council publishes them (issue 22): the footer on every page, reports that say what
they are, report dates, periods that may be reported, the requisites of ДСТУ 4163:2020."""

from __future__ import annotations

import re
import runpy
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT

COUNCIL = runpy.run_path(str(ROOT / "pelicanconf.py"))["VISNYK_COUNCIL"]


class Footer(HTMLParser):
    """The text of the `<strong>` and the whole text inside the page footer's `<address>`."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = {"footer": 0, "address": 0, "strong": 0}
        self.strong, self.address = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.depth:
            self.depth[tag] += 1

    def handle_endtag(self, tag):
        if tag in self.depth and self.depth[tag]:
            self.depth[tag] -= 1

    def handle_data(self, data):
        if self.depth["footer"] and self.depth["address"]:
            self.address.append(data)
            if self.depth["strong"]:
                self.strong.append(data)


def kind(relative: str) -> str:
    """A page's kind from its address: digits and slugs below a section folded ("reports/YYYY/MM/SLUG")."""
    parts = relative.split("/")
    if parts[-1] == "index.html":
        parts = parts[:-1]
    folded = []
    for part in parts:
        folded.append("N" if part.isdigit() else part)
    if len(folded) > 1 and folded[0] not in {"reports", "stats"}:
        folded = [folded[0], *["N" if p == "N" else "SLUG" for p in folded[1:]]]
    elif folded[:1] == ["reports"]:
        folded = [p if p in {"reports", "N"} else "SLUG" for p in folded]
    return "/".join(folded) or "(home)"


def test_the_council_and_its_contacts_are_in_the_footer_of_every_page(demo: Path):
    """Every HTML page the demo build wrote (found by walking output/, not from a list) ends with the council's
    name and contacts. A report page's own variable named `council` once hid the site's on all 29
    council-wide report pages: the footer's <strong> was empty there."""
    pages = sorted(p for p in demo.rglob("*.html") if "pagefind" not in p.parts and "admin" not in p.parts)
    kinds: dict[str, list[str]] = defaultdict(list)
    wrong = []
    for path in pages:
        relative = path.relative_to(demo).as_posix()
        kinds[kind(relative)].append(relative)
        footer = Footer()
        footer.feed(path.read_text(encoding="utf-8"))
        address = re.sub(r"\s+", " ", "".join(footer.address))
        if "".join(footer.strong).strip() != COUNCIL["name"] or COUNCIL["email"] not in address \
                or COUNCIL["phone"] not in address:
            wrong.append(relative)
    assert not wrong, f"{len(wrong)} pages without the council in the footer, e.g. {wrong[:5]}"
    # The walk found the report pages of every kind, among the rest.
    for expected in ("reports", "reports/N", "reports/N/N", "reports/N/N/SLUG", "reports/N/SLUG", "404.html"):
        assert any(k == expected or k.endswith(expected) for k in kinds), (expected, sorted(kinds))
    assert len(kinds["reports/N/N"]) + len(kinds["reports/N"]) >= 20, sorted(kinds)
