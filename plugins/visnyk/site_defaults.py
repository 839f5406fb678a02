"""Pelican settings every council's site shares; its pelicanconf.py imports them and adds who the council is.

    from visnyk.site_defaults import *     (then SITENAME, VISNYK_COUNCIL…, THEME = visnyk.THEME)

They are the reference site's settings (this repository's pelicanconf.py) without its identity;
tests/test_init.py keeps the two the same. Living in the package, they change with an upgrade, never by merging.
"""

TIMEZONE = "Europe/Kyiv"
DEFAULT_LANG = "uk"
PATH = "content"
SITEURL = ""

# Every .md outside pages/ is a publication; the reader rejects files outside the type folders.
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "files", "images", "extra"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["files", "images", "extra"]
EXTRA_PATH_METADATA = {"extra/robots.txt": {"path": "robots.txt"}}
READERS = {"html": None, "rst": None}
# Hidden files and folders (.backup.md, ._x.md from macOS, .old/) are skipped, as `invoke check` does;
# Pelican's default "**/.*" never matches: it is tested against bare names.
IGNORE_FILES = [".*"]

# URLs come from visnyk.domain.navigation.urls through each item's metadata; these cover the rest.
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAG_URL = "tags/{slug}/"
TAG_SAVE_AS = "tags/{slug}/index.html"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "archives/{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "archives/{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "archives/{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "archives/{date:%Y}/{date:%m}/index.html"
DEFAULT_PAGINATION = 20
# Lists of a type, a department (plugins/visnyk/adapters/outputs/pages.py) and a tag are paginated; the home
# page (also written there) shows the latest few of each type instead.
PAGINATED_TEMPLATES = {"tag": None, "type": None, "department": None}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
INDEX_SAVE_AS = "index.html"

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

RELATIVE_URLS = True
DELETE_OUTPUT_DIRECTORY = True
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
# With the cache on (livereload), every rebuild rewrites the whole cache: gzip made that ~15% of it.
GZIP_CACHE = False
DIRECT_TEMPLATES = ["archives"]  # home and tags index: plugins/visnyk/adapters/outputs/pages.py
# Same slug in two years is two items; translations share `translation_key` (set by the reader).
ARTICLE_TRANSLATION_ID = "translation_key"
PAGE_TRANSLATION_ID = "translation_key"

# The web editor at /admin/ (Decap CMS, vendored from node_modules/ by `npm ci`), configured from the content
# contract: docs/operators.md "Editing in the browser". The deployed site has it (publishconf.py); a development build only
# under `./visnyk edit`, which sets VISNYK_EDITOR_LOCAL to its local backend. The repository and the sign-in
# helper come from the environment (the Deploy workflow sets GITHUB_REPOSITORY).
import os  # noqa: E402

VISNYK_EDITOR_LOCAL = os.environ.get("VISNYK_EDITOR_LOCAL", "")
VISNYK_EDITOR = bool(VISNYK_EDITOR_LOCAL)
VISNYK_EDITOR_BRANCH = os.environ.get("VISNYK_EDITOR_BRANCH", "main")
VISNYK_EDITOR_AUTH_URL = os.environ.get("VISNYK_EDITOR_AUTH_URL", "")
VISNYK_EDITOR_REVIEW = os.environ.get("VISNYK_EDITOR_REVIEW", "") == "1"  # drafts as pull requests
