"""`invoke new`: a correctly named file with its front matter filled in, or a clear refusal."""

from __future__ import annotations

import datetime as dt
import json
import os

from ..common.clock import build_clock
from ..content.items import parse_item
from ..common.model import ADOPTED_KINDS, ActKind, ContentType
from ..content.registry import load_registry
from ..reports.reports import Period
from ..content.checks import REGISTRY_FILE
from ..navigation.slugs import slugify


class ScaffoldError(ValueError):
    pass


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML): colons and quotes are safe."""
    return json.dumps(text, ensure_ascii=False)


def front_matter(kind: ContentType, title: str, now: dt.datetime, department: str | None,
                 act_kind: ActKind | None, period: str | None) -> str:
    lines = ["---", f"title: {_quoted(title)}", f"date: {now:%Y-%m-%d %H:%M}"]
    if department:
        lines.append(f"department: {department}")
    if act_kind:
        lines += [f"act_kind: {act_kind.value}", "number:"]
        if act_kind in ADOPTED_KINDS:  # the deadline counts from it: today unless the editor says otherwise
            lines.append(f"adopted: {now:%Y-%m-%d}")
        elif act_kind is ActKind.DRAFT_DECISION:
            lines.append("consideration:  # дата розгляду, якщо проєкту немає в порядку денному засідання")
    if period:
        lines.append(f"period: {_quoted(period)}")
    if kind is ContentType.MEETING:  # a fortnight ahead: drafts on its agenda need 10 working days
        starts = (now + dt.timedelta(days=14)).replace(hour=10, minute=0)
        lines += ["body: council", f"starts: {starts:%Y-%m-%d %H:%M}", "ends:",
                  f"venue: {_quoted('Сесійна зала міської ради')}", "agenda:",
                  f"  - {{text: {_quoted('Питання порядку денного')}}}"]
    lines += ["tags: []", "---", "", "Текст матеріалу.", ""]
    return "\n".join(lines)


def create(content: str, kind: str, title: str, department: str | None = None,
           act_kind: str | None = None, period: str | None = None, now: dt.datetime | None = None) -> str:
    """Write the new file and return its path; refuse anything the build would reject."""
    try:
        item_type = ContentType(kind)
    except ValueError:
        raise ScaffoldError(f"невідомий тип «{kind}»; допустимі: {', '.join(t.value for t in ContentType)}") from None
    registry_path = os.path.join(content, REGISTRY_FILE)
    raw = open(registry_path, "rb").read() if os.path.isfile(registry_path) else None
    departments, problems = load_registry(REGISTRY_FILE, raw)
    if problems:
        raise ScaffoldError("реєстр підрозділів має помилки:\n" + "\n".join(map(str, problems)))
    if item_type is not ContentType.PAGE and not department:
        raise ScaffoldError(f"вкажіть підрозділ: --department одне з {', '.join(sorted(departments))}")
    if department and department not in departments:
        raise ScaffoldError(f"невідомий підрозділ «{department}»; допустимі: {', '.join(sorted(departments))}")
    kind_value = None
    if item_type is ContentType.ACT:
        try:
            kind_value = ActKind(act_kind or "")
        except ValueError:
            raise ScaffoldError(f"для акта вкажіть --act-kind одне з {', '.join(k.value for k in ActKind)}") from None
    if item_type is ContentType.REPORT and not period:
        raise ScaffoldError("для звіту вкажіть --period РРРР-ММ або РРРР")
    if act_kind and item_type is not ContentType.ACT:
        raise ScaffoldError("--act-kind буває лише в акта (act)")
    if period and item_type is not ContentType.REPORT:
        raise ScaffoldError("--period буває лише у звіту (report)")
    slug = slugify(title)
    if not slug:
        raise ScaffoldError("із заголовка не виходить назва файлу: додайте слова")
    now = now or build_clock()
    folder = os.path.join(content, item_type.folder)
    if item_type is not ContentType.PAGE:
        folder = os.path.join(folder, str(now.year))
    path = os.path.join(folder, f"{slug}.md")
    if os.path.exists(path):
        raise ScaffoldError(f"файл {path} уже існує: змініть заголовок або відредагуйте той файл")
    text = front_matter(item_type, title, now, department, kind_value, period)
    # Never write a file the build would reject (a wrong --period, a title YAML cannot hold…).
    problems = parse_item(os.path.relpath(path, content).replace(os.sep, "/"), text.encode("utf-8")).problems
    if problems:
        raise ScaffoldError("такий матеріал не пройде перевірку:\n" + "\n".join(map(str, problems)))
    if item_type is ContentType.REPORT:  # dated now: the build refuses a report whose period is still running
        refusal = Period.parse(period).refusal(now, dt.date.min)
        if refusal:
            raise ScaffoldError(f"звіт не створено: {refusal}")
    os.makedirs(folder, exist_ok=True)
    with open(path, "x", encoding="utf-8") as handle:
        handle.write(text)
    return path
