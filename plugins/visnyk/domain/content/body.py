"""An item's body: Markdown → HTML, and what the HTML may contain.

Bodies are content, not code. The HTML the Markdown turns into (raw HTML included, as it reaches the
reader's browser) is read with the standard library's HTML tokenizer and held to an allowlist of
elements and attributes; anything else — a script, a style, a frame, a form, a `<meta>` redirect, an
event handler, a `javascript:` or `data:` address, an HTML comment that would publish an editor's note —
is a problem naming the file and line. Nothing is stripped silently.

The same walk lists the site links in the body (`{filename}`, `{static}`, `{tag}`, and Pelican's other
`{…}`/`|…|` forms) so that the cross-file checks can tell whether each one leads to a page of this build.

Every body is rendered — `check` as the build — and at a cost linear in its size: what would nest deeper
than Markdown can follow, or make it read a paragraph again for each of its characters, is a problem found
before or while rendering (see LINK_SPAN, MAX_PARAGRAPH, TAG_SPAN, MAX_NESTING below).
"""

from __future__ import annotations

import bisect
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import LinkInlineProcessor

from . import inline, placeholders, source
from ..common.model import Link
from ..common.problems import Problem

# One Markdown for `check` and the build: the contract's, not a setting.
EXTENSIONS = ("markdown.extensions.extra", "markdown.extensions.sane_lists")
EXTENSION_CONFIGS = {
    "markdown.extensions.extra": {
        "footnotes": {"BACKLINK_TITLE": "Повернутися до зноски %d у тексті"},
    },
}

# Python-Markdown reads a link's text by walking from each "[" to its matching "]" (a link's address from "(" to
# ")", a reference from "[" to "]"): with no match, to the end of the paragraph, once for each of its six link
# and image patterns. A paragraph of many "[" was then quadratic — 20 KB took ~80 s. Here the matching "]" of
# every "[" comes from one pass over the paragraph's brackets (kept while the text after the "[" is unchanged:
# a link found before it does not move what follows), and an address or a reference is read for at most
# LINK_SPAN characters (longer is not a link: its brackets stay as text). What is left of Markdown's cost grows
# with the square of one paragraph's length, so a paragraph is at most MAX_PARAGRAPH characters (below).
LINK_SPAN = 2000
FOOTNOTE_NAME = 100  # characters of a footnote's name ([^1], [^dzherelo])
# An address that never closes is read for LINK_SPAN characters from every "](": a body may spend on that what a
# body with one closed link every few words would, and no more (then it is a problem, not a minute of build).
WORK_PER_CHARACTER, WORK_FLOOR = 50, 100_000


class TooComplex(Exception):
    """A body whose Markdown would take far longer than its size warrants; args[0] is the markup that did it."""
_BRACKET = re.compile(r"[\[\]]")


class _Brackets:
    """The matching "]" of each "[" in the last text seen, as distances from the text's end."""

    def __init__(self):
        self.text, self.closing = "", {}
        self.work = self.budget = 0  # characters read for link addresses, and how many a body may take

    def reset(self, body: str) -> None:
        self.text, self.closing, self.work = "", {}, 0
        self.budget = WORK_PER_CHARACTER * len(body) + WORK_FLOOR

    def text_at(self, data: str, index: int) -> tuple[str, int, bool]:
        """What LinkInlineProcessor.getText answers: the text up to the "]" that closes the "[" at index - 1."""
        tail = len(data) - index
        if not (index > 0 and len(self.text) > tail and self.text.endswith(data[index - 1:])):  # "[" and all after it
            self.text, self.closing, stack = data, {}, []
            for match in _BRACKET.finditer(data):
                if match.group() == "[":
                    stack.append(len(data) - match.end())
                elif stack:
                    self.closing[stack.pop()] = len(data) - match.start()
        close = self.closing.get(tail)
        if close is None:
            return "", len(data), False
        end = len(data) - close
        return data[index:end], end + 1, True


