"""The content contract inside Pelican's build: scheduled items, then every problem at once."""

from __future__ import annotations

import os

from pelican.generators import ArticlesGenerator, PagesGenerator

from ...domain.common.clock import not_after
from ...domain.counting.kept import counts_of
from ...domain.cycle.cycle import cycle_of
from ...domain.content.items import Parsed
from ...domain.common.problems import ContentError
from ...domain.reports.reports import hand_written, plan
from ...domain.site.scan import site_problems
from ...domain.cycle.workdays import Calendar
from .files import content_walk
from .history import attach
from .images import pictures
from .reader import DEPARTMENT, ITEM, LINKS, PROBLEMS
from ..build.settings import rules
from ..build.state import state


def _read(root: str, path: str) -> bytes:
    with open(os.path.join(root, path), "rb") as handle:
        return handle.read()


ARTICLE_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations")


def schedule(generator: ArticlesGenerator) -> None:
    """An item dated after the build clock is not published yet: it waits, unwritten, as a draft."""
    clock = state(generator.context, generator.settings).clock
    for name in ARTICLE_LISTS:
        kept = []
        for article in getattr(generator, name):
            if not not_after(article.date, clock):
                article.status = "draft"
                article.override_save_as = ""
                generator.drafts.append(article)
            else:
                kept.append(article)
        setattr(generator, name, kept)


def all_contents(articles: ArticlesGenerator, pages: PagesGenerator) -> list:
    return [
        *articles.articles, *articles.translations, *articles.hidden_articles,
        *articles.hidden_translations, *articles.drafts, *articles.drafts_translations,
        *pages.pages, *pages.translations, *pages.hidden_pages, *pages.hidden_translations,
        *pages.draft_pages, *pages.draft_translations,
    ]  # fmt: skip


def finalize(generators) -> None:
    """Fail the build with every problem in the content, or record what was published."""
    articles = next(g for g in generators if isinstance(g, ArticlesGenerator))
    pages = next(g for g in generators if isinstance(g, PagesGenerator))
    build = state(articles.context, articles.settings)
    parsed = {}
    for content in all_contents(articles, pages):
        item = getattr(content, ITEM, None)
        said = tuple(getattr(content, PROBLEMS, ()))
        if item is not None:  # (a file's department and links are checked apart only when it has no item)
            build.by_source[item.source] = content
            parsed[content.relative_source_path] = Parsed(item, problems=said)
        else:
            parsed[content.relative_source_path] = Parsed(
                None, problems=said, department=getattr(content, DEPARTMENT, None),
                links=tuple(getattr(content, LINKS, ())))
    found = content_walk(articles)
    known = set(found.files)
    build.pictures = pictures(articles.settings, frozenset(known), build.verdicts)
    content_rules = rules(articles.settings)
    root = articles.settings["PATH"]
    kept: list = []
    problems = build.registry_problems + site_problems(
        found, content_rules, build.departments, parsed, known.__contains__, build.clock, build.pictures,
        lambda path: _read(root, path) if path in known else None, kept)
    if problems:
        raise ContentError(problems)
    build.roll = kept[0]
    dated, build.changes = attach(articles.settings, all_contents(articles, pages))  # git's `modified` where a file sets none
    build.items = [dated.get(one.item.source, one.item) for one in parsed.values() if one.item is not None]
    build.counts = counts_of(build.items, build.clock)
    options = build.options
    build.cycle = cycle_of(build.items, build.clock, Calendar.of(
        options["VISNYK_DAYS_OFF"], options["VISNYK_DRAFT_DAYS_COUNTING"], options["VISNYK_SESSION_VIDEO_DAYS"],
        options["VISNYK_PROTOCOL_DAYS"]))
    build.extras = hand_written(build.items, build.clock)
    build.plan = plan(build.counts, build.extras, build.clock, content_rules.archive_start)
    build.report_periods[:] = sorted(p.key for p in (*build.plan.months, *build.plan.years))
