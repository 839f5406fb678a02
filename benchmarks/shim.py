"""The 'plugins off' build's only plugin: what our theme needs to render stock Pelican's articles.

Our templates read the typed record (`article.visnyk_item`) and our Jinja filters and globals. This
shim gives them both and nothing else: the record is made from the metadata Pelican's own reader
parsed (no validation, no cross-file checks, no scheduling, no counting, no statistics, report,
department or type pages). Its own cost is one cheap pass over the articles.
"""

from __future__ import annotations

from itertools import chain

from pelican import signals
from visnyk.adapters.build import templating
from visnyk.domain.common.model import ActKind, ContentType, Item, Status


def _record(content) -> Item:
    meta = content.metadata
    return Item(
        source=content.relative_source_path.replace("\\", "/"),
        type=ContentType(meta.get("item_type", "page")),
        title=content.title,
        date=content.date,
        slug=content.slug,
        status=Status(content.status),
        lang=content.lang,
        department=meta.get("department"),
        tags=tuple(t.name for t in getattr(content, "tags", ())),
        summary=meta.get("summary"),
        act_kind=ActKind(meta["act_kind"]) if "act_kind" in meta else None,
        number=meta.get("number"),
    )


def attach(generators) -> None:
    for generator in generators:
        for name in ("articles", "translations", "hidden_articles", "hidden_translations", "drafts",
                     "drafts_translations", "pages", "hidden_pages", "draft_pages"):
            for content in chain(getattr(generator, name, ())):
                content.visnyk_item = _record(content)


def register() -> None:
    signals.generator_init.connect(templating.install)
    signals.all_generators_finalized.connect(attach)
