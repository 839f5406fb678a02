"""What this installed package is: its version and where its theme lies.

A council's site pins one version (requirements.txt) and says `THEME = visnyk.THEME`; its own theme/templates/
overrides single templates (THEME_TEMPLATES_OVERRIDES). CHANGELOG.md says what each version changes."""

import os

__version__ = "0.9.0"

_HERE = os.path.dirname(os.path.abspath(__file__))
# In the wheel the theme is package data (visnyk/theme/, pyproject.toml); run from this repository's source,
# it is the repository's theme/ beside plugins/.
THEME = next((path for path in (os.path.join(_HERE, "theme"), os.path.join(os.path.dirname(os.path.dirname(_HERE)), "theme"))
              if os.path.isdir(os.path.join(path, "templates"))), os.path.join(_HERE, "theme"))
