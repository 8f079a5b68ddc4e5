"""Can no longer work: a lasting illness or disability not caused by work (Invalidity Scheme).

Foreign workers are in the Invalidity Scheme since 1 July 2024 (the date comes from the
``schemes.invalidity.covers_foreign_workers`` parameter). ``invalidity.start`` explains
it in two lines and records the event; an illness caused by work goes to the disease
branch instead (the Employment Injury Scheme pays more and needs no qualifying period).
"""

from __future__ import annotations

from dialogs.flows.common import DISEASE, INVALIDITY
from dialogs.flows.kinds import CaseStart, to_menu
from dialogs.nodes import NEXT, Choice, Node
from dialogs.reply import Text
from eligibility.models import EventKind
from eligibility.parameters import parameter
from eligibility.text import N_

SCHEME_START = "schemes.invalidity.covers_foreign_workers"


def _intro() -> tuple[Text, ...]:
    lines = [
        Text(
            # TRANSLATORS: first screen of the invalidity branch.
            N_(
                "The Invalidity Scheme helps if a long illness or disability, from any "
                "cause, stops you earning a living."
            ),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Invalidity Scheme: a long illness stops you earning a living."),
        ),
    ]
    start = parameter(SCHEME_START).first_known_date
    if start is not None:
        lines.append(
            # TRANSLATORS: invalidity branch. %(date)s is a date (1 July 2024). USSD: ≤ 60.
            Text(N_("Foreign workers are in it since %(date)s."), {"date": start})
        )
    # TRANSLATORS: invalidity branch. USSD: ≤ 60 chars.
    lines.append(Text(N_("The PERKESO Medical Board decides.")))
    return tuple(lines)


START = CaseStart(
    id=INVALIDITY,
    prompt=_intro(),
    choices=(
        # TRANSLATORS: option: go on to the questions. USSD: ≤ 30 chars.
        Choice("check", Text(N_("Check what I can get")), NEXT, {
            "event.kind": EventKind.INVALIDITY.value,
            "event.death": False,
            "worker.foreign_worker": True,
        }),
        # TRANSLATORS: option leading to the "illness caused by work" branch. USSD: ≤ 30 chars.
        Choice("caused_by_work", Text(N_("It was caused by my work")), DISEASE),
        to_menu(),
    ),
)  # fmt: skip

NODES: tuple[Node, ...] = (START,)
