"""An item's body: Markdown → HTML, and what the HTML may contain.

Bodies are content, not code. The HTML the Markdown turns into (raw HTML included, as it reaches the
reader's browser) is read with the standard library's HTML tokenizer and held to an allowlist of
elements and attributes; anything else — a script, a style, a frame, a form, a `<meta>` redirect, an
event handler, a `javascript:` or `data:` address, an HTML comment that would publish an editor's note —
is a problem naming the file and line. Nothing is stripped silently.

The same walk lists the site links in the body (`{filename}`, `{static}`, `{tag}`, and Pelican's other
`{…}`/`|…|` forms) so that the cross-file checks can tell whether each one leads to a page of this build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown import Markdown

from . import placeholders
from .model import Link
from .problems import Problem

# One Markdown for `check` and the build: the contract's, not a setting.
EXTENSIONS = ("markdown.extensions.extra", "markdown.extensions.sane_lists")
EXTENSION_CONFIGS = {
    "markdown.extensions.extra": {
        "footnotes": {"BACKLINK_TITLE": "Повернутися до зноски %d у тексті"},
    },
}

_markdown: Markdown | None = None


def render(body: str) -> str:
    global _markdown  # one parser per process: building it costs more than converting a body
    if _markdown is None:
        _markdown = Markdown(extensions=list(EXTENSIONS), extension_configs=EXTENSION_CONFIGS, output_format="html")
    return _markdown.reset().convert(body)


GLOBAL_ATTRIBUTES = frozenset({"id", "class", "title", "lang", "dir"})
# Element → the attributes it may carry besides the global ones. What Markdown (with `extra`) writes, and
# what an editor may reasonably want in a council's text: tables, abbreviations, indices, details.
ELEMENTS: dict[str, frozenset[str]] = {
    name: frozenset(extra)
    for name, extra in {
        "p": (), "br": (), "hr": (), "div": (), "span": (),
        "h1": (), "h2": (), "h3": (), "h4": (), "h5": (), "h6": (),
        "strong": (), "b": (), "em": (), "i": (), "u": (), "s": (), "del": ("cite", "datetime"),
        "ins": ("cite", "datetime"), "mark": (), "small": (), "sub": (), "sup": (), "abbr": (), "cite": (),
        "q": ("cite",), "blockquote": ("cite",), "code": (), "pre": (), "kbd": (), "samp": (), "var": (),
        "ul": (), "ol": ("start", "type", "reversed"), "li": ("value",), "dl": (), "dt": (), "dd": (),
        "table": (), "caption": (), "thead": (), "tbody": (), "tfoot": (), "tr": (), "colgroup": ("span",),
        "col": ("span",), "th": ("colspan", "rowspan", "scope", "align", "style"),
        "td": ("colspan", "rowspan", "align", "style"),
        "a": ("href", "hreflang", "rel"), "img": ("src", "alt", "width", "height", "loading"),
        "figure": (), "figcaption": (), "details": ("open",), "summary": (), "time": ("datetime",),
        "address": (),
    }.items()
}  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src", "cite"})
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
ALIGN_STYLE = re.compile(r"text-align:\s*(left|right|center);?")  # what Markdown's tables write
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\x00-\x20]")  # browsers drop these inside a URL: "java\tscript:" is "javascript:"
# Pelican's own INTRASITE_LINK_REGEX, applied to a whole attribute value.
PLACEHOLDER = re.compile(r"[{|](?P<what>.*?)[|}](?P<value>.*)", re.DOTALL)
LINK_KINDS = ("filename", "static", "tag")  # what the contract offers; {attach} is refused: see ALLOWED_HELP
# Fast path: a body with none of these cannot hold raw HTML, a link target or an attribute list.
_TRIGGERS = re.compile(r"[<&{|]|\]\s*[(:\[]")

ALLOWED_HELP = (
    "у тексті можна Markdown і прості теги HTML (таблиці, abbr, sup/sub, details); "
    "посилання — {filename}/шлях/до/матеріалу.md, {static}/files/документ.pdf, {tag}тег або https://…"
)


@dataclass(frozen=True)
class Body:
    html: str | None  # None when the caller did not ask for it and nothing needed reading
    links: tuple[Link, ...] = ()
    problems: tuple[Problem, ...] = ()


def locate(body: str, first_line: int, *needles: str) -> int:
    """The file line of the first needle found in the Markdown (case and spacing ignored: Markdown may turn a
    tab into spaces); else the body's first line. Used only to place a problem, never on the fast path."""
    for needle in needles:
        letters = [re.escape(c) for c in needle if not c.isspace()]
        if letters:
            found = re.search(r"\s*".join(letters), body, re.IGNORECASE)
            if found:
                return first_line + body.count("\n", 0, found.start())
    return first_line


