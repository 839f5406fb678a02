"""The 'plugins off' build: our pelicanconf.py and theme, Pelican's stock Markdown reader, none of our plugins.

It builds `stock/` (the same items with Pelican's `Key: value` metadata, see corpus.py), so it measures
Pelican itself on our settings and templates: reading, Markdown, pagination, tag and archive pages,
item pages, writing. It does NOT do Visnyk's work — front-matter validation, cross-file checks,
scheduling (written into stock/ as `Status: draft`), counting, statistics, report, department and
type pages. PLUGINS is not quite empty: our templates render a typed record (`article.visnyk_item`)
and our Jinja filters, so benchmarks/shim.py attaches those and does nothing else.
"""

import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT))

from pelicanconf import *  # noqa: E402,F401,F403

PLUGIN_PATHS = [str(ROOT), str(ROOT / "plugins")]
PLUGINS = ["benchmarks.shim"]
THEME = str(ROOT / "theme")
READERS = {"html": None, "rst": None}  # .md → Pelican's own MarkdownReader
# Anything else our plugin would put in the context renders empty rather than failing.
JINJA_ENVIRONMENT = {**JINJA_ENVIRONMENT, "undefined": jinja2.ChainableUndefined}  # noqa: F405
