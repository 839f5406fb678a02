"""The pages of changes (issue 26 §3): one per commit that changed a published item after publication,
when the site's repository is not on GitHub (VISNYK_REPOSITORY_URL empty). Made by adapters/content/history.py."""

from __future__ import annotations

from pelican.generators import Generator

from ..build.state import state


class ChangesGenerator(Generator):
    def generate_output(self, writer) -> None:
        for page in state(self.context, self.settings).changes:
            writer.write_file(page.url + "index.html", self.get_template("change"), self.context,
                              relative_urls=self.settings["RELATIVE_URLS"], template_name="change",
                              url=page.url, change_page=page)


def get_generators(pelican):
    return ChangesGenerator
