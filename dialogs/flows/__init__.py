"""All of kawan's conversation, assembled from one module per branch.

To add a branch: write ``dialogs/flows/<branch>.py`` exporting ``NODES``, add it to
``_BRANCHES`` below, and give the main menu a choice leading to its first node.

``NEXT`` (a goto of ``@next``) is resolved by :func:`resolve_next`: build the case from
the answers so far, ask the eligibility engine what is still missing, and show the first
missing fact's slot (in the interview order of :mod:`dialogs.flows.slots`) that the worker
has not been asked yet; when nothing askable is missing, the summary.
"""

from __future__ import annotations

from types import MappingProxyType

from dialogs.conversation import Conversation
from dialogs.engine import Flow
from dialogs.flows import (
    common,
    coverage,
    death,
    disease,
    employer,
    home,
    injury,
    invalidity,
    slots,
    summary,
)
from dialogs.flows.slots import INTERVIEW_ORDER, SLOTS, asked_path
from dialogs.flows.summary import SUMMARY, assess_or_none
from dialogs.nodes import Context, Node

_BRANCHES: tuple[tuple[Node, ...], ...] = (
    common.NODES,
    injury.NODES,
    disease.NODES,
    invalidity.NODES,
    death.NODES,
    coverage.NODES,
    home.NODES,
    employer.NODES,
    slots.NODES,
    summary.NODES,
)


def next_slot(missing: list[str], asked: list[str]) -> str | None:
    """The id of the first slot to ask for ``missing`` paths, or ``None``.

    Examples:
        >>> next_slot(["event.medical_leave_days", "event.date"], [])
        'slot.date'
        >>> next_slot(["event.date", "dependants.0.age"], ["event.date"]) is None
        True
    """
    wanted = set(missing)
    for path in INTERVIEW_ORDER:
        if path in wanted and asked_path(path) not in asked:
            return SLOTS[path].id
    return None


def probes(conv: Conversation) -> list[str]:
    """Facts that would make one more benefit relevant, worth asking when it can apply.

    The eligibility engine lists the constant-attendance allowance only once a worker is
    known to need someone with them all the time; the allowance needs total (100%)
    permanent disablement or an invalidity pension, so kawan asks then.

    Examples:
        >>> probes(Conversation(facts={"event.kind": "invalidity", "event.death": False}))
        ['event.needs_constant_attendance']
        >>> probes(Conversation(facts={"event.kind": "work_accident",
        ...                            "event.loss_of_earning_capacity_pct": 40}))
        []
    """
    facts = conv.facts
    if facts.get("event.death") is True:
        return []
    invalid = facts.get("event.kind") == "invalidity"
    total = facts.get("event.loss_of_earning_capacity_pct") == 100
    return ["event.needs_constant_attendance"] if invalid or total else []


def resolve_next(conv: Conversation, ctx: Context) -> str:
    """The next slot the eligibility engine still needs (then a probe), or the summary."""
    assessment = assess_or_none(conv.facts, ctx.today)
    if assessment is None:
        return SUMMARY
    return (
        next_slot(assessment.missing, conv.asked) or next_slot(probes(conv), conv.asked) or SUMMARY
    )


def build_flow() -> Flow:
    nodes: dict[str, Node] = {}
    for branch in _BRANCHES:
        for node in branch:
            if node.id in nodes:
                raise ValueError(f"two screens are called {node.id!r}")
            nodes[node.id] = node
    return Flow(nodes=MappingProxyType(nodes), resolve_next=resolve_next)


FLOW = build_flow()
"""The conversation every channel runs."""
