"""One facilitation session as the console runs it: plain Python, no Textual.

``Facilitation`` holds the poll set, the session, the room and the latest tallies
read from the store. Every change — open, close, reveal, a vote, a moderated
comment — goes through the store under its lock, so another console, a browser tab
or (later) phones writing the same session file never lose each other's changes.
``refresh`` re-reads the tallies only when the store's stamp has changed, so it is
cheap to call several times a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from surveys import groups
from surveys.audit import AuditLog
from surveys.model import Question
from surveys.plurals import counted
from surveys.poll_files import PollSet
from surveys.poll_results import GroupResults, Results, results, results_by_group
from surveys.polls import (
    CommentStatus,
    PollStatus,
    Room,
    RoomFullError,
    Tally,
    add_vote_if_open,
    close_for_votes,
    open_for_votes,
    set_revealed,
    voted_line,
)
from surveys.storage import SessionInfo
from surveys.storage.tallies import PhoneJoin, PollSession, TallyStore
from surveys.storage.tinydb_tallies import UNREADABLE

STATUS_WORDS = {
    PollStatus.WAITING: "not opened yet",
    PollStatus.OPEN: "open for votes",
    PollStatus.CLOSED: "closed",
}
"""How each poll status reads on the console."""

KIND_WORDS = {
    "single": "Choose one",
    "multi": "Choose any",
    "scale": "Agree or disagree",
    "rating": "0 to 10",
    "yesno": "Yes or no",
    "text": "Word cloud",
    "longtext": "Open comments",
    "ranking": "Put in order",
}
"""How each poll kind reads on the console."""


SHORT_GROUP_WORDS = {
    "lived": "Lived experience",
    "carer": "Carers",
    "clinician": "Clinicians",
    "peer": "Peer workers",
    "third_sector": "Charities",
    "government": "Government",
    "other": "Other",
    groups.NOT_SAID: "Not said",
}
"""Short group words for the console's one-line counts."""


def short_group_words(group_id: str) -> str:
    """A group's short name on the console ("Carers")."""
    return SHORT_GROUP_WORDS.get(group_id) or group_words(group_id)


def group_words(group_id: str) -> str:
    """Short words for a group on the console ("People with lived experience")."""
    if group_id == groups.NOT_SAID:
        return "Chose not to say"
    if group_id in groups.BY_ID:
        plural = groups.BY_ID[group_id].plural
        return plural[:1].upper() + plural[1:]
    return group_id


@dataclass(frozen=True, slots=True)
class Resumable:
    """A session started earlier (today, or yesterday when it ran past midnight) for
    the same polls, offered for resuming."""

    found: PollSession
    polls_used: int
    yesterday: bool = False
    """Started the day before: a session that ran past midnight."""

    @property
    def words(self) -> str:
        """What the start screen says about it."""
        room = self.found.room
        used = f"{counted(self.polls_used, 'poll')} used"
        people = f", {room.expected} expected" if room.expected else ""
        when = "yesterday, " if self.yesterday else ""
        return f"{room.name} ({when}{used}{people})"


def recent_sessions(store: TallyStore, today: str) -> list[PollSession]:
    """Sessions from yesterday and today, oldest first (the last is the one in use):
    a console restarted after midnight still finds the evening's session."""
    try:
        day_before = (dt.date.fromisoformat(today) - dt.timedelta(days=1)).isoformat()
    except ValueError:
        return store.poll_sessions(today)
    return [*store.poll_sessions(day_before), *store.poll_sessions(today)]


def resumable_sessions(store: TallyStore, poll_set: PollSet, today: str) -> list[Resumable]:
    """Sessions started today (or yesterday) for this poll set, most recently used first."""
    found = [s for s in recent_sessions(store, today) if s.poll_set == poll_set.id]
    out = []
    for item in reversed(found):
        used = sum(
            1 for t in store.tallies(item.session.id).values() if t.status is not PollStatus.WAITING
        )
        out.append(Resumable(item, used, yesterday=item.session.date != today))
    return out


