"""Pages written by the thousand in one frame: a term's ~16,000 vote pages are the same page of the site (head,
header, breadcrumbs, footer: base.html) around their own title, description and content, at one depth.

The frame is rendered once, through the page's own template, with markers in place of those blocks and of the
address's own segments; each page then renders only its blocks through Jinja and is set into the frame. Where
base.html uses them in another way than as they are, the page's part is made here the way base.html makes it: the
page's name in the BreadcrumbList (breadcrumbs.html: the title's plain text without « — SITENAME», as `tojson`
writes it) and the address (autoescaped, in the canonical link and og:url).

The first page is also rendered whole and compared: if the two differ — a template that uses a page's parts in a way
not made here — the frame is not used and every page is rendered whole, as before (`-v` says so). tests/
test_votes_scale.py builds hostile titles and addresses both ways and compares the files byte for byte."""

from __future__ import annotations

import logging
import re

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

log = logging.getLogger(__name__)
BLOCKS = ("title", "description", "content")
_MARK = "\ue000"  # a private-use character: in no template, kept as it is by escape and striptags
_SLOT = re.compile(r"\ue000(\w+)\ue000|\\ue000(\w+)\\ue000")  # as written, and as tojson writes it
_JSON = "json_title"


class Framed:
    """A template for Pelican's write_file (render(localcontext)) for pages of `template` at one depth."""

    def __init__(self, template):
        self.template = template
        self.pieces: list[str | tuple[str]] | None = None  # the frame: text, and (slot,) where a page's part goes
        self.whole = False  # the frame is not the page: render every page whole
        self.depth: int | None = None

    def render(self, localcontext: dict) -> str:
        pieces = self.pieces  # set once, and only when it has made the first page exactly
        if pieces is not None and self.depth == localcontext["output_file"].count("/"):
            return self._fill(pieces, localcontext)
        if self.whole or pieces is not None:  # the frame is not the page, or a page at another depth
            return self.template.render(localcontext)
        return self._first(localcontext)

    def __getattr__(self, name):  # name, environment… for the render cache's key
        return getattr(self.template, name)

    def _first(self, localcontext: dict) -> str:
        page = self.template.render(localcontext)
        try:
            pieces = self._frame(localcontext)
            same = self._fill(pieces, localcontext) == page
        except Exception:  # noqa: BLE001 - any doubt: every page whole
            same = False
        if same:
            self.depth, self.pieces = localcontext["output_file"].count("/"), pieces
        else:
            # Not a warning: the pages are right (rendered whole, as the frame's reference), only slower — a strict
            # build must not fail for it. The test builds with -v and looks for this line.
            log.info("%s: pages rendered whole (the frame is not the page)", self.template.name)
            self.whole = True
        return page

    def _frame(self, localcontext: dict) -> list:
        context = dict(localcontext, output_file=_marked_address(localcontext["output_file"]))
        ctx = self.template.new_context(context)
        for name in BLOCKS:  # each block yields its marker: ctx.blocks[name][0] is what base.html renders
            ctx.blocks[name] = [lambda _ctx, name=name: iter((_MARK + name + _MARK,))]
        text = self.template.environment.concat(self.template.root_render_func(ctx))
        pieces: list = []
        done = 0
        for found in _SLOT.finditer(text):
            pieces.append(text[done:found.start()])
            pieces.append((found.group(1),) if found.group(1) else (_JSON if found.group(2) == "title" else "?",))
            done = found.end()
        pieces.append(text[done:])
        return pieces

    def _fill(self, pieces: list, localcontext: dict) -> str:
        template = self.template
        ctx = template.new_context(localcontext)
        concat = template.environment.concat
        parts = {name: concat(ctx.blocks[name][0](ctx)) for name in BLOCKS}
        parts[_JSON] = _json_name(template.environment, parts["title"], localcontext.get("SITENAME", ""))
        for index, segment in enumerate(localcontext["output_file"].split("/")[1:-1]):
            parts[f"a{index}"] = str(escape(segment))
        return "".join(piece if type(piece) is str else parts[piece[0]] for piece in pieces)


def _marked_address(output_file: str) -> str:
    """votes/2026-10-29/3/index.html → votes/<a0>/<a1>/index.html: the section stays (the breadcrumbs name it)."""
    segments = output_file.split("/")
    return "/".join([segments[0], *(f"{_MARK}a{i}{_MARK}" for i in range(len(segments) - 2)), segments[-1]])


def _json_name(env, title: str, sitename: str) -> str:
    """The page's own name as breadcrumbs.html puts it into the BreadcrumbList, inside its JSON quotes."""
    name = Markup(title).striptags()
    suffix = " — " + str(sitename)
    name = name[:len(name) - len(suffix)] if name.endswith(suffix) else name
    return str(htmlsafe_json_dumps(str(name), dumps=env.policies["json.dumps_function"],
                                   **env.policies["json.dumps_kwargs"]))[1:-1]
