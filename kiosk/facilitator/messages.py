"""Messages the facilitator's apps post to their screens."""

from __future__ import annotations

from textual.message import Message


class LiveChanged(Message):
    """The session's tallies changed (here or in another process): redraw.

    Votes can arrive in bursts; a waiting ``LiveChanged`` is replaced by a newer one,
    so a burst becomes one redraw.
    """

    def can_replace(self, message: Message) -> bool:
        """Any earlier ``LiveChanged`` still waiting says nothing this one doesn't."""
        return isinstance(message, LiveChanged)
