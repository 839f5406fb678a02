"""Editors' files into Pelican: the reader, the content contract inside the build, the one walk of the content
folder, and the pictures and files it publishes or holds back."""
