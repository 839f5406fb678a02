"""Where Pelican replaces a link placeholder (`{static}`, `{filename}`, `{attach}`, `|static|`…) in a page.

Pelican does not read the HTML: it runs one regular expression over the whole text of a page
(`Content._get_intrasite_link_regex` in pelican/contents.py) and replaces every quoted value that follows
the text `href=`, `src=`, `content=` (and five more names) anywhere inside a tag — also when that text is
inside another attribute's value, such as a Markdown link's title or an `<abbr title>`. `{static}` and
`{attach}` found that way are copied into the site (`get_static_links`), `{attach}` moves its file.

So the contract finds placeholders with the very same expression, built here from the same parts (Pelican's
default INTRASITE_LINK_REGEX; our settings do not change it), and every one it finds goes through the link
and ownership checks. `tests/test_links.py` pins that this expression finds what Pelican's does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

# Pelican's default setting INTRASITE_LINK_REGEX (pelican/settings.py).
INTRASITE_LINK_REGEX = "[{|](?P<what>.*?)[|}]"
# The attribute names Pelican's expression looks for, in its order.
ATTRIBUTES = ("href", "src", "poster", "data", "cite", "formaction", "action", "content")
PATTERN = re.compile(
    rf"""
    (?P<markup><[^\>]+  # match tag with all url-value attributes
        (?:{"|".join(ATTRIBUTES)})\s*=\s*)

    (?P<quote>["\'])      # require value to be quoted
    (?P<path>{INTRASITE_LINK_REGEX}(?P<value>.*?))  # the url value
    (?P=quote)""",
    re.X,
)


@dataclass(frozen=True)
class Placeholder:
    what: str  # "static", "filename", "attach", … as written
    value: str  # the target after the placeholder, HTML entities decoded
    written: str  # the whole placeholder as it stands in the HTML, decoded: "{static}/files/x.pdf"
    element: str  # the tag it stands in, lower case: "img", "a", "abbr"


def find(html: str) -> list[Placeholder]:
    """Every placeholder Pelican would replace in this HTML, in order."""
    return [Placeholder(m.group("what"), unescape(m.group("value")), unescape(m.group("path")),
                        _ELEMENT.match(m.group("markup")).group(1).lower())
            for m in PATTERN.finditer(html)]


_ELEMENT = re.compile(r"<\s*([^\s>/]*)")
