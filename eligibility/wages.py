"""From the wage a worker states to the assumed wages every benefit formula uses.

PERKESO does not use the wage itself but the *assumed monthly wage* of the contribution band
the wage falls in (Act 4, Fourth Schedule), averaged over the 6 months before the month of
the injury, and the *assumed average daily wage* (AADW), 1/30 of it
(perkeso.gov.my/en/temporary-disablement-benefit.html).

kawan's convention (DERIVED, rules file section 12b): bands are RM100 wide, and a band's
assumed wage is its mid-point: RM1,700.01-1,800.00 -> RM1,750. The top band's assumed wage is
the ceiling minus half a band (RM6,000 -> RM5,950, which the published maxima confirm). The
ceiling is the one in force on the event date; the six months before an accident that
follows a ceiling rise may have used the old one, so amounts are estimates. A worker states
one average wage; kawan treats it as the wage of each of the six months.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from eligibility.facts import Fact
from eligibility.models import Case, Reason
from eligibility.parameters import (
    ParameterNotInForce,
    ParameterValue,
    parameter,
    value_at,
    when_reloaded,
)
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["AssumedWage", "WageBasis", "assumed_wage", "band_mid_point", "daily_rate", "wage_basis"]


def band_mid_point(wage: Decimal, band_width: Decimal) -> Decimal:
    """The assumed monthly wage of the band ``wage`` falls in: the band's mid-point.

    Bands run from just above one multiple of ``band_width`` up to and including the next;
    a wage of 0 falls in the first band.

    Examples:
        >>> band_mid_point(Decimal("1800.00"), Decimal("100"))
        Decimal('1750')
        >>> band_mid_point(Decimal("1700.01"), Decimal("100"))
        Decimal('1750')
        >>> band_mid_point(Decimal("1800.01"), Decimal("100"))
        Decimal('1850')
        >>> band_mid_point(Decimal("0"), Decimal("100"))
        Decimal('50')
    """
    bands = (wage / band_width).to_integral_value(rounding=ROUND_CEILING)
    top = max(bands, Decimal(1)) * band_width
    return top - band_width / 2


@dataclass(frozen=True, slots=True)
class AssumedWage:
    """The wages PERKESO's formulas use for one case."""

    stated: Decimal
    """The average monthly wage the worker gave."""
    monthly: Decimal
    """The assumed (average) monthly wage: the band mid-point, capped at the top band."""
    capped: bool
    """The stated wage is above the top band, so ``monthly`` is the top assumed wage."""
    ceiling: ParameterValue
    band_width: ParameterValue
    days_per_month: ParameterValue

    @property
    def daily(self) -> Decimal:
        """The assumed average daily wage (AADW), unrounded."""
        return self.monthly / self.days_per_month.count

    def reasons(self) -> tuple[Reason, ...]:
        """How the stated wage became the assumed wage."""
        if self.capped:
            return (
                reason(
                    "wages.ceiling",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(ceiling)s: the wage ceiling in ringgit; %(assumed)s: the top assumed
                    # monthly wage in ringgit. Keep under ~120 chars; USSD pages it.
                    N_("Wages above %(ceiling)s a month count as %(assumed)s, the highest band."),
                    (self.ceiling, self.band_width),
                    ceiling=self.ceiling.decimal,
                    assumed=self.monthly,
                ),
            )
        return (
            reason(
                "wages.assumed_wage",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(wage)s:
                # the monthly wage the worker gave; %(assumed)s: the wage PERKESO counts, both
                # in ringgit. Keep under ~120 chars; USSD pages it.
                N_(
                    "A wage of %(wage)s a month counts as %(assumed)s, the middle of its wage band."
                ),
                (self.band_width, self.days_per_month),
                wage=self.stated,
                assumed=self.monthly,
            ),
        )


def assumed_wage(average_monthly_wage: Decimal, on: date) -> AssumedWage:
    """The assumed wages for a stated average monthly wage, with the ceiling in force ``on``.

    Examples:
        >>> assumed_wage(Decimal("1800.00"), date(2025, 3, 10)).monthly
        Decimal('1750')
        >>> assumed_wage(Decimal("9000"), date(2025, 3, 10)).monthly
        Decimal('5950')
        >>> assumed_wage(Decimal("9000"), date(2024, 9, 30)).monthly
        Decimal('4950')

    Raises:
        ParameterNotInForce: kawan has no wage ceiling for that date.
    """
    ceiling = value_at("wages.ceiling", on)
    band_width = value_at("wages.band_width", on)
    top = ceiling.decimal - band_width.decimal / 2
    mid_point = band_mid_point(average_monthly_wage, band_width.decimal)
    return AssumedWage(
        stated=average_monthly_wage,
        monthly=min(mid_point, top),
        capped=mid_point > top,
        ceiling=ceiling,
        band_width=band_width,
        days_per_month=value_at("wages.days_per_month", on),
    )


def daily_rate(wage: AssumedWage, rate: Decimal, minimum: Decimal) -> tuple[Decimal, bool]:
    """``rate`` of the AADW, at least ``minimum``, unrounded; and whether the minimum applied.

    Examples:
        >>> wage = assumed_wage(Decimal("1650"), date(2025, 1, 1))
        >>> daily_rate(wage, Decimal("0.8"), Decimal("30"))
        (Decimal('44.0'), False)
    """
    computed = wage.daily * rate
    if computed < minimum:
        return minimum, True
    return computed, False


@dataclass(frozen=True, slots=True)
class WageBasis:
    """The assumed wage of a case, or why there is none."""

    wage: AssumedWage | None
    missing: tuple[str, ...] = ()
    """Facts that would give the wage (the wage itself, the event date)."""
    reasons: tuple[Reason, ...] = ()
    """Why there is no figure even with every fact (no ceiling for the date)."""


def wage_basis(case: Case) -> WageBasis:
    """The assumed wage for the case's stated wage and event date."""
    stated = case.wages.average_monthly_wage
    on = case.event.date
    missing = tuple(
        fact
        for fact, value in ((Fact.AVERAGE_MONTHLY_WAGE, stated), (Fact.EVENT_DATE, on))
        if value is None
    )
    if stated is None or on is None:
        return WageBasis(None, missing)
    return _wage_basis(stated, on)


@functools.lru_cache(maxsize=4096)
def _wage_basis(stated: Decimal, on: date) -> WageBasis:
    try:
        return WageBasis(assumed_wage(stated, on))
    except ParameterNotInForce:
        ceiling = parameter("wages.ceiling")
        return WageBasis(
            None,
            reasons=(
                reason(
                    "wages.no_ceiling",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(start)s: the earliest date kawan has wage figures for. Keep under ~120
                    # chars; USSD pages it.
                    N_(
                        "kawan has no wage figures for dates before %(start)s. Ask PERKESO for the "
                        "amount."
                    ),
                    ceiling,
                    start=ceiling.first_known_date,
                ),
            ),
        )


when_reloaded(_wage_basis.cache_clear)
