"""Invalidity Pension and Invalidity Grant (Invalidity Scheme, rules file section 7).

- Invalidity: a lasting condition, from any cause, that the Medical Board certifies leaves
  the worker unable to earn a living (at least 1/3 of a normal worker's earnings).
- Pension: the worker was covered by the IS (foreign workers: from 1 Jul 2024, First
  Category), was under 60 when the Notice of Invalidity was received, and met the full or
  reduced qualifying period (:mod:`eligibility.qualifying_period`). 50% of the average
  monthly wage plus 1% per 12 contributions beyond 24, at most 65%; reduced period 50%; at
  least RM550 a month from 1 Jan 2023 (RM475 before), at most RM3,867.50 (65% x 5,950).
- Grant: certified invalid but the qualifying period is not met: the worker's and the
  employer's IS contributions with interest, once. The interest rate is UNVERIFIED, so kawan
  gives no figure and tells the worker to ask PERKESO.

``worker.age`` is read as the age when the condition began (the notice); the minimum
pension is the one in force when the pension is paid (the assessment date).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from eligibility import claim_steps
from eligibility.context import Context
from eligibility.facts import Fact
from eligibility.models import Amount, BenefitId, BenefitResult, Per, Reason
from eligibility.money import to_sen
from eligibility.outcome import Outcome
from eligibility.parameters import (
    ParameterNotInForce,
    parameter,
    rules_period,
    value_at,
    when_reloaded,
)
from eligibility.percent import percent
from eligibility.qualifying_period import QualifyingPeriod, pension_rate
from eligibility.reasons import reason
from eligibility.text import N_
from eligibility.wages import AssumedWage

__all__ = [
    "MonthlyPension",
    "decide_grant",
    "decide_pension",
    "monthly_pension",
    "pension_amount",
    "require_age",
    "require_pension_conditions",
]


@dataclass(frozen=True, slots=True)
class MonthlyPension:
    """An invalidity or survivors' pension a month, to the sen."""

    amount: Decimal
    rate: Decimal
    floored: bool
    """The computed pension was below the minimum, so the minimum is paid."""


def monthly_pension(wage: AssumedWage, rate: Decimal, paid_on: date) -> MonthlyPension:
    """``rate`` of the assumed monthly wage, at least the minimum in force ``paid_on``.

    Examples:
        >>> from eligibility.wages import assumed_wage
        >>> wage = assumed_wage(Decimal("1650"), date(2027, 1, 1))
        >>> monthly_pension(wage, Decimal("0.51"), date(2027, 1, 1)).amount
        Decimal('841.50')
    """
    minimum = value_at("invalidity.pension.minimum", paid_on).decimal
    computed = to_sen(wage.monthly * rate)
    if computed < minimum:
        return MonthlyPension(minimum, rate, True)
    return MonthlyPension(computed, rate, False)


def require_age(outcome: Outcome, context: Context, *, death: bool = False) -> None:
    """Under 60 when the condition began, or at death (IS pensions, grant, IS funeral)."""
    limit = value_at("invalidity.age_limit", context.rules_date)
    age = context.case.worker.age
    if age is None:
        outcome.require(None, missing=(Fact.AGE,))
    elif age < limit.count:
        outcome.require(True)
    elif death:
        outcome.require(
            False,
            reason(
                "survivors.age_limit",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(age_limit)s: age in years; %(age)s: the worker's age at death. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "This needs death before age %(age_limit)s, unless the worker already had an "
                    "invalidity pension. Age: %(age)s."
                ),
                limit,
                age_limit=limit.count,
                age=age,
            ),
        )
    else:
        outcome.require(
            False,
            reason(
                "invalidity.age_limit",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(age_limit)s: age in years; %(age)s: the worker's age. Keep under ~120 chars;
                # USSD pages it.
                N_(
                    "This needs the illness to begin before age %(age_limit)s, with no paid "
                    "work since. You were %(age)s."
                ),
                limit,
                age_limit=limit.count,
                age=age,
            ),
        )


def require_pension_conditions(outcome: Outcome, context: Context, *, death: bool = False) -> None:
    """Covered by the IS, under the age limit, qualifying period met."""
    outcome.require_scheme(context.invalidity)
    require_age(outcome, context, death=death)
    period = context.qualifying
    if period is None:
        outcome.require(None, missing=(Fact.EVENT_DATE,))
    else:
        outcome.require(period.qualifies, *period.reasons, missing=period.missing)


def pension_amount(outcome: Outcome, context: Context, *, survivors: bool = False) -> Amount | None:
    """The monthly pension, noting how it was worked out; ``None`` while a fact is missing."""
    basis = context.wage
    period = context.qualifying
    if period is not None and period.qualifies:
        outcome.need_for_amount(*period.missing)
    if basis.wage is None or period is None:
        outcome.need_for_amount(*basis.missing)
        outcome.note(*basis.reasons)
        return None
    priced = _priced(
        basis.wage,
        period,
        rules_period(context.rules_date),
        rules_period(context.payment_date),
        survivors,
    )
    if priced is None:
        return None
    outcome.note(*priced[1])
    return priced[0]


