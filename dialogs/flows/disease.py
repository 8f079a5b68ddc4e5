"""An illness caused by work (an occupational disease, Fifth Schedule of Act 4).

``disease.start`` records the event and whether the worker still works for the employer,
which decides the report form (PKS(P) 68 still working, PKS(P) 69 resigned; rules file
s.9). Then the slots the eligibility engine still needs, then the summary.
"""

from __future__ import annotations

from typing import Final

from dialogs.conversation import Conversation
from dialogs.flows.common import DISEASE
from dialogs.flows.kinds import CONTINUE, CaseStart
from dialogs.nodes import NEXT, Choice, Context, Info, Node
from dialogs.reply import Text
from eligibility.models import EventKind
from eligibility.parameters import value_at
from eligibility.text import N_

FORM: Final = "disease.form"
STILL_EMPLOYED: Final = "flow.still_employed"
"""``true`` if the worker still works for the employer whose work caused the illness."""


def _facts(still_employed: bool) -> dict[str, bool | str]:
    return {
        "event.kind": EventKind.OCCUPATIONAL_DISEASE.value,
        "event.death": False,
        "worker.foreign_worker": True,
        STILL_EMPLOYED: still_employed,
    }


START = CaseStart(
    id=DISEASE,
    prompt=(
        Text(
            # TRANSLATORS: first screen of the "illness caused by work" branch.
            N_(
                "An illness caused by your work is covered, like hearing loss from noise "
                "or asthma from dust."
            ),
            # TRANSLATORS: USSD form of the sentence above. USSD: ≤ 75 chars.
            short=N_("Illness from work (noise, dust, chemicals) is covered."),
        ),
        # TRANSLATORS: question. USSD: ≤ 50 chars.
        Text(N_("Do you still work for that employer?")),
    ),
    choices=(
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("still_employed", Text(N_("Yes, I still work there")), FORM, _facts(True)),
        # TRANSLATORS: option. USSD: ≤ 30 chars.
        Choice("left", Text(N_("No, I left that job")), FORM, _facts(False)),
    ),
)


def _form_body(conv: Conversation, ctx: Context) -> tuple[Text, ...]:
    working = conv.fact(STILL_EMPLOYED) is not False
    name = "working" if working else "resigned"
    form = value_at(f"claims.occupational_disease_form_{name}", ctx.today).text
    return (
        # TRANSLATORS: illness caused by work: what the claim needs. USSD: ≤ 75 chars.
        Text(N_("A doctor must say the illness comes from your work. Ask for a report.")),
        # TRANSLATORS: %(form)s is a PERKESO form code, e.g. "PKS(P) 68". USSD: ≤ 60 chars.
        Text(N_("The PERKESO report form is %(form)s."), {"form": form}),
        # TRANSLATORS: illness caused by work: documents. USSD: ≤ 75 chars.
        Text(N_("Keep every MC, your payslips, and copies of your passport and permit.")),
    )


FORM_SCREEN = Info(
    id=FORM,
    body=_form_body,
    choices=(Choice("continue", Text(CONTINUE), NEXT),),
)

NODES: tuple[Node, ...] = (START, FORM_SCREEN)
