"""Permanent Disablement Benefit (PDB): for a lasting loss of earning capacity after an injury.

Rules file section 3: the Medical Board assesses the loss (%); 90% of the assumed average
daily wage for a total loss, at least RM30 a day, and the assessed share of it for a partial
loss (MED: proportional, rules file section 12b). A loss of 20% or less is normally paid as
one lump sum (ambiguity A3); above 20%, monthly for life, with the option to commute 1/5 of
the daily rate into a lump sum. Claim within 12 months of the last day of temporary
disablement. The current maximum, RM178.50 a day = RM5,355 a month (90% x 5,950), matches
the Minister's published maximum.
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
from eligibility.parameters import ParameterNotInForce, rules_period, value_at, when_reloaded
from eligibility.percent import percent
from eligibility.reasons import reason
from eligibility.text import N_
from eligibility.wages import AssumedWage, daily_rate

__all__ = ["PermanentDisablementRate", "decide", "rate_for_loss"]


@dataclass(frozen=True, slots=True)
class PermanentDisablementRate:
    """The PDB for one assessed loss: daily and monthly, rounded only when read."""

    full_daily: Decimal
    """The daily rate for a total (100%) loss, unrounded."""
    floored: bool
    """The minimum daily rate applied."""
    loss_pct: Decimal
    days_per_month: int

    @property
    def daily(self) -> Decimal:
        """The daily rate for the assessed loss, to the sen."""
        return to_sen(self.full_daily * self.loss_pct / 100)

    @property
    def monthly(self) -> Decimal:
        """The same rate for a month of 30 days, to the sen."""
        return to_sen(self.full_daily * self.loss_pct / 100 * self.days_per_month)


def rate_for_loss(wage: AssumedWage, loss_pct: Decimal, on: date) -> PermanentDisablementRate:
    """The PDB for the injury of ``on`` and an assessed loss of ``loss_pct`` percent.

    Examples:
        >>> from eligibility.wages import assumed_wage
        >>> on = date(2025, 1, 1)
        >>> top = rate_for_loss(assumed_wage(Decimal("8000"), on), Decimal(100), on)
        >>> top.daily, top.monthly
        (Decimal('178.50'), Decimal('5355.00'))
    """
    rate = value_at("permanent_disablement.rate", on).decimal
    minimum = value_at("permanent_disablement.minimum_daily_rate", on).decimal
    full_daily, floored = daily_rate(wage, rate, minimum)
    return PermanentDisablementRate(full_daily, floored, loss_pct, wage.days_per_month.count)


def decide(context: Context) -> BenefitResult:
    """PDB for an employment injury that is not a death."""
    case = context.case
    on = context.rules_date
    outcome = Outcome()
    outcome.require_scheme(context.employment_injury)
    outcome.note(*context.injury_notes)

    loss = case.event.loss_of_earning_capacity_pct
    if loss is None:
        outcome.require(
            None,
            reason(
                "pdb.assessment_needed",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "The Medical Board decides how much of your ability to earn you have lost, as "
                    "a percentage."
                ),
                value_at("claims.medical_board", on),
            ),
            missing=(Fact.LOSS_OF_EARNING_CAPACITY_PCT,),
        )
    elif loss == 0:
        outcome.require(
            False,
            reason(
                "pdb.no_loss",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep under
                # ~120 chars; USSD pages it.
                N_(
                    "The Medical Board found no lasting loss, so there is no permanent disablement "
                    "benefit."
                ),
                value_at("permanent_disablement.rate", on),
            ),
        )
    else:
        outcome.require(True, _how_paid(loss, rules_period(on)))

    event_date = context.event_date
    days = case.event.medical_leave_days
    if event_date is not None and days is not None:
        deadline = claim_steps.permanent_disablement_deadline(event_date, days)
        if deadline is not None and context.as_of > deadline:
            limit = value_at("permanent_disablement.claim_limit_months", on)
            outcome.note(
                reason(
                    "pdb.claim_limit_passed",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(months)s: number of months; %(deadline)s: a date. Keep under ~120
                    # chars; USSD pages it.
                    N_(
                        "The %(months)s-month limit to claim ended on %(deadline)s. Ask PERKESO "
                        "if you can still claim."
                    ),
                    limit,
                    months=limit.count,
                    deadline=deadline,
                )
            )

    amount: Amount | None = None
    basis = context.wage
    if basis.wage is None or event_date is None:
        outcome.need_for_amount(*basis.missing)
        outcome.note(*basis.reasons)
    elif loss is not None and loss > 0:
        priced = _priced(basis.wage, loss, rules_period(event_date))
        if priced is not None:
            amount = priced[0]
            outcome.note(*priced[1])
    return outcome.result(
        BenefitId.PERMANENT_DISABLEMENT,
        amount,
        claim_steps.for_benefit(BenefitId.PERMANENT_DISABLEMENT, context),
    )


@functools.lru_cache(maxsize=4096)
def _priced(wage: AssumedWage, loss: Decimal, on: date) -> tuple[Amount, tuple[Reason, ...]] | None:
    """The amount and how it was worked out; ``on`` is the event's :func:`rules_period`."""
    try:
        pdb = rate_for_loss(wage, loss, on)
    except ParameterNotInForce:
        return None
    amount = Amount(value=pdb.daily, per=Per.DAY, estimate=True)
    return amount, (*wage.reasons(), *_amount_reasons(pdb, on))


when_reloaded(_priced.cache_clear)


@functools.lru_cache(maxsize=1024)
def _how_paid(loss: Decimal, on: date) -> Reason:
    limit = value_at("permanent_disablement.lump_sum_limit", on)
    if loss <= limit.decimal * 100:
        return reason(
            "pdb.lump_sum",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(limit_pct)s: a
            # percentage. Keep under ~120 chars; USSD pages it.
            N_(
                "A loss of %(limit_pct)s%% or less is normally paid once, as a lump sum that "
                "PERKESO works out."
            ),
            limit,
            limit_pct=percent(limit.decimal * 100),
        )
    commutable = value_at("permanent_disablement.commutable_share", on)
    return reason(
        "pdb.monthly_for_life",
        # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(limit_pct)s,
        # %(commutable_pct)s: percentages. Keep under ~120 chars; USSD pages it.
        N_(
            "Above %(limit_pct)s%%, it is paid every month for life. You may take "
            "%(commutable_pct)s%% of it as one lump sum."
        ),
        (limit, commutable),
        limit_pct=percent(limit.decimal * 100),
        commutable_pct=percent(commutable.decimal * 100),
    )


def _amount_reasons(pdb: PermanentDisablementRate, on: date) -> list[Reason]:
    rate = value_at("permanent_disablement.rate", on)
    reasons = [
        reason(
            "pdb.rate",
            # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(loss_pct)s: the
            # assessed loss, a percentage; %(amount)s: ringgit a day; %(monthly)s: ringgit a
            # month. Keep under ~120 chars; USSD pages it.
            N_(
                "For a %(loss_pct)s%% loss you get about %(amount)s a day (about %(monthly)s a "
                "month)."
            ),
            rate,
            loss_pct=percent(pdb.loss_pct),
            amount=pdb.daily,
            monthly=pdb.monthly,
        )
    ]
    if pdb.floored:
        minimum = value_at("permanent_disablement.minimum_daily_rate", on)
        reasons.append(
            reason(
                "pdb.minimum",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                # %(minimum)s: ringgit a day. Keep under ~120 chars; USSD pages it.
                N_("This uses the minimum rate of %(minimum)s a day for a total loss."),
                minimum,
                minimum=minimum.decimal,
            )
        )
    return reasons


when_reloaded(_how_paid.cache_clear)