class _BoundedLinks(Extension):
    def __init__(self):
        super().__init__()
        self.brackets = _Brackets()

    def extendMarkdown(self, md):
        brackets = self.brackets
        for processor in md.inlinePatterns:
            if isinstance(processor, LinkInlineProcessor):
                _bound(processor, brackets)
        if "footnote" in md.inlinePatterns:  # "[^" read to the next "]" from every "[^": a footnote's name is short
            md.inlinePatterns["footnote"].compiled_re = re.compile(r"\[\^([^\]]{0,%d})\]" % FOOTNOTE_NAME, re.DOTALL)


def _bound(processor: LinkInlineProcessor, brackets: _Brackets) -> None:
    get_link, eval_id = processor.getLink, getattr(processor, "evalId", None)

    def bounded_link(data, index):
        href, title, end, handled = get_link(data[index:index + LINK_SPAN], 0)
        brackets.work += end if handled else min(LINK_SPAN, len(data) - index)
        if brackets.work > brackets.budget:
            raise TooComplex("](")
        return href, title, index + end, handled

    def bounded_id(data, index, text):
        found, end, handled = eval_id(data[index:index + LINK_SPAN], 0, text)
        return found, index + end, handled

    processor.getText, processor.getLink = brackets.text_at, bounded_link
    if eval_id is not None:
        processor.evalId = bounded_id


_markdown: tuple[Markdown, _Brackets] | None = None


def _convert(body: str) -> str:
    global _markdown  # one parser per process: building it costs more than converting a body
    if _markdown is None:
        bounded = _BoundedLinks()
        _markdown = (Markdown(extensions=[*EXTENSIONS, bounded], extension_configs=EXTENSION_CONFIGS,
                              output_format="html"), bounded.brackets)
        inline.install(_markdown[0])  # the same HTML, a third less time (inline.py)
    markdown, brackets = _markdown
    brackets.reset(body)
    try:
        return markdown.reset().convert(body)
    except BaseException:
        _markdown = None  # stopped half-way (too deep, too complex), its parser keeps state reset() does not clear
        raise


# Python-Markdown recurses once per level of nesting (a list in a list…), and Python stops it at a fixed depth
# of calls counted from the bottom of the thread's stack: how deep a body may go would then depend on who asks
# (`check` calls from nearer the bottom than Pelican). Every body is rendered on one worker thread of its own,
# always from the same depth, so a body too deep for Markdown is too deep for `check`, the build and the preview
# alike — and the worker keeps the one parser to one thread.
_worker: tuple[int, ThreadPoolExecutor] | None = None


def render(body: str) -> str:
    """The body as HTML; RecursionError when it nests deeper than Markdown can follow (the same for every caller)."""
    global _worker
    if _worker is None or _worker[0] != os.getpid():  # a forked process has the executor but not its thread
        _worker = (os.getpid(), ThreadPoolExecutor(max_workers=1, thread_name_prefix="visnyk-markdown"))
    return _worker[1].submit(_convert, body).result()


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
# Markdown's remaining cost grows with the square of one paragraph (each link or emphasis found rewrites the
# paragraph's text), and Python's HTML reader's with the distance from each "<" to its ">": both are bounded.
MAX_PARAGRAPH = 10_000  # characters between blank lines: ~3 pages; longer is a document pasted without its breaks
TAG_SPAN = 1_000  # from "<" to its ">": a longer tag is not a tag but a "<" left open
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_TAG_START = re.compile(r"<[A-Za-z/!?]")
_SPLITS = re.compile(r"^(?:[ ]{0,3}(?:[=-]+|#.*|(?:[-*_][ \t]*){3,})[ \t]*)$", re.MULTILINE)
MAX_NESTING = 32  # lists in lists, quotes in quotes, tags in tags: deeper is a broken paste, and past ~200
# levels Markdown (and the Word and search readers after it) cannot follow at all
_NESTED_FREELY = frozenset({"p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption"})
_VOID = frozenset({"br", "hr", "img", "col", "wbr", "input", "meta", "link", "source", "area", "base", "embed", "param",
                   "track"})
