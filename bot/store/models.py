"""The tables kawan keeps (README "What is stored").

Only what a conversation needs to continue, and counts without personal data:

- ``conversation``: one row per worker and channel, keyed by a hash of their identifier
  (never the number itself), holding the dialog state as JSON and a version number that
  makes two simultaneous messages from one worker safe (optimistic concurrency).
- ``assessment_audit``: one row per summary shown: the day, channel, language, kind of
  event and each benefit's status. Nothing that identifies the worker.
- ``fallback_count``: how often a language showed English because a translation was
  missing, per day, for ``kawan i18n stats``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel


class ConversationRecord(SQLModel, table=True):
    """The saved state of one worker's conversation on one channel."""

    __tablename__ = "conversation"
    __table_args__ = (
        UniqueConstraint("channel", "user_hash", name="uq_conversation_channel_user"),
        Index("ix_conversation_updated_at", "updated_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=16)
    user_hash: str = Field(max_length=64)
    session_hash: str | None = Field(default=None, max_length=64)
    """Hash of the USSD gateway's current sessionId: a new one from the same number is a
    redial."""
    data: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    lang: str | None = Field(default=None, max_length=16)
    version: int = Field(default=1)
    created_at: datetime
    updated_at: datetime


class AssessmentAudit(SQLModel, table=True):
    """A summary was shown: what kind of case and which benefits, never who."""

    __tablename__ = "assessment_audit"
    __table_args__ = (Index("ix_assessment_audit_day", "day"),)

    id: int | None = Field(default=None, primary_key=True)
    day: date
    channel: str = Field(max_length=16)
    lang: str | None = Field(default=None, max_length=16)
    event_kind: str | None = Field(default=None, max_length=32)
    screen: str = Field(max_length=64)
    benefits: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class FallbackCount(SQLModel, table=True):
    """English shown in place of a missing translation, per language and day."""

    __tablename__ = "fallback_count"

    lang: str = Field(primary_key=True, max_length=16)
    day: date = Field(primary_key=True)
    count: int = Field(default=0)
