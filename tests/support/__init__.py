"""Helpers the tests share, one module per thing they help with.

- ``screen``: ``screen_text``, what a Textual app shows now (the only copy).
- ``pin``: ``fast_hasher``, the real Argon2id with tiny costs (the only copy).
- ``kiosk``: a participant kiosk on real storage, Pilot steps, ``kiosk_maker`` (the
  body of every ``make_kiosk`` fixture) and the test surveys in ``surveys/``.
- ``facilitator``: the console on real storage, ``poll_open``, voting keys; test
  poll files in ``polls/``.
- ``phones``, ``web``, ``tablet``: the phone page, a ``Phone`` client, QR reading,
  and a tablet browser for ``kiosk serve`` (screenshots in ``artifacts/``).
- ``review``, ``exports``: a home with sealed answers and comments to export or review.
- ``durability``: child processes and realistic responses for the storage tests.
- ``survey_yaml``: a survey stated in a few lines of YAML inside the test.

Fixtures that more than one folder uses are in ``tests/conftest.py``.
"""
