"""The state of one worker's conversation: small, JSON-serialisable, channel-free.

The store keeps ``Conversation.model_dump(mode="json")`` per user and channel; the engine
is a pure function of it and the worker's input, so a conversation survives a restart
and resumes at the same question on any process.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue

SCHEMA_VERSION = 1


class Conversation(BaseModel):
    """Where a worker is, and what they have told us so far.

    Attributes:
        lang: the worker's language code, once chosen.
        node: the id of the screen being shown.
        history: screens to return to with ``0`` (most recent last).
        facts: answers, by dotted path into the eligibility case
            (``event.medical_leave_days``) or a flow's own key (``topic``).
        asked: slots already asked, answered or "I don't know": never asked twice.
        last_result: the facts and date of the last summary, to show it again later.
        page: which USSD page of the current screen is shown.
        resume_node: where a returning worker left off, while asked to continue.
    """

    model_config = ConfigDict(extra="ignore")

    v: int = SCHEMA_VERSION
    lang: str | None = None
    node: str = "language"
    history: list[str] = Field(default_factory=list)
    facts: dict[str, JsonValue] = Field(default_factory=dict)
    asked: list[str] = Field(default_factory=list)
    last_result: dict[str, JsonValue] | None = None
    page: int = 0
    resume_node: str | None = None
    hint: dict[str, JsonValue] | None = None
    """The hint shown above the current screen, kept so that ``98`` pages the same
    screen the worker is reading (hint included) and skips no option."""
    started_on: date | None = None

    def fact(self, path: str) -> Any:
        return self.facts.get(path)
