"""``Say``: a screen or widget asks for words to be read aloud as something happens.

Posted for a kind warning, a tick, a new reading speed. It bubbles to the App, which
speaks it only when the person chose read-aloud (``F2`` reads the screen whenever).
"""

from __future__ import annotations

from textual.message import Message


class Say(Message, namespace="kiosk"):
    """Words to read aloud now, if the person chose read-aloud (``on_kiosk_say``)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text
