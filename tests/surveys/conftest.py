"""Shared poll fixtures: a small poll set loaded through the real poll-file loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from surveys.poll_files import PollSet, load_poll_set

POLL_FILE = """\
- id: day
  kind: single
  text: Which day suits you?
  options: [Monday, Tuesday, Wednesday]
- id: better
  kind: longtext
  text: What could be better?
"""


@pytest.fixture
def poll_set(tmp_path: Path) -> PollSet:
    path = tmp_path / "polls.yaml"
    path.write_text(POLL_FILE, encoding="utf-8")
    polls, problems, readable = load_poll_set(path)
    assert readable, problems
    assert polls is not None, problems
    return polls
