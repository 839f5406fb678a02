"""The department registry (`departments.yml` in the content folder): who publishes and who signs."""

from __future__ import annotations

import yaml

from . import source
from .model import Department
from .problems import Problem
from .slugs import is_valid_slug

FIELDS = ("slug", "name", "name_genitive", "head", "head_title")
EXAMPLE = (
    "- {slug: finance, name: Фінансове управління, name_genitive: фінансового управління, "
    "head: Олена Коваль, head_title: Начальник управління}"
)


def load_registry(path: str, raw: bytes | None) -> tuple[dict[str, Department], list[Problem]]:
    """Parse the registry; every malformed entry is a problem, all reported together."""
    if raw is None:
        return {}, [Problem(path, 1, "немає реєстру підрозділів", f"створіть файл зі списком: {EXAMPLE}")]
    text, unreadable = source.decode(path, raw)
    if text is None:
        return {}, unreadable
    node, problems = source.compose(path, text, first_line=1)
    problems = unreadable + problems
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
        values = {source.scalar_text(k): source.scalar_text(v) for k, v in entry.value}
        missing = [f for f in FIELDS if not (values.get(f) or "").strip()]
        unknown = sorted(str(k) for k in set(values) - set(FIELDS))
        if missing or unknown:
            what = []
            if missing:
                what.append("бракує полів " + ", ".join(missing))
            if unknown:
                what.append("невідомі поля " + ", ".join(unknown))
            problems.append(Problem(path, line, "; ".join(what), f"поля підрозділу: {', '.join(FIELDS)}"))
            continue
        record = Department(**{f: values[f].strip() for f in FIELDS})
        if not is_valid_slug(record.slug):
            problems.append(Problem(path, line, f"slug «{record.slug}» має містити лише малі латинські літери, цифри й дефіси", "наприклад slug: finansove-upravlinnia"))
        elif record.slug in departments:
            problems.append(Problem(path, line, f"підрозділ {record.slug} вказано двічі", "залиште один запис"))
        else:
            departments[record.slug] = record
    return departments, problems
