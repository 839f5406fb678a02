"""The content contract inside Pelican's build: scheduled items, then every problem at once."""

from __future__ import annotations

import os

from pelican.generators import ArticlesGenerator, PagesGenerator

from ..domain.counting import Counts
from ..domain.clock import not_after
from ..domain.checks import check_items, department_problems
from ..domain.problems import ContentError
from ..domain.reports import period_problems
from ..domain.scan import content_files, stray_files
from .reader import DEPARTMENT, ITEM, LINKS, PROBLEMS
from .state import state

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
    root = articles.settings["PATH"]
    contents = all_contents(articles, pages)
    problems = list(build.registry_problems)
    files = content_files(root)
    problems += stray_files(files, build.options["VISNYK_DEPARTMENTS_FILE"])
    items = []
    broken_links = {}
    for content in contents:
        problems += getattr(content, PROBLEMS, [])
        written = getattr(content, DEPARTMENT, None)
        if written is not None:
            problems += department_problems(content.relative_source_path, *written, build.departments)
        if getattr(content, LINKS, None):
            broken_links[content.relative_source_path] = tuple(getattr(content, LINKS))
        item = getattr(content, ITEM, None)
        if item is not None:
            items.append(item)
            build.by_source[item.source] = content
    known = set(files)
    exists = lambda p: p in known or os.path.isfile(os.path.join(root, p))  # noqa: E731
    problems += check_items(items, build.departments, exists, broken_links)
    problems += period_problems(items, build.clock)
    if problems:
        raise ContentError(problems)
    build.items = items
    build.counts = Counts.of(items, build.clock)
