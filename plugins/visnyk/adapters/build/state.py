"""What one build knows about the council, kept in Pelican's context under one key."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field

from ...domain.common.clock import build_clock
from ...domain.counting.counting import Counts
from ...domain.cycle.cycle import Cycle
from ...domain.common.model import Department, Item
from ...domain.common.problems import Problem
from ...domain.content.registry import load_registry
from ...domain.reports.reports import Plan
from .settings import validated

KEY = "VISNYK"


@dataclass
class BuildState:
    options: dict
    clock: dt.datetime
    departments: dict[str, Department]
    registry_problems: list[Problem]
    # Filled by contract.finalize once the content is valid:
    items: list[Item] = field(default_factory=list)  # every valid item, whatever its status
    counts: Counts = field(default_factory=Counts)
    cycle: Cycle = field(default_factory=Cycle)  # meetings, drafts and decisions, publication deadlines
    legal: dict = field(default_factory=dict)  # act source → domain.legal.status.ActStatus (adapters/outputs/acts.py)
    extras: dict = field(default_factory=dict)  # (department, period key) → its hand-written report Item
    plan: Plan = field(default_factory=lambda: Plan((), ()))  # which report pages exist
    # The keys ("2025", "2025-03") of the periods with a council-wide report page, sorted: a Jinja global,
    # so this one list is filled in place (the render cache digests globals when the first page is written).
    report_periods: list[str] = field(default_factory=list)
    by_source: dict = field(default_factory=dict)  # source path → Pelican content object
    search: object = None  # adapters.outputs.search.IndexJob while Pagefind runs beside the build (Pending in the preview)
    walk: object = None  # domain.site.scan.Walk: the content folder's files, walked once (adapters/content/files.py)
    pictures: object = None  # domain.media.images.Pictures: the lead images read and judged by the contract
    verdicts: dict | None = None  # the live preview's picture verdicts, kept between its builds (adapters/content/images.py)
    documents: dict | None = None  # the live preview's report documents, kept between its builds (adapters/outputs/reports.py)
    published_images: dict = field(default_factory=dict)  # digest → images.Original to resize (adapters/content/images.py)
    roll: object = None  # domain.votes.rollcall.RollCall: deputies and roll-call votes (contract.finalize)
    changes: list = field(default_factory=list)  # adapters/content/history.ChangePage: pages of changes to write
    # images/ files only unpublished items use, or how to work them out (adapters/content/originals.held_files)
    held_files: object = frozenset()
    views: dict = field(default_factory=dict)  # what items' views share, worked out on first read (content/views.py)


def state(context: dict, settings: dict) -> BuildState:
    """The build's state, made on first use from the settings (one registry read per build)."""
    current = context.get(KEY)
    if current is None:
        options = validated(settings)
        registry_file = options["VISNYK_DEPARTMENTS_FILE"]
        path = os.path.join(settings["PATH"], registry_file)
        raw = open(path, "rb").read() if os.path.isfile(path) else None
        departments, problems = load_registry(registry_file, raw)
        current = BuildState(options, build_clock(), departments, problems)
        context[KEY] = current
    return current
