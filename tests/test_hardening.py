"""Issue 23a, unit level: the domain's copies of outside rules (Pelican's link placeholders) and the
files an editor commits as a browser and a downloader see them (SVG, picture metadata, file names)."""

from __future__ import annotations

import types

import pytest

from visnyk.domain.content import placeholders

SAMPLES = [
    '<a href="{static}/files/a.pdf">a</a>',
    '<a href="https://x" title="see href=\'{attach}/files/a.pdf\'">a</a>',
    '<abbr title="src=\'{static}/departments.yml\'">x</abbr>',
    "<abbr title='content=\"|filename|/news/a.md\"'>x</abbr>",
    '<img alt="x" src = "{static}/images/a.png?x=1#y">',
    '<a href={static}/files/a.pdf>unquoted</a>',
    '<a href=" {static}/files/a.pdf">space</a>',
    '<video poster="{static}/images/p.png" data-src="{filename}/a.md"></video>',
    '<p>text href="{static}/x" outside a tag</p>',
    '<a\nhref="{filename}/news/a.md#part"\n>multi-line</a> <a href="{tag}бюджет">t</a>',
    '<form action="{index}" formaction="|author|x"><q cite="{category}y">z</q></form>',
    '<a href="{attach}/a &amp; b.pdf">amp</a>',
]


def pelicans():
    from pelican.contents import Content
    from pelican.settings import DEFAULT_CONFIG

    return Content._get_intrasite_link_regex(types.SimpleNamespace(settings=DEFAULT_CONFIG))


@pytest.mark.parametrize("html", SAMPLES)
def test_placeholders_are_found_exactly_where_pelican_replaces_them(html):
    """Break: drop "content" from placeholders.ATTRIBUTES, or require a word boundary before the name."""
    ours = [(m.group("what"), m.group("value")) for m in placeholders.PATTERN.finditer(html)]
    theirs = [(m.group("what"), m.group("value")) for m in pelicans().finditer(html)]
    assert ours == theirs


def test_our_settings_keep_pelicans_placeholder_syntax():
    import runpy

    from pelican.settings import DEFAULT_CONFIG

    from conftest import ROOT

    for name in ("pelicanconf.py", "publishconf.py"):
        settings = runpy.run_path(str(ROOT / name), run_name="settings")
        assert settings.get("INTRASITE_LINK_REGEX", DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]) == \
            placeholders.INTRASITE_LINK_REGEX == DEFAULT_CONFIG["INTRASITE_LINK_REGEX"]


def test_an_svg_written_again_is_a_fixed_point_and_keeps_the_drawing():
    """Break: drop an attribute in svg.write (e.g. skip node.attributes) — the drawing changes."""
    from conftest import ROOT

    from visnyk.domain.media import svg

    for name in ("herb.svg", "favicon.svg"):
        raw = (ROOT / "theme/static/images" / name).read_bytes()
        once = svg.sanitise(name, raw)
        assert isinstance(once, bytes) and svg.sanitise(name, once) == once
        assert once.count(b"<path") == raw.count(b"<path") and once.count(b" d=") == raw.count(b" d=")


@pytest.mark.parametrize("raw", [b"", b"not xml", b'<?xml version="1.0" encoding="x-unknown"?><svg/>',
                                 b"\xff\xfe<\x00", b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<g>" * 300,
                                 b'<svg xmlns="http://www.w3.org/2000/svg"/><extra/>'])
def test_a_broken_svg_is_a_problem_never_a_traceback(raw):
    """Break: drop the LookupError clause in svg.judge — the unknown encoding raises."""
    from visnyk.domain.media import svg

    verdict = svg.judge("images/a.svg", raw)
    assert verdict.data is None and verdict.problems and verdict.problems[0].path == "images/a.svg"


def test_any_bytes_give_an_svg_verdict_never_a_traceback():
    """Random cuts and byte flips of a drawing with every allowed kind of part."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from visnyk.domain.media import svg

    drawing = ('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/'
               'xlink" viewBox="0 0 9 9"><defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
               '<style>rect{fill:url(#g)}</style><use xlink:href="#r"/><text xml:space="preserve">Й &amp;</text>'
               '<rect id="r" width="9" height="9" style="stroke:#000"/></svg>').encode()

    @settings(max_examples=300, deadline=None)
    @given(st.integers(0, len(drawing)), st.integers(0, len(drawing) - 1), st.integers(0, 255))
    def judged(cut, where, byte):
        raw = bytearray(drawing[:cut] if cut % 2 else drawing)
        if where < len(raw):
            raw[where] = byte
        verdict = svg.judge("a.svg", bytes(raw))
        assert (verdict.data is None) == bool(verdict.problems)
        if verdict.data is not None:
            assert svg.judge("a.svg", verdict.data).data == verdict.data  # what we publish passes again

    judged()
