"""The whole content folder at once, without Pelican: the walk and scan behind `check` and `report`, and `new`,
which writes a correctly named file."""
