"""Counting what was published: one pass over the items, sums for any period, the statistics page's tables, bar
charts, and the counts as open data."""
