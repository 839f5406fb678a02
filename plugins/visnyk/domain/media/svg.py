"""SVG images are XML documents a browser runs: only known-safe pictures are published, written by us.

An SVG opened at its own address runs on the council's origin (where /admin/ keeps the web editor's GitHub
token), so "looks like a picture" is not enough. An SVG is read with expat and held to an allowlist:

- **elements** of the SVG namespace that draw (shapes, text, gradients, patterns, masks, markers, filters
  without feImage, `<style>`); `<script>`, `<foreignObject>`, `<a>`, animations (which can set `href`),
  `<feImage>`, fonts, frames and media are refused, and so is any element we do not know;
- **attributes** that describe geometry and paint; event handlers and anything unknown are refused; `href`
  and `xlink:href` may only point inside the file (`#id`), or hold an embedded PNG, JPEG or WebP picture
  (`data:image/…;base64`, itself cleaned of camera metadata like every published picture);
- **no XML machinery**: a processing instruction (`<?xml-stylesheet?>` makes the browser load and run a
  stylesheet), a DOCTYPE or entity declaration stops the reading at once;
- **CSS that cannot fetch** (in `<style>`, `style=""` and every attribute value): no `url(…)` but `url(#id)`,
  no at-rules (`@import`, `@font-face`), no escapes (`u\\rl(`), no `image-set()`, `image()`, `cross-fade()`,
  `element()`.

What passes is written again from the parsed tree (`sanitise`): the published file holds exactly the
elements and attributes that were checked — no comments, no editors' metadata (Inkscape, Sodipodi, RDF,
Creative Commons, Dublin Core: elements and attributes dropped, they only describe the drawing or its author),
no XML declaration, UTF-8. A file that is not safe is refused with one problem per line, never cleaned
silently: an editor learns what the drawing held.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from xml.parsers import expat

from ..common.problems import Problem
from .metadata import clean

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 200
HELP = "збережіть зображення як PNG або очистіть SVG від скриптів, анімацій і посилань (Inkscape: «Звичайний SVG»)"

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
EDITORS = frozenset({
    "http://www.inkscape.org/namespaces/inkscape", "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
})  # fmt: skip; what drawing programs write about the drawing: dropped, never published

ELEMENTS = frozenset("""
svg g defs symbol use title desc path rect circle ellipse line polyline polygon text tspan textPath
linearGradient radialGradient stop pattern clipPath mask marker style image switch filter
feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap
feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feMerge feMergeNode
feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile feTurbulence
""".split())
DROPPED = frozenset({"metadata"})  # an editor's notes on the drawing (author, licence): not published
ATTRIBUTES = frozenset("""
id class style lang type media version baseProfile viewBox preserveAspectRatio width height x y x1 y1 x2 y2
cx cy r rx ry fx fy fr d points pathLength transform transform-origin
fill fill-opacity fill-rule stroke stroke-width stroke-linecap stroke-linejoin stroke-miterlimit
stroke-dasharray stroke-dashoffset stroke-opacity opacity color clip-path clip-rule clip mask filter
marker-start marker-mid marker-end display visibility overflow font-family font-size font-size-adjust
font-weight font-style font-variant font-stretch text-anchor dominant-baseline alignment-baseline
baseline-shift letter-spacing word-spacing text-decoration writing-mode direction unicode-bidi stop-color
stop-opacity flood-color flood-opacity lighting-color color-interpolation color-interpolation-filters
color-rendering shape-rendering text-rendering image-rendering paint-order vector-effect mix-blend-mode
isolation enable-background
gradientUnits gradientTransform spreadMethod offset patternUnits patternContentUnits patternTransform
clipPathUnits maskUnits maskContentUnits markerUnits markerWidth markerHeight refX refY orient
dx dy rotate textLength lengthAdjust startOffset method spacing side
filterUnits primitiveUnits in in2 result mode values operator k1 k2 k3 k4 stdDeviation edgeMode order
kernelMatrix divisor bias targetX targetY kernelUnitLength preserveAlpha surfaceScale diffuseConstant
specularConstant specularExponent scale xChannelSelector yChannelSelector radius baseFrequency numOctaves
seed stitchTiles azimuth elevation z pointsAtX pointsAtY pointsAtZ limitingConeAngle tableValues slope
intercept amplitude exponent requiredFeatures systemLanguage href
""".split())
XML_ATTRIBUTES = frozenset({"space", "lang"})
# CSS that makes a browser fetch or that hides what it says: url() other than url(#id), at-rules
# (@import, @font-face), escapes, and the image functions that take a plain string.
_FETCHES = re.compile(r"url\s*\((?!\s*['\"]?\s*#)|@|\\|image-set|image\s*\(|cross-fade|element\s*\(|expression|"
                      r"-moz-binding|behavior\s*:", re.IGNORECASE)
FETCHING = "стиль, що може завантажити файл (url(), @import, image-set()…)"
_EMBEDDED = re.compile(r"data:image/(png|jpeg|webp);base64,([A-Za-z0-9+/=\s]*)", re.IGNORECASE)
_LOCAL = re.compile(r"#[^\s\"'<>()]*")


class _Stop(Exception):
    """XML machinery the allowlist refuses outright (a DOCTYPE, an entity): reading stops there."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


