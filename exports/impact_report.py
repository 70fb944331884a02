"""``run_impact``: the co-production impact report for a period, end to end.

Steps, reusing the export's pieces: choose the sessions in the period
(``exports.opening.Selection``) → find the survey files (``find_definitions``) →
open each sealed response with the coordinator's key (``open_responses``) and count
it by quarter (``exports.impact_tally``) → protect every count with the one
disclosure engine → check and record the release in the export's ledger (so this
report and an export can't be compared to pin a small group) → read the action log
and the focus groups' decisions → write ``impact.html``, one CSV per table and a
manifest (``exports.impact_files``). Every failure a coordinator can cause raises
``ImpactError`` with a plain message; nothing is written until all is worked out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exports.cells import audit_text
from exports.comment_review import review_secret
from exports.definitions import Definitions, find_definitions
from exports.group_decisions import SessionDecisions, session_decisions
from exports.impact_actions import ActionSummary, no_actions, summarise
from exports.impact_content import FocusGroups, ImpactContent, ImpactError
from exports.impact_files import check_output, write_impact
from exports.impact_live import live_votes
from exports.impact_period import Period
from exports.impact_tally import Tally
from exports.ledger import Ledger, LedgerError, ledger_secret, population
from exports.opening import OpenReport, Selection, open_responses
from exports.pipeline import ExportError, default_ledger_file, load_scrubber
from surveys.action_reader import default_action_log, load_action_log
from surveys.audit import AuditLog
from surveys.plurals import counted
from surveys.sealing import Opener
from surveys.storage import ResponseStore, SealedResponse, SessionInfo
from surveys.thresholds import SMALL_GROUP, Thresholds

DEFAULT_TITLE = "The impact of co-production"


@dataclass(frozen=True)
class ImpactRequest:
    """Everything the impact report needs. The command line builds one from its flags."""

    store: ResponseStore
    opener: Opener
    output: Path
    period: Period
    definitions: Definitions = field(default_factory=Definitions)
    survey_folders: Sequence[Path] | None = None
    thresholds: Thresholds = SMALL_GROUP
    actions_file: Path | None = None
    """The action log (None: ``<data folder>/actions.yaml``)."""
    sessions_root: Path | None = None
    """The sessions folder, for the focus groups' decisions (None: the store's own)."""
    names_file: Path | None = None
    """Local names to mask in focus-group ideas, as ``kiosk export --names`` (optional)."""
    title: str = DEFAULT_TITLE
    audit: AuditLog | None = None
    today: dt.date | None = None
    ledger_file: Path | None = None


@dataclass(frozen=True)
class ImpactResult:
    """What was written, and what the coordinator should know."""

    folder: Path
    files: dict[str, str]
    responses: int
    sessions: int
    messages: tuple[str, ...]

    def summary(self) -> str:
        """A few plain lines for the command line to print."""
        lines = [
            f"The impact report is in {self.folder} (impact.html and "
            f"{len(self.files) - 1} CSV files).",
            f"It covers {counted(self.sessions, 'session')} and "
            f"{counted(self.responses, 'response')}.",
        ]
        return "\n".join([*lines, *self.messages])


def _tapped(items: list[SealedResponse], channels: dict[str, str]) -> Iterator[SealedResponse]:
    """The items in order, noting each one's channel and letting it go as it is given."""
    items.reverse()
    while items:
        sealed = items.pop()
        channels[sealed.id] = sealed.channel
        yield sealed


def _sessions_by_quarter(sessions: Iterable[SessionInfo], period: Period) -> tuple[int, ...]:
    counts: Counter[str] = Counter()
    for session in sessions:
        quarter = period.quarter_of(dt.date.fromisoformat(session.date))
        if quarter is not None:
            counts[quarter.key] += 1
    return tuple(counts.get(q.key, 0) for q in period.quarters())


