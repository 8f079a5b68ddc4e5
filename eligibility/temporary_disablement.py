"""Temporary Disablement Benefit (TDB): daily pay while on medical leave after an injury.

Rules file section 2 (perkeso.gov.my/en/temporary-disablement-benefit.html): medical leave
certified for at least 4 days counting the day of the accident; 80% of the assumed average
daily wage, at least RM30 a day (since 1 Jan 2014); not paid for days the worker worked and
earned wages. The current maximum, RM158.67 a day (80% x 5,950 / 30), is DERIVED.
"""

from __future__ import annotations

import functools
from datetime import date
from decimal import Decimal

from eligibility import claim_steps
from eligibility.context import Context
from eligibility.facts import Fact
from eligibility.models import Amount, BenefitId, BenefitResult, Per, Reason
from eligibility.money import to_sen
from eligibility.outcome import Outcome
from eligibility.parameters import ParameterNotInForce, rules_period, value_at, when_reloaded
from eligibility.percent import percent
from eligibility.reasons import reason
from eligibility.text import N_
from eligibility.wages import AssumedWage, daily_rate

__all__ = ["daily_amount", "decide"]


def daily_amount(wage: AssumedWage, on: date) -> tuple[Decimal, bool]:
    """The daily benefit for the injury of ``on``, to the sen; and whether it is the minimum.

    Examples:
        >>> from eligibility.wages import assumed_wage
        >>> daily_amount(assumed_wage(Decimal("1800"), date(2025, 3, 10)), date(2025, 3, 10))
        (Decimal('46.67'), False)
        >>> daily_amount(assumed_wage(Decimal("20000"), date(2025, 3, 10)), date(2025, 3, 10))
        (Decimal('158.67'), False)
    """
    rate = value_at("temporary_disablement.rate", on).decimal
    minimum = value_at("temporary_disablement.minimum_daily_rate", on).decimal
    daily, floored = daily_rate(wage, rate, minimum)
    return to_sen(daily), floored


def decide(context: Context) -> BenefitResult:
    """TDB for an employment injury that is not a death."""
    case = context.case
    on = context.rules_date
    outcome = Outcome()
    outcome.require_scheme(context.employment_injury)
    outcome.note(*context.injury_notes)

    needed = value_at("temporary_disablement.minimum_medical_leave_days", on)
    days = case.event.medical_leave_days
    if days is None:
        outcome.require(None, missing=(Fact.MEDICAL_LEAVE_DAYS,))
    elif days < needed.count:
        outcome.require(
            False,
            reason(
                "tdb.min_days",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(days)s:
                # days of medical leave the worker has; %(min_days)s: days needed. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "You have %(days)s days of medical leave. You need at least %(min_days)s, "
                    "counting the accident day."
                ),
                needed,
                days=days,
                min_days=needed.count,
            ),
        )
    else:
        outcome.require(
            True,
            reason(
                "tdb.min_days",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(days)s:
                # days of medical leave the worker has; %(min_days)s: days needed. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "You have %(days)s days of medical leave: at least %(min_days)s are needed, "
                    "counting the accident day."
                ),
                needed,
                days=days,
                min_days=needed.count,
            ),
        )

    amount: Amount | None = None
    basis = context.wage
    if basis.wage is None or context.event_date is None:
        outcome.need_for_amount(*basis.missing)
        outcome.note(*basis.reasons)
    else:
        priced = _priced(basis.wage, rules_period(context.event_date), days)
        if priced is not None:
            amount = priced[0]
            outcome.note(*priced[1])
    return outcome.result(
        BenefitId.TEMPORARY_DISABLEMENT,
        amount,
        claim_steps.for_benefit(BenefitId.TEMPORARY_DISABLEMENT, context),
    )


@functools.lru_cache(maxsize=4096)
def _priced(
    wage: AssumedWage, on: date, days: int | None
) -> tuple[Amount, tuple[Reason, ...]] | None:
    """The amount and how it was worked out; ``on`` is the event's :func:`rules_period`."""
    try:
        daily, floored = daily_amount(wage, on)
    except ParameterNotInForce:
        return None
    amount = Amount(value=daily, per=Per.DAY, estimate=True)
    return amount, (*wage.reasons(), *_amount_reasons(on, daily, floored, days))


when_reloaded(_priced.cache_clear)


def _amount_reasons(on: date, daily: Decimal, floored: bool, days: int | None) -> list[Reason]:
    rate = value_at("temporary_disablement.rate", on)
    minimum = value_at("temporary_disablement.minimum_daily_rate", on)
    reasons = [
        reason(
            "tdb.rate",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(rate_pct)s: a
            # percentage; %(amount)s: ringgit a day. Keep under ~120 chars; USSD pages it.
            N_("You get %(rate_pct)s%% of your daily wage: about %(amount)s a day."),
            rate,
            rate_pct=percent(rate.decimal * 100),
            amount=daily,
        )
    ]
    if floored:
        reasons.append(
            reason(
                "tdb.minimum",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(minimum)s: ringgit a day. Keep under ~120 chars; USSD pages it.
                N_("This is the minimum rate of %(minimum)s a day."),
                minimum,
                minimum=minimum.decimal,
            )
        )
    needed = value_at("temporary_disablement.minimum_medical_leave_days", on).count
    if days is not None and days >= needed:
        reasons.append(
            reason(
                "tdb.total",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(days)s:
                # days of medical leave; %(total)s: ringgit. Keep under ~120 chars; USSD pages it.
                N_("For %(days)s days of medical leave that is about %(total)s."),
                rate,
                days=days,
                total=daily * days,
            )
        )
    reasons.append(
        reason(
            "tdb.days_worked",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
            # chars; USSD pages it.
            N_("You are not paid for days you worked and got wages."),
            rate,
        )
    )
    return reasons