def latest_session(
    store: TallyStore, poll_set_ids: set[str] | frozenset[str], today: str
) -> PollSession | None:
    """The session for one of these poll sets that changed last (the one in use),
    from today or, past midnight, yesterday."""
    found = [s for s in recent_sessions(store, today) if s.poll_set in poll_set_ids]
    return found[-1] if found else None


class SessionView:
    """A read-only view of one session's polls: what the shared screen follows."""

    def __init__(self, store: TallyStore, poll_set: PollSet, session: SessionInfo, room: Room):
        self.store = store
        self.poll_set = poll_set
        self.session = session
        self.room = room
        self.tallies: dict[str, Tally] = {}
        self.current: str | None = None
        self.join: PhoneJoin | None = None
        """How phones join, when the console serves them (the shared screen shows it)."""
        self._stamp: object = _NEVER
        self.refresh()

    def refresh(self) -> bool:
        """Re-read the tallies if anything changed in the store; True when it had."""
        stamp = self.store.stamp(self.session.id)
        if stamp == self._stamp:
            return False
        self._stamp = stamp
        self.tallies = self.store.tallies(self.session.id)
        self.current = self.store.current(self.session.id)
        self.join = self.store.phone_join(self.session.id)
        return True

    @property
    def polls(self) -> tuple[Question, ...]:
        """The polls in the order the file gives them."""
        return self.poll_set.polls

    def poll(self, poll_id: str) -> Question:
        """The poll with this id (KeyError when there is none)."""
        for question in self.polls:
            if question.id == poll_id:
                return question
        raise KeyError(poll_id)

    def tally(self, poll_id: str) -> Tally:
        """The poll's tally (an empty one before anything happened to it)."""
        return self.tallies.get(poll_id) or Tally(poll_id)

    def open_poll(self) -> str | None:
        """The id of the poll that is open for votes, if any."""
        for question in self.polls:
            if self.tally(question.id).status is PollStatus.OPEN:
                return question.id
        return None

    def voted(self, poll_id: str) -> str:
        """ "7 of 10 have voted"."""
        return voted_line(self.tally(poll_id), self.room)

    def group_counts(self, poll_id: str) -> list[tuple[str, int]]:
        """How many from each group have voted (never who, never how)."""
        by_group = self.tally(poll_id).by_group
        order = [g.id for g in groups.GROUPS] + [groups.NOT_SAID]
        return [(short_group_words(g), by_group[g]) for g in order if by_group.get(g, 0)]

    def results(self, poll_id: str) -> Results:
        """The poll's results (for showing only once revealed)."""
        return results(self.poll(poll_id), self.tally(poll_id))

    def results_by_group(self, poll_id: str) -> list[GroupResults]:
        """Results split by group, small groups kept together."""
        return results_by_group(self.poll(poll_id), self.tally(poll_id))

    def pending_comments(self, poll_id: str) -> int:
        """Open comments still waiting for the facilitator."""
        return sum(1 for c in self.tally(poll_id).comments if c.status is CommentStatus.PENDING)

    def next_after(self, poll_id: str | None) -> str | None:
        """The poll after this one in the file (the first when None), or None at the end."""
        ids = [q.id for q in self.polls]
        if poll_id is None:
            return ids[0] if ids else None
        index = ids.index(poll_id) + 1
        return ids[index] if index < len(ids) else None


