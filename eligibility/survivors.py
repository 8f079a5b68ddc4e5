"""Survivors' Pension: for the family of an insured worker who died of a cause not related to
work (Invalidity Scheme, rules file section 7.4).

Paid when the worker died before 60 having met the full or reduced qualifying period (or
while receiving the invalidity pension), at the invalidity pension's rates, minimum and
maximum, to the widow or widower, the children (to 21 or marriage, or a first degree) and the
parents. The split between them (Eighth Schedule of Act 4) is UNVERIFIED: no figure; the
family is told to ask PERKESO.
"""

from __future__ import annotations

import functools
from datetime import date

from eligibility import claim_steps, invalidity
from eligibility.context import Context
from eligibility.dependants import child_is_eligible, child_rule, unknown_facts
from eligibility.facts import Fact
from eligibility.models import BenefitId, BenefitResult, Dependant, Relation
from eligibility.outcome import Outcome
from eligibility.parameters import parameter, rules_period, value_at, when_reloaded
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["decide"]


def decide(context: Context) -> BenefitResult:
    """Survivors' pension for a death not caused by work."""
    outcome = Outcome()
    invalidity.require_pension_conditions(outcome, context, death=True)
    dependants = context.case.dependants
    if dependants is None:
        outcome.require(None, missing=(Fact.DEPENDANTS,))
    else:
        outcome.merge(_receivers(tuple(dependants), rules_period(context.rules_date)))
    outcome.note(
        reason(
            "survivors.share_unverified",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
            # chars; USSD pages it.
            N_(
                "Ask PERKESO how the pension is shared between husband or wife, children and "
                "parents."
            ),
            parameter("survivors.share"),
        )
    )
    amount = invalidity.pension_amount(outcome, context, survivors=True)
    return outcome.result(
        BenefitId.SURVIVORS_PENSION,
        amount,
        claim_steps.for_benefit(BenefitId.SURVIVORS_PENSION, context),
    )


@functools.lru_cache(maxsize=4096)
def _receivers(dependants: tuple[Dependant, ...], on: date) -> Outcome:
    """Whether anyone listed can receive the pension: a remembered piece of the decision."""
    part = Outcome()
    limit = value_at("dependants.child_age_limit", on).count
    children = [(i, d) for i, d in enumerate(dependants) if d.relation is Relation.CHILD]
    receivers = [
        d
        for d in dependants
        if d.relation in (Relation.SPOUSE, Relation.PARENT)
        or (d.relation is Relation.CHILD and child_is_eligible(d, limit))
    ]
    undecided = [
        fact
        for i, d in children
        if child_is_eligible(d, limit) is None
        for fact in unknown_facts(i, d, limit, child_rule)
    ]
    if receivers:
        part.require(True)
    elif undecided:
        part.require(None, missing=undecided)
    else:
        part.require(
            False,
            reason(
                "survivors.who",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep
                # under ~120 chars; USSD pages it.
                N_("This pension goes to a husband or wife, children or parents. None is listed."),
                parameter("survivors.share"),
            ),
        )
    return part


when_reloaded(_receivers.cache_clear)
