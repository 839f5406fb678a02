"""A ReportDocument as Markdown: the same requisites, sections, signature and appendix as the Word file,
for an editor to paste into a letter or keep beside the site. Every address in it is absolute."""

from __future__ import annotations

from ..domain.reports.document import Block, ListSection, ReportDocument, Table


def _escape(text: str) -> str:
    """Text that Markdown would otherwise read as markup stays text."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("*", "\\*").replace("_", "\\_")


def _runs(runs) -> str:
    return "".join(f"[{_escape(r.text)}](<{r.url}>)" if r.url else _escape(r.text) for r in runs)


def _blocks(blocks: tuple[Block, ...]) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if block.listed:
            lines += [f"- {_runs(runs)}" for runs in block.items]
        else:
            lines += [_runs(runs) for runs in block.items]
        lines.append("")
    return lines


def _list(section: ListSection) -> list[str]:
    lines = [_escape(section.lead), ""]
    if section.items:
        lines += [f"- {_escape(text)}" for text in section.items] + [""]
    return lines


def _table(table: Table) -> list[str]:
    def row(values) -> str:
        return "| " + " | ".join(values) + " |"

    align = ["---", *(["---:"] * (len(table.header) - 1))]
    return [f"**{table.caption}**", "", row(table.header), row(align), *map(row, table.rows),
            row(f"**{v}**" for v in table.total), ""]


def render(doc: ReportDocument) -> str:
    lines = ["**ПРОЄКТ**", ""] if doc.draft else []
    lines += [f"**{_escape(doc.council.upper())}**  "] + ([_escape(doc.department)] if doc.department else [])
    lines += ["", f"**{_escape(doc.kind.upper())}**", ""]
    requisites = [r for r in (" ".join(filter(None, (doc.date_text, doc.number_text))), _escape(doc.place)) if r]
    if requisites:  # date and number on one line, the place under them
        lines += ["  \n".join(requisites), ""]
    lines += [f"# {_escape(doc.heading[:1].upper() + doc.heading[1:])}", ""]
    if doc.note:
        lines += [f"*{_escape(doc.note)}*", ""]
    lines += _blocks(doc.narrative)
    lines += _list(doc.publications)
    lines += [line for sentence in doc.deadlines for line in (_escape(sentence), "")]
    if doc.months is not None:
        lines += _table(doc.months)
    if doc.activities is not None:
        lines += _list(doc.activities)
    if doc.appendix_mark:
        lines += [_escape(doc.appendix_mark), ""]
    if doc.signature is not None:
        lines += [f"{_escape(doc.signature.position)} _______________ {_escape(doc.signature.name)}", ""]
    if doc.appendix:
        lines += ["---", "", f"Додаток  ", _escape(doc.appendix_heading), "", f"## {doc.appendix_title}", ""]
        lines += [f"{n}. {_escape(e.title)} — {e.kind}, {e.date}, <{e.url}>" for n, e in enumerate(doc.appendix, 1)]
        lines.append("")
    return "\n".join(lines)
