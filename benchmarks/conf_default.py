"""Stock Pelican as a newcomer runs it: default settings and default theme (issue 7's reference build).

Builds `stock/` (Pelican's own metadata). Feeds, category, author and tag pages, archives and
pagination are Pelican's defaults; only the time zone, language and static folders are set.
"""

SITENAME = "Вісник (stock Pelican)"
TIMEZONE = "Europe/Kyiv"
DEFAULT_LANG = "uk"
STATIC_PATHS = ["files", "images"]
