"""Ukrainian as the site writes it: every generated phrase with the right form for every number, the alphabetical
order, the typography of official text, and the stemmer and lemmas that let word forms meet in search."""