def url_scheme(value: str) -> str | None:
    """The scheme as a browser reads it (control characters and spaces dropped, case folded), or None."""
    match = _SCHEME.match(_URL_NOISE.sub("", value).lower())
    return match.group(1) if match else None


class _Inspector(HTMLParser):
    def __init__(self, path: str, body: str, first_line: int):
        super().__init__(convert_charrefs=True)
        self.path, self.body, self.first_line = path, body, first_line
        self.problems: list[Problem] = []
        self.written: list[tuple[str, int]] = []  # placeholders in URL attributes, as the tokenizer reads them

    def _problem(self, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, line, message, fix))

    def handle_starttag(self, tag, attrs):
        line = locate(self.body, self.first_line, f"<{tag}")
        allowed = ELEMENTS.get(tag)
        if allowed is None:
            self._problem(line, f"тег <{tag}> у тексті не дозволено",
                          f"приберіть <{tag}>; {ALLOWED_HELP}")
            return
        values = dict(attrs)
        for name, value in attrs:
            value = value or ""
            scheme = value.split(":", 1)[0] if ":" in value else ""  # "javascript&#58;…" is not in the source as read
            line = locate(self.body, self.first_line, value if len(value) > 2 else "", scheme, f"{name}=", f"<{tag}")
            if name not in allowed and name not in GLOBAL_ATTRIBUTES:
                self._problem(line, f"атрибут {name} у тегу <{tag}> не дозволено",
                              "приберіть його (обробники подій, стилі й скрипти в тексті заборонені)")
            elif name == "style" and not ALIGN_STYLE.fullmatch(value.strip()):
                self._problem(line, f"стиль «{value}» у тексті не дозволено", "приберіть атрибут style")
            elif name in URL_ATTRIBUTES:
                self._url(tag, value, line)
        if tag == "img" and not (values.get("alt") or "").strip():
            src = values.get("src") or ""
            self._problem(locate(self.body, self.first_line, src, "![", "<img"),
                          f"у зображення {src} немає опису (alt)",
                          "опишіть зображення для тих, хто його не бачить: ![Що на фото](адреса)")

    handle_startendtag = handle_starttag

    def _url(self, tag: str, value: str, line: int) -> None:
        if PLACEHOLDER.fullmatch(value.strip()):
            self.written.append((value, line))  # a link of the site: placeholders.find lists the ones Pelican replaces
            return
        scheme = url_scheme(value)
        if scheme is not None and scheme not in SCHEMES:
            self._problem(line, f"адресу «{value[:60]}» у тегу <{tag}> не дозволено (схема {scheme}:)",
                          "посилайтеся на сторінки через https://… або на файли сайту через {static}/files/…")

    def handle_comment(self, data):
        self._problem(locate(self.body, self.first_line, "<!--"),
                      "коментар HTML (<!-- … -->) потрапив би в код сторінки й був би видимий усім",
                      "приберіть коментар: нотатки для колег тримайте поза файлом")

    def handle_decl(self, decl):
        self._problem(locate(self.body, self.first_line, "<!"), f"оголошення <!{decl[:20]}> у тексті не дозволено",
                      "приберіть його")

    def unknown_decl(self, data):
        self.handle_decl(data)

    def handle_pi(self, data):
        self._problem(locate(self.body, self.first_line, "<?"), "інструкцію <?…> у тексті не дозволено",
                      "приберіть її")


def inspect(path: str, body: str, first_line: int, want_html: bool = False) -> Body:
    """The body's HTML (if wanted), its site links and every problem with what it contains."""
    if not _TRIGGERS.search(body):
        return Body(render(body) if want_html else None)
    html = render(body)
    inspector = _Inspector(path, body, first_line)
    inspector.feed(html)
    inspector.close()
    links, problems = _placeholders(path, body, first_line, html, inspector.written)
    return Body(html if want_html else None, links, tuple(inspector.problems) + problems)


def _placeholders(path: str, body: str, first_line: int, html: str,
                  written: list[tuple[str, int]]) -> tuple[tuple[Link, ...], tuple[Problem, ...]]:
    """Every placeholder Pelican will replace (in any attribute, a link's title too) as a Link to check, and a
    problem for each one in an address that Pelican will leave as it is (unquoted, a space before it): the
    page would publish the text "{static}/…" as a dead address."""
    found = placeholders.find(html)
    links = tuple(Link(p.what, p.value, locate(body, first_line, p.written, p.value), p.element) for p in found)
    replaced = {p.written for p in found}
    problems = tuple(
        Problem(path, line, f"адресу «{value.strip()[:60]}» сайт не замінить на посилання: вона лишилася б мертвою",
                "напишіть посилання Markdown: [текст]({static}/files/документ.pdf) (у HTML — у лапках: "
                'href="{static}/…", без пробілу на початку)')
        for value, line in written if value not in replaced)
    return links, problems
