"""Visnyk: a Pelican plugin for a Ukrainian city council's site (content contract, counts, reports)."""


def register():
    """Pelican's entry point; imported lazily so `visnyk.domain` never pulls Pelican in."""
    from .adapters.plugin import register as register_adapters

    register_adapters()
