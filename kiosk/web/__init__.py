"""The phone page: a small, accessible web server the kiosk or console can run.

People may take a survey on their own phone (with their own screen reader, zoom
and language) or vote in a live poll from it. ``kiosk.web.server.PhoneServer`` is
the entry point; ``kiosk.web.qr`` turns its links into QR matrices.

This package never imports Textual or Rich, and importing it does nothing: the
server, aiohttp and the templates load only when ``kiosk.web.server`` is imported,
so a kiosk with phones turned off pays nothing for them.
"""
