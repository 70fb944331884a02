"""The report in a real browser: headless Chromium renders it with no console errors.

Chromium comes from Debian's ``chromium`` package (the Makefile installs it). The
screenshot is kept in the test's temporary folder, and copied to
``$REPORT_PNG_DIR`` when that is set, so a person can look at it.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from exports import run_export
from exports.comment_review import Action
from exports.pipeline import prepare_review
from tests.support.exports import Kiosk, random_answers, template

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.slow
CONSOLE_TROUBLE = ("Uncaught", "ERROR:CONSOLE", "Refused to", "Content Security Policy")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def render(page: Path, png: Path, profile: Path) -> str:
    """Screenshot a page; returns Chromium's log (stderr)."""
    assert CHROMIUM is not None, "Chromium is missing: run `make test`, which installs it."
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1000,3000",
            f"--screenshot={png}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


def console_trouble(log: str) -> list[str]:
    return [line for line in log.splitlines() if any(word in line for word in CONSOLE_TROUBLE)]


def test_the_console_check_can_fail(tmp_path: Path) -> None:
    page = tmp_path / "broken.html"
    page.write_text("<!DOCTYPE html><p>x</p><script>notAFunction();</script>", encoding="utf-8")
    log = render(page, tmp_path / "broken.png", tmp_path / "profile")
    assert console_trouble(log), "a page with a script error must be caught"


def test_report_renders_without_console_errors(kiosk: Kiosk, tmp_path: Path) -> None:
    rng = random.Random(5)
    names = (
        "course-feedback",
        "about-you",
        "principles-self-assessment",
        "coproduction-checklist",
        "session-debrief",
        "demo",
    )
    surveys = [template(name) for name in names]
    first, second = kiosk.session("2026-02-10"), kiosk.session("2026-03-03")
    for survey in surveys:
        for number in range(24):
            kiosk.send(
                survey,
                first if number % 3 else second,
                random_answers(survey, rng),
                quotes=number % 2 == 0,
            )
    kiosk.decline(first)
    outcomes = tmp_path / "outcomes.yaml"
    outcomes.write_text(
        "actions:\n- id: a1\n  you_said: The room was too cold.\n"
        "  we_did: We moved to the library.\n  owner: Service manager\n  due: 2026-03-31\n"
        "  status: done\n  closed_on: 2026-03-20\n  share: true\n"
        "- id: a2\n  you_said: More breaks, please.\n  we_did: Sessions now have two breaks.\n"
        "  owner: Peer support lead\n  due: 2026-04-30\n  status: in progress\n  share: true\n",
        encoding="utf-8",
    )
    review_file = tmp_path / "review.json"
    out = tmp_path / "export"
    request = kiosk.request(out, *surveys, review_file=review_file, outcomes_file=outcomes)
    review = prepare_review(request)
    for number, comment in enumerate(review.comments):
        if number % 5 == 4:
            review.decide(comment.key, Action.DROP)
        else:
            review.decide(
                comment.key, Action.KEEP, theme="Feeling welcome" if number % 2 else "The room"
            )
    review.save()
    run_export(request)

    png = tmp_path / "report.png"
    log = render(out / "report.html", png, tmp_path / "profile")
    assert console_trouble(log) == []
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    assert png.stat().st_size > 20_000  # a real page, not a blank one
    keep = os.environ.get("REPORT_PNG_DIR")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(png, Path(keep) / "report.png")
        shutil.copy(out / "report.html", Path(keep) / "report.html")
