"""Problems found in content, reported to editors all at once as `path:line: what — how to fix`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the content folder
    line: int
    message: str  # what is wrong, in Ukrainian
    fix: str = ""  # how to fix it, in Ukrainian

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text} — {self.fix}" if self.fix else text


def plural_errors(n: int) -> str:
    # Kept here, not in wording, so that problem reports never depend on Babel data loading.
    if n % 10 == 1 and n % 100 != 11:
        return "помилку"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "помилки"
    return "помилок"


# The report's last line: what to do next, where the editor is. One instruction in each place: `check` and
# `build` in a terminal; the live preview's problem box (and its terminal) rebuild by themselves on a save.
BUILD_AGAIN = "Сайт не зібрано: виправте файли й запустіть збирання знову."
SAVE_AGAIN = "Сайт не зібрано: виправте й збережіть — сторінка оновиться сама."


def format_report(problems: Iterable[Problem], instruction: str = BUILD_AGAIN) -> str:
    problems = sorted(set(problems))
    lines = [f"Знайдено {len(problems)} {plural_errors(len(problems))} у змісті сайту:"]
    lines += [f"  {p}" for p in problems]
    lines.append(instruction)
    return "\n".join(lines)


class ContentError(SystemExit):
    """The content breaks the contract.

    A SystemExit on purpose: nothing between the check and the command line may catch it and carry on
    (Pelican's readers log and skip ordinary exceptions), and `pelican` then prints the report as it
    is — no traceback for an editor to read — and exits with status 1.
    """

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(sorted(set(problems)))
        super().__init__(format_report(self.problems))

    def __str__(self) -> str:
        return str(self.code)
