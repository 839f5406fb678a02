"""Benchmarks: a synthetic council archive of N items and the builds measured on it (`invoke bench`)."""
