"""Visnyk's hooks into Pelican, in the order a build meets them."""

from __future__ import annotations

from pelican import signals

from .outputs import accessibility, acts, changes, editor, meetings, opendata, pages, reports, search, sitemap, stats, votes
from .content import contract, files, images, originals, reader
from .rebuild import incremental, parallel, reading, speed
from .build import strict, templating
from .build.settings import validated


def add_reader(readers) -> None:
    """Ours is the only reader: a .markdown, .html or .rst file is a stray file (the contract says so),
    never read by a Pelican reader that knows nothing of the contract."""
    for extension in [e for e in readers.reader_classes if e != "static"]:  # "static": copying files/, images/
        del readers.reader_classes[extension]
    readers.reader_classes["md"] = reader.VisnykReader


def check_settings(pelican) -> None:
    validated(pelican.settings)  # before any file is read


def register() -> None:
    # Views a page reads of its item, worked out on the first read (content/views.py): acts and meetings get their
    # cycle, their roll-call votes and their legal status.
    meetings.install()
    votes.install()
    acts.install()
    pages.install()  # items' attachments with their sizes
    signals.initialized.connect(check_settings)
    parallel.register()  # pages rendered on every core; its `finalized` comes first (strict mode counts its warnings)
    speed.register()  # linear replacements for Pelican's quadratic steps (same output)
    signals.initialized.connect(strict.start)
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(templating.install)
    signals.generator_init.connect(files.install)  # the content folder's files: one walk, no links
    signals.generator_init.connect(reading.generator_init)  # cold builds: every file parsed on every core first
    signals.article_generator_pretaxonomy.connect(contract.schedule)
    signals.all_generators_finalized.connect(reading.finished)
    signals.all_generators_finalized.connect(contract.finalize)
    signals.all_generators_finalized.connect(reading.votes_finished)  # the votes read ahead that the contract took
    signals.all_generators_finalized.connect(acts.annotate)  # adopted acts' legal status (the register's rows)
    signals.all_generators_finalized.connect(images.annotate)  # items get their lead image's sizes
    signals.all_generators_finalized.connect(originals.hold)  # images/ files of scheduled items wait
    signals.all_generators_finalized.connect(files.encode_addresses)  # "files/план #2.pdf" in an href
    signals.all_generators_finalized.connect(search.start)  # Pagefind beside the page writing
    signals.all_generators_finalized.connect(sitemap.plan)
    signals.all_generators_finalized.connect(speed.freeze_objects)  # last: what the build keeps is made
    signals.get_generators.connect(stats.get_generators)
    signals.get_generators.connect(reports.get_generators)
    signals.get_generators.connect(pages.get_generators)
    signals.get_generators.connect(meetings.get_generators)
    signals.get_generators.connect(votes.get_generators)  # deputies/, votes/
    signals.get_generators.connect(acts.get_generators)  # acts/register/ and its open data
    signals.get_generators.connect(changes.get_generators)  # …/changes/SHA/: «Історія змін» without GitHub
    signals.get_generators.connect(opendata.get_generators)  # opendata/: the sets' passports and catalogue
    signals.get_generators.connect(accessibility.get_generators)  # dostupnist/: the accessibility statement
    signals.get_generators.connect(images.get_generators)  # img/: resized lead images
    signals.feed_generated.connect(pages.unique_feed_id)
    signals.get_generators.connect(search.get_generators)  # after the items are written
    signals.get_generators.connect(editor.get_generators)  # /admin/
    incremental.register()  # warm rebuilds keep unchanged pages; its `finalized` tidies the output first
    signals.finalized.connect(strict.finish)
    signals.finalized.connect(sitemap.write)  # after strict: a failed build writes no sitemap
