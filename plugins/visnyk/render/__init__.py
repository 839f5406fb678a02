"""Renderers of the report document model (domain/document.py): Markdown, Word, PDF."""