@dataclass
class _Element:
    name: str
    line: int = 1
    attributes: list[tuple[str, str]] = field(default_factory=list)  # written names: "fill", "xlink:href"
    children: list = field(default_factory=list)  # _Element or str


def _split(name: str) -> tuple[str, str]:
    uri, _, local = name.rpartition(" ")
    return uri, local


def _clean_embedded(value: str) -> str | None:
    """An embedded picture (data:image/…;base64), cleaned of its metadata like a published file; None if it
    is not a JPEG, PNG or WebP that cleans."""
    found = _EMBEDDED.fullmatch(value.strip())
    if not found:
        return None
    try:
        data = base64.b64decode("".join(found.group(2).split()), validate=True)
    except ValueError:
        return None
    made = clean("", data)
    if isinstance(made, tuple):
        return None
    kind = {b"\xff\xd8": "jpeg", b"\x89P": "png", b"RI": "webp"}[made[:2]]
    return f"data:image/{kind};base64,{base64.b64encode(made).decode('ascii')}"


class _Reader:
    def __init__(self):
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.ordered_attributes = True
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.found: dict[int, list[str]] = {}
        self.stack: list[_Element | None] = []  # None: inside a dropped element
        self.root: _Element | None = None
        self.xlink = False
        p = self.parser
        p.StartElementHandler, p.EndElementHandler = self.start, self.end
        p.CharacterDataHandler = self.text
        p.ProcessingInstructionHandler = self.instruction
        p.StartDoctypeDeclHandler = lambda *_: self.stop("оголошення <!DOCTYPE>")
        p.EntityDeclHandler = lambda *_: self.stop("оголошення сутності <!ENTITY>")
        p.ExternalEntityRefHandler = lambda *_: self.stop("зовнішня сутність")

    def note(self, what: str) -> None:
        self.found.setdefault(self.parser.CurrentLineNumber, []).append(what)

    def stop(self, what: str):
        raise _Stop(what)

    def instruction(self, target, _data):
        self.note(f"інструкція <?{target[:30]}…?>")

    def start(self, name, attrs):
        uri, local = _split(name)
        parent_dropped = bool(self.stack) and self.stack[-1] is None
        if len(self.stack) >= MAX_DEPTH:
            self.stop(f"понад {MAX_DEPTH} рівнів вкладення")
        if parent_dropped or uri in EDITORS or (uri == SVG and local in DROPPED):
            self.stack.append(None)
            return
        if not self.stack and (uri, local) != (SVG, "svg"):
            self.note(f"це не SVG: кореневий елемент <{local}>{'' if uri else ' без xmlns'}")
        elif uri != SVG:
            self.note(f"елемент <{local}> із простору імен {uri[:60] or '(без простору імен)'}")
        elif local not in ELEMENTS:
            self.note(f"елемент <{local}>")
        element = _Element(local, self.parser.CurrentLineNumber)
        for index in range(0, len(attrs), 2):
            self.attribute(element, local, attrs[index], attrs[index + 1])
        if self.stack:
            self.stack[-1].children.append(element)
        else:
            self.root = element
        self.stack.append(element)

    def attribute(self, element: _Element, tag: str, name: str, value: str) -> None:
        uri, local = _split(name)
        if uri in EDITORS:
            return
        if uri == XML and local in XML_ATTRIBUTES:
            written = f"xml:{local}"
        elif uri == XLINK and local in ("href", "title"):
            written, self.xlink = f"xlink:{local}", True
        elif uri == "" and local in ATTRIBUTES:
            written = local
        else:
            self.note(f"атрибут {local}" if uri == "" or local.lower().startswith("on") else f"атрибут {local} ({uri[:60]})")
            return
        if local == "href":
            embedded = _clean_embedded(value) if tag == "image" else None
            if embedded is not None:
                value = embedded
            elif not _LOCAL.fullmatch(value.strip()):
                self.note(f"посилання {value.strip()[:40]}")
                return
        elif _FETCHES.search(value):
            self.note(f"атрибут {local}: {FETCHING}")
            return
        element.attributes.append((written, value))

    def end(self, _name):
        element = self.stack.pop()
        if element is not None and element.name == "style":
            css = "".join(c for c in element.children if isinstance(c, str))
            if _FETCHES.search(css):
                self.found.setdefault(element.line, []).append(f"<style>: {FETCHING}")

    def text(self, data):
        if self.stack and self.stack[-1] is not None:
            self.stack[-1].children.append(data)


