"""The web editor's config (Decap CMS, /admin/config.yml), generated from the content contract.

Every collection, field, required mark, choice and pattern comes from `fields.FIELDS`, the departments from
the registry: what the editor asks for is what `check` demands. Files land where `invoke new` puts them
(`news/2026/<slug>.md`, `pages/<slug>.md`), uploads in `images/YYYY/` and `files/YYYY/` of the item's year.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..language.alphabet import by_name
from ..content.fields import BODY_LABEL, BODY_REQUIRED, COUNT_MAX, FIELDS, PERIOD_STRICT, Field, Kind, choice_label, field, fields_of  # fmt: skip
from ..common.model import ContentType, Department, MeetingBody, Status
from . import words
from ..language.wording import MEETING_BODY_LABEL, TYPE_LABEL, TYPE_SINGULAR, month_genitive

DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # what clock.parse_date reads as Kyiv wall-clock time
DATE_FORMAT = "YYYY-MM-DD"
FORMAT = "visnyk-frontmatter"
# The Markdown after the front matter: not "body", which is a meeting's field (who meets).
TEXT = "text"  # registered by admin/visnyk.js: keeps untouched lines as they were written

COLLECTIONS: tuple[ContentType, ...] = (
    ContentType.NEWS, ContentType.ANNOUNCEMENT, ContentType.ACT, ContentType.MEETING, ContentType.VIDEO,
    ContentType.REPORT, ContentType.PAGE,
)  # fmt: skip
PATTERN_MESSAGES = {
    Kind.PERIOD: "напишіть 2019-09 (місяць) або 2019 (рік)",
    Kind.URL: "напишіть повну адресу: https://www.youtube.com/watch?v=…",
    Kind.ACT_PATH: "напишіть шлях до файлу акта: acts/2026/proiekt-rishennia.md",
}
PATTERNS = {
    Kind.PERIOD: PERIOD_STRICT,
    Kind.URL: r"^https?://[^\s/]+\.[^\s]+$",
    Kind.ACT_PATH: r"^acts/.+\.md$",
}


@dataclass(frozen=True)
class Backend:
    """Where the editor saves: the council's GitHub repository, and on a computer the local backend too."""

    repo: str  # "owner/name"
    branch: str = "main"
    auth_url: str = ""  # the OAuth helper's address; empty: Netlify's (api.netlify.com)
    local_url: str = ""  # decap-server's API (./visnyk edit); empty: none
    review: bool = False  # drafts as pull requests, published by merging (main protected)
    site_url: str = ""


def _upload(folder: str) -> dict:
    """Uploads go to content/<folder>/<year of the item>/ and the file records `<folder>/<year>/<name>`."""
    return {"media_folder": f"/content/{folder}/{{{{year}}}}", "public_folder": f"{folder}/{{{{year}}}}"}


def _options(enum) -> list[dict]:
    """The reader's words only; the file stores the value (the code)."""
    return [{"label": choice_label(v), "value": v.value} for v in enum]


def _hint(f: Field, item_type: ContentType) -> str:
    """The editor's hint (words.HINTS: what to type, with an example); the status names the choices' words."""
    if f.name == "status":  # the file's hint names the codes (published, draft…); the editor sees words
        return (f"без вибору: «{choice_label(Status.PUBLISHED)}»; «{choice_label(Status.DRAFT)}» не публікується "
                "й не рахується; «Приховано» доступна за посиланням, але не в списках і не в статистиці")
    if f.name == "number" and item_type is ContentType.REPORT:
        return words.REPORT_NUMBER
    return words.HINTS[f.name]


# Decap heads a list with "<count> <label>": the noun in the form the count asks for (one, few, many, as
# CLDR's plural rules for Ukrainian), chosen by admin/visnyk.js, so it reads "2 пункти", "5 пунктів".
LIST_NOUNS = {
    Kind.ACTIVITIES: ("пункт", "пункти", "пунктів"),
    Kind.ATTACHMENTS: ("вкладення", "вкладення", "вкладень"),
    Kind.AGENDA: ("питання", "питання", "питань"),
}
LIST_WIDGET = "visnyk-list"  # Decap's list, with the count's noun agreeing (admin/visnyk.js)


