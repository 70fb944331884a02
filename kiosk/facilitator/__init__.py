"""The facilitator's live-poll console, pass-the-tablet voting and the shared screen.

``launch.run_facilitator`` is the entry point (``kiosk facilitate POLLS.yaml``).
``facilitation`` holds the session's state without Textual; the rest is the UI.
"""