@dataclass(frozen=True)
class Verdict:
    data: bytes | None  # the file as it is published; None when it is refused
    problems: tuple[Problem, ...] = ()


def judge(path: str, raw: bytes) -> Verdict:
    """The SVG written again from its checked parts, or every reason it may not be published."""
    if len(raw) > MAX_BYTES:
        return Verdict(None, (Problem(path, 1, f"SVG завеликий ({len(raw) // 1024} КБ)", HELP),))
    reader = _Reader()
    try:
        reader.parser.Parse(raw, True)
    except _Stop as stop:
        return Verdict(None, (Problem(path, reader.parser.CurrentLineNumber, f"SVG містить не лише малюнок: {stop.what}",
                                      HELP),))
    except expat.ExpatError as error:
        return Verdict(None, (Problem(path, error.lineno, "SVG пошкоджений: браузер його не покаже", HELP),))
    except (LookupError, ValueError, UnicodeError, RecursionError, MemoryError):  # an unknown encoding…
        return Verdict(None, (Problem(path, 1, "SVG пошкоджений: браузер його не покаже", HELP),))
    if reader.found:
        return Verdict(None, tuple(
            Problem(path, line, "SVG містить не лише малюнок: " + ", ".join(sorted(set(found))[:5]), HELP)
            for line, found in sorted(reader.found.items())[:20]))
    if reader.root is None:
        return Verdict(None, (Problem(path, 1, "SVG порожній", HELP),))
    return Verdict(write(reader.root, reader.xlink))


def problems(path: str, raw: bytes) -> list[Problem]:
    """Every reason this SVG may not be published (empty if it is a plain picture)."""
    return list(judge(path, raw).problems)


def sanitise(path: str, raw: bytes) -> bytes | tuple[str, str]:
    """The bytes to publish, or (what is wrong, how to fix it) in Ukrainian, as metadata.clean. Never raises."""
    verdict = judge(path, raw)
    if verdict.data is None:
        first = verdict.problems[0]
        return (f"{path}: {first.message}", first.fix)
    return verdict.data


_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_VALUE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;",
                        "\r": "&#13;"})


def write(root: _Element, xlink: bool) -> bytes:
    """The tree as XML (no recursion: depth is bounded, but a loop costs nothing)."""
    out: list[str] = []
    namespaces = f' xmlns="{SVG}"' + (f' xmlns:xlink="{XLINK}"' if xlink else "")
    todo: list = [root]
    first = True
    while todo:
        node = todo.pop()
        if isinstance(node, str):
            out.append(node.translate(_TEXT))
            continue
        if isinstance(node, tuple):  # ("end", name)
            out.append(f"</{node[1]}>")
            continue
        attributes = "".join(f' {name}="{value.translate(_VALUE)}"' for name, value in node.attributes)
        out.append(f"<{node.name}{namespaces if first else ''}{attributes}>")
        first = False
        todo.append(("end", node.name))
        todo.extend(reversed(node.children))
    return "".join(out).encode("utf-8")
