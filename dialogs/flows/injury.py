"""Hurt at work or on the way: a work accident or a commuting accident (Act 4 s.24).

``injury.start`` records the kind of accident, then a short screen of what to do now,
then the slots the eligibility engine still needs, then the summary. An accident off
work and off the way to work is not covered yet: the Non-Employment Injury Scheme (Act
A1788) has no start date (rules file s.9.1 and A7), so kawan says so and never promises
cover.
"""

from __future__ import annotations

from typing import Final

from dialogs.flows.common import INJURY, INVALIDITY
from dialogs.flows.kinds import CONTINUE, CaseStart, to_menu
from dialogs.nodes import NEXT, Choice, Info, Node
from dialogs.reply import Text
from eligibility.models import EventKind
from eligibility.text import N_

FIRST_STEPS: Final = "injury.first_steps"
COMMUTE: Final = "injury.commute"
OFF_WORK: Final = "injury.off_work"


def accident(kind: EventKind) -> dict[str, bool | str]:
    """The facts an injured worker's own choice records."""
    return {"event.kind": kind.value, "event.death": False, "worker.foreign_worker": True}


START = CaseStart(
    id=INJURY,
    # TRANSLATORS: question, first screen of the injury branch. USSD: ≤ 40 chars.
    prompt=(Text(N_("Where were you hurt?")),),
    choices=(
        # TRANSLATORS: option: a work accident (includes business trips). USSD: ≤ 30 chars.
        Choice("at_work", Text(N_("At work or on a work trip")), FIRST_STEPS,
               accident(EventKind.WORK_ACCIDENT)),
        # TRANSLATORS: option: a commuting accident. USSD: ≤ 30 chars.
        Choice("commuting", Text(N_("On the way to or from work")), COMMUTE,
               accident(EventKind.COMMUTING_ACCIDENT)),
        # TRANSLATORS: option: an accident with no link to work. USSD: ≤ 30 chars.
        Choice("off_work", Text(N_("Somewhere else, off work")), OFF_WORK),
    ),
)  # fmt: skip

FIRST_STEPS_SCREEN = Info(
    id=FIRST_STEPS,
    body=(
        # TRANSLATORS: injury branch, what to do now. USSD: ≤ 75 chars.
        Text(N_("Tell your employer now. Your employer must report it to PERKESO.")),
        # TRANSLATORS: injury branch (rules: panel or government clinic, free). USSD: ≤ 75.
        Text(N_("Treatment at a PERKESO panel clinic or a government clinic is free.")),
        Text(
            # TRANSLATORS: injury branch: the documents a claim needs.
            N_("Keep every MC, your payslips, and copies of your passport and work permit."),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Keep every MC, your payslips, passport and permit copies."),
        ),
    ),
    choices=(Choice("continue", Text(CONTINUE), NEXT),),
)

COMMUTE_SCREEN = Info(
    id=COMMUTE,
    body=(
        Text(
            # TRANSLATORS: commuting accidents (Act 4 s.24): what is covered.
            N_("Covered: the way between home and work, and to a meal in your break."),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Covered: home to work and back, and to a meal in a break."),
        ),
        # TRANSLATORS: commuting accidents: what is not covered. USSD: ≤ 75 chars.
        Text(N_("Not covered if you stopped or went another way for your own reasons.")),
        # TRANSLATORS: commuting accidents: the evidence PERKESO asks for. USSD: ≤ 75 chars.
        Text(N_("Make a police report. Keep it, with a simple map of your route.")),
    ),
    choices=(Choice("continue", Text(CONTINUE), FIRST_STEPS),),
)

OFF_WORK_SCREEN = Info(
    id=OFF_WORK,
    body=(
        # TRANSLATORS: accidents with no link to work. USSD: ≤ 75 chars.
        Text(N_("PERKESO does not cover accidents outside work and the way to work yet.")),
        # TRANSLATORS: the Non-Employment Injury Scheme, passed but not started. USSD: ≤ 75.
        Text(N_("A new law will cover them, but its start date is not announced.")),
        Text(
            # TRANSLATORS: pointer to the Invalidity Scheme (any cause).
            N_("If it stops you working for a long time, the Invalidity Scheme may help."),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("If you cannot work for a long time, see the Invalidity Scheme."),
        ),
    ),
    choices=(
        # TRANSLATORS: option leading to the invalidity branch. USSD: ≤ 30 chars.
        Choice("invalidity", Text(N_("I can no longer work")), INVALIDITY),
        to_menu(),
    ),
)

NODES: tuple[Node, ...] = (START, FIRST_STEPS_SCREEN, COMMUTE_SCREEN, OFF_WORK_SCREEN)
