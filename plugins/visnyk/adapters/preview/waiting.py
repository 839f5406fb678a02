"""The pages the live preview serves instead of the site's while it has none to show (adapters/preview/server.py):
the first build still running, or no good build yet. Each carries the reload script, so the tab shows the
page it asked for by itself as soon as there is one."""

from __future__ import annotations

from html import escape

BUILDING = ("<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>Сайт будується…</title></head><body><main>"
            "<h1>Сайт будується…</h1><p role=\"status\">Сторінка з'явиться сама, щойно буде готова.</p></main></body></html>").encode()


def problem_page(problems: str, tag: bytes) -> bytes:
    return ("<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>Сайт не зібрано</title>"
            f"{tag.decode()}</head><body><h1>Сайт не зібрано</h1><pre>{escape(problems)}</pre></body></html>").encode()
