"""The live preview's hooks into Pelican, for PreviewSite's own builds only (site.py connects them): each generator
is noted as it runs, the writer records pages instead of writing them (writer.py), a page an open tab shows is
rendered as soon as it is recorded (early), and the templates are compiled once per environment. A mixin of
PreviewSite, which holds the state it uses."""

from __future__ import annotations

from pelican.generators import CachingGenerator, StaticGenerator

from ..build.state import state
from ..rebuild.reading import preview_ahead
from .theme import compile_all
from .writer import RecordingWriter


class PelicanHooks:
    def _generator_init(self, generator) -> None:
        """The articles' and pages' generators take unchanged items from `memory` (see ContentMemory), the static
        files' generator their Static objects."""
        if generator.settings is not self._settings:
            return
        if isinstance(generator, CachingGenerator):
            self.memory.attach(generator)
        elif isinstance(generator, StaticGenerator):
            self.memory.attach_static(generator)
        build = state(generator.context, generator.settings)
        build.verdicts = self._verdicts
        build.documents = self._documents
        if self._walk_now is not None:
            build.walk = self._walk_now
        if not self.generation:  # a start (no good build yet): its files read on every core
            preview_ahead(generator, self._unread, self._verdicts)
        if hasattr(generator, "generate_output"):
            generator.generate_output = self._noting(type(generator).__name__, generator.generate_output)

    def _unread(self, relpaths: list[str]) -> list[str]:
        """The content files this build reads: those of which no item is kept (all of them at a first start)."""
        return self.memory.unread(self.content, relpaths)

    def _noting(self, name: str, generate_output):
        """A generator's generate_output that says which generator records the pages (see _finalized)."""

        def run(writer):
            self._running, self._recorded_by_running = name, 0
            try:
                return generate_output(writer)
            finally:
                self._running = ""

        return run

    def _get_writer(self, pelican_object):
        if pelican_object.settings is self._settings:
            return type("PreviewWriter", (RecordingWriter,), {"sink": self._sink, "recorded": self._recorded_hook()})
        return None

    def _recorded_hook(self):
        site = self

        def recorded(_writer, path: str, page) -> None:
            site._recorded(path, page)

        return recorded

    def _recorded(self, path: str, page) -> None:
        """A page an open tab shows was just recorded: after the content check, at the point a full build
        would write it, so render it now and let that tab reload before the rest of the site is recorded."""
        relative = self._relative(path)
        self._owners_next[relative] = (self._running, self._recorded_by_running)
        self._recorded_by_running += 1
        if not self._early_allowed:
            return
        if relative in self.watching:
            self._render_early(relative, page)
        if self._wanted:  # tabs opened on pages this build recorded before they asked (see watch)
            with self.early_lock:
                wanted, self._wanted = self._wanted, set()
            for name in wanted:
                found = self._sink.get(self.output + "/" + name)
                if found is not None and name not in self._early:
                    self._render_early(name, found)

    def _render_early(self, relative: str, page) -> None:
        html = page.render().encode("utf-8")
        with self.early_lock:
            self._early[relative] = html
        if self.on_early is not None:
            self.on_early(self.attempts, relative)

    def early(self, page: str) -> tuple[int, bytes] | None:
        """A page of the build in progress, rendered early for a tab that shows it (no lock: the build holds it),
        with the build it belongs to: 0 while no build was good (the first), so the tab reloads once more when
        that build ends and the rest of the site (pictures, files, search) is there."""
        with self.early_lock:
            html = self._early.get(page)
            return (self.attempts if self.generation else 0, html) if html is not None else None

    def watch(self, page: str, delta: int) -> None:
        """A tab showing `page` opened (+1) or closed (-1) its event stream."""
        with self.early_lock:
            count = self.watching.get(page, 0) + delta
            if count > 0:
                self.watching[page] = count
                if delta > 0:  # rendered by the build in progress, if it has already recorded the page
                    self._wanted.add(page)
            else:
                self.watching.pop(page, None)

    def _finalized(self, generators) -> None:
        if generators and generators[0].settings is self._settings:
            self._context = generators[0].context
            self._environments = {id(g.env): g.env for g in generators if getattr(g, "env", None) is not None}
            # The generators that made a page an open tab shows write first (Pelican runs them in this list's
            # order), the one that reached such a page soonest first, so that tab reloads before the rest of the
            # site is recorded. Generators only record pages here, they do not change the shared context (but
            # for Pelican's localsiteurl, which each page keeps as it was at its call, and only 404.html,
            # written last by its generator, reads it): the order changes no page. Static files are still
            # copied last (files.py checks them against every page).
            soonest: dict[str, int] = {}
            for page in self.watching:
                name, position = self._owners.get(page, ("", 0))
                soonest[name] = min(position, soonest.get(name, position))
            generators.sort(key=lambda g: (2, 0) if isinstance(g, StaticGenerator)
                            else (0, soonest[type(g).__name__]) if type(g).__name__ in soonest else (1, 0))

    def _compile_templates(self) -> None:
        """A full build renders every page, so a template with a syntax error anywhere (base.html too, which
        pages only extend) stops it: the preview, which renders later, compiles the theme's templates now
        (in one of the generators' environments: they all load the same theme)."""
        for env in list(self._environments.values())[:1]:
            compile_all(env)
