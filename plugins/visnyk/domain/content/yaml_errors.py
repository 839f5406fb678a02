"""A YAML syntax error (PyYAML's / libyaml's English) in an editor's words: what is wrong, on which line, and the
one fix that applies to that mistake, with an example. No English reaches the editor.

The line: PyYAML marks where it gave up, which for an unclosed quote, a key without its colon or an unclosed
bracket is the line after the mistake (or the end of the front matter); the context mark says where the quote,
the key or the bracket began, and that is the line to fix.
"""

from __future__ import annotations

from dataclasses import dataclass

# Where the mistake begins when PyYAML's context names it (the problem mark is where it noticed).
STARTS_AT_CONTEXT = ("while scanning a quoted scalar", "while scanning a simple key", "while parsing a flow")

QUOTES = 'якщо значення містить двокрапку, візьміть його в лапки: title: "Оголошення: прийом громадян"'
SPACES = "замініть табуляцію пробілами: відступ у описі пишуть лише пробілами"
INDENT = "приберіть пробіли на початку рядка: кожне поле пишуть з початку рядка, наприклад date: 2025-12-12"
FALLBACK = ("помилка в записі опису (front matter)",
            "порівняйте рядок зі зразком «назва: значення», наприклад title: Новина про сквер")


@dataclass(frozen=True)
class Explained:
    line: int  # 0-based line of the YAML text
    message: str  # what is wrong, without the "помилка YAML:" prefix
    fix: str


def _indented(lines: list[str], index: int) -> bool:
    return 0 <= index < len(lines) and lines[index][:1] in (" ", "\t")


def _quoted_value(lines: list[str], index: int) -> bool:
    if not 0 <= index < len(lines) or ":" not in lines[index]:
        return False
    return lines[index].split(":", 1)[1].lstrip()[:1] in ("'", '"')


def _colon_before(lines: list[str], index: int, column: int) -> bool:
    """The line has a "key: " before `column` (where PyYAML found a second colon): the value holds a colon."""
    return 0 <= index < len(lines) and ": " in lines[index][:column].lstrip(" -")


def explain(yaml_text: str, problem: str, context: str, problem_line: int | None, context_line: int | None,
            column: int = 0) -> Explained:
    """PyYAML's problem and context (English), their marks' lines and the problem's column → the line,
    message and fix for editors."""
    lines = yaml_text.split("\n")
    line = problem_line if problem_line is not None else (context_line or 0)
    if context_line is not None and context.startswith(STARTS_AT_CONTEXT):
        line = context_line
    text = f"{context} {problem}"

    def said(message: str, fix: str) -> Explained:
        return Explained(line, message, fix)

    if "directive" in context or "document start" in text:
        # A line that begins with % is a YAML directive: libyaml says so on that line, PyYAML (and libyaml after
        # a well-formed one, %YAML 1.2) only at the next token, a line or more later. The line to fix is the %.
        start = next((i for i in range(min(line, len(lines) - 1), -1, -1) if lines[i].startswith("%")), None)
        if start is not None:
            return Explained(start, "рядок починається із символу %, з якого в описі починати не можна",
                             'напишіть значення в рядку поля, у лапках: summary: "%50 знижки на проїзд"')
    if "mapping values are not allowed" in text:
        if _colon_before(lines, line, column) or not _indented(lines, line):
            return said("двокрапка всередині значення", QUOTES)
        return said("рядок поля починається з відступу", INDENT)
    if "could not find expected ':'" in text:
        if _indented(lines, line):
            return said("пункт списку без дефіса", "почніть кожен пункт списку з дефіса й пробілу: - прийом громадян")
        return said("рядок без двокрапки між назвою поля і значенням",
                    "поставте двокрапку й пробіл після назви поля: date: 2025-12-12")
    if "found unexpected end of stream" in text or "while scanning a quoted scalar" in text:
        return said("лапки відкрито, але не закрито", 'закрийте лапки в кінці значення: title: "Оголошення"')
    if "tab character" in text or "'\\t'" in text:
        return said("табуляція у відступі", SPACES)
    if "cannot start any token" in text:
        return said("значення починається із символу (@, ` чи %), з якого в описі починати не можна",
                    'візьміть значення в лапки: title: "@rada: новини"')
    if "unknown escape character" in text:
        return said("зворотна коса риска \\ у подвійних лапках",
                    "візьміть значення в одинарні лапки: title: 'Наказ 1\\2'")
    if "hexdecimal number" in text or "Unicode character escape" in text:
        return said("код символу в лапках (\\u…) записано неправильно",
                    "напишіть сам символ замість коду: title: \"Новина ©\"")
    if "alias" in text or "anchor" in text or "alphabetic or numeric character" in text:
        return said("значення починається із символу * чи &, з якого в описі починати не можна",
                    'візьміть значення в лапки: title: "*Новина"')
    if "',' or ']'" in text:
        return said("список у квадратних дужках не закрито", "закрийте дужку в кінці рядка: tags: [прийом громадян, звіт]")
    if "',' or '}'" in text:
        return said("фігурну дужку { не закрито", 'візьміть значення в лапки: title: "{Новина}"')
    if "expected '-' indicator" in text:
        return said("пункт списку без дефіса", "почніть кожен пункт списку з дефіса й пробілу: - прийом громадян")
    if "expected key" in text or "expected <block end>" in text:
        if _quoted_value(lines, line):
            return said("після значення в лапках іде ще текст",
                        'візьміть у лапки все значення: title: "«Згода» відкрито"')
        return said("зайвий або неправильний відступ", INDENT)
    if "document" in text:
        return said("зайвий рядок --- чи % усередині опису", "опис закривають одним рядком ---; приберіть зайвий")
    return said(*FALLBACK)
