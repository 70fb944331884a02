"""``kiosk check`` gives plain-English advice; ``--strict`` makes advice fail the check."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from kiosk import cli
from tests.support.kiosk import SURVEYS

BADLY_WORDED = SURVEYS / "badly_worded.yaml"
TEMPLATES = sorted(Path(str(resources.files("surveys").joinpath("templates"))).glob("*.yaml"))


def test_every_template_passes_the_strict_check(capsys: pytest.CaptureFixture[str]) -> None:
    assert len(TEMPLATES) >= 6
    assert cli.main(["check", "--strict", *map(str, TEMPLATES)]) == 0
    out = capsys.readouterr().out
    assert "Advice" not in out
    assert out.count("ready to use.") == len(TEMPLATES)


def test_a_badly_worded_survey_fails_only_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["check", "--strict", str(BADLY_WORDED)]) == 1
    lines = capsys.readouterr().out.splitlines()
    advice = [line for line in lines if ": Advice: " in line]
    where = f"{BADLY_WORDED}, line"
    assert (
        f'{where} 4: Advice: In the intro: "utilise" may be hard to understand. Try "use" instead.'
        in advice
    )
    assert any(
        line.startswith(f"{where} 13: Advice: In question 'clear_useful'") for line in advice
    )
    assert any("two negatives" in line and "line 16" in line for line in advice)
    assert lines[-1] == f"{BADLY_WORDED}: {len(advice)} pieces of advice to act on (--strict)."

    assert cli.main(["check", str(BADLY_WORDED)]) == 0  # advice alone never stops a survey
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if ": Advice: " in line] == advice
    assert lines[-1] == f"{BADLY_WORDED}: ready to use ({len(advice)} pieces of advice above)."


def test_an_unreadable_file_still_exits_2_with_strict(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["check", "--strict", str(tmp_path / "missing.yaml")]) == 2
    assert "missing.yaml" in capsys.readouterr().out
