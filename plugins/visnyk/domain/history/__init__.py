"""The history of every item from git: on which dates after its first publication a file changed, with the
commit's summary, read from one `git log` over the content folder (the adapter runs it; no git, no Pelican here).
"""
