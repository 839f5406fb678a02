"""Ukrainian wording and council data for templates: Jinja filters and globals from the domain."""

from __future__ import annotations

import datetime as dt

from ...domain.navigation import breadcrumbs
from ...domain.language import wording
from ...domain.cycle.meetings import when as meeting_when
from ...domain.language.alphabet import by_name
from ...domain.common.model import ActKind, ContentType
from ...domain.language.typography import typeset, typeset_html
from ...domain.navigation.urls import item_url
from .state import state


def _type(value) -> ContentType:
    return value if isinstance(value, ContentType) else ContentType(value)


FILTERS = {
    "uk_date": lambda value: wording.long_date(  # a date, or one as open data writes it ("2026-03-19…")
        dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value),
    "uk_datetime": wording.date_time,
    "uk_month_year": lambda d: wording.month_year(d.year, d.month),
    "type_label": lambda t: wording.TYPE_LABEL[_type(t)],
    "type_singular": lambda t: wording.TYPE_SINGULAR[_type(t)],
    "act_kind_label": lambda k: wording.ACT_KIND_LABEL[ActKind(k)],
    "item_kind": wording.item_kind,
    # A late or undated act's deadline in words (the compliance page): "Оприлюднено за 7 робочих днів до розгляду, …"
    "act_deadline": lambda v: typeset(wording.act_deadline(v.rule.value, v.published, v.event, v.working_days,
                                                           v.on_time, v.late_by)),
    "typeset": typeset,
    "typeset_html": typeset_html,  # "новина", or an act cited: "рішення виконавчого комітету від 03.06.2026 № 180"
    "meeting_when": meeting_when,
    "working_days": wording.WORKING_DAYS.count,
    "plural": lambda n, one, few, many: wording.Forms(one, few, many).count(n),
}


def install(generator) -> None:
    """generator_init: every generator's Jinja environment gets the same filters and globals."""
    env = getattr(generator, "env", None)
    if env is None:
        return
    build = state(generator.context, generator.settings)
    env.filters.update(FILTERS)
    env.globals.update(
        council=build.options["VISNYK_COUNCIL"],
        council_logo=build.options["VISNYK_COUNCIL"].get("logo", ""),
        departments=build.departments,
        department_order=by_name(build.departments),  # slugs, names in Ukrainian alphabetical order
        month_name=wording.month_name,
        item_url=item_url,
        content_types=[t for t in ContentType if t.counted],
        breadcrumbs=breadcrumbs.trail,  # breadcrumbs(page_path, departments, report_periods)
        report_periods=build.report_periods,  # filled in place once the content is read (contract.finalize)
    )
