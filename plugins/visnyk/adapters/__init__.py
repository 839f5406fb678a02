"""Thin adapters between Pelican and `visnyk.domain`."""
