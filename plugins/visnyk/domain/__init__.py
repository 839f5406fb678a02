"""The council's domain: content types, departments, periods, counting and Ukrainian wording.

Nothing here imports Pelican; the adapters in `visnyk.adapters` connect it to the build.
"""
