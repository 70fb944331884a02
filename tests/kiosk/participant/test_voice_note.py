"""At start, the kiosk checks that read-aloud has a voice for every language the
survey offers, and says plainly (in the kiosk's log and the operator's notes) when
one is missing; with every voice there, it says nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

import accessibility.voices as voices
from kiosk.commands.run import open_kiosk
from surveys.loader import load_survey_text
from tests.surveys.test_survey_translations import SURVEY, WELSH


def _start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("KIOSK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KIOSK_SPEECH", raising=False)
    path = tmp_path / "course.yaml"
    path.write_text(SURVEY + WELSH, encoding="utf-8")
    survey = load_survey_text(path.read_text(encoding="utf-8"), str(path)).survey
    assert survey is not None
    news: list[str] = []
    open_kiosk(path, path.read_bytes(), survey, news=news)
    return news


def test_a_missing_welsh_voice_is_named_at_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def has(voice: str) -> bool:
        asked.append(voice)
        return voice != "cy"

    monkeypatch.setattr(voices, "has_voice", has)
    news = _start(tmp_path, monkeypatch)
    assert sorted(asked) == ["cy", "en"]
    notes = [line for line in news if line.startswith("Read aloud has no voice")]
    assert notes == [
        "Read aloud has no voice for Welsh (Cymraeg) on this device, so it will stay quiet "
        "in that language. Everything is still shown on screen. To add the voice, install "
        "the full espeak-ng (sudo apt install espeak-ng)."
    ]
    log = (tmp_path / "home" / "logs" / "kiosk.log").read_text(encoding="utf-8")
    assert "Read aloud has no voice for Welsh" in log


def test_with_real_espeak_ng_every_voice_is_there_and_nothing_is_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = _start(tmp_path, monkeypatch)
    assert not [line for line in news if "no voice" in line]
