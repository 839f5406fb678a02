"""Renderers of the report document model (domain/reports/document.py): Markdown, Word, PDF."""