class Facilitation(SessionView):
    """The live state of one session, and every change the facilitator can make."""

    def __init__(
        self,
        store: TallyStore,
        poll_set: PollSet,
        session: SessionInfo,
        room: Room,
        audit: AuditLog | None = None,
    ) -> None:
        super().__init__(store, poll_set, session, room)
        self.audit = audit

    # -- starting and resuming --------------------------------------------------

    @classmethod
    def start(
        cls,
        store: TallyStore,
        poll_set: PollSet,
        room: Room,
        audit: AuditLog | None = None,
    ) -> Facilitation:
        """A new session for ``room``: recorded in the store and the audit log."""
        session = SessionInfo.new(room.date)
        store.save_room(session, room, poll_set.id)
        live = cls(store, poll_set, session, room, audit)
        live._record("poll-session-start", count=room.expected)
        return live

    @classmethod
    def resume(
        cls, store: TallyStore, poll_set: PollSet, found: PollSession, audit: AuditLog | None = None
    ) -> Facilitation:
        """Carry on a session from the store, with its polls, counts and states."""
        live = cls(store, poll_set, found.session, found.room, audit)
        live._record("poll-session-resume", count=sum(t.votes for t in live.tallies.values()))
        return live

    # -- the facilitator's changes ------------------------------------------------

    def _change(self, poll_id: str, edit: Callable[[Tally], None]) -> Tally:
        tally = self.store.change(self.session, poll_id, edit)
        self.tallies[poll_id] = tally
        return tally

    def _record(self, event: str, **detail: object) -> None:
        if self.audit is not None:
            self.audit.record(event, session=self.session.id, survey=self.poll_set.id, **detail)

    def _show(self, poll_id: str) -> None:
        self.store.set_current(self.session, poll_id)
        self.current = poll_id

    def open(self, poll_id: str) -> str | None:
        """Open a poll for votes (closing any other open poll, whose id is returned).

        Its results are hidden while it is open. Raises ``RevealError`` for a poll
        whose results have been shown (nothing changes then).
        """
        self.poll(poll_id)
        if self.tally(poll_id).was_shown:
            open_for_votes(self.tally(poll_id))  # raises before anything changes
        closed = None
        other = self.open_poll()
        if other is not None and other != poll_id:
            self.close(other)
            closed = other
        tally = self._change(poll_id, open_for_votes)
        self._show(poll_id)
        self._record("poll-open", record=poll_id, count=tally.votes)
        return closed

    def close(self, poll_id: str) -> None:
        """Stop taking votes."""

        tally = self._change(poll_id, close_for_votes)
        self._record("poll-close", record=poll_id, count=tally.votes)

    def reveal(self, poll_id: str, shown: bool = True) -> None:
        """Show the results (or hide them again) on the console and the shared screen.

        Showing needs a closed poll: raises ``RevealError`` while it is open.
        """
        if shown:
            set_revealed(Tally(poll_id, status=self.tally(poll_id).status), shown)

        def edit(tally: Tally) -> None:
            set_revealed(tally, shown)

        tally = self._change(poll_id, edit)
        if shown:
            self._show(poll_id)
        self._record("poll-reveal" if shown else "poll-hide", record=poll_id, count=tally.votes)

    def cast(self, poll_id: str, raw: object, group: str = groups.NOT_SAID) -> Tally:
        """Count one vote if the poll is open and the room isn't full.

        Raises ``AnswerError``, ``PollClosedError`` or ``RoomFullError``.
        """
        question = self.poll(poll_id)
        full: list[RoomFullError] = []

        def count(tally: Tally) -> None:
            try:
                add_vote_if_open(tally, question, raw, group, room=self.room)
            except RoomFullError as error:
                full.append(error)  # saved: the console warns that it happened

        tally = self._change(poll_id, count)
        if full:
            raise full[0]
        return tally

    def moderate(
        self, poll_id: str, comment_id: str, status: CommentStatus, edited: str | None = None
    ) -> None:
        """Show, drop or edit one open comment (an edit is shown at once)."""

        def edit(tally: Tally) -> None:
            for comment in tally.comments:
                if comment.id == comment_id and not (
                    comment.text == UNREADABLE and status is CommentStatus.SHOWN
                ):  # a comment sealed before a restart can't be read, so can't be shown
                    comment.status = status
                    if edited is not None:
                        comment.edited = edited

        self._change(poll_id, edit)
        outcome = "edited" if edited is not None else status.value
        self._record("comment-moderated", record=poll_id, outcome=outcome)


_NEVER = object()
