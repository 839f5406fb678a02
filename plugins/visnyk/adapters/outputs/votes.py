"""Roll-call votes on the site: deputies/ (by faction), each deputy's page, votes/ and each question's page,
and each meeting's and act's link to its votes. A view of `build.roll` (domain/votes), read in contract.finalize."""

from __future__ import annotations

import os

from markupsafe import escape
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from ...domain.votes import opendata, rollcall
from ...domain.votes.records import CHOICES
from .frame import Framed
from .meetings import linkable, site_root
from ..content import views
from ..build.state import state

# The rows' pieces are escaped HTML (Markup from partials/rows.html, each choice's word escaped here), so they are
# joined as plain strings: Markup.join would escape each of a term's ~2 million pieces again.
WORD = {c: str(escape(c.value)) for c in CHOICES}
# Attributes set on Pelican's content objects for partials/cycle.html.
AGENDA_VOTES, ACT_VOTES = "visnyk_agenda_votes", "visnyk_act_votes"


def _meetings(build) -> dict:
    return {item.source: item for item in build.items if item.meeting is not None}


def install() -> None:
    """Each meeting's agenda items get their questions, each act the questions on the agenda items that name it: read
    by its page (content/views.py), from `build.roll` once the contract is over."""
    views.install(AGENDA_VOTES, lambda content, build, item: _agenda_votes(build).get(item.source))
    views.install(ACT_VOTES, _act_votes)


def _agenda_votes(build) -> dict:
    """meeting source → {agenda item number: [(question, its page's URL)]} (the last votes file naming a meeting)."""
    def compute() -> dict:
        found = {}
        for vote_file in (build.roll.files if build.roll is not None else ()):
            if vote_file.meeting in build.by_source:
                per_item: dict[int, list] = {}
                for question in vote_file.questions:
                    per_item.setdefault(question.agenda, []).append((question, rollcall.vote_url(vote_file, question)))
                found[vote_file.meeting] = per_item
        return found
    return views.cached(build, AGENDA_VOTES, compute)


def _act_votes(content, build, item):
    roll = build.roll
    if roll is None or not roll.files or item.act_kind is None:
        return None
    on_agenda = views.cached(build, ACT_VOTES, lambda: rollcall.by_act(roll, _meetings(build)))
    found = list(on_agenda.get(item.source, ()))  # the draft on the agenda
    if item.draft:  # the decision that adopted it: the same votes
        found += on_agenda.get(item.draft, ())
    return [(q, rollcall.vote_url(f, q)) for f, q in found] if found else None


class VotesGenerator(Generator):
    def generate_output(self, writer) -> None:
        build = state(self.context, self.settings)
        roll = build.roll
        if roll is None or roll.council is None:
            return
        find = linkable(build)
        council = roll.council
        # Each vote page is its own blocks set into one frame (frame.py): ~16,000 of them, all at one depth.
        framed = self.settings.get("VISNYK_FRAMED_PAGES", True)
        templates = {"vote": Framed(self.get_template("vote"))} if framed else {}
        write = lambda name, template, **kw: writer.write_file(  # noqa: E731
            name, templates.get(template) or self.get_template(template), self.context,
            relative_urls=self.settings["RELATIVE_URLS"], template_name=template,
            url=name.removesuffix("index.html"), **kw)
        factions = rollcall.by_faction(council)
        meetings = _meetings(build)
        files = sorted(roll.files, key=lambda f: f.questions[0].time, reverse=True)
        write("deputies/index.html", "deputies", registry=council, factions=factions,
              deputy_url=rollcall.deputy_url)
        # A term is ~16,000 questions and ~670,000 choices: each row is rendered once (per question on the deputy
        # pages, per deputy on the vote pages) by partials/rows.html and joined around the choices here.
        cast_head, cast_tail = _rows(self.env, self.settings, self.context, "deputies/x/index.html")[:2]
        attendance = rollcall.attendance(roll)
        cast: dict[str, list] = {d.id: [] for d in council.deputies}
        for vote_file, question in rollcall.newest_first(roll):
            head = cast_head(rollcall.vote_url(vote_file, question), question)
            tail = cast_tail(question)
            for who, choice in question.choices:
                cast[who] += (head, WORD[choice], tail)
        for deputy in council.deputies:
            parts = cast[deputy.id]
            write(rollcall.deputy_url(deputy) + "index.html", "deputy", registry=council, deputy=deputy,
                  attendance=attendance.get(deputy.id, []), cast=len(parts) // 3, cast_rows=Joined(parts))
        del cast
        # Plain values, not functions of the file: a page whose context holds a lambda is rendered on every build
        # (the render cache cannot fingerprint it), so a rebuild with nothing changed rewrote votes/index.html.
        write("votes/index.html", "votes", registry=council, files=files, vote_url=rollcall.vote_url,
              meetings={f.key: find(f.meeting) for f in files},
              late_files=tuple(sorted(f.key for f in files if rollcall.late(f))), data_files=opendata.FILES)
        if roll.files:
            root = site_root(self.settings)
            titles = {source: item.title for source, item in meetings.items()}
            folder = os.path.join(self.output_path, "votes")
            os.makedirs(folder, exist_ok=True)
            # "\n" line endings (newline=""): byte-identical rebuilds
            opendata.write_files(roll, titles, f"{root}/" if root else "/", lambda name: open(
                os.path.join(folder, name), "w", encoding="utf-8", newline=""))
        voter_head, voter_tail = _rows(self.env, self.settings, self.context, "votes/x/1/index.html")[2:]
        order = [f for f, _ in factions]
        heads = {d.id: voter_head(rollcall.deputy_url(d), d) for d in council.deputies}
        rank = {d.id: (order.index(d.faction), d.name) for d in council.deputies}
        tail = voter_tail()
        for vote_file in roll.files:
            meeting = meetings.get(vote_file.meeting)
            late = {q.number for q in rollcall.late(vote_file)}
            for question in vote_file.questions:
                entry = meeting.meeting.agenda[question.agenda - 1] if meeting and meeting.meeting else None
                act = find(entry.act) if entry is not None and entry.act else None
                chosen = sorted(question.choices, key=lambda wc: rank[wc[0]])
                write(rollcall.vote_url(vote_file, question) + "index.html", "vote", registry=council,
                      question=question, vote_file=vote_file, meeting=find(vote_file.meeting), entry=entry, act=act,
                      totals=question.totals(), choices=CHOICES, late=question.number in late,
                      rows=Joined([part for who, c in chosen for part in (heads[who], WORD[c], tail)]))


class Joined:
    """Rows of HTML made of shared pieces (a question's or a deputy's row, the choice, the row's end), joined when
    the page is rendered. Joined ahead, the ~16,000 vote pages and the deputies' pages of a term held ~0.3 GB of
    text each: the live preview keeps the pages of its last build while the next one records its own."""

    __slots__ = ("parts",)

    def __init__(self, parts: list[str]) -> None:
        self.parts = parts

    def __html__(self) -> str:
        return "".join(self.parts)

    __str__ = __html__


def _rows(env, settings, context, page: str):
    """partials/rows.html's macros as functions, with the SITEURL a page at `page`'s depth gets from the writer."""
    siteurl = path_to_url(get_relative_path(page)) if settings["RELATIVE_URLS"] else context.get("SITEURL", "")
    module = env.get_template("partials/rows.html").make_module({"SITEURL": siteurl})
    return module.cast_head, module.cast_tail, module.voter_head, module.voter_tail


def get_generators(pelican):
    return VotesGenerator
