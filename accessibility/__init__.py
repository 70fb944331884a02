"""Read-aloud, text sizes, colour themes, the glossary and plain-English checks (headless)."""
