"""The facilitator's live-poll console, pass-the-tablet voting and the shared screen.

``kiosk.commands.facilitate`` starts it (``kiosk facilitate POLLS.yaml``).
``facilitation`` holds the session's state without Textual; the rest is the UI.
"""
