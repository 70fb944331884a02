"""The coordinator's whole journey through the real ``kiosk`` command, as a person would.

Two kiosks (A and C) hold answers sealed to a real coordinator key with a passphrase.
A participant takes answers back on kiosk A. Each kiosk is bundled; the bundles are
merged on the coordinator's laptop (B) twice — nothing doubles — and a tampered copy
is refused. Then ``kiosk review`` runs in a real terminal (tmux): the passphrase is
typed at the prompt, and comments are kept, edited, dropped and saved. ``kiosk
export`` (passphrase again) writes the report, which headless Chromium opens with no
console errors. The screenshot is kept in the test's folder, and copied to
``$REPORT_PNG_DIR`` when that is set, so a person can look at it.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from surveys.sealing import load_private_key, load_sealer, new_key_pair
from surveys.storage.tinydb_store import TinyDbResponseStore
from tests.exports.test_report_browser import PNG_SIGNATURE, console_trouble, render
from tests.support.exports import Kiosk
from tests.support.review import (
    COLD,
    LUNCH,
    MARKUP,
    PATEL,
    PHONE,
    SURVEY_YAML,
    WELCOME,
    the_survey,
)
from tests.system.terminal import KIOSK, Terminal

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "tea and biscuits at eleven"
EDITED = "Please ring me, I would like to help with the next course"


def kiosk_command(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m kiosk ARGS`` with ``KIOSK_HOME`` set, as the coordinator types it."""
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env={"KIOSK_HOME": str(home), "PATH": os.environ["PATH"], "LANG": "C.UTF-8"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def terminals() -> Iterator[list[Terminal]]:
    opened: list[Terminal] = []
    yield opened
    for terminal in opened:
        terminal.close()


def _open(terminals: list[Terminal], home: Path, *command: str) -> Terminal:
    env = {"KIOSK_HOME": str(home), "TERM": "xterm-256color", "LANG": "C.UTF-8"}
    terminal = Terminal(list(command), env, (150, 40))
    terminals.append(terminal)
    return terminal


def _kiosk(home: Path, public: Path, opener_key: Path) -> Kiosk:
    keys = home / "keys"
    keys.mkdir(parents=True)
    shutil.copy(public, keys / "coordinator.pub")
    return Kiosk(
        home,
        TinyDbResponseStore(home / "sessions"),
        load_sealer(keys / "coordinator.pub"),
        load_private_key(opener_key, PASSPHRASE),
    )


def test_the_coordinator_journey_from_two_kiosks_to_the_report(
    tmp_path: Path, terminals: list[Terminal]
) -> None:
    laptop = tmp_path / "laptop"
    laptop.mkdir()
    private_key = laptop / "coordinator.key"
    public_key = tmp_path / "coordinator.pub"
    new_key_pair(public_key, private_key, PASSPHRASE)
    survey_file = laptop / "hillside.yaml"
    survey_file.write_text(SURVEY_YAML, encoding="utf-8")
    survey = the_survey()
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()

    # -- answers sent on two kiosks ----------------------------------------------------
    kiosk_a = _kiosk(tmp_path / "kiosk-a", public_key, private_key)
    kiosk_c = _kiosk(tmp_path / "kiosk-c", public_key, private_key)
    on_a, on_c = kiosk_a.session(yesterday), kiosk_c.session(yesterday)
    for text, quotes, people in ((WELCOME, True, 3), (PHONE, True, 1), (COLD, False, 2)):
        for _ in range(people):
            kiosk_a.send(survey, on_a, {"mood": "Good", "better": text}, quotes=quotes)
    regret = kiosk_a.send(survey, on_a, {"mood": "Not so good", "better": "I changed my mind"})
    for text, people in ((MARKUP, 1), (PATEL, 1), (LUNCH, 2)):
        for _ in range(people):
            kiosk_c.send(survey, on_c, {"mood": "Okay", "better": text})
    for _ in range(2):
        kiosk_c.send(survey, on_c, {"mood": "Good"})

    taken_back = kiosk_command(kiosk_a.home, "withdraw", regret.code)
    assert taken_back.returncode == 0, taken_back.stdout
    assert "Done. Those answers have been deleted" in taken_back.stdout

    # -- bundles carried to the laptop -------------------------------------------------
    usb = tmp_path / "usb"
    for kiosk, name, count in ((kiosk_a, "a", 6), (kiosk_c, "c", 6)):
        packed = kiosk_command(kiosk.home, "bundle", "--out", str(usb / name))
        assert packed.returncode == 0, packed.stdout
        assert f"Wrote {count} sealed responses from 1 sessions" in packed.stdout
    tampered = usb / "tampered"
    shutil.copytree(usb / "a", tampered)
    (session_file,) = (tampered / "sessions").glob("*.json")
    session_file.write_text(session_file.read_text(encoding="utf-8") + " ", encoding="utf-8")

    home_b = laptop / "kiosk-data"
    merged = kiosk_command(home_b, "merge", str(usb / "a"), str(usb / "c"))
    assert merged.returncode == 0, merged.stdout
    assert "Imported 12 responses; 0 were already here." in merged.stdout
    again = kiosk_command(home_b, "merge", str(usb / "a"), str(usb / "c"))
    assert again.returncode == 0, again.stdout
    assert "Imported 0 responses; 12 were already here." in again.stdout
    refused = kiosk_command(home_b, "merge", str(tampered))
    assert refused.returncode == 1
    assert "was changed or damaged" in refused.stdout
    assert "Nothing was imported" in refused.stdout
    assert "Traceback" not in refused.stdout + refused.stderr
    assert len(list(TinyDbResponseStore(home_b / "sessions").responses())) == 12

    # -- the review, in a real terminal ------------------------------------------------
    review = _open(
        terminals,
        home_b,
        str(KIOSK),
        "review",
        "--key",
        str(private_key),
        "--survey",
        str(survey_file),
    )
    review.wait_for("Passphrase for the coordinator key:")
    review.type(PASSPHRASE)
    review.keys("Enter")
    review.wait_for("Comment 1 of 6 · to do")  # Lunch was lovely
    review.keys("k")
    review.wait_for("Comment 2 of 6 · to do")  # Nothing to add, thanks [name]
    review.keys("d")
    review.wait_for("Comment 3 of 6 · to do")  # The room was too cold (not quotable)
    review.keys("k")
    review.wait_for("Comment 4 of 6 · to do")  # [bold]More breaks[/bold]: left to do
    assert MARKUP in review.screen()  # shown literally, not read as markup
    review.keys("n")
    review.wait_for("Comment 5 of 6 · to do")  # [name] on reception …
    review.keys("t")
    review.type("Feeling welcome")
    review.keys("Enter", "k")
    review.wait_for("Comment 6 of 6 · to do")  # ring me on [phone] …
    review.keys("e")
    review.wait_for("Edit this comment")
    review.keys("C-a", "C-k")  # to the start of the line, then clear it
    review.type(EDITED)
    review.keys("C-s")
    review.wait_for("Will be shown as: Please ring me")
    review.keys("s")
    review.wait_for("all saved")
    review.keys("q")
    assert (home_b / "exports" / "review.json").exists()

    # -- the export, in a real terminal (it asks for the passphrase too) ---------------
    out = laptop / "for-the-group"
    export_line = " ".join(
        [
            str(KIOSK),
            "export",
            "--key",
            str(private_key),
            "--survey",
            str(survey_file),
            "--out",
            str(out),
            "--title",
            "'Hillside: what you told us'",
        ]
    )
    export = _open(terminals, home_b, "sh", "-c", f"{export_line}; echo EXIT=$?; sleep 60")
    export.wait_for("Passphrase for the coordinator key:")
    export.type(PASSPHRASE)
    export.keys("Enter")
    shown = export.wait_for("EXIT=", seconds=60)
    assert "EXIT=0" in shown, shown
    assert "Exported 12 responses" in shown
    assert "1 comment is waiting for review, so it was left out." in shown

    report = (out / "report.html").read_text(encoding="utf-8")
    assert report.count(LUNCH) == 2  # kept, both writers agreed to be quoted
    assert report.count("[name] on reception made me feel welcome.") == 3
    assert report.count(EDITED) == 1
    # 6 quotes are shown; the 2 kept but not quotable are "<5", and how many were kept
    # is hidden so that the quotes can't count them back.
    assert "Comments kept after review: <strong>hidden</strong>" in report
    # Only 3 comments have the theme "Feeling welcome": too few to name it anywhere.
    assert "Feeling welcome" not in report
    assert "Themes given to too few comments" in report
    for never in (COLD, "Nothing to add", "More breaks", "I changed my mind", "07700", "Sarah"):
        assert never not in report
    assert "Still waiting for review, so not in this report: <strong>&lt;5</strong>" in report
    assert "Left out by the reviewer: <strong>&lt;5</strong>" in report

    png = tmp_path / "report.png"
    log = render(out / "report.html", png, tmp_path / "profile")
    assert console_trouble(log) == []
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert png.stat().st_size > 20_000
    keep = os.environ.get("REPORT_PNG_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / "journey-report.png")
        shutil.copy(out / "report.html", Path(keep) / "journey-report.html")
