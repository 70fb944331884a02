"""The survey core: survey files, the participant's walk through a survey, consent,
receipt codes, sealing and storage. Headless: nothing here imports Textual."""