def gather(
    request: ImpactRequest,
) -> tuple[ImpactContent, Tally, list[str], dict[str, frozenset[str]]]:
    """Open and count the period's responses: (content, tally, messages, ledger population)."""
    period = request.period
    selection = Selection(date_from=period.first, date_to=period.last)
    sessions = selection.sessions(request.store)
    messages: list[str] = []
    chosen = selection.responses(request.store, sessions)
    wanted: dict[str, set[str]] = {}
    for sealed in chosen:
        wanted.setdefault(sealed.survey_id, set()).add(sealed.survey_version)
    definitions, missing = find_definitions(
        wanted, given=request.definitions, folders=request.survey_folders
    )
    messages += missing
    tally = Tally(dict(definitions.surveys))
    report = OpenReport()
    channels: dict[str, str] = {}
    covered: list[tuple[str, str]] = []
    opened = open_responses(
        _tapped(chosen, channels), request.opener, surveys=definitions.surveys, report=report
    )
    for response in opened:
        quarter = period.quarter_of(dt.date.fromisoformat(response.session_date))
        channel = channels.pop(response.record_id, "kiosk")
        if quarter is None:
            continue
        tally.add(response, quarter.key, channel)
        covered.append((response.survey_id, response.record_id))
    messages += report.messages()
    if report.unopenable and not report.opened:
        raise ImpactError(
            f"None of the {report.unopenable} saved answers in this period could be opened "
            "with this key, so the report was not made. They may have been locked with a "
            "different coordinator key: please try again with that key (--key FILE)."
        )
    keys = [q.key for q in period.quarters()]
    root = _sessions_root(request)
    if root is not None:
        tally.live.update(live_votes(root, period))
    content = ImpactContent(
        title=request.title,
        period=period,
        quarters=period.quarters(),
        made_on=request.today or dt.date.today(),
        sessions=_sessions_by_quarter(sessions, period),
        tables=tally.tables(keys, request.thresholds),
        focus=FocusGroups(_decisions(request, sessions)),
        actions=_actions(request, period, messages),
        thresholds=request.thresholds,
        demo_key=request.opener.demo,
    )
    secret = ledger_secret(review_secret(request.opener))
    return content, tally, messages, population(secret, covered)


def _decisions(
    request: ImpactRequest, sessions: Sequence[SessionInfo]
) -> tuple[SessionDecisions, ...]:
    """What the period's focus groups decided (closed rankings only), as an export shows it."""
    root = _sessions_root(request)
    if root is None:
        return ()
    try:
        scrubber = load_scrubber(request.names_file)
    except ExportError as error:
        raise ImpactError(error.message) from error
    return session_decisions(root, sessions, opener=request.opener, scrubber=scrubber)


def _sessions_root(request: ImpactRequest) -> Path | None:
    """Where the session folders are (the TinyDB store keeps them), or None."""
    root = request.sessions_root
    if root is None:
        found = getattr(request.store, "root", None)
        root = found if isinstance(found, Path) else None
    return root


def _actions(request: ImpactRequest, period: Period, messages: list[str]) -> ActionSummary:
    """The period's actions from the action log, or a plain note saying why there are none."""
    path = request.actions_file or default_action_log()
    if not path.exists():
        return no_actions(
            "There is no action log yet, so this report can't say what was done. "
            "Start one with 'kiosk actions'."
        )
    result = load_action_log(path)
    if result.log is None or result.errors:
        messages.append(
            f"The action log {path} has problems, so actions are left out of the report. "
            f"See them with 'kiosk check {path}'."
        )
        return no_actions("The action log could not be read, so actions are left out.")
    return summarise(result.log, period.first, period.last, request.today or dt.date.today())


def run_impact(request: ImpactRequest) -> ImpactResult:
    """Make the report. Raises ``ImpactError`` with a plain message when it can't."""
    check_output(request.output)
    content, tally, messages, covered = gather(request)
    ledger = Ledger(request.ledger_file or default_ledger_file())
    cell_min = max(request.thresholds.cell_min, SMALL_GROUP.cell_min)
    try:
        ledger.check(covered, cell_min)
    except LedgerError as error:
        raise ImpactError(_for_report(str(error))) from error
    try:
        files = write_impact(content, request.output)
    except OSError as error:
        raise ImpactError(
            f"The report could not be written to {request.output} ({error.strerror or error})."
        ) from error
    if covered:
        try:
            ledger.record(covered, content.made_on)
        except (LedgerError, OSError) as error:
            raise ImpactError(
                "The report was written, but the list of exports could not be updated. "
                "Please don't share it until this is sorted out."
            ) from error
    if request.audit is not None:
        request.audit.record(
            "impact", count=tally.total, folder=audit_text(request.output), outcome="written"
        )
    return ImpactResult(
        folder=request.output,
        files=files,
        responses=tally.total,
        sessions=content.session_total,
        messages=tuple(messages),
    )


def _for_report(message: str) -> str:
    """The ledger's refusal, worded for this report."""
    return message.replace("This export", "This report").replace(
        "nothing was exported", "the report was not made"
    )
