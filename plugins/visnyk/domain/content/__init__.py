"""The content contract: an editor's file (bytes, front matter, Markdown body) becomes a validated item or every
problem found in it, with file and line; the department registry and the checks that need the whole site."""
