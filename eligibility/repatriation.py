"""Refund of the cost of sending a foreign worker's body or ashes home (rules file section 6).

For a foreign worker who died in Malaysia of a cause not related to work: the cost on
official receipts, up to RM4,500. Since 1 Jul 2024 a benefit of the Invalidity Scheme; before,
PERKESO paid it as goodwill (corporate social responsibility). Whether the family gets it
together with the funeral benefit is UNVERIFIED (ambiguity A2): kawan says to ask.
"""

from __future__ import annotations

from eligibility import claim_steps
from eligibility.context import Context
from eligibility.facts import Fact
from eligibility.models import Amount, BenefitId, BenefitResult, Per
from eligibility.money import to_sen
from eligibility.outcome import Outcome
from eligibility.parameters import flag_at, parameter, value_at
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["decide"]


def decide(context: Context) -> BenefitResult:
    """Repatriation refund for a foreign worker's death in Malaysia not caused by work."""
    case = context.case
    on = context.rules_date
    outcome = Outcome()
    maximum = value_at("repatriation.maximum_refund", on)
    if case.worker.foreign_worker is None:  # assess() does not list it for a Malaysian worker
        outcome.require(None, missing=(Fact.FOREIGN_WORKER,))
    died_on = case.event.date
    scheme = "schemes.employment_injury.covers_foreign_workers"
    if died_on is None:
        outcome.require(None, missing=(Fact.EVENT_DATE,))
    elif not flag_at(scheme, died_on):
        outcome.require(
            False,
            reason(
                "repatriation.before_perkeso",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(start)s:
                # the date foreign workers joined PERKESO. Keep under ~120 chars; USSD pages it.
                N_(
                    "Foreign workers joined PERKESO on %(start)s. This refund is for deaths after "
                    "that."
                ),
                value_at(scheme, died_on),
                start=parameter(scheme).first_known_date,
            ),
        )
    in_malaysia = case.event.died_in_malaysia
    if in_malaysia is None:
        outcome.require(None, missing=(Fact.DIED_IN_MALAYSIA,))
    elif not in_malaysia:
        outcome.require(
            False,
            reason(
                "repatriation.death_in_malaysia",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_("This refund is only for a death in Malaysia."),
                maximum,
            ),
        )
    outcome.note(
        reason(
            "repatriation.maximum",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(maximum)s:
            # ringgit. Keep under ~120 chars; USSD pages it.
            N_(
                "PERKESO refunds the cost of sending the body or ashes home, up to %(maximum)s, on "
                "official receipts."
            ),
            maximum,
            maximum=maximum.decimal,
        )
    )
    legal_basis = "repatriation.under_invalidity_scheme"
    if died_on is not None and not flag_at(legal_basis, died_on):
        outcome.note(
            reason(
                "repatriation.goodwill",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(start)s: a
                # date. Keep under ~120 chars; USSD pages it.
                N_("Before %(start)s, PERKESO paid this as goodwill, not as a right. Ask PERKESO."),
                value_at(legal_basis, died_on),
                start=parameter(legal_basis).first_known_date,
            )
        )
    outcome.note(
        reason(
            "repatriation.ask_with_funeral",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
            # chars; USSD pages it.
            N_("Ask PERKESO whether the family can get both this refund and the funeral benefit."),
            parameter("repatriation.with_funeral_benefit"),
        )
    )
    return outcome.result(
        BenefitId.REPATRIATION_REFUND,
        Amount(max=to_sen(maximum.decimal), per=Per.ONCE),
        claim_steps.for_benefit(BenefitId.REPATRIATION_REFUND, context),
    )
