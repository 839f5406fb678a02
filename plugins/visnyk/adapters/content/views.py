"""Views of one item that only pages read (an act's cycle and status, a meeting's agenda with its votes), worked out
when a page first reads them rather than for every item before the first page is written.

The live preview shows the page a save changed as soon as that page can be written (issue 30): at 20,000 items,
giving every act and meeting its views first cost ~0.2 s before it, for views the page does not show. A view is a
non-data descriptor on Pelican's content class: the first read works it out from the build's state (the same
objects the build ends with: the contract is over when any page is written) and keeps it on the object, as the
attribute the eager pass used to set. A content object it does not apply to reads None, as a template reads a
missing attribute. `fingerprint.own` reads every view before digesting an object, so a warm rebuild sees them.
"""

from __future__ import annotations

from collections.abc import Callable

from pelican.contents import Content

from .reader import ITEM
from ..build.state import KEY, BuildState


class LazyView:
    def __init__(self, name: str, compute: Callable[[Content, BuildState, object], object]) -> None:
        self.name = name
        self.compute = compute

    def __get__(self, content, owner=None):
        if content is None:
            return self
        value = None
        context = content.__dict__.get("_context")
        build = context.get(KEY) if isinstance(context, dict) else None
        item = content.__dict__.get(ITEM)
        # Only the item the contract kept for its source (what the eager pass went through: build.by_source).
        if build is not None and item is not None and build.by_source.get(item.source) is content:
            value = self.compute(content, build, item)
        content.__dict__[self.name] = value  # kept: the next read is the object's own attribute
        return value


def install(name: str, compute: Callable[[Content, BuildState, object], object]) -> None:
    """`compute(content, build, item)` answers `content.<name>` on its first read (once per object)."""
    found = Content.__dict__.get(name)
    if isinstance(found, LazyView):
        found.compute = compute  # the plugin registered again (another build in this process)
    else:
        setattr(Content, name, LazyView(name, compute))


def read_all(content: Content) -> None:
    """Every view of the object worked out now (the fingerprint of a warm rebuild digests them)."""
    for kind in type(content).__mro__:
        for name, value in vars(kind).items():
            if isinstance(value, LazyView) and name not in content.__dict__:
                getattr(content, name)


def cached(build: BuildState, key: str, compute: Callable[[], object]):
    """One answer per build that several items' views share (the votes by act…)."""
    found = build.views.get(key)
    if found is None:
        found = build.views[key] = compute()
    return found
