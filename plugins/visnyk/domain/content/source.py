"""Reading editors' files: bytes → text → front matter (YAML nodes with line numbers) + body.

Values are taken from YAML *nodes*, not from PyYAML's constructed objects, so that every message can
name a line and no value is silently coerced (`number: 012` stays "012", a title stays text).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import yaml

try:  # libyaml is ~8x faster; PyYAML ships it in its wheels.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - pure-Python fallback
    from yaml import SafeLoader as _Loader

from ..common.problems import Problem
from .yaml_errors import FALLBACK, explain

FENCE = "---"
MAX_BYTES = 1024 * 1024  # an item is text: a megabyte is ~500,000 Ukrainian letters; documents go to files/
# Invisible control characters (a Word page break is \f) break XML feeds, sitemaps and Word files and
# cannot be seen to be fixed: every one is a problem on its line. Tab and newline are text.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
CONTROL_NAMES = {"\x0c": "розрив сторінки з Word", "\x0b": "розрив рядка з Word", "\x00": "нульовий байт"}
# In a parsed value (a YAML escape such as "\\x07", "\\0", "\\e" or "\\N" gives the character itself) the same
# controls are problems, and so is any invisible formatting character (Unicode's Cf, and the line and paragraph
# separators): every front-matter value is a single line of plain text — a title, a slug, a file name — where
# a bidirectional override makes «Рішення № 12» display as something else, and a zero-width character makes two
# equal-looking titles, tags or departments differ. Bodies may keep a zero-width joiner (emoji); see body.py.
UNPAIRED = re.compile("[\ud800-\udfff]")  # half of a character: cannot be written as UTF-8
FORMAT_NAMES = {
    "\u202a": "вбудовування напрямку зліва направо", "\u202b": "вбудовування напрямку справа наліво",
    "\u202c": "кінець зміни напрямку письма", "\u202d": "примусовий напрямок зліва направо",
    "\u202e": "примусовий напрямок справа наліво", "\u2066": "ізоляція напрямку зліва направо",
    "\u2067": "ізоляція напрямку справа наліво", "\u2068": "ізоляція напрямку письма",
    "\u2069": "кінець ізоляції напрямку письма", "\u200e": "позначка напрямку зліва направо",
    "\u200f": "позначка напрямку справа наліво", "\u200b": "пробіл нульової ширини",
    "\u200c": "роз'єднувач нульової ширини", "\u200d": "з'єднувач нульової ширини",
    "\u2060": "з'єднувач слів", "\ufeff": "мітка порядку байтів (BOM)", "\u00ad": "м'який перенос",
    "\u2028": "розрив рядка", "\u2029": "розрив абзацу",
}
BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # Hangul fillers, the blank Braille pattern
MAX_DEPTH = 20  # front matter is flat; libyaml recurses per level and a deep enough file crashes it


@dataclass(frozen=True)
class SourceText:
    text: str  # with BOM removed and line endings normalised to "\n"


def decode(path: str, raw: bytes) -> tuple[str | None, list[Problem]]:
    """UTF-8 text with BOM and CRLF accepted; a clear problem for empty or non-UTF-8 files. Control
    characters are problems too, but the text (with them as spaces) is still returned to be read on."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if len(raw) > MAX_BYTES:
        return None, [
            Problem(path, 1, f"файл завеликий ({len(raw) // 1024} КБ; матеріал — до {MAX_BYTES // 1024} КБ тексту)",
                    "великі документи кладіть у files/ і додавайте як вкладення (attachments)")
        ]
    if not raw.strip():
        return None, [
            Problem(path, 1, "файл порожній", "додайте заголовок, дату й текст або видаліть файл")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [
            Problem(
                path,
                line,
                f"файл не в кодуванні UTF-8 (байт 0x{raw[exc.start]:02x} у рядку {line})",
                "збережіть файл у кодуванні UTF-8 (у редакторі: «Зберегти як» → UTF-8)",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    problems = control_problems(path, text)
    # With the controls as spaces the rest of the file is still read, so that one run reports everything.
    return (CONTROL.sub(" ", text) if problems else text), problems


def control_problems(path: str, text: str, limit: int = 10) -> list[Problem]:
    problems = []
    for match in CONTROL.finditer(text):
        char = match.group()
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        name = CONTROL_NAMES.get(char, "керівний символ")
        problems.append(Problem(path, line, f"невидимий символ U+{ord(char):04X} ({name}) у рядку {line}, позиція {column}",
                                "видаліть його: поставте курсор перед наступним словом і натисніть Backspace "
                                "або наберіть рядок заново"))
        if len(problems) == limit:
            break
    return problems


@dataclass(frozen=True)
class FrontMatter:
    node: yaml.MappingNode | None  # None when the block is empty
    yaml_first_line: int  # file line number of the first YAML line
    body: str
    body_first_line: int


def split(path: str, text: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Split `---\\nYAML\\n---\\nbody`; problems name the line and say how to fix it."""
    lines = text.split("\n")
    if lines[0].strip() != FENCE:
        return None, [
            Problem(
                path,
                1,
                "файл не починається з опису (front matter)",
                "першим рядком напишіть ---, далі поля (title:, date: …), і закрийте опис рядком ---",
            )
        ]
    for index in range(1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            break
    else:
        return None, [
            Problem(
                path,
                1,
                "опис (front matter) не закрито",
                "додайте рядок --- після останнього поля, перед текстом",
            )
        ]
    yaml_text = "\n".join(lines[1:index])
    body = "\n".join(lines[index + 1 :])
    node, problems = compose(path, yaml_text, first_line=2)
    if problems:
        return None, problems
    if node is not None and not isinstance(node, yaml.MappingNode):
        return None, [
            Problem(
                path,
                2,
                "опис (front matter) має складатися з полів «назва: значення»",
                "напишіть кожне поле з нового рядка, наприклад title: Назва",
            )
        ]
    return FrontMatter(node, 2, body, index + 2), []


def compose(path: str, yaml_text: str, first_line: int) -> tuple[yaml.Node | None, list[Problem]]:
    """YAML text → node tree; a syntax error becomes a problem on the right file line."""
    refused = depth_problem(path, yaml_text, first_line) or alias_problem(path, yaml_text, first_line)
    if refused:
        return None, [refused]
    loader = _Loader(yaml_text)
    try:
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as exc:
        said = explain(yaml_text, exc.problem or "", exc.context or "",
                       exc.problem_mark.line if exc.problem_mark else None,
                       exc.context_mark.line if exc.context_mark else None,
                       exc.problem_mark.column if exc.problem_mark else 0)
        return None, [Problem(path, first_line + said.line, f"помилка YAML: {said.message}", said.fix)]
    except yaml.YAMLError:
        return None, [Problem(path, first_line, f"помилка YAML: {FALLBACK[0]}", FALLBACK[1])]
    finally:
        loader.dispose()


def alias_problem(path: str, yaml_text: str, first_line: int) -> Problem | None:
    """A problem at the first YAML alias («*name»), found from the events before any tree is built. An alias makes
    one node appear in several places: `title: &a [*a]` is a list that holds itself (every walk of the tree never
    ends) and nine lists of nine aliases each are 9⁹ values from a few lines. Nothing an editor writes needs one."""
    if "*" not in yaml_text:  # no alias without its indicator: most files need no second pass
        return None
    loader = _Loader(yaml_text)
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, yaml.AliasEvent):
                return Problem(path, first_line + event.start_mark.line,
                               f"посилання YAML «*{event.anchor}» на інше значення опису",
                               "напишіть значення повністю (і приберіть мітку &…); якщо зірочка — частина тексту, "
                               'візьміть значення в лапки: title: "*Новина"')
    except yaml.YAMLError:
        return None  # compose() reports the syntax error on its line
    finally:
        loader.dispose()
    return None


def depth_problem(path: str, yaml_text: str, first_line: int) -> Problem | None:
    """A problem if the YAML nests deeper than MAX_DEPTH, found without building the tree."""
    # Nesting needs a bracket, a "- " / "? " indicator or a deeper indented line per level: few of them, no walk.
    if yaml_text.count("\n") + sum(map(yaml_text.count, "[{-?")) <= MAX_DEPTH:
        return None
    loader = _Loader(yaml_text)
    depth = 0
    try:
        while (event := loader.get_event()) is not None:
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return Problem(path, first_line + event.start_mark.line,
                                   f"опис (front matter) вкладено глибше ніж на {MAX_DEPTH} рівнів",
                                   "поля опису — прості значення або короткі списки; приберіть зайві [ ] чи відступи")
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # compose() reports the syntax error on its line
    finally:
        loader.dispose()
    return None


def invisible(char: str) -> str | None:
    """What a character is called if a single-line value may not hold it (None: it may)."""
    if CONTROL.fullmatch(char):
        return CONTROL_NAMES.get(char, "керівний символ")
    if UNPAIRED.fullmatch(char):
        return "половина символу (сурогат)"
    if char in FORMAT_NAMES:
        return FORMAT_NAMES[char]
    if unicodedata.category(char) == "Cf":
        return "невидимий символ форматування"
    if char in BLANK_LETTERS:  # letters to Unicode, blank to the eye: a title of one looks empty
        return "порожня «літера»"
    return None


# A fast first look (most values have none of these); tests/test_hostile.py checks it covers invisible().
_SUSPECT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u115f\u1160\u180e"
                      "\u200b-\u200f\u2028-\u202e\u2060-\u206f\u2800\u3164\ud800-\udfff\ufeff\uffa0\ufff9-\uffff"
                      "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f]")


def value_problems(path: str, node: yaml.Node | None, first_line: int) -> list[Problem]:
    """Every scalar of the tree (keys too, however deep: a list of records, a department's fields) as parsed,
    held to the single-line rule above. Each offending character is a problem on its node's line; the value is
    then read on without it (controls as spaces), so that one run reports the rest of the file too."""
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.ScalarNode):
            if not _SUSPECT.search(current.value):
                continue
            found = [(char, name) for char in dict.fromkeys(current.value) if (name := invisible(char))]
            for char, name in found:
                problems.append(Problem(
                    path, line_of(current, first_line),
                    f"невидимий символ U+{ord(char):04X} ({name}) у значенні «{_shown(current.value)}»",
                    "видаліть його: наберіть значення заново або видаліть і введіть знову символи навколо "
                    "(у лапках — приберіть \\x…, \\u… чи інший екранований символ); такий символ не видно, "
                    "але з ним текст показується чи шукається не таким, як написаний"))
            if found:
                current.value = "".join(" " if CONTROL.fullmatch(c) else c for c in current.value
                                        if CONTROL.fullmatch(c) or not invisible(c))
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(reversed(current.value))
        elif isinstance(current, yaml.MappingNode):
            for key, value in reversed(current.value):
                stack.extend((value, key))
    return sorted(problems, key=lambda p: p.line)


def _shown(value: str, limit: int = 60) -> str:
    """A value as an editor can read it in a message: each invisible character as its code."""
    text = "".join(f"<U+{ord(c):04X}>" if invisible(c) else c for c in value)  # not strip(): \x1f, \x85 are spaces to it
    return text if len(text) <= limit else text[:limit] + "…"


def line_of(node: yaml.Node, first_line: int) -> int:
    return first_line + node.start_mark.line


def scalar_text(node: yaml.Node) -> str | None:
    """The text of a scalar exactly as written (no int/date/bool coercion); None for lists/maps."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return None


def is_null(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and not node.style  # plain: None from PyYAML, "" from libyaml's CSafeLoader
        and node.value in ("", "~", "null", "Null", "NULL")
    )
