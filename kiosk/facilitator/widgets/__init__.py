"""Widgets for the facilitator's console and the shared screen."""
