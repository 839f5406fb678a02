"""Python-Markdown's inline pass, without trying a pattern on a text that lacks the character it starts with.

Markdown tries each of its fifteen inline patterns (code, escapes, links, images, autolinks, line breaks, HTML,
entities, emphasis…) on every text of a body, in order: ~180 tries of a few µs each for a council's news item,
most of them on plain sentences where none can match. Over a 20,000-item archive that is minutes of processor
time, the largest share of reading a file. Every one of those patterns matches only where its first character is
("[" for a link, "<" for an autolink or HTML, "&" for an entity, "*" or "_" for emphasis — see NEEDS), so a text
without that character is passed over exactly as Markdown would pass it (no match: the next pattern, from the
start). The HTML is the same, byte for byte (tests/test_hostile.py compares both passes on every kind of body).

NEEDS names Markdown's own patterns (Markdown is pinned, requirements.txt); a pattern not named here — an
extension's, or one renamed by a new Markdown — is tried as Markdown tries it.
"""

from __future__ import annotations

from markdown import util
from markdown.treeprocessors import InlineProcessor

# A pattern's name → the characters one of which every match of it contains (Markdown 3.11's expressions).
NEEDS: dict[str, str] = {
    "backtick": "`",  # `code`, or backslashes before a backtick
    "escape": "\\",
    "footnote": "[",  # [^name]
    "reference": "[", "link": "[", "short_reference": "[",
    "image_link": "[", "image_reference": "[", "short_image_ref": "[",  # ![…
    "autolink": "<", "automail": "<", "html": "<",
    "linebreak": "\n",  # two spaces before a line's end
    "entity": "&",
    "em_strong": "*_",
}
PRIORITY = 20  # the inline pass's place among Markdown's tree processors (markdown.treeprocessors)


class SkippingInline(InlineProcessor):
    """InlineProcessor whose loop over the patterns passes over those whose character the text lacks."""

    def __init__(self, md) -> None:
        super().__init__(md)
        self._needs: list[str | None] | None = None

    def needs(self) -> list[str | None]:
        if self._needs is None or len(self._needs) != len(self.inlinePatterns):
            needs: list[str | None] = [None] * len(self.inlinePatterns)
            for name, characters in NEEDS.items():
                if name in self.inlinePatterns:
                    needs[self.inlinePatterns.get_index_for_name(name)] = characters
            self._needs = needs
        return self._needs

    # Markdown's private method of the same name (InlineProcessor.__handleInline), as Markdown 3.11.3 writes it
    # but for the first test in the loop.
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if not isinstance(data, util.AtomicString):
            startIndex = 0  # noqa: N806
            patterns, needs = self.inlinePatterns, self.needs()
            count = len(patterns)
            while patternIndex < count:
                need = needs[patternIndex]
                if need is not None and not any(character in data for character in need):
                    patternIndex, startIndex = patternIndex + 1, 0  # noqa: N806 - what a pattern without a match gives
                    continue
                data, matched, startIndex = self._InlineProcessor__applyPattern(  # noqa: N806
                    patterns[patternIndex], data, patternIndex, startIndex)
                if not matched:
                    patternIndex += 1
        return data


def install(md) -> None:
    """Put the skipping pass in place of Markdown's own (the same name and place)."""
    md.treeprocessors.register(SkippingInline(md), "inline", PRIORITY)
