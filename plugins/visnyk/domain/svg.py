"""SVG images are XML documents a browser runs: only pictures are published, never scripts or links out."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from .problems import Problem

MAX_BYTES = 5 * 1024 * 1024
ACTIVE = frozenset({"script", "foreignobject", "iframe", "embed", "object", "handler", "listener", "set",
                    "animate", "animatemotion", "animatetransform", "discard"})
_OUTSIDE = re.compile(r"javascript:|@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
HELP = "збережіть зображення як PNG або очистіть SVG від скриптів, анімацій і посилань (Inkscape: «Звичайний SVG»)"


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1].lower()


def problems(path: str, raw: bytes) -> list[Problem]:
    """Every reason this SVG may not be published (empty if it is a plain picture)."""
    if len(raw) > MAX_BYTES:
        return [Problem(path, 1, f"SVG завеликий ({len(raw) // 1024} КБ)", HELP)]
    if b"<!ENTITY" in raw or b"<!entity" in raw:
        return [Problem(path, 1, "SVG оголошує сутності (<!ENTITY>)", HELP)]
    try:
        elements = list(ET.fromstring(raw).iter())
    except ET.ParseError as exc:
        return [Problem(path, exc.position[0], "SVG пошкоджений: браузер його не покаже", HELP)]
    found = []
    for element in elements:
        if not isinstance(element.tag, str):
            continue
        tag = _local(element.tag)
        if tag in ACTIVE:
            found.append(f"елемент <{tag}>")
        for name, value in element.attrib.items():
            attribute = _local(name)
            if attribute.startswith("on"):
                found.append(f"атрибут {attribute}")
            elif attribute == "href" and not value.strip().startswith("#"):
                found.append(f"посилання {value[:40]}")
            elif _OUTSIDE.search(value):
                found.append(f"атрибут {attribute}")
        if tag == "style" and _OUTSIDE.search(element.text or ""):
            found.append("стиль із зовнішньою адресою")
    if found:
        return [Problem(path, 1, "SVG містить не лише малюнок: " + ", ".join(sorted(set(found))[:5]), HELP)]
    return []
