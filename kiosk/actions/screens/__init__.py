"""The action log editor's screens."""
