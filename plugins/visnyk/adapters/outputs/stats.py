"""stats/: the statistics page and the open-data files, rendered from the build's counts."""

from __future__ import annotations

import json
import os

from pelican.generators import Generator

from ...domain.counting import opendata, statistics
from ..build.state import state

FILES = ("publications.json", "publications.csv", "publications.schema.json", "register.csv")


class StatsGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        siteurl = self.settings.get("SITEURL", "")
        writer.write_file(
            "stats/index.html",
            self.get_template("stats"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url="stats/",
            stats=statistics.view(build.counts, build.departments, build.clock),
            data_files=FILES,
            # Link a year's reports only where they exist (the year has ended, or one was written early).
            report_years={p.year for p in build.plan.years},
        )
        write_data(self.output_path, data_files(build, siteurl))


def data_files(build, siteurl: str) -> dict[str, str]:
    """stats/ open data of the counts, name → text: written here, described on opendata/ (one source)."""
    data = opendata.publications(build.counts, build.departments, build.clock)
    return {
        "publications.json": opendata.to_json(data),
        "publications.csv": opendata.publications_csv(build.counts),
        "publications.schema.json": json.dumps(opendata.schema(siteurl), ensure_ascii=False, indent=1) + "\n",
        "register.csv": opendata.register_csv(build.counts, siteurl),
    }


def write_data(output_path: str, files: dict[str, str]) -> None:
    """Open-data files into output/stats/, in the given order, "\n" line endings (byte-identical rebuilds)."""
    folder = os.path.join(output_path, "stats")
    os.makedirs(folder, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as handle:
            handle.write(text)


def get_generators(pelican):
    return StatsGenerator
