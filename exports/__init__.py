"""Anonymised exports and the report for the core working group (headless)."""
