"""``python -m kiosk`` runs the same command line as ``kiosk``."""

from kiosk.cli import main

raise SystemExit(main())
