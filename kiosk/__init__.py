"""The participant kiosk and the coordinator's commands: the only package that imports Textual."""
