"""Pictures and attached files as a citizen downloads them: lead images judged and resized, originals published
without camera metadata, SVG only as we write it, attachments with their type and size."""
