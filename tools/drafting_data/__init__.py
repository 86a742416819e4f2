"""Data for rule drafting: metric keyword patterns, enterprise categories, units (package data)."""
