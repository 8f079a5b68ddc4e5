"""A worker has died: for the family or a friend.

``death.start`` records how the worker died: from work (an accident at work or on the
way, or an illness from work: the Employment Injury Scheme, with ``event.death`` true),
from any other cause (``death_non_work``: the Invalidity Scheme), or "I don't know" (the
kind stays unknown and the summary says what would tell). Every later question is worded
about the worker who died (:class:`~dialogs.flows.kinds.Slot`); where they died and who
their family are come as slots, when the eligibility engine needs them.
"""

from __future__ import annotations

from typing import Final

from pydantic import JsonValue

from dialogs.flows.common import DEATH
from dialogs.flows.kinds import CONTINUE, CaseStart
from dialogs.nodes import NEXT, Choice, Info, Node
from dialogs.reply import Text
from eligibility.models import EventKind
from eligibility.text import N_

FIRST_STEPS: Final = "death.first_steps"


def died(kind: EventKind | None) -> dict[str, JsonValue]:
    """The facts a choice of cause records."""
    return {
        "event.kind": None if kind is None else kind.value,
        "event.death": True,
        "worker.foreign_worker": True,
    }


START = CaseStart(
    id=DEATH,
    prompt=(
        # TRANSLATORS: first screen of the branch for a worker who died. USSD: ≤ 60 chars.
        Text(N_("We are sorry for your loss. How did the worker die?")),
    ),
    choices=(
        # TRANSLATORS: option: cause of death. USSD: ≤ 30 chars.
        Choice("work_accident", Text(N_("An accident at work")), FIRST_STEPS,
               died(EventKind.WORK_ACCIDENT)),
        # TRANSLATORS: option: cause of death. USSD: ≤ 30 chars.
        Choice("commuting", Text(N_("An accident on the way to work")), FIRST_STEPS,
               died(EventKind.COMMUTING_ACCIDENT)),
        # TRANSLATORS: option: cause of death. USSD: ≤ 30 chars.
        Choice("disease", Text(N_("An illness caused by work")), FIRST_STEPS,
               died(EventKind.OCCUPATIONAL_DISEASE)),
        # TRANSLATORS: option: cause of death not linked to work. USSD: ≤ 30 chars.
        Choice("other", Text(N_("Another illness or cause")), FIRST_STEPS,
               died(EventKind.DEATH_NON_WORK)),
        # TRANSLATORS: option: the cause of death is not known. USSD: ≤ 30 chars.
        Choice("dont_know", Text(N_("I don't know how")), FIRST_STEPS, died(None)),
    ),
)  # fmt: skip

FIRST_STEPS_SCREEN = Info(
    id=FIRST_STEPS,
    body=(
        # TRANSLATORS: death branch: what the family should do. USSD: ≤ 75 chars.
        Text(N_("Tell the employer and PERKESO as soon as you can.")),
        Text(
            # TRANSLATORS: death branch: documents to keep.
            N_(
                "Keep the death certificate, any police report, and every receipt for "
                "the funeral and for sending the body home."
            ),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Keep the death certificate, police report and all receipts."),
        ),
    ),
    choices=(Choice("continue", Text(CONTINUE), NEXT),),
)

NODES: tuple[Node, ...] = (START, FIRST_STEPS_SCREEN)
