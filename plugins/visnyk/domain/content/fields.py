"""The content contract as data: every front-matter field, where it may be written and where it must be.

One declaration read by two parties: the reader (`items.py`) takes its field lists, required-ness and value
patterns from here, and the web editor's config (`editor.py`) is generated from it, so a field cannot be
required in one and optional in the other. Labels and hints are the words of docs/redaktoram.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..common.model import ADOPTED_KINDS, ActKind, ContentType, MeetingBody, Status
from ..language.wording import ACT_KIND_LABEL, MEETING_BODY_LABEL

ALL: frozenset[ContentType] = frozenset(ContentType)
PUBLICATIONS: frozenset[ContentType] = frozenset(t for t in ContentType if t.counted)

# Value patterns: the reader matches them, the editor shows them as input patterns with the same words.
PERIOD = re.compile(r"([0-9]{4})(?:-([0-9]{2}))?")
PERIOD_STRICT = r"^[0-9]{4}(-(0[1-9]|1[0-2]))?$"  # the same, with the month range the reader checks apart
COUNT = re.compile(r"[0-9]{1,6}")  # ASCII digits only ("²" is a digit to str.isdigit) and a sane size
COUNT_MAX = 999_999
VIDEO_URL = re.compile(r"https?://[^\s/]+\.[^\s]+")
ACT_PATH = re.compile(r"acts/.+\.md")
VIDEO_PATH = re.compile(r"videos/.+\.md")


class Kind(str, Enum):
    """What a field holds, which decides the editor's widget and how the reader reads it."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"
    DATETIME = "datetime"  # `РРРР-ММ-ДД ГГ:ХХ`, Kyiv time
    DATE = "date"  # `РРРР-ММ-ДД`
    CHOICE = "choice"  # one of `choices` (an Enum)
    DEPARTMENT = "department"  # a slug from departments.yml
    TAGS = "tags"
    IMAGE = "image"  # images/YYYY/…
    ATTACHMENTS = "attachments"  # [{file: files/YYYY/…, title}]
    URL = "url"
    PERIOD = "period"
    ACTIVITIES = "activities"  # [{text, count, one?, few?, many?}]
    AGENDA = "agenda"  # [{text, act?}]
    ACT_PATH = "act_path"  # acts/….md
    ACT_PATHS = "act_paths"  # [acts/….md, …]
    SLUG = "slug"
    LANGUAGE = "language"
    TYPE = "type"


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    label: str
    hint: str = ""
    types: frozenset[ContentType] = ALL  # where the field may be written
    required: frozenset[ContentType] = frozenset()  # where it must be
    choices: type[Enum] | None = None
    # Written by hand only: the web editor leaves it out (the folder gives `type`, the title gives `slug`).
    in_editor: bool = True
    # May be filled only when another field has one of these values ("adopted" only in decisions and orders).
    only_when: tuple[str, frozenset[str]] | None = None
    # Must be filled when another field is ("image_alt" with "image").
    required_with: str | None = None

    def required_in(self, item_type: ContentType) -> bool:
        return item_type in self.required


ACTS = frozenset({ContentType.ACT})
ADOPTED = frozenset(k.value for k in ADOPTED_KINDS)
REPORTS = frozenset({ContentType.REPORT})
MEETINGS = frozenset({ContentType.MEETING})