def widget(f: Field, item_type: ContentType, departments: Mapping[str, Department]) -> dict:
    """One field of the contract as a Decap field."""
    out: dict = {"name": f.name, "label": f.label, "required": f.required_in(item_type)}
    out["hint"] = _hint(f, item_type)
    kind = f.kind
    if kind is Kind.TEXT:
        out["widget"] = "string"
    elif kind is Kind.LONG_TEXT:
        out["widget"] = "text"
    elif kind is Kind.DATETIME:
        out.update(widget="datetime", format=DATETIME_FORMAT, date_format=DATE_FORMAT, time_format="HH:mm")
        if f.required_in(item_type):
            out["default"] = "{{now}}"
    elif kind is Kind.DATE:
        out.update(widget="datetime", format=DATE_FORMAT, date_format=DATE_FORMAT, time_format=False)
    elif kind is Kind.CHOICE:
        out.update(widget="select", options=_options(f.choices))
    elif kind is Kind.DEPARTMENT:
        out.update(widget="select", options=[
            {"label": departments[s].name, "value": s} for s in by_name(departments)
        ])  # fmt: skip
    elif kind is Kind.TAGS:
        out.update(widget="list", allow_add=True)
    elif kind is Kind.ACT_PATHS:
        out.update(widget="list", allow_add=True)
    elif kind is Kind.IMAGE:
        out.update(widget="image", choose_url=False, **_upload("images"))
    elif kind is Kind.ATTACHMENTS:
        out.update(widget=LIST_WIDGET, label_singular="вкладення", summary="{{fields.title}}", fields=[
            {"name": "file", "label": "Файл", "widget": "file", "choose_url": False, "hint": words.SUBFIELD_HINTS["file"],
             **_upload("files")},
            {"name": "title", "label": "Назва", "widget": "string", "hint": words.SUBFIELD_HINTS["title"]},
        ])  # fmt: skip
    elif kind is Kind.ACTIVITIES:
        out.update(widget=LIST_WIDGET, label_singular="пункт", summary="{{fields.text}}: {{fields.count}}", fields=[
            {"name": "text", "label": "Що зроблено", "widget": "string",
             "hint": words.SUBFIELD_HINTS["text"]},
            {"name": "count", "label": "Скільки", "widget": "number", "value_type": "int", "min": 0,
             "hint": words.SUBFIELD_HINTS["count"],
             "max": COUNT_MAX},
            *({"name": form, "label": label, "widget": "string", "required": False,
               "hint": words.SUBFIELD_HINTS["forms"]}
              for form, label in (("one", "1 (один)"), ("few", "2–4 (два)"), ("many", "5 (п'ять)"))),
        ])  # fmt: skip
    elif kind is Kind.AGENDA:
        out.update(widget=LIST_WIDGET, label_singular="питання", summary="{{fields.text}}", fields=[
            {"name": "text", "label": "Питання", "widget": "string", "hint": words.SUBFIELD_HINTS["question"]},
            {"name": "act", "label": "Проєкт рішення", "widget": "string", "required": False,
             "hint": words.SUBFIELD_HINTS["agenda_act"],
             "pattern": [PATTERNS[Kind.ACT_PATH], PATTERN_MESSAGES[Kind.ACT_PATH]]},
        ])  # fmt: skip
    else:  # URL, PERIOD, ACT_PATH: a line with a pattern
        out["widget"] = "string"
    if kind in PATTERNS:
        out["pattern"] = [PATTERNS[kind], PATTERN_MESSAGES[kind]]
    return out


# A card in a list: "12.12.2025 · Заголовок", and " · ⟦draft⟧" after a status written in the file: admin/visnyk.js
# puts the status's word in place of the code (and drops "published" written out). Decap's templates have no map.
STATUS_OPEN, STATUS_CLOSE = "⟦", "⟧"
SUMMARY = (f"{{{{date | date('DD.MM.YYYY')}}}} · {{{{title}}}}{{{{status | ternary(' · {STATUS_OPEN}', '')}}}}"
           f"{{{{status}}}}{{{{status | ternary('{STATUS_CLOSE}', '')}}}}")


