"""Anonymised exports and the report for the core working group (headless).

The command line calls ``run_export(ExportRequest(...))``; a review screen calls
``prepare_review`` and then ``ReviewSession.decide`` / ``save``. Around the export:
``bundle`` / ``merge`` (carry sealed responses between kiosks) and ``purge`` /
``forget_old_receipts`` (retention). Nothing here imports Textual or Rich.

The names below are loaded on first use: the kiosk tidies up at start-up with
``exports.retention``, and must not pay for the report writers (Jinja, openpyxl)
before its first screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from exports.comment_review import default_review_file
    from exports.pipeline import (
        ExportError,
        ExportRequest,
        ExportResult,
        prepare_review,
        run_export,
    )

__all__ = [
    "ExportError",
    "ExportRequest",
    "ExportResult",
    "default_review_file",
    "prepare_review",
    "run_export",
]


def __getattr__(name: str) -> Any:
    if name == "default_review_file":  # light: the kiosk's start-up tidying uses it
        from exports import comment_review  # noqa: PLC0415 — loaded on first use

        return comment_review.default_review_file
    if name in __all__:
        from exports import pipeline  # noqa: PLC0415 — loaded on first use, see above

        return getattr(pipeline, name)
    raise AttributeError(f"module 'exports' has no attribute {name!r}")
