"""The kiosk's own accessibility layer, without any user interface.

Textual has no screen-reader support, so speech, text sizes and colours are how
many participants take part. This package holds them as plain Python the kiosk
wires in: the ``Speaker`` port and its pyttsx3 adapter (``speech``,
``pyttsx3_speaker``), the exact words read aloud (``narration``), colour themes
and text sizes measured against WCAG (``themes``, ``contrast``), large glyphs for
the largest text size (``big_text``), the glossary (``glossary``) and the
plain-English checks for survey authors (``plain_english``).

Nothing here imports Textual, Rich or the kiosk, and nothing opens a device or a
file at import time.
"""