@functools.lru_cache(maxsize=4096)
def _priced(
    wage: AssumedWage, period: QualifyingPeriod, on: date, paid_on: date, survivors: bool
) -> tuple[Amount, tuple[Reason, ...]] | None:
    """The pension and how it was worked out; ``on`` and ``paid_on`` are rules periods."""
    rate = pension_rate(period, on)
    if rate is None:
        return None
    try:
        pension = monthly_pension(wage, rate, paid_on)
    except ParameterNotInForce:
        return None
    amount = Amount(value=pension.amount, per=Per.MONTH, estimate=True)
    return amount, (*wage.reasons(), *_rate_reasons(pension, on, paid_on, survivors=survivors))


when_reloaded(_priced.cache_clear)


def _rate_reasons(
    pension: MonthlyPension, on: date, paid_on: date, *, survivors: bool
) -> list[Reason]:
    sources = (
        value_at("invalidity.pension.base_rate", on),
        value_at("invalidity.pension.maximum_rate", on),
    )
    if survivors:
        first = reason(
            "survivors.rate",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(rate_pct)s: a
            # percentage; %(amount)s: ringgit a month. Keep under ~120 chars; USSD pages it.
            N_(
                "The family shares a pension of %(rate_pct)s%% of the worker's wage: about "
                "%(amount)s a month."
            ),
            sources,
            rate_pct=percent(pension.rate * 100),
            amount=pension.amount,
        )
    else:
        first = reason(
            "invalidity.pension_rate",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(rate_pct)s: a
            # percentage; %(amount)s: ringgit a month. Keep under ~120 chars; USSD pages it.
            N_("Your pension is %(rate_pct)s%% of your monthly wage: about %(amount)s a month."),
            sources,
            rate_pct=percent(pension.rate * 100),
            amount=pension.amount,
        )
    reasons = [first]
    if pension.floored:
        minimum = value_at("invalidity.pension.minimum", paid_on)
        reasons.append(
            reason(
                "invalidity.pension_minimum",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(minimum)s: ringgit a month. Keep under ~120 chars; USSD pages it.
                N_("This is the minimum pension of %(minimum)s a month."),
                minimum,
                minimum=minimum.decimal,
            )
        )
    return reasons


@functools.lru_cache(maxsize=64)
def _certification(on: date) -> Reason:
    """Invalidity needs the Medical Board; ``on`` is a :func:`rules_period` start."""
    return reason(
        "invalidity.medical_board",
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_("The Medical Board must certify that your illness stops you from earning a living."),
        value_at("claims.medical_board", on),
    )


@functools.lru_cache(maxsize=64)
def _from_notice(on: date) -> Reason:
    """When the pension starts; ``on`` is a :func:`rules_period` start."""
    return reason(
        "invalidity.pension_from_notice",
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
        # chars; USSD pages it.
        N_("The pension is paid from the day PERKESO receives your Notice of Invalidity."),
        value_at("claims.notice_of_invalidity", on),
    )


@functools.lru_cache(maxsize=64)
def _grant_notes(on: date) -> tuple[Reason, ...]:
    """What the grant is and what to ask; ``on`` is a :func:`rules_period` start."""
    interest = parameter("invalidity.grant.interest_rate")
    return (
        _certification(on),
        reason(
            "invalidity.grant",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
            # chars; USSD pages it.
            N_(
                "You get back your and your employer's Invalidity Scheme contributions, with "
                "interest, once."
            ),
            interest,
        ),
        reason(
            "invalidity.grant_interest_unverified",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under ~120
            # chars; USSD pages it.
            N_("Ask PERKESO how much interest is added to your contributions."),
            interest,
        ),
    )


for _cache in (_certification, _from_notice, _grant_notes):
    when_reloaded(_cache.cache_clear)


def decide_pension(context: Context) -> BenefitResult:
    """Invalidity Pension."""
    outcome = Outcome()
    require_pension_conditions(outcome, context)
    period = rules_period(context.rules_date)
    outcome.note(_certification(period))
    amount = pension_amount(outcome, context)
    outcome.note(_from_notice(period))
    return outcome.result(
        BenefitId.INVALIDITY_PENSION,
        amount,
        claim_steps.for_benefit(BenefitId.INVALIDITY_PENSION, context),
    )


def decide_grant(context: Context) -> BenefitResult:
    """Invalidity Grant: for a certified invalid worker who does not qualify for the pension."""
    outcome = Outcome()
    outcome.require_scheme(context.invalidity)
    require_age(outcome, context)
    period = context.qualifying
    if period is None:
        outcome.require(None, missing=(Fact.EVENT_DATE,))
    elif period.qualifies is None:
        outcome.require(None, *period.reasons, missing=period.missing)
    elif period.qualifies:
        outcome.require(
            False,
            reason(
                "invalidity.pension_instead",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "You have enough contributions for the invalidity pension, so the one-time "
                    "grant is not paid."
                ),
                value_at("invalidity.qualifying_period.minimum_contributions", context.rules_date),
            ),
        )
    else:
        outcome.require(True, *period.reasons)
    outcome.note(*_grant_notes(rules_period(context.rules_date)))
    return outcome.result(
        BenefitId.INVALIDITY_GRANT,
        None,
        claim_steps.for_benefit(BenefitId.INVALIDITY_GRANT, context),
    )
