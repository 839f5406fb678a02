"""Visnyk: a Pelican plugin for a Ukrainian city council's site (content contract, counts, reports).

Installed as a package (pyproject.toml: the wheel `visnyk`), it carries its theme: `visnyk.THEME`."""

from .package import THEME, __version__  # noqa: F401


def register():
    """Pelican's entry point; imported lazily so `visnyk.domain` never pulls Pelican in."""
    from .adapters.plugin import register as register_adapters

    register_adapters()
