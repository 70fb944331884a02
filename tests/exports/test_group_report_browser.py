""" "What the group decided" in a real browser: Chromium draws it with no console errors,
an idea written as ``<script>`` stays words on the page, and it prints to A4."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from exports import run_export
from tests.exports.test_group_export import run_session
from tests.exports.test_report_browser import CHROMIUM, PNG_SIGNATURE, console_trouble, render
from tests.support.exports import Kiosk

pytestmark = pytest.mark.slow


def test_the_group_section_renders_and_prints(kiosk: Kiosk, tmp_path: Path) -> None:
    run_session(kiosk, tmp_path)
    out = tmp_path / "out"
    run_export(kiosk.request(out))
    page = out / "report.html"

    png = tmp_path / "group-report.png"
    log = render(page, png, tmp_path / "profile")
    assert console_trouble(log) == []
    assert png.read_bytes().startswith(PNG_SIGNATURE)
    if os.environ.get("REPORT_PNG_DIR"):
        shutil.copy(png, Path(os.environ["REPORT_PNG_DIR"]) / png.name)

    assert CHROMIUM is not None
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile2'}", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    # The idea's markup is text inside a table cell, never an element of the page.
    assert "&lt;script&gt;alert('x')&lt;/script&gt; &lt;b&gt;bold&lt;/b&gt; more chairs" in dom
    assert "<script>" not in dom
    assert "What the group decided</h2>" in dom

    pdf = tmp_path / "group-report.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         f"--user-data-dir={tmp_path / 'profile3'}", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True,
    )  # fmt: skip
    assert pdf.read_bytes().startswith(b"%PDF")
