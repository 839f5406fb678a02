"""The department registry (`departments.yml` in the content folder): who publishes and who signs."""

from __future__ import annotations

import re

import yaml

from . import source
from ..common.model import Department
from ..common.problems import Problem
from ..navigation.slugs import is_valid_slug

FIELDS = ("slug", "name", "name_genitive", "head", "head_title")
CONTACTS = ("address", "phone", "email")  # optional: the department page's contacts
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{5,}[0-9]")
EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]+")
EXAMPLE = (
    "- {slug: finance, name: Фінансове управління, name_genitive: фінансового управління, "
    "head: Олена Коваль, head_title: Начальник управління}"
)


def load_registry(path: str, raw: bytes | None) -> tuple[dict[str, Department], list[Problem]]:
    """Parse the registry; every malformed entry is a problem, all reported together."""
    if raw is None:
        return {}, [Problem(path, 1, "немає реєстру підрозділів", f"створіть файл зі списком: {EXAMPLE}")]
    if not raw.removeprefix(b"\xef\xbb\xbf").strip():  # not an item: the advice for an empty item file would mislead
        return {}, [Problem(path, 1, "реєстр підрозділів порожній", f"впишіть підрозділи, кожен так: {EXAMPLE}")]
    text, unreadable = source.decode(path, raw)
    if text is None:
        return {}, unreadable
    node, problems = source.compose(path, text, first_line=1)
    problems = unreadable + problems + source.value_problems(path, node, first_line=1)
    if problems and node is None:
        return {}, problems
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        return {}, [Problem(path, 1, "реєстр підрозділів має бути непорожнім списком", f"кожен підрозділ так: {EXAMPLE}")]
    departments: dict[str, Department] = {}
    for entry in node.value:
        line = source.line_of(entry, 1)
        if not isinstance(entry, yaml.MappingNode):
            problems.append(Problem(path, line, "підрозділ має бути набором полів", f"наприклад {EXAMPLE}"))
            continue
        values, repeated = {}, False
        for k, v in entry.value:
            key = source.scalar_text(k)
            if key is None:  # a list or a mapping as a field name
                problems.append(Problem(path, source.line_of(k, 1), "назва поля підрозділу має бути словом",
                                        f"поля підрозділу: {', '.join(FIELDS)}"))
                repeated = True
            elif key in values:  # as in an item: a second value must not win silently
                problems.append(Problem(path, source.line_of(k, 1), f"поле {key} підрозділу вказано двічі",
                                        "залиште одне значення"))
                repeated = True
            elif source.scalar_text(v) is None:  # a list or a mapping where a name or a title goes
                problems.append(Problem(path, source.line_of(v, 1), f"поле {key} підрозділу має бути текстом",
                                        f"наприклад {EXAMPLE}"))
                repeated = True
            else:
                values[key] = source.scalar_text(v)
        if repeated:
            continue
        missing = [f for f in FIELDS if not (values.get(f) or "").strip()]
        unknown = sorted(str(k) for k in set(values) - set(FIELDS) - set(CONTACTS))
        if missing or unknown:
            what = []
            if missing:
                what.append("бракує полів " + ", ".join(missing))
            if unknown:
                what.append("невідомі поля " + ", ".join(unknown))
            problems.append(Problem(path, line, "; ".join(what),
                                    f"поля підрозділу: {', '.join(FIELDS)}; необовʼязкові: {', '.join(CONTACTS)}"))
            continue
        contacts = {f: (values.get(f) or "").strip() for f in CONTACTS}
        wrong = []
        if contacts["phone"] and not PHONE.fullmatch(contacts["phone"]):
            wrong.append(Problem(path, line, f"телефон підрозділу «{contacts['phone']}» має складатися з цифр",
                                 "наприклад phone: +380 00 000 00 01"))
        if contacts["email"] and not EMAIL.fullmatch(contacts["email"]):
            wrong.append(Problem(path, line, f"адреса пошти підрозділу «{contacts['email']}» неправильна",
                                 "наприклад email: finansy@yasnohirsk.example"))
        if wrong:
            problems.extend(wrong)
            continue
        record = Department(**{f: values[f].strip() for f in FIELDS}, **contacts)
        if not is_valid_slug(record.slug):
            problems.append(Problem(path, line, f"slug «{record.slug}» має містити лише малі латинські літери, цифри й дефіси", "наприклад slug: finansove-upravlinnia"))
        elif record.slug in departments:
            problems.append(Problem(path, line, f"підрозділ {record.slug} вказано двічі", "залиште один запис"))
        else:
            departments[record.slug] = record
    return departments, problems
