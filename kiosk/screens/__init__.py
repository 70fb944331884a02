"""The kiosk's screens, one per file, each named after its class."""
