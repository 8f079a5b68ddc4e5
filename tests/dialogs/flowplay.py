"""Playing conversations through the pure engine, as the tests of ``tests/dialogs`` do.

No database and no channel: :func:`play` calls :func:`dialogs.engine.begin` and
:func:`~dialogs.engine.step` with the real :data:`~dialogs.flows.FLOW`, one input after
another, and returns every reply. :func:`summary_statuses` reads a summary screen the way
a worker reads it: which benefits it names, and with which status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Final

from dialogs.conversation import Conversation
from dialogs.engine import begin, step
from dialogs.flows import FLOW
from dialogs.i18n import LANGUAGES
from dialogs.nodes import Context
from dialogs.reply import Reply, Text
from dialogs.summary import BENEFIT_NAMES, STATUS_LINES
from eligibility.models import BenefitId, Status

TODAY: Final = date(2026, 11, 23)
CTX: Final = Context(today=TODAY)
TRANSCRIPTS: Final = Path(__file__).resolve().parent.parent / "transcripts"
LANGUAGE_KEYS: Final = {code: str(index) for index, code in enumerate(LANGUAGES, start=1)}
"""The key of each language on the language menu (``en`` is 1, ``bn`` 3 …)."""

_BENEFIT_BY_NAME: Final = {name: benefit for benefit, name in BENEFIT_NAMES.items()}
_STATUS_BY_LINE: Final = {line: status for status, line in STATUS_LINES.items()}


@dataclass
class Played:
    """A conversation after some inputs: the state and every reply, in order."""

    conv: Conversation
    replies: list[Reply] = field(default_factory=list)

    @property
    def reply(self) -> Reply:
        return self.replies[-1]

    def then(self, *inputs: str, ctx: Context = CTX) -> Played:
        """The same conversation after more inputs."""
        conv = self.conv
        replies = list(self.replies)
        for text in inputs:
            conv, reply = step(conv, text, ctx, FLOW)
            replies.append(reply)
        return Played(conv, replies)


def play(inputs: Iterable[str], ctx: Context = CTX) -> Played:
    """A new worker's conversation, from the first screen, through ``inputs``."""
    conv, first = begin(None, ctx, FLOW)
    return Played(conv, [first]).then(*inputs, ctx=ctx)


def in_language(lang: str, *inputs: str) -> list[str]:
    """``inputs`` after choosing ``lang`` on the language menu."""
    return [LANGUAGE_KEYS[lang], *inputs]


def read_transcript(path: Path) -> list[str]:
    """One input per line; blank lines and lines starting with ``#`` are skipped (as
    ``kawan demo --script`` reads them). "I don't know" is written ``dont_know``."""
    return [
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def summary_statuses(reply: Reply) -> dict[BenefitId, Status]:
    """The benefits a summary names, each with the status it shows."""
    found: dict[BenefitId, Status] = {}
    for text in reply.body:
        status = _STATUS_BY_LINE.get(text.msgid)
        benefit = text.params.get("benefit")
        if status is not None and isinstance(benefit, Text):
            found[_BENEFIT_BY_NAME[benefit.msgid]] = status
    return found


def case_facts(conv: Conversation) -> dict[str, object]:
    """The facts of ``conv`` that are case paths (not the flows' own notes)."""
    return {path: value for path, value in conv.facts.items() if not path.startswith("flow.")}
