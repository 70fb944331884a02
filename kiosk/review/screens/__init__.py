"""The review app's screens: one screen per file, named after its class."""