# In a body a zero-width joiner is part of an emoji and a soft hyphen a hyphenation hint; a bidirectional override
# or isolate only makes text display as something it is not. A numeric reference (&#7;) must name a character
# that may be in the page: not a control (XML feeds refuse it), a surrogate, or a number past Unicode.
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CHARREF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
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
        self.open: list[str] = []  # the elements the text is inside, outermost first
        self.too_deep = False
        self.invisible_seen: set[str] = set()

    def _problem(self, line: int, message: str, fix: str) -> None:
        self.problems.append(Problem(self.path, line, message, fix))

    def handle_starttag(self, tag, attrs):
        # Lines are looked up only for a problem or a site link: a search of the body for every tag would make
        # a body of many tags quadratic.
        def line() -> int:
            return locate(self.body, self.first_line, f"<{tag}")

        if tag not in _VOID and tag not in _NESTED_FREELY:
            self.open.append(tag)
            if len(self.open) > MAX_NESTING and not self.too_deep:
                self.too_deep = True
                self._problem(line(), NESTING_MESSAGE, NESTING_FIX)
        for _name, value in attrs:
            self._invisible(value or "")
        allowed = ELEMENTS.get(tag)
        if allowed is None:
            self._problem(line(), f"тег <{tag}> у тексті не дозволено",
                          f"приберіть <{tag}>; {ALLOWED_HELP}")
            return
        values = dict(attrs)
        for name, value in attrs:
            value = value or ""
            scheme = value.split(":", 1)[0] if ":" in value else ""  # "javascript&#58;…" is not in the source as read

            def attribute_line(value=value, scheme=scheme, name=name) -> int:
                return locate(self.body, self.first_line, value if len(value) > 2 else "", scheme, f"{name}=", f"<{tag}")

            if name not in allowed and name not in GLOBAL_ATTRIBUTES:
                self._problem(attribute_line(), f"атрибут {name} у тегу <{tag}> не дозволено",
                              "приберіть його (обробники подій, стилі й скрипти в тексті заборонені)")
            elif name == "style" and not ALIGN_STYLE.fullmatch(value.strip()):
                self._problem(attribute_line(), f"стиль «{value}» у тексті не дозволено", "приберіть атрибут style")
            elif name in URL_ATTRIBUTES:
                self._url(tag, value, attribute_line)
        if tag == "img" and not (values.get("alt") or "").strip():
            src = values.get("src") or ""
            self._problem(locate(self.body, self.first_line, src, "![", "<img"),
                          f"у зображення {src} немає опису (alt)",
                          "опишіть зображення для тих, хто його не бачить: ![Що на фото](адреса)")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag not in _NESTED_FREELY:
            self.open.pop()

    def handle_endtag(self, tag):
        if tag in self.open:  # an end tag closes everything opened after it, as in a browser
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag):]

    def handle_data(self, data):
        self._invisible(data)

    def _invisible(self, text: str) -> None:
        for char in dict.fromkeys(BIDI.findall(text)):
            if char in self.invisible_seen:  # once a body: where it is first written
                continue
            self.invisible_seen.add(char)
            self._problem(locate(self.body, self.first_line, char, f"&#x{ord(char):x}", f"&#{ord(char)}"),
                          f"невидимий символ U+{ord(char):04X} ({source.FORMAT_NAMES[char]}) у тексті: "
                          "з ним текст показується не таким, як написаний",
                          "видаліть його (наберіть речення заново); напрямок письма сайт визначає сам")

    def _url(self, tag: str, value: str, line) -> None:  # line(): where it is written
        if PLACEHOLDER.fullmatch(value.strip()):
            self.written.append((value, line()))  # a link of the site: placeholders.find lists the ones Pelican replaces
            return
        scheme = url_scheme(value)
        if scheme is not None and scheme not in SCHEMES:
            self._problem(line(), f"адресу «{value[:60]}» у тегу <{tag}> не дозволено (схема {scheme}:)",
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


def size_problems(path: str, body: str, first_line: int) -> list[Problem]:
    """What would make Markdown slow, found before it runs: a paragraph past MAX_PARAGRAPH, a "<" with no ">"."""
    problems = []
    start, work = 0, 0
    for gap in [*_PARAGRAPHS.finditer(body), None]:
        end = gap.start() if gap else len(body.rstrip())
        if end - start > MAX_PARAGRAPH:
            problems.append(Problem(path, first_line + body.count("\n", 0, start),
                                    f"абзац довший за {MAX_PARAGRAPH} знаків: у ньому {end - start}",
                                    "розділіть текст на абзаци порожніми рядками; великий документ додайте файлом "
                                    "(attachments)"))
            break
        # Each heading or rule line inside a paragraph makes Markdown cut the paragraph and read the rest again.
        work += (end - start) * len(_SPLITS.findall(body, start, end))
        if work > WORK_PER_CHARACTER * len(body) + WORK_FLOOR:
            problems.append(Problem(path, first_line + body.count("\n", 0, start),
                                    "у тексті забагато рядків-заголовків чи ліній (#, ===, ---) без порожніх рядків "
                                    "між ними: розбирати його довелося б надто довго",
                                    "відокремте заголовки й лінії від тексту порожніми рядками"))
            break
        start = gap.end() if gap else end
    closes = [m.start() for m in re.finditer(">", body)]
    for tag in _TAG_START.finditer(body):
        following = bisect.bisect_left(closes, tag.start())
        if (closes[following] if following < len(closes) else len(body)) - tag.start() > TAG_SPAN:
            problems.append(Problem(path, first_line + body.count("\n", 0, tag.start()),
                                    f"знак «{tag.group()}» відкриває тег, а закривального «>» немає "
                                    f"на {TAG_SPAN} знаків далі",
                                    "закрийте тег знаком > або, якщо це не тег, напишіть &lt; замість <"))
            break
    return problems


def inspect(path: str, body: str, first_line: int, want_html: bool = False) -> Body:
    """The body's HTML (if wanted), its site links and every problem with what it contains. Every body is
    rendered, as the build renders it: what passes here builds."""
    problems = size_problems(path, body, first_line)
    if problems:
        return Body(None, problems=tuple(problems))
    try:
        html = render(body)
    except RecursionError:
        return Body(None, problems=(Problem(path, first_line, NESTING_MESSAGE, NESTING_FIX),))
    except TooComplex as exc:
        return Body(None, problems=(Problem(
            path, locate(body, first_line, exc.args[0]),
            "у тексті забагато незакритих дужок посилань «](…»: розбирати його довелося б надто довго",
            "закрийте дужки кожного посилання [текст](адреса) або приберіть зайві [ ] ( )"),))
    inspector = _Inspector(path, body, first_line)
    inspector.feed(html)
    inspector.close()
    for ref in _CHARREF.finditer(html):
        code = int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))
        char = chr(code) if code <= 0x10FFFF else ""
        if not char or 0xD800 <= code <= 0xDFFF or source.CONTROL.fullmatch(char):  # BIDI: by the inspector
            inspector.problems.append(Problem(
                path, locate(body, first_line, ref.group()),
                f"посилання на символ {ref.group()[:20]} у тексті називає "
                + (f"невидимий символ U+{code:04X}" if char else "число, що не є символом"),
                "приберіть його"))
    links, problems = _placeholders(path, body, first_line, html, inspector.written)
    return Body(html if want_html else None, links, tuple(inspector.problems) + problems)


NESTING_MESSAGE = f"текст вкладено надто глибоко: рівнів списків, цитат чи тегів один в одному понад {MAX_NESTING}"
NESTING_FIX = "спростіть структуру: приберіть зайві відступи, знаки > чи теги"


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
