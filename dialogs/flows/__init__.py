"""All of kawan's conversation, assembled from one module per branch.

To add a branch: write ``dialogs/flows/<branch>.py`` exporting ``NODES``, add it to
``_BRANCHES`` below, and give the main menu a choice leading to its first node.
"""

from __future__ import annotations

from types import MappingProxyType

from dialogs.conversation import Conversation
from dialogs.engine import MENU, Flow
from dialogs.flows import common
from dialogs.nodes import Context, Node

_BRANCHES: tuple[tuple[Node, ...], ...] = (common.NODES,)


def _resolve_next(conv: Conversation, ctx: Context) -> str:
    return MENU


def build_flow() -> Flow:
    nodes: dict[str, Node] = {}
    for branch in _BRANCHES:
        for node in branch:
            if node.id in nodes:
                raise ValueError(f"two screens are called {node.id!r}")
            nodes[node.id] = node
    return Flow(nodes=MappingProxyType(nodes), resolve_next=_resolve_next)


FLOW = build_flow()
"""The conversation every channel runs."""
