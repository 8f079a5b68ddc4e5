"""A tiny flow for storage tests: every input becomes a fact of its own, so a lost or
doubled input shows in the conversation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import MappingProxyType

from dialogs.conversation import Conversation
from dialogs.engine import MENU, Flow
from dialogs.nodes import Context, Node, Outcome
from dialogs.reply import Reply, Text


@dataclass(frozen=True)
class Tally(Node):
    """Records every input as a fact of its own, so a lost input shows."""

    id: str = MENU

    def show(self, conv: Conversation, ctx: Context) -> Reply:
        return Reply(body=(Text.verbatim(f"{len(conv.facts)} inputs"),), screen=self.id)

    def handle(self, conv: Conversation, text: str, ctx: Context) -> Outcome:
        return Outcome(goto=MENU, facts={f"seen.{text}": True}, remember=False)

    def edges(self) -> Iterable[tuple[str, str]]:
        return ()


TALLY = Flow(nodes=MappingProxyType({MENU: Tally()}), resolve_next=lambda conv, ctx: MENU)
