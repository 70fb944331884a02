"""Anonymised exports and the report for the core working group (headless).

The command line calls ``run_export(ExportRequest(...))``; a review screen calls
``prepare_review`` and then ``ReviewSession.decide`` / ``save``. Around the export:
``bundle`` / ``merge`` (carry sealed responses between kiosks) and ``purge`` /
``forget_old_receipts`` (retention). Nothing here imports Textual or Rich.
"""

from exports.run import (
    ExportError,
    ExportRequest,
    ExportResult,
    default_review_file,
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
