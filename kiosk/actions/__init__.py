"""``kiosk actions``: the coordinator's editor for the "you said, we did" action log."""
