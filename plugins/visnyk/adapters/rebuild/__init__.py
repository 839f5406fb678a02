"""Fast builds whose output stays byte-identical: warm rebuilds of only the changed pages, the digests they are
keyed by, and linear replacements for Pelican's quadratic steps."""
