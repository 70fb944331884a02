"""``run_export``: one call from a ``kiosk export`` command line to a folder of files.

Steps: choose sessions → open and check responses → scrub free text and apply the
review → protect every count → anonymise the rows → write report, CSV, workbook,
JSON and manifest → one audit line. Every failure a coordinator can cause (no
key, a bad file, a folder already in use) raises ``ExportError`` with a plain
message; nothing is written until everything has been worked out.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from exports.anonymisation_log import write_anonymisation_log
from exports.anonymise import anonymise
from exports.cells import audit_text
from exports.comment_review import (  # default_review_file: offered here too
    Action,
    CommentCollector,
    ReviewError,
    ReviewSession,
    Written,
    free_text_questions,
    review_secret,
)
from exports.content import ExportContent, free_text_sections
from exports.definitions import Definitions, find_definitions
from exports.group_decisions import SessionDecisions, session_decisions
from exports.group_files import DECISIONS_CSV, IDEAS_CSV
from exports.language_counts import HELD_BACK, LanguageTable, language_tables
from exports.ledger import (
    COMMENTS_KEPT,
    COMMENTS_QUOTED,
    LEDGER_FILE,
    Ledger,
    LedgerError,
    ledger_secret,
    population,
)
from exports.opening import OpenedResponse, OpenReport, Selection, open_responses
from exports.outcomes import OutcomesError, load_outcomes
from exports.report_words import report_words
from exports.research_extract import research_extract
from exports.tables import protect_count, survey_tables
from exports.writers import FILES, MANIFEST, write_export
from surveys import paths
from surveys.audit import AuditLog
from surveys.catalogues import N_
from surveys.errors import PlainError
from surveys.model import Survey
from surveys.pii import Scrubber
from surveys.pii_words import LocalNames
from surveys.sealing import Opener
from surveys.storage import ResponseStore, SealedResponse, SessionInfo
from surveys.survey_translations import in_language
from surveys.thresholds import SMALL_GROUP, Thresholds

DEFAULT_TITLE = N_("What you told us")
"""The report's title when none is given (in the report's language)."""


def default_ledger_file(home: Path | None = None) -> Path:
    """The release ledger: the data folder, beside the review file."""
    return (home or paths.data_home()) / "exports" / LEDGER_FILE


class ExportError(PlainError):
    """The export could not be made; the message says why in plain words."""


@dataclass(frozen=True)
class ExportRequest:
    """Everything an export needs. The CLI builds one from its flags."""

    store: ResponseStore
    opener: Opener
    output: Path
    definitions: Definitions = field(default_factory=Definitions)
    """Survey files given with ``--survey FILE`` (others are looked for)."""
    survey_folders: Sequence[Path] | None = None
    """Folders to look in for survey files (None: the data home's ``surveys`` folder)."""
    selection: Selection = field(default_factory=Selection)
    thresholds: Thresholds = SMALL_GROUP
    outcomes_file: Path | None = None
    review_file: Path | None = None
    names_file: Path | None = None
    title: str = DEFAULT_TITLE
    audit: AuditLog | None = None
    today: dt.date | None = None
    rng: random.Random | None = None
    """Only tests pass one; exports shuffle with ``secrets.SystemRandom``."""
    ledger_file: Path | None = None
    """The release ledger (None: ``<data home>/exports/releases.json``)."""
    research_extract: bool = False
    """Also write the rows (responses.csv, the Responses sheet, data.json rows): a
    separate release, protected by ``exports.research_extract``."""
    sessions_root: Path | None = None
    """The folder of session folders, for focus groups' plans, ideas and rankings
    (None: the store's own folder, when it keeps one)."""
    language: str = "en"
    """The language the report is written in (``kiosk export --lang cy``); data file
    column names and keys stay the same English identifiers in every language."""


@dataclass(frozen=True)
class ExportResult:
    """What was written, and what the coordinator should know."""

    folder: Path
    files: dict[str, str]
    """File name → SHA-256 (as in manifest.json)."""
    responses: int
    surveys: tuple[str, ...]
    hidden_numbers: int
    comments_waiting: int
    messages: tuple[str, ...]
    focus_groups: int = 0
    """How many focus-group sessions the "What the group decided" section covers."""

    def summary(self) -> str:
        """A few plain lines for the command line to print."""
        lines = [
            f"Exported {self.responses} responses to {self.folder}.",
            f"Files: {', '.join(sorted(self.files))} and {MANIFEST}.",
            f"{self.hidden_numbers} numbers were hidden to protect small groups "
            "(the report lists each one).",
        ]
        if self.focus_groups:
            sessions = (
                "1 focus-group session"
                if self.focus_groups == 1
                else (f"{self.focus_groups} focus-group sessions")
            )
            lines.append(
                f"What {sessions} decided is in the report, {DECISIONS_CSV} and {IDEAS_CSV} "
                "(closed rankings only)."
            )
        if self.comments_waiting:
            waiting = (
                "1 comment is waiting for review, so it was"
                if self.comments_waiting == 1
                else f"{self.comments_waiting} comments are waiting for review, so they were"
            )
            lines.append(
                f"{waiting} left out. Read them with 'kiosk review' (it takes the same "
                "options), then export again."
            )
        return "\n".join([*lines, *self.messages])


@dataclass
class _Prepared:
    surveys: list[Survey]
    chosen_sessions: list[SessionInfo]
    responses: list[OpenedResponse]
    written: list[list[Written]]
    review: ReviewSession
    sessions: int
    declines: int
    months: tuple[str, ...]
    messages: list[str]
    scrubber: Scrubber
    languages: dict[str, LanguageTable]


def load_scrubber(names_file: Path | None) -> Scrubber:
    """The scrubber, with the coordinator's names list when there is one."""
    try:
        return Scrubber(LocalNames.load(names_file))
    except (OSError, UnicodeDecodeError) as error:
        raise ExportError(f"The names list {names_file} could not be read.") from error


def prepare_review(request: ExportRequest, scrubber: Scrubber | None = None) -> ReviewSession:
    """The comments of the chosen responses with saved decisions: what a review screen shows.

    ``scrubber`` is the one ``load_scrubber(request.names_file)`` gives, for a caller
    that needs it too (the review screen scrubs edited wording again).
    """
    return _prepare(request, scrubber).review


def _prepare(request: ExportRequest, scrubber: Scrubber | None = None) -> _Prepared:
    sessions = request.selection.sessions(request.store)
    if not sessions:
        raise ExportError("No saved sessions match what was chosen, so there is nothing to export.")
    chosen = request.selection.responses(request.store, sessions)
    wanted: dict[str, set[str]] = defaultdict(set)
    for sealed in chosen:
        wanted[sealed.survey_id].add(sealed.survey_version)
    definitions, messages = find_definitions(
        dict(wanted), given=request.definitions, folders=request.survey_folders
    )
    surveys = [definitions.surveys[s] for s in sorted(wanted) if s in definitions.surveys]
    report = OpenReport()
    responses = list(
        open_responses(_drained(chosen), request.opener, surveys=definitions.surveys, report=report)
    )
    messages += report.messages()
    if scrubber is None:
        scrubber = load_scrubber(request.names_file)
    collector = CommentCollector(
        review_secret(request.opener), scrubber, {s.id: s for s in surveys}
    )
    spoken: dict[str, list[str]] = defaultdict(list)
    for response in responses:
        spoken[response.survey_id].append(response.language)
    languages = language_tables(surveys, spoken, request.thresholds)
    held_back = HELD_BACK.format(count=request.thresholds.cell_min)
    free_text = {key: tuple(free_text_questions(s)) for key, s in definitions.surveys.items()}
    written: list[list[Written]] = []
    for response in responses:
        texts = []
        table = languages.get(response.survey_id)
        for question_id in free_text[response.survey_id]:
            answer = response.answers.get(question_id)
            if isinstance(answer, str):
                texts.append(
                    collector.add(
                        response.survey_id,
                        question_id,
                        answer,
                        response.quotes,
                        language=response.language
                        if table and response.language in table.marked
                        else None,
                        held_back=held_back
                        if table is None or response.language in table.held_back
                        else None,
                    )
                )
        written.append(texts)
    held = sum(item.held_back for texts in written for item in texts)
    if held:
        # For the coordinator's terminal only (never in a shared file).
        messages.append(
            ("1 comment was" if held == 1 else f"{held} comments were")
            + f" written in a language that fewer than {request.thresholds.cell_min} people "
            "used, so the words are kept out of the shared report. 'kiosk review' shows "
            "which, and why."
        )
    try:
        review = ReviewSession.load(request.review_file, collector.comments())
    except ReviewError as error:
        raise ExportError(str(error)) from error
    declines = sum(request.store.declines(s.id) for s in sessions)
    months = tuple(sorted({r.session_month for r in responses}))
    return _Prepared(
        surveys,
        sessions,
        responses,
        written,
        review,
        len(sessions),
        declines,
        months,
        messages,
        scrubber,
        languages,
    )


def _drained(items: list[SealedResponse]) -> Iterator[SealedResponse]:
    """The items in order, each let go of as it is given (the list ends empty).

    The sealed responses are read once, for their survey versions and then to open;
    this keeps them from all staying in memory beside the opened ones.
    """
    items.reverse()
    while items:
        yield items.pop()


def _covered(prepared: _Prepared) -> Iterator[tuple[str, str]]:
    """What an export publishes about whom, for the ledger: each response per survey,
    and per free-text question each kept comment (with its theme) and each quoted one.

    Review decisions change what is published about the same responses, so keeping
    one more comment is a difference too.
    """
    decisions = prepared.review.decisions
    for response, texts in zip(prepared.responses, prepared.written, strict=True):
        yield response.survey_id, response.record_id
        for item in texts:
            decision = decisions.get(item.key)
            if decision is None or decision.action is Action.DROP:
                continue
            group = f"{item.survey_id}/{item.question_id}"
            yield f"{group}{COMMENTS_KEPT}", f"{response.record_id}/{decision.theme or ''}"
            if item.quotable:
                yield f"{group}{COMMENTS_QUOTED}", response.record_id


def _check_output(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file. Please choose a folder for the export.")
    if folder.is_dir():
        present = {p.name for p in folder.iterdir()}
        ours = {*FILES, MANIFEST}
        if present and not (MANIFEST in present and present <= ours):
            raise ExportError(
                f"The folder {folder} already has other files in it. "
                "Please choose an empty folder, or the folder of an earlier export."
            )


def _sessions_root(request: ExportRequest) -> Path | None:
    if request.sessions_root is not None:
        return request.sessions_root
    root = getattr(request.store, "root", None)  # the TinyDB store keeps session folders
    return root if isinstance(root, Path) else None


def _group_decisions(request: ExportRequest, prepared: _Prepared) -> tuple[SessionDecisions, ...]:
    """What the chosen sessions' focus groups decided (closed rankings only)."""
    root = _sessions_root(request)
    if root is None:
        return ()
    return session_decisions(
        root,
        prepared.chosen_sessions,
        opener=request.opener,
        scrubber=prepared.scrubber,
        say=report_words(request.language),
    )


def run_export(request: ExportRequest) -> ExportResult:
    """Make the export. Raises ``ExportError`` with a plain message when it can't."""
    _check_output(request.output)
    prepared = _prepare(request)
    thresholds = request.thresholds
    ledger = Ledger(request.ledger_file or default_ledger_file())
    covered = population(ledger_secret(review_secret(request.opener)), _covered(prepared))
    try:
        ledger.check(covered, max(thresholds.cell_min, SMALL_GROUP.cell_min))
    except LedgerError as error:
        raise ExportError(str(error)) from error
    by_survey: dict[str, list[OpenedResponse]] = defaultdict(list)
    for response in prepared.responses:
        by_survey[response.survey_id].append(response)
    # The survey's own words in the report's language where it has them: option values
    # are the same in every language, so answers given in any language count together.
    shown = [in_language(s, request.language) for s in prepared.surveys]
    surveys = tuple(
        survey_tables(s, [r.answers for r in by_survey[s.id]], thresholds, request.language)
        for s in shown
    )
    data = anonymise(
        prepared.responses,
        written=prepared.written,
        comments=prepared.review.comments,
        decisions=prepared.review.decisions,
        surveys=shown,
        thresholds=thresholds,
        rng=request.rng,
        language=request.language,
    )
    free_text, theme_log = free_text_sections(surveys, data, thresholds, request.language)
    decided = _group_decisions(request, prepared)
    if request.research_extract:
        hidden_in_report = {
            (t.survey_id, t.question_id) for s in surveys for t in s.tables if t.hides_any
        } | {(f.survey_id, f.question.id) for f in free_text if f.hides_any}
        data = research_extract(
            data,
            prepared.responses,
            written=prepared.written,
            decisions=prepared.review.decisions,
            surveys=prepared.surveys,
            hidden_in_report=hidden_in_report,
            thresholds=thresholds,
            rng=request.rng,
        )
    try:
        outcomes = load_outcomes(request.outcomes_file, request.today or dt.date.today())
    except OutcomesError as error:
        raise ExportError(str(error)) from error
    title = request.title
    if title == DEFAULT_TITLE:
        title = report_words(request.language)(DEFAULT_TITLE)
    content = ExportContent(
        title=title,
        made_on=request.today or dt.date.today(),
        months=prepared.months,
        session_count=prepared.sessions,
        surveys=surveys,
        declines=protect_count(prepared.declines, thresholds),
        data=data,
        free_text=free_text,
        outcomes=outcomes,
        thresholds=thresholds,
        notes=data.left_out,
        demo_key=request.opener.demo,
        extra_suppressions=(*theme_log, *(h for d in decided for h in d.hidden)),
        group_decisions=decided,
        languages=tuple(prepared.languages[s.id] for s in prepared.surveys),
        language=request.language,
    )
    try:
        files = write_export(content, request.output)
        write_anonymisation_log(request.output, prepared.review, request.today)
    except OSError as error:
        raise ExportError(
            f"The export could not be written to {request.output} ({error.strerror or error})."
        ) from error
    try:
        ledger.record(covered, request.today or dt.date.today())
    except (LedgerError, OSError) as error:
        raise ExportError(
            "The export was written, but the list of exports could not be updated "
            f"({LEDGER_FILE}). Please don't share it until this is sorted out."
        ) from error
    if request.audit is not None:
        request.audit.record(
            "export",
            count=len(prepared.responses),
            folder=audit_text(request.output),
            outcome="written",
        )
    pending = prepared.review.summary().get("pending", 0)
    return ExportResult(
        folder=request.output,
        files=files,
        responses=len(prepared.responses),
        surveys=tuple(sorted({r.survey_id for r in prepared.responses})),
        hidden_numbers=len(content.suppressions),
        comments_waiting=pending,
        messages=tuple(prepared.messages),
        focus_groups=len(decided),
    )
