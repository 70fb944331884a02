"""The ``kiosk`` commands: one module per command in the README, each with a
``run(args)`` that returns the exit status.

``kiosk.cli`` parses the command line and calls the chosen module's ``run``; nothing
else imports these modules (an import-linter contract keeps it so). ``selection`` is
not a command: it holds the flags and key opening that ``export`` and ``review`` share.
"""
