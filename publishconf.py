"""Settings for the deployed site: pelicanconf.py plus absolute URLs, feeds and a sitemap.

    pelican content -s publishconf.py        (or ./visnyk publish, which builds strictly and safely)

The site's address comes from the environment, so one file serves every council's repository:
VISNYK_SITEURL (or SITEURL), e.g. https://rada.example.gov.ua or https://OWNER.github.io/REPO.
The GitHub Actions workflow sets it from the repository's Pages settings.
"""

import os
import sys

# Pelican loads this file by path; make its folder importable so `pelicanconf` is found from any cwd.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

default_siteurl = "https://example.github.io/visnyk"
SITEURL = (os.environ.get("VISNYK_SITEURL") or os.environ.get("SITEURL") or default_siteurl).strip().rstrip("/")
RELATIVE_URLS = False

# Feeds: absolute links and ids need SITEURL, so they are on here only (pelicanconf.py turns them off).
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"  # one per type: feeds/news.atom.xml, feeds/acts.atom.xml…
FEED_MAX_ITEMS = 50

DELETE_OUTPUT_DIRECTORY = True
# «Історія змін» on every item page, from this repository's git history (one `git log` per build; the deploy
# workflow fetches the whole history). Each change links to its commit on GitHub when VISNYK_REPOSITORY_URL
# (https://github.com/OWNER/NAME, set by the workflow for a public repository) is given, else to a page the
# build writes. Off in pelicanconf.py: the local and test builds do not depend on the repository's history.
VISNYK_HISTORY = True
VISNYK_REPOSITORY_URL = os.environ.get("VISNYK_REPOSITORY_URL", "").strip().rstrip("/")
VISNYK_EDITOR = True  # /admin/: the web editor, signing in to GitHub (docs/operators.md "Editing in the browser")
VISNYK_EDITOR_LOCAL = ""
