"""The editor's preview drawn by the site's own templates: a "shell" of each item type's page.

At build time the real template (article.html, page.html) is rendered with the site's real Jinja environment
for a synthetic item whose every field is a marker (`⟦title⟧`, `⟦date⟧`, `⟦tag⟧`…); admin/visnyk.js fills the
markers with the entry's values (as text, never as markup) and puts Decap's rendering of the body in the
`.item-body`. Dates are rendered from sentinel datetimes and then replaced by markers, so the shell holds
exactly what the filters write around them. What the build derives from other items (the decision cycle, the
legal status, the history, the neighbours) or from files it resizes (the lead picture's variants) is not in
a shell: the preview shows one entry, not the archive.
"""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

from ...domain.common.clock import KYIV
from ...domain.common.model import ActKind, ContentType
from ...domain.editor import editor

# Distinct sentinels: each rendered date is found in the output and replaced by its marker.
SENTINELS = {
    "date": dt.datetime(2001, 2, 3, 4, 5, tzinfo=KYIV),
    "modified": dt.datetime(2002, 3, 4, 5, 6, tzinfo=KYIV),
    "starts": dt.datetime(2003, 4, 5, 6, 7, tzinfo=KYIV),
}
SENTINEL_KIND = ActKind.COUNCIL_DECISION  # its label is replaced by ⟦act_kind⟧


def mark(name: str, variant: str = "") -> str:
    return f"⟦{name}@{variant}⟧" if variant else f"⟦{name}⟧"


def _synthetic(item_type: ContentType, settings: dict, agenda: bool = True):
    """(article, record, department): Pelican's content object as the templates read it, every field a marker."""
    acts, meets = item_type is ContentType.ACT, item_type is ContentType.MEETING
    # A meeting: when (the start, then the end as meetings.when adds it: ⟦ends@tail⟧), where, who, the agenda.
    meeting = SimpleNamespace(starts=SENTINELS["starts"], venue=mark("venue")) if meets else None
    view = SimpleNamespace(when=mark("starts") + mark("ends", "tail"), label=mark("body"), protocol=None, video=None,
                           agenda=[SimpleNamespace(text=mark("agenda"), act=None)] if agenda else []) if meets else None
    record = SimpleNamespace(
        type=item_type, department=mark("department@slug"), modified=SENTINELS["modified"],
        act_kind=SENTINEL_KIND if acts else None, number=mark("number") if acts else None,
        meeting=meeting, video_url=mark("video_url"), tags=[mark("tag")], date=SENTINELS["date"], adopted=None,
    )  # fmt: skip
    tag = SimpleNamespace(name=mark("tag"), url=settings["TAG_URL"].format(slug=mark("tag", "slug")))
    attachment = SimpleNamespace(url=mark("file", "url"), title=mark("file"), label=mark("file", "label"))
    article = SimpleNamespace(
        visnyk_item=record, visnyk_picture=None, visnyk_legal=None, visnyk_meeting=view, visnyk_cycle=None,
        visnyk_history=None, visnyk_act_votes=None, visnyk_agenda_votes=None, lang="uk", title=mark("title"),
        date=SENTINELS["date"], content=mark(editor.TEXT), tags=[tag], translations=[],
        attachment_links=[attachment], previous_in_type=None, next_in_type=None, url="", description="",
    )  # fmt: skip
    department = SimpleNamespace(slug=mark("department", "slug"), name=mark("department"))
    return article, record, department


def shell(generator, item_type: ContentType, agenda: bool = True) -> str:
    """The content block of the item's page (what <main> holds), rendered by the site's template."""
    name = "page" if item_type is ContentType.PAGE else "article"
    template = generator.get_template(name)
    article, record, department = _synthetic(item_type, generator.settings, agenda)
    context = {**generator.context, "SITEURL": mark("site"), "article": article, "page": article, "record": record, "picture": None,
               "department": department, "ui_lang": ""}
    html = "".join(template.blocks["content"](template.new_context(context)))
    filters = generator.env.filters
    for field, when in SENTINELS.items():
        html = html.replace(when.isoformat(), mark(field, "iso")).replace(filters["uk_datetime"](when), mark(field))
    return html.replace(filters["act_kind_label"](SENTINEL_KIND), mark("act_kind")).strip() + "\n"


def shells_script(generator) -> str:
    shells = {t.folder: shell(generator, t) for t in editor.COLLECTIONS}
    # A meeting without its agenda says when it will be published: the template's other branch.
    shells[ContentType.MEETING.folder + ":no-agenda"] = shell(generator, ContentType.MEETING, agenda=False)
    return "window.VISNYK_SHELLS = " + json.dumps(shells, ensure_ascii=False, sort_keys=True) + ";\n"
