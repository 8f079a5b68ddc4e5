"""Plain values passed between the service and the store (no ORM objects leak out)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


class StoreUnavailable(Exception):
    """The database cannot be reached; channels show a translated "try again later"."""


@dataclass(frozen=True, slots=True)
class Key:
    """Whose conversation: a channel and the keyed hash of the worker's identifier."""

    channel: str
    user_hash: str


@dataclass(frozen=True, slots=True)
class Saved:
    """A conversation as last saved; ``version`` guards the next write."""

    data: dict[str, Any]
    version: int
    session_hash: str | None
    updated_at: datetime
    lang: str | None
    created: Any = None
    """The row's ``created_at`` exactly as the database holds it (``None``: not known).
    With the version it names one life of the row: an erase followed by a new first turn
    starts the version at 1 again, so a version alone could match a newer row."""


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """A summary was shown (no personal data: contract.md privacy rules)."""

    day: date
    channel: str
    lang: str | None
    event_kind: str | None
    screen: str
    benefits: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Write:
    """One turn's write: the new state (or ``None`` to erase it), guarded by the version
    that was read (``None``: there was no row), plus what to count on the side."""

    key: Key
    data: dict[str, Any] | None
    expected: int | None
    lang: str | None = None
    session_hash: str | None = None
    audit: AuditEvent | None = None
    fallbacks: dict[tuple[str, date], int] = field(default_factory=dict)
    created: Any = None
    """With ``expected``: the ``created_at`` of the row that version was read from
    (:attr:`Saved.created`); the write is refused if the row is another one since."""
    text: str | None = None
    """``data`` already as compact JSON text, when the caller has it (else the store
    encodes ``data`` itself)."""


@dataclass(frozen=True, slots=True)
class Purged:
    conversations: int
    audits: int
