"""Funeral Benefit: the funeral's cost on receipts, up to a maximum (rules file section 6).

- Employment injury: a death from the injury (or while receiving periodic PDB).
- Invalidity Scheme: a death from any cause before 60 with the qualifying contributions, or
  while receiving the invalidity pension (MED).
- Maximum RM3,000 from 1 Jun 2024, RM2,000 from 1 Jun 2016, RM1,500 before; paid to the
  dependants or whoever paid for the funeral, the actual cost or the maximum, whichever is
  lower. Whether the 2018 "repatriation including funeral" for foreign workers' work deaths
  still applies is UNVERIFIED: kawan says to ask.
"""

from __future__ import annotations

from eligibility import claim_steps, invalidity
from eligibility.context import EMPLOYMENT_INJURY_KINDS, Context
from eligibility.facts import Fact
from eligibility.models import Amount, BenefitId, BenefitResult, Per
from eligibility.money import to_sen
from eligibility.outcome import Outcome
from eligibility.parameters import parameter, value_at
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["decide"]


def decide(context: Context) -> BenefitResult:
    """Funeral benefit for a death, under the scheme the death falls in."""
    case = context.case
    on = context.rules_date
    outcome = Outcome()
    if case.event.kind in EMPLOYMENT_INJURY_KINDS:
        outcome.require_scheme(context.employment_injury)
        outcome.note(*context.injury_notes)
        if case.worker.foreign_worker is not False:
            outcome.note(
                reason(
                    "funeral.ask_repatriation",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep
                    # under ~120 chars; USSD pages it.
                    N_("Ask PERKESO whether the cost of sending the body home is also paid."),
                    parameter("funeral.work_death_repatriation"),
                )
            )
    else:
        invalidity.require_pension_conditions(outcome, context, death=True)
        outcome.note(
            reason(
                "funeral.invalidity_scheme",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "For a death not caused by work, the Invalidity Scheme pays it if enough "
                    "contributions were paid."
                ),
                value_at("funeral.invalidity_scheme_condition", on),
            )
        )

    amount: Amount | None = None
    if context.event_date is None:
        outcome.need_for_amount(Fact.EVENT_DATE)
    else:
        maximum = value_at("funeral.maximum", context.event_date)
        amount = Amount(max=to_sen(maximum.decimal), per=Per.ONCE)
        outcome.note(
            reason(
                "funeral.maximum",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(maximum)s: ringgit. Keep under ~120 chars; USSD pages it.
                N_("PERKESO pays the real funeral cost shown on receipts, up to %(maximum)s."),
                maximum,
                maximum=maximum.decimal,
            )
        )
    payee = value_at("funeral.payee", on)
    if payee.flag:
        outcome.note(
            reason(
                "funeral.payee",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_("It is paid to the family, or to whoever paid for the funeral."),
                payee,
            )
        )
    return outcome.result(
        BenefitId.FUNERAL, amount, claim_steps.for_benefit(BenefitId.FUNERAL, context)
    )
