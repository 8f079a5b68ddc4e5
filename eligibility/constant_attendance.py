"""Constant-Attendance Allowance (CAA): RM500 a month for a worker who needs someone's help
all the time (rules file section 4).

- Employment injury: total (100%) permanent disablement, certified by the Medical Board.
- Invalidity: an invalidity pensioner, certified by the Medical Board.

kawan lists it only when the worker says they need constant attendance.
"""

from __future__ import annotations

import functools
from datetime import date

from eligibility import claim_steps, invalidity
from eligibility.context import EMPLOYMENT_INJURY_KINDS, Context
from eligibility.facts import Fact
from eligibility.models import Amount, BenefitId, BenefitResult, Per, Reason
from eligibility.money import to_sen
from eligibility.outcome import Outcome
from eligibility.parameters import rules_period, value_at, when_reloaded
from eligibility.percent import percent
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["decide"]


def decide(context: Context) -> BenefitResult:
    """CAA under the scheme the event falls in."""
    on = context.rules_date
    outcome = Outcome()
    if context.case.event.kind in EMPLOYMENT_INJURY_KINDS:
        outcome.require_scheme(context.employment_injury)
        outcome.note(*context.injury_notes)
        total = value_at("constant_attendance.total_disablement", on)
        total_pct = percent(total.decimal * 100)
        loss = context.case.event.loss_of_earning_capacity_pct
        if loss is None:
            outcome.require(
                None,
                reason(
                    "caa.total_disablement",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(total_pct)s: a percentage. Keep under ~120 chars; USSD pages it.
                    N_(
                        "This allowance needs a %(total_pct)s%% loss (total disablement), decided "
                        "by the Medical Board."
                    ),
                    total,
                    total_pct=total_pct,
                ),
                missing=(Fact.LOSS_OF_EARNING_CAPACITY_PCT,),
            )
        elif loss < total.decimal * 100:
            outcome.require(
                False,
                reason(
                    "caa.total_disablement",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(total_pct)s, %(loss_pct)s: percentages. Keep under ~120 chars; USSD
                    # pages it.
                    N_(
                        "This allowance needs a %(total_pct)s%% loss (total disablement). Yours is "
                        "%(loss_pct)s%%."
                    ),
                    total,
                    total_pct=total_pct,
                    loss_pct=percent(loss),
                ),
            )
        else:
            outcome.require(True)
    else:
        invalidity.require_pension_conditions(outcome, context)
    amount, note = _allowance(rules_period(on))
    outcome.note(note)
    return outcome.result(
        BenefitId.CONSTANT_ATTENDANCE,
        amount,
        claim_steps.for_benefit(BenefitId.CONSTANT_ATTENDANCE, context),
    )


@functools.lru_cache(maxsize=64)
def _allowance(on: date) -> tuple[Amount, Reason]:
    """The allowance and its reason; ``on`` is a :func:`rules_period` start."""
    allowance = value_at("constant_attendance.monthly_allowance", on)
    note = reason(
        "caa.amount",
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(amount)s:
        # ringgit a month. Keep under ~120 chars; USSD pages it.
        N_(
            "If the Medical Board certifies you need someone's help all the time: %(amount)s a "
            "month."
        ),
        allowance,
        amount=allowance.decimal,
    )
    return Amount(value=to_sen(allowance.decimal), per=Per.MONTH), note


when_reloaded(_allowance.cache_clear)
