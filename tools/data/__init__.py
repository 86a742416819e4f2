"""Reviewed tables: operator wording, metrics, comparison topics (package data)."""
