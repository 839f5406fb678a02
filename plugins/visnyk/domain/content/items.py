"""One content file → a validated `Item`, or every problem found in it.

Only what the file itself can tell is checked here (syntax, fields, values, dates). What needs other
files — departments, duplicate URLs, link targets — is checked in `checks.py`, so a cached file is
still checked against today's registry and today's content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import yaml

from . import body as bodies
from . import source
from ..language.wording import activity_problem
from ..common.clock import DATE_HELP, DateError, kyiv, parse_date
from .fields import ACT_PATH, BODY_REQUIRED, COMMON_FIELDS, COUNT, PERIOD, TYPE_FIELDS, VIDEO_PATH, VIDEO_URL, required
from ..common.model import ADOPTED_KINDS, LANGUAGES, TYPE_BY_FOLDER, Activity, ActKind, AgendaEntry, Attachment, ContentType, Item, Link, Meeting, MeetingBody, ReportExtra, Status
from ..common.problems import Problem
from ..navigation.slugs import MAX_LENGTH, is_valid_slug, slugify



def allowed(values) -> str:
    return ", ".join(v.value if hasattr(v, "value") else str(v) for v in values)


def type_of(relpath: str) -> ContentType | None:
    top = relpath.split("/", 1)[0]
    return TYPE_BY_FOLDER.get(top)


def folder_help() -> str:
    return "покладіть файл у теку " + ", ".join(f"{t.folder}/" for t in ContentType)


class _Fields:
    """Walks one front-matter mapping, collecting problems instead of stopping at the first."""

    def __init__(self, path: str, node: yaml.MappingNode | None, first_line: int):
        self.path = path
        self.first_line = first_line
        self.problems: list[Problem] = []
        self.nodes: dict[str, yaml.Node] = {}
        self.lines: dict[str, int] = {}
        for key_node, value_node in node.value if node is not None else ():
            key = source.scalar_text(key_node)
            line = source.line_of(key_node, first_line)
            if key is None:
                self.problem(line, "назва поля має бути словом", "напишіть назва: значення")
            elif key in self.nodes:
                self.problem(line, f"поле {key} вказано двічі", "залиште одне значення")
            else:
                self.nodes[key] = value_node
                self.lines[key] = line

    def problem(self, line: int, message: str, fix: str = "") -> None:
        self.problems.append(Problem(self.path, line, message, fix))

    def line(self, key: str) -> int:
        return self.lines.get(key, 1)

    def node(self, key: str) -> yaml.Node | None:
        node = self.nodes.get(key)
        return None if node is None or source.is_null(node) else node

    def text(self, key: str, required: bool = False) -> str | None:
        node = self.node(key)
        if node is None:
            if required:
                self.problem(
                    1 if key not in self.lines else self.line(key),
                    f"немає обов'язкового поля {key}",
                    f"додайте в опис рядок {key}: …",
                )
            return None
        value = source.scalar_text(node)
        if value is None or not value.strip():
            self.problem(self.line(key), f"поле {key} має бути текстом", f"напишіть {key}: значення")
            return None
        return value.strip()

    def choice(self, key: str, enum, required: bool = False, what: str = "значення"):
        value = self.text(key, required)
        if value is None:
            return None
        try:
            return enum(value)
        except ValueError:
            self.problem(
                self.line(key),
                f"невідоме {what} {key}: «{value}»",
                f"допустимі: {allowed(enum)}",
            )
            return None

    def date(self, key: str, required: bool = False):
        value = self.text(key, required)
        if value is None:
            return None
        try:
            return parse_date(value)
        except DateError as exc:
            self.problem(self.line(key), f"поле {key}: {exc}", DATE_HELP)
            return None

    def text_list(self, key: str) -> tuple[str, ...]:
        node = self.node(key)
        if node is None:
            return ()
        if isinstance(node, yaml.ScalarNode):  # "tags: бюджет, освіта" is what people write
            return tuple(t.strip() for t in node.value.split(",") if t.strip())
        if isinstance(node, yaml.SequenceNode):
            values = [source.scalar_text(n) for n in node.value]
            if all(v is not None and v.strip() for v in values):
                return tuple(v.strip() for v in values)
        self.problem(self.line(key), f"поле {key} має бути списком слів", f"напишіть {key}: [слово, слово]")
        return ()

    def records(self, key: str, make: Callable[[dict[str, str], int], object | None], shape: str):
        """A list of small mappings (attachments, activities); `make` validates one of them."""
        node = self.node(key)
        if node is None:
            return ()
        if not isinstance(node, yaml.SequenceNode):
            self.problem(self.line(key), f"поле {key} має бути списком", f"кожен пункт з нового рядка: - {shape}")
            return ()
        result = []
        for entry in node.value:
            line = source.line_of(entry, self.first_line)
            if not isinstance(entry, yaml.MappingNode) or not all(
                isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode) for k, v in entry.value
            ):  # a list or a mapping as a key ({[a]: b}, {? {a: 1} : b}) or as a value is not a field
                self.problem(line, f"пункт списку {key} має вигляд {{{shape}}}", f"напишіть - {shape}")
                continue
            values: dict[str, str] = {}
            for k, v in entry.value:
                if k.value in values:  # as at the top level: a second value must not win silently
                    self.problem(source.line_of(k, self.first_line), f"поле {k.value} у пункті списку {key} вказано двічі",
                                 "залиште одне значення")
                values[k.value] = v.value
            if len(values) < len(entry.value):
                continue
            record = make(values, line)
            if record is not None:
                result.append(record)
        return tuple(result)

    def check_unknown(self, allowed_keys: tuple[str, ...], item_type: ContentType) -> None:
        for key in self.nodes:
            if key in allowed_keys:
                continue
            owner = next((t for t, keys in TYPE_FIELDS.items() if key in keys), None)
            if owner is not None:
                self.problem(
                    self.line(key),
                    f"поле {key} буває лише в теці {owner.folder}/, а не в {item_type.folder}/",
                    "приберіть поле або перенесіть файл",
                )
            else:
                self.problem(
                    self.line(key),
                    f"невідоме поле {key}",
                    f"допустимі поля: {', '.join(allowed_keys)} (перевірте написання)",
                )


@dataclass(frozen=True)
class Parsed:
    """One file read: the item when the file is valid, otherwise every problem found in it."""

    item: Item | None
    body: str = ""
    problems: tuple[Problem, ...] = ()
    # The department and links as written, even in a broken file, so that they are checked in the same run.
    department: tuple[str, int] | None = None
    links: tuple[Link, ...] = ()
    html: str | None = None  # the body as HTML, when asked for and the file is valid


def parse_item(path: str, raw: bytes, want_html: bool = False) -> Parsed:
    """Validate one file; with `want_html`, also return its body as HTML (the reader needs it)."""
    item_type = type_of(path)
    if item_type is None:
        return Parsed(None, problems=(Problem(path, 1, "файл лежить поза теками типів матеріалів", folder_help()),))
    text, unreadable = source.decode(path, raw)
    if text is None:
        return Parsed(None, problems=tuple(unreadable))
    front, problems = source.split(path, text)
    if front is None:
        return Parsed(None, problems=tuple(unreadable + problems))
    unreadable += source.value_problems(path, front.node, front.yaml_first_line)  # parsed values, nested ones too
    f = _Fields(path, front.node, front.yaml_first_line)
    f.problems += unreadable
    f.check_unknown(COMMON_FIELDS + TYPE_FIELDS.get(item_type, ()), item_type)

    title = f.text("title", required("title", item_type))
    date = f.date("date", required("date", item_type))
    declared = f.text("type")
    if declared is not None and declared != item_type.value:
        if declared in {t.value for t in ContentType}:
            f.problem(
                f.line("type"),
                f"type: {declared} не збігається з текою {item_type.folder}/ (там type: {item_type.value})",
                f"перенесіть файл до {ContentType(declared).folder}/ або виправте type",
            )
        else:
            f.problem(f.line("type"), f"невідомий тип «{declared}»", f"допустимі: {allowed(ContentType)}")
    department = f.text("department", required("department", item_type))
    status = f.choice("status", Status, what="значення статусу") or Status.PUBLISHED
    lang = f.text("lang") or "uk"
    if lang not in LANGUAGES:
        f.problem(f.line("lang"), f"невідома мова «{lang}»", f"допустимі: {', '.join(LANGUAGES)}")
    slug = f.text("slug")
    if slug is not None and not is_valid_slug(slug):
        f.problem(
            f.line("slug"),
            f"slug «{slug[:100]}» має містити лише малі латинські літери, цифри й дефіси, до {MAX_LENGTH} знаків",
            f"наприклад slug: {slugify(slug) or 'zasidannia-komisii'}",
        )
    if slug is None and title is not None:
        slug = slugify(title)
        if not slug:
            f.problem(f.line("title"), "із заголовка не виходить адреса сторінки", "додайте поле slug: латиницею")

    act_kind = number = report = video_url = consideration = adopted = draft = meeting = in_force_from = None
    amends = repeals = ()
    if item_type is ContentType.ACT:
        act_kind = f.choice("act_kind", ActKind, required("act_kind", item_type), what="значення виду акта")
        number = f.text("number")
        consideration, adopted, draft = _act_dates(f, act_kind, date)
        amends, repeals, in_force_from = _relations(f, act_kind, adopted or date)
    if item_type is ContentType.MEETING:
        meeting = _meeting(f)
    if item_type is ContentType.REPORT:
        report = _report_extra(f)
    if item_type is ContentType.VIDEO:
        video_url = f.text("video_url")
        if video_url is not None and not VIDEO_URL.fullmatch(video_url):
            f.problem(f.line("video_url"), f"video_url «{video_url}» не схоже на адресу відео",
                      "напишіть повну адресу: video_url: https://www.youtube.com/watch?v=…")
            video_url = None

    def attachment(entry: dict[str, str], line: int) -> Attachment | None:
        unknown = set(entry) - {"file", "title"}
        if not entry.get("file") or not entry.get("title") or unknown:
            f.problem(line, "вкладення має мати поля file і title", "напишіть - {file: files/назва.pdf, title: Назва}")
            return None
        return Attachment(entry["file"].strip().lstrip("/"), entry["title"].strip())

    attachments = f.records("attachments", attachment, "file: files/назва.pdf, title: Назва")
    body = bodies.inspect(path, front.body, front.body_first_line, want_html)
    f.problems += body.problems
    if item_type in BODY_REQUIRED and not front.body.strip():
        f.problem(front.body_first_line - 1, "немає тексту: новину публікують лише з текстом",
                  "напишіть текст після рядка --- (хоча б абзац: що сталося, де й коли)")
    links = body.links
    tags, summary, image = f.text_list("tags"), f.text("summary"), f.text("image")
    image_alt = f.text("image_alt")
    if image and not image_alt and "image_alt" not in f.lines:
        f.problem(f.line("image"), "зображення без опису image_alt: людина, яка не бачить зображення, не дізнається, що на ньому",
                  "додайте рядок image_alt: що зображено (наприклад image_alt: Новий сквер на вулиці Соборній)")
    elif image_alt and not image:
        f.problem(f.line("image_alt"), "є опис image_alt, але немає зображення image",
                  "додайте image: images/рік/назва.jpg або приберіть image_alt")
    for tag in tags:
        if not slugify(tag):  # its page would be written over the list of all tags
            f.problem(f.line("tags"), f"із тегу «{tag}» не виходить адреса сторінки", "тег має містити літери або цифри")
    modified = f.date("modified")
    if f.problems or not (title and date and slug):
        written = (department, f.line("department")) if department else None
        return Parsed(None, front.body, tuple(f.problems), written, links)
    item = Item(
        source=path,
        type=item_type,
        title=title,
        date=date,
        slug=slug,
        status=status,
        lang=lang,
        department=department,
        tags=tags,
        summary=summary,
        modified=modified,
        image=image,
        image_alt=image_alt,
        attachments=attachments,
        act_kind=act_kind,
        number=number,
        consideration=consideration,
        adopted=adopted,
        draft=draft,
        amends=amends,
        repeals=repeals,
        in_force_from=in_force_from,
        meeting=meeting,
        video_url=video_url,
        report=report,
        links=links,
        lines=dict(f.lines, body=front.body_first_line),
    )
    return Parsed(item, front.body, html=body.html)


def _act_dates(f: _Fields, kind: ActKind | None, published):
    """`consideration` (drafts), `adopted` and `draft` (decisions, orders), each only where it means something."""
    consideration, adopted, draft = f.date("consideration"), f.date("adopted"), f.text("draft")
    if consideration is not None and kind is not None and kind is not ActKind.DRAFT_DECISION:
        f.problem(f.line("consideration"), "поле consideration (дата розгляду) буває лише в проєктах рішень",
                  "приберіть його або вкажіть act_kind: draft_decision")
        consideration = None
    for key in ("adopted", "draft", "in_force_from", "amends", "repeals"):
        if f.node(key) is not None and kind is not None and kind not in ADOPTED_KINDS:
            f.problem(f.line(key), f"поле {key} буває лише в рішеннях, розпорядженнях і регуляторних актах",
                      f"приберіть його або вкажіть act_kind: {', '.join(k.value for k in ADOPTED_KINDS)}")
    if kind not in ADOPTED_KINDS:
        adopted = draft = None
    if adopted is not None and published is not None and kyiv(adopted).date() > kyiv(published).date():
        f.problem(f.line("adopted"), f"акт оприлюднено ({kyiv(published):%Y-%m-%d}) раніше, ніж ухвалено "
                  f"({kyiv(adopted):%Y-%m-%d})", "перевірте дати date (оприлюднення) і adopted (ухвалення)")
    if draft is not None:
        draft = draft.lstrip("/")
        if not ACT_PATH.fullmatch(draft):
            f.problem(f.line("draft"), f"draft «{draft}» має бути шляхом до проєкту рішення в теці acts/",
                      "напишіть draft: acts/2026/proiekt-rishennia-….md")
            draft = None
    return consideration, adopted, draft


def _relations(f: _Fields, kind: ActKind | None, adopted):
    """`amends`, `repeals` (paths of earlier acts) and `in_force_from`, in decisions and orders only (the
    kind's own problem is named by `_act_dates`); whether the targets exist is checked across files
    (domain/legal/status.py)."""
    amends, repeals, in_force_from = f.text_list("amends"), f.text_list("repeals"), f.date("in_force_from")
    if kind not in ADOPTED_KINDS:
        return (), (), None
    for key, paths in (("amends", amends), ("repeals", repeals)):
        for path in paths:
            if not ACT_PATH.fullmatch(path.lstrip("/")):
                f.problem(f.line(key), f"{key}: «{path}» має бути шляхом до файлу акта в теці acts/",
                          f"напишіть {key}: [acts/2025/pro-….md]")
    both = sorted(set(p.lstrip("/") for p in amends) & set(p.lstrip("/") for p in repeals))
    if both:
        f.problem(f.line("repeals"), f"акт і змінює, і скасовує {', '.join(both)}",
                  "залиште шлях лише в amends або лише в repeals")
    if in_force_from is not None and adopted is not None and kyiv(in_force_from).date() < kyiv(adopted).date():
        f.problem(f.line("in_force_from"), f"акт набирає чинності ({kyiv(in_force_from):%Y-%m-%d}) раніше, ніж "
                  f"ухвалений ({kyiv(adopted):%Y-%m-%d})", "перевірте дати in_force_from і adopted")
    return (tuple(p.lstrip("/") for p in amends), tuple(p.lstrip("/") for p in repeals), in_force_from)


def _meeting(f: _Fields) -> Meeting | None:
    body = f.choice("body", MeetingBody, required("body", ContentType.MEETING), what="значення органу")
    starts, ends = f.date("starts", required("starts", ContentType.MEETING)), f.date("ends")
    venue = f.text("venue", required("venue", ContentType.MEETING))
    if starts is not None and ends is not None and ends <= starts:
        f.problem(f.line("ends"), f"засідання закінчується ({ends:%Y-%m-%d %H:%M}) не пізніше, ніж починається "
                  f"({starts:%Y-%m-%d %H:%M})", "перевірте starts і ends")
        ends = None

    def entry(values: dict[str, str], line: int) -> AgendaEntry | None:
        text, act = values.get("text", "").strip(), values.get("act", "").strip().lstrip("/")
        if not text or set(values) - {"text", "act"} or (act and not (act.startswith("acts/") and act.endswith(".md"))):
            f.problem(line, "пункт порядку денного має вигляд {text: …} і, за потреби, act: acts/….md",
                      'напишіть - {text: "Про бюджет громади на 2027 рік", act: acts/2026/proiekt-rishennia.md}')
            return None
        return AgendaEntry(text, act or None, line)

    agenda = f.records("agenda", entry, "text: Питання, act: acts/2026/proiekt.md")
    protocol, video = (f.text("protocol") or "").lstrip("/") or None, (f.text("video") or "").lstrip("/") or None
    if protocol is not None and not ACT_PATH.fullmatch(protocol):
        f.problem(f.line("protocol"), f"protocol «{protocol}» має бути шляхом до протоколу в теці acts/",
                  "напишіть protocol: acts/2026/protokol-….md")
        protocol = None
    if video is not None and not VIDEO_PATH.fullmatch(video):
        f.problem(f.line("video"), f"video «{video}» має бути шляхом до відео в теці videos/",
                  "напишіть video: videos/2026/….md")
        video = None
    if body is None or starts is None or venue is None:
        return None
    return Meeting(body, starts, venue, ends, agenda, protocol, video)


def _report_extra(f: _Fields) -> ReportExtra | None:
    period = f.text("period", required("period", ContentType.REPORT))
    if period is not None:
        match = PERIOD.fullmatch(period)
        if not match or (match.group(2) and not 1 <= int(match.group(2)) <= 12):
            f.problem(f.line("period"), f"період «{period}» не розпізнано", "напишіть period: 2019-09 (місяць) або period: 2019 (рік)")
            period = None

    def activity(entry: dict[str, str], line: int) -> Activity | None:
        text, count = entry.get("text", "").strip(), entry.get("count", "").strip()
        forms = tuple(entry.get(k, "").strip() for k in ("one", "few", "many"))
        unknown = set(entry) - {"text", "count", "one", "few", "many"}
        if not text or not COUNT.fullmatch(count) or unknown or (any(forms) and not all(forms)):
            f.problem(
                line,
                "пункт activities має вигляд {text: …, count: число} і, за потреби, one/few/many",
                'напишіть - {text: "Брали участь у прийомах міського голови", count: 2}',
            )
            return None
        wrong = activity_problem(text)
        if wrong:
            f.problem(line, f"пункт activities «{text}»: {wrong}",
                      'напишіть - {text: "Брали участь у {n} {прийомі|прийомах|прийомах} міського голови", count: 2}')
            return None
        return Activity(text, int(count), forms if all(forms) else None)

    activities = f.records("activities", activity, "text: Що зроблено, count: 2")
    if period is None:
        return None
    return ReportExtra(period, activities, f.text("head"), f.text("head_title"), f.text("number"))
