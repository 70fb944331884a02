"""``kiosk review``: the coordinator reads each comment before export — keep, edit or drop.

``desk.ReviewDesk`` is the headless part (which comment, what was decided, saving);
``app.ReviewApp`` shows it. The review runs on the coordinator's own computer, so it
is not locked like the kiosk, but it keeps the kiosk's manners: comment text is
always shown literally, and a problem gets a calm message, never a traceback.
"""