def collection(item_type: ContentType, departments: Mapping[str, Department]) -> dict:
    fields = [widget(f, item_type, departments) for f in fields_of(item_type) if f.in_editor]
    # The file name is the slug the build derives from the title (official transliteration, admin/visnyk.js);
    # it is not written into the file unless the file already had one.
    fields.append({"name": "slug", "label": "Адреса сторінки", "widget": "hidden", "required": False})
    fields.append({"name": TEXT, "label": BODY_LABEL, "hint": words.HINTS[TEXT], "widget": "markdown",
                   "required": item_type in BODY_REQUIRED, "modes": ["raw", "rich_text"]})
    return {
        "name": item_type.folder,
        "label": "Постійні сторінки" if item_type is ContentType.PAGE else TYPE_LABEL[item_type],
        "label_singular": TYPE_SINGULAR[item_type],
        "folder": f"content/{item_type.folder}",
        "create": True,
        "extension": "md",
        "format": FORMAT,
        "identifier_field": "title",
        "slug": "{{fields.slug}}",
        "path": "{{slug}}" if item_type is ContentType.PAGE else "{{year}}/{{slug}}",
        # Newest first, each card with its date as the reader writes it and its status when not published
        # (admin/visnyk.js puts the status's word in place of its code: STATUS_MARK); searchable by Decap's search.
        "summary": SUMMARY,
        "sortable_fields": [{"field": "date", "label": "Датою", "default_sort": "desc"},
                            {"field": "title", "label": "Заголовком"}],
        "view_filters": [{"label": choice_label(s), "field": "status", "pattern": s.value}
                         for s in (Status.DRAFT, Status.HIDDEN)],
        "fields": fields,
    }


def rules(item_type: ContentType) -> list[dict]:
    """What Decap's per-field `required` cannot say, checked by admin/visnyk.js before a save, in the
    reader's words: a field allowed only with some values of another, a field required with another."""
    out = []
    for f in fields_of(item_type):
        if not f.in_editor:
            continue
        if f.only_when is not None:
            other, values = f.only_when
            kinds = ", ".join(choice_label(field(other, item_type).choices(v)).lower() for v in sorted(values))
            out.append({"field": f.name, "only_when": other, "values": sorted(values),
                        "message": f"поле «{f.label}» буває лише тоді, коли {field(other, item_type).label.lower()}: "
                                   f"{kinds}; очистьте його або змініть вид"})
        if f.required_with is not None:
            out.append({"field": f.name, "required_with": f.required_with,
                        "message": f"заповніть поле «{f.label}»: воно обов'язкове, коли є "
                                   f"«{field(f.required_with, item_type).label}»"})
    return out


def preview(departments: Mapping[str, Department]) -> dict:
    """What admin/visnyk.js's preview needs to fill the page's shell (admin/shells.js) with an entry: the departments'
    names, the choices' words, the months in a date (genitive), who meets; and the lists' nouns.
    From the registry and the contract, as the config: nothing is typed again in JavaScript."""
    return {
        "departments": {s: departments[s].name for s in by_name(departments)},
        "choices": {f.name: {v.value: choice_label(v) for v in f.choices}
                    for f in FIELDS if f.kind is Kind.CHOICE and f.in_editor},
        "months_genitive": [month_genitive(m) for m in range(1, 13)],
        "list_nouns": {f.name: list(LIST_NOUNS[f.kind]) for f in FIELDS if f.kind in LIST_NOUNS},
        "collections": [t.folder for t in COLLECTIONS],
        "meeting_bodies": {b.value: MEETING_BODY_LABEL[b] for b in MeetingBody},
        "css": "../theme/css/site.css",  # the site's own styles, relative to /admin/
        "phrases": words.PHRASES,  # Decap's phrases said our way (merged into its Ukrainian ones)
    }


def config(departments: Mapping[str, Department], backend: Backend) -> dict:
    """The whole config.yml as data (the adapter dumps it)."""
    github = {
        "name": "github",
        "repo": backend.repo,
        "branch": backend.branch,
        "commit_messages": {
            "create": "Новий матеріал {{collection}}: {{slug}}",
            "update": "Зміни в {{collection}}: {{slug}}",
            "delete": "Видалено {{collection}}: {{slug}}",
            "uploadMedia": "Файл {{path}}",
            "deleteMedia": "Видалено файл {{path}}",
        },
    }
    if backend.auth_url:
        github["base_url"] = backend.auth_url
    out: dict = {"locale": "uk", "backend": github}
    if backend.review:  # Decap's editorial workflow: a branch and a pull request per item, «Опублікувати» merges it
        out["publish_mode"] = "editorial_workflow"
    if backend.local_url:
        out["local_backend"] = {"url": backend.local_url}
    if backend.site_url:
        out["site_url"] = out["display_url"] = backend.site_url
    out.update({
        "media_folder": "content/images",
        "public_folder": "images",
        "slug": {"encoding": "unicode", "clean_accents": False, "sanitize_replacement": "-"},
        "collections": [collection(t, departments) for t in COLLECTIONS],
    })  # fmt: skip
    return out