FIELDS: tuple[Field, ...] = (
    Field("title", Kind.TEXT, "Заголовок", types=ALL, required=ALL),
    Field("date", Kind.DATETIME, "Дата",
          "РРРР-ММ-ДД ГГ:ХХ, київський час. Матеріал із датою в майбутньому з'явиться на сайті в день своєї дати",
          required=ALL),
    Field("type", Kind.TYPE, "Тип", "тип визначає тека", in_editor=False),
    Field("department", Kind.DEPARTMENT, "Підрозділ", "підрозділ зі списку в content/departments.yml",
          required=PUBLICATIONS),
    Field("act_kind", Kind.CHOICE, "Вид акта", types=ACTS, required=ACTS, choices=ActKind),
    Field("number", Kind.TEXT, "Номер", "номер акта", types=ACTS),
    Field("adopted", Kind.DATE, "Дата ухвалення",
          "у рішеннях ради й виконкому, розпорядженнях і регуляторних актах: дата ухвалення чи підписання",
          types=ACTS, only_when=("act_kind", ADOPTED)),
    Field("consideration", Kind.DATE, "Дата розгляду",
          "лише в проєктах рішень: дата розгляду, якщо проєкту немає в порядку денному засідання", types=ACTS,
          only_when=("act_kind", frozenset({ActKind.DRAFT_DECISION.value}))),
    Field("draft", Kind.ACT_PATH, "Проєкт рішення",
          "шлях до проєкту, який ухвалено цим актом: acts/2026/proiekt-rishennia-pro-biudzhet.md", types=ACTS,
          only_when=("act_kind", ADOPTED)),
    Field("in_force_from", Kind.DATE, "Набирає чинності",
          "лише якщо не з дня ухвалення: дата, з якої акт набирає чинності", types=ACTS,
          only_when=("act_kind", ADOPTED)),
    Field("amends", Kind.ACT_PATHS, "Вносить зміни до",
          "шляхи до раніше ухвалених актів, які змінює цей: acts/2025/pro-taryfy.md", types=ACTS,
          only_when=("act_kind", ADOPTED)),
    Field("repeals", Kind.ACT_PATHS, "Скасовує",
          "шляхи до актів, які втрачають чинність через цей: acts/2024/pro-pravyla.md", types=ACTS,
          only_when=("act_kind", ADOPTED)),
    Field("body", Kind.CHOICE, "Орган", types=MEETINGS, required=MEETINGS, choices=MeetingBody),
    Field("starts", Kind.DATETIME, "Початок", "РРРР-ММ-ДД ГГ:ХХ, київський час", types=MEETINGS,
          required=MEETINGS),
    Field("ends", Kind.DATETIME, "Кінець", "РРРР-ММ-ДД ГГ:ХХ, київський час", types=MEETINGS),
    Field("venue", Kind.TEXT, "Місце", types=MEETINGS, required=MEETINGS),
    Field("agenda", Kind.AGENDA, "Порядок денний", types=MEETINGS),
    Field("protocol", Kind.ACT_PATH, "Протокол засідання",
          "шлях до протоколу (act_kind: protocol), коли його оприлюднено: acts/2026/protokol-sesii.md", types=MEETINGS),
    Field("video", Kind.TEXT, "Відеозапис засідання",
          "шлях до відео (тека videos/), коли його оприлюднено: videos/2026/sesiia-zapys.md", types=MEETINGS),
    Field("video_url", Kind.URL, "Посилання на відео", "повна адреса: https://www.youtube.com/watch?v=…",
          types=frozenset({ContentType.VIDEO})),
    Field("period", Kind.PERIOD, "Період", "2019-09 (місяць) або 2019 (рік)", types=REPORTS, required=REPORTS),
    Field("activities", Kind.ACTIVITIES, "Інша робота",
          "цифри, які знають лише люди: «Брали участь у прийомах міського голови», 2", types=REPORTS),
    Field("head", Kind.TEXT, "Хто підписує", "якщо не керівник з реєстру", types=REPORTS),
    Field("head_title", Kind.TEXT, "Посада того, хто підписує",
          "пишіть повністю, напр. «Заступник начальника відділу»: назву підрозділу сайт допише сам",
          types=REPORTS),
    Field("number", Kind.TEXT, "Реєстраційний індекс",
          "як звіт зареєстровано в діловодстві: 01-15/112", types=REPORTS),
    Field("tags", Kind.TAGS, "Теги", "список: бюджет, освіта"),
    Field("summary", Kind.LONG_TEXT, "Короткий опис", "для списків і пошукових систем"),
    # Each of the pair needs the other (items.py refuses a picture without its description and a description
    # without its picture), so each is declared required with the other and the web editor refuses both cases.
    Field("image", Kind.IMAGE, "Зображення", "JPEG, PNG або WebP з images/: вгорі сторінки, у списках і соцмережах",
          required_with="image_alt"),
    Field("image_alt", Kind.TEXT, "Опис зображення", "що на зображенні, одним реченням, для тих, хто його не бачить",
          required_with="image"),
    Field("attachments", Kind.ATTACHMENTS, "Вкладення", "файли з files/"),
    Field("status", Kind.CHOICE, "Статус",
          "published (типово); draft — чернетка, не публікується й не рахується; hidden — доступна за "
          "посиланням, але не в списках і не в статистиці", choices=Status),
    Field("modified", Kind.DATETIME, "Дата останньої зміни", "у тому ж форматі, що й дата"),
    Field("slug", Kind.SLUG, "Адреса сторінки",
          "латиницею; без нього адреса утворюється із заголовка за офіційною транслітерацією", in_editor=False),
    Field("lang", Kind.LANGUAGE, "Мова", "uk (типово) або en", in_editor=False),
)  # fmt: skip

BODY_LABEL = "Текст"
# The types whose file must have a text after the front matter (a news item with none publishes an empty page).
BODY_REQUIRED: frozenset[ContentType] = frozenset({ContentType.NEWS})
BODY_HINT = "Markdown: абзаци, **жирний**, *курсив*, списки, заголовки ##, таблиці"

# Words of each choice, for the editor (the file stores the value): the site's own words where it has them.
STATUS_LABEL: dict[Status, str] = {
    Status.PUBLISHED: "Опубліковано",
    Status.DRAFT: "Чернетка",
    Status.HIDDEN: "Приховано (лише за посиланням)",
}
# By enum (ActKind.OTHER and MeetingBody.OTHER are both the string "other": one dict would merge them).
CHOICE_LABELS: dict[type[Enum], dict] = {ActKind: ACT_KIND_LABEL, MeetingBody: MEETING_BODY_LABEL, Status: STATUS_LABEL}


def choice_label(value: Enum) -> str:
    return CHOICE_LABELS[type(value)][value]


def fields_of(item_type: ContentType) -> tuple[Field, ...]:
    """The fields a file of this type may carry, in the order the editor shows them."""
    return tuple(f for f in FIELDS if item_type in f.types)


def field(name: str, item_type: ContentType) -> Field:
    return next(f for f in fields_of(item_type) if f.name == name)


def required(name: str, item_type: ContentType) -> bool:
    return any(f.required_in(item_type) for f in FIELDS if f.name == name and item_type in f.types)


COMMON_FIELDS: tuple[str, ...] = tuple(f.name for f in FIELDS if f.types == ALL)
TYPE_FIELDS: dict[ContentType, tuple[str, ...]] = {
    t: tuple(dict.fromkeys(f.name for f in FIELDS if f.types != ALL and t in f.types))
    for t in ContentType
    if any(f.types != ALL and t in f.types for f in FIELDS)
}
