"""The Invalidity Scheme's qualifying period (Act 4 s.17), for invalidity and survivors' pensions.

- Full period: at least 24 contributions in the 40 consecutive months before the month of
  the notice (or death); or contributions for at least 2/3 of the complete months since
  contributions first became payable, with at least 24 in total (s.17(2)).
- Reduced period: at least 1/3 of those months, with at least 24 in total (s.17(3)).
- PERKESO may count a period as met if the shortfall was not the worker's fault (s.17(3A)).

Foreign workers have paid IS contributions only since 1 July 2024, so most reach 24 from about
mid-2026; before that a certified invalid worker usually gets the Invalidity Grant.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from eligibility.facts import Fact
from eligibility.models import Contributions, Reason
from eligibility.parameters import value_at, when_reloaded
from eligibility.reasons import reason
from eligibility.text import N_

__all__ = ["QualifyingPeriod", "months_needed", "pension_rate", "qualifying_period"]


def months_needed(months_since_first: int, share: Fraction, minimum: int) -> int:
    """Contributions needed for ``share`` of the months since the first, and ``minimum`` at least.

    Examples:
        >>> months_needed(60, Fraction(2, 3), 24)
        40
        >>> months_needed(30, Fraction(1, 3), 24)
        24
        >>> months_needed(100, Fraction(1, 3), 24)
        34
    """
    return max(minimum, math.ceil(months_since_first * share))


@dataclass(frozen=True, slots=True, eq=False)
class QualifyingPeriod:
    """Whether the contributions meet the full or the reduced qualifying period.

    Made once per (contributions, date) and remembered, so compared by identity.
    """

    full: bool | None
    reduced: bool | None
    """Met the reduced period (meeting the full one implies this)."""
    reasons: tuple[Reason, ...]
    missing: tuple[str, ...]
    """Facts that would decide whether the period is met, and whether fully (the rate)."""
    months_paid: int | None

    @property
    def qualifies(self) -> bool | None:
        """Full or reduced period met (``None``: a missing fact decides it)."""
        if self.full or self.reduced:
            return True
        if self.full is False and self.reduced is False:
            return False
        return None


@functools.lru_cache(maxsize=4096)
def qualifying_period(contributions: Contributions, on: date) -> QualifyingPeriod:
    """Apply s.17(2) and (3) to the contributions, with the rule in force ``on``."""
    minimum_value = value_at("invalidity.qualifying_period.minimum_contributions", on)
    window_value = value_at("invalidity.qualifying_period.window_months", on)
    full_value = value_at("invalidity.qualifying_period.full_fraction", on)
    reduced_value = value_at("invalidity.qualifying_period.reduced_fraction", on)
    minimum = minimum_value.count
    paid = contributions.invalidity_months_paid
    recent = contributions.invalidity_months_in_last_40
    since = contributions.months_since_first_contribution

    window_met: bool | None
    if recent is not None:
        window_met = recent >= minimum
    elif paid is not None and paid < minimum:
        window_met = False  # no more can fall in the window than were paid at all
    else:
        window_met = None

    def share_met(share: Fraction) -> bool | None:
        if paid is not None and paid < minimum:
            return False
        if paid is None or since is None:
            return None
        return paid >= months_needed(since, share, minimum)

    full_share = share_met(full_value.fraction)
    reduced = share_met(reduced_value.fraction)
    full: bool | None
    if window_met or full_share:
        full = True
    elif window_met is False and full_share is False:
        full = False
    else:
        full = None
    reduced_or_full = True if full else reduced

    reasons: list[Reason] = []
    if window_met:
        reasons.append(
            reason(
                "qualifying.full_window",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(months)s:
                # monthly contributions paid in the last %(window)s months; %(minimum)s: the
                # number needed. Keep under ~120 chars; USSD pages it.
                N_(
                    "%(months)s monthly contributions in the last %(window)s months "
                    "(%(minimum)s needed): enough for the full rate."
                ),
                (minimum_value, window_value),
                months=recent,
                window=window_value.count,
                minimum=minimum,
            )
        )
    elif full_share and paid is not None and since is not None:
        reasons.append(
            reason(
                "qualifying.full_share",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(paid)s:
                # months with contributions; %(since)s: months since the first one;
                # %(needed)s: months needed. Keep under ~120 chars; USSD pages it.
                N_(
                    "Contributions in %(paid)s of %(since)s months (%(needed)s needed): "
                    "enough for the full rate."
                ),
                (minimum_value, full_value),
                paid=paid,
                since=since,
                needed=months_needed(since, full_value.fraction, minimum),
            )
        )
    elif full is False and reduced and paid is not None and since is not None:
        reasons.append(
            reason(
                "qualifying.reduced_share",
                # TRANSLATORS: summary screen, one line per reason; chat and USSD. %(paid)s:
                # months with contributions; %(since)s: months since the first one;
                # %(needed)s: months needed. Keep under ~120 chars; USSD pages it.
                N_(
                    "Contributions in %(paid)s of %(since)s months (%(needed)s needed): "
                    "enough for the reduced rate."
                ),
                (minimum_value, reduced_value),
                paid=paid,
                since=since,
                needed=months_needed(since, reduced_value.fraction, minimum),
            )
        )
    elif reduced_or_full is False and paid is not None:
        discretion = value_at("invalidity.shortfall_discretion", on)
        if paid < minimum:
            reasons.append(
                reason(
                    "qualifying.minimum_contributions",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(paid)s: monthly contributions paid; %(minimum)s: the number a
                    # pension needs. Keep under ~120 chars; USSD pages it.
                    N_(
                        "%(paid)s monthly contributions were paid. A pension needs at least "
                        "%(minimum)s."
                    ),
                    minimum_value,
                    paid=paid,
                    minimum=minimum,
                )
            )
        elif since is not None:
            reasons.append(
                reason(
                    "qualifying.share_too_low",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD.
                    # %(paid)s: months with contributions; %(since)s: months since the first
                    # one; %(needed)s: months a pension needs. Keep under ~120 chars; USSD
                    # pages it.
                    N_(
                        "Contributions in %(paid)s of %(since)s months. A pension needs %(needed)s."
                    ),
                    (minimum_value, reduced_value),
                    paid=paid,
                    since=since,
                    needed=months_needed(since, reduced_value.fraction, minimum),
                )
            )
        if discretion.flag:
            reasons.append(
                reason(
                    "qualifying.shortfall_discretion",
                    # TRANSLATORS: summary screen, one line per reason; chat and USSD. Keep
                    # under ~120 chars; USSD pages it.
                    N_(
                        "If the shortfall was not the worker's fault, PERKESO may still count "
                        "the months as enough. Ask them."
                    ),
                    discretion,
                )
            )

    missing: tuple[str, ...] = ()
    if reduced_or_full is None or full is None or (full and paid is None):
        missing = tuple(
            fact
            for fact, value in (
                (Fact.INVALIDITY_MONTHS_IN_LAST_40, recent),
                (Fact.INVALIDITY_MONTHS_PAID, paid),
                (Fact.MONTHS_SINCE_FIRST_CONTRIBUTION, since),
            )
            if value is None
        )
    return QualifyingPeriod(
        full=full,
        reduced=reduced_or_full,
        reasons=tuple(reasons),
        missing=missing,
        months_paid=paid,
    )


def pension_rate(period: QualifyingPeriod, on: date) -> Decimal | None:
    """The pension's share of the average monthly wage, or ``None`` if not yet known.

    Full period: 50%, plus 1% for every 12 months of contributions beyond the first 24, at
    most 65%. Reduced period: a flat 50% (Act 4 s.20(1)).

    Examples:
        >>> from eligibility.models import Contributions
        >>> paid = Contributions(invalidity_months_paid=36, invalidity_months_in_last_40=36)
        >>> pension_rate(qualifying_period(paid, date(2027, 1, 1)), date(2027, 1, 1))
        Decimal('0.51')
    """
    if period.full:
        if period.months_paid is None:
            return None
        minimum = value_at("invalidity.qualifying_period.minimum_contributions", on).count
        every = value_at("invalidity.pension.increment_every_months", on).count
        steps = max(period.months_paid - minimum, 0) // every
        rate = (
            value_at("invalidity.pension.base_rate", on).decimal
            + value_at("invalidity.pension.increment_rate", on).decimal * steps
        )
        return min(rate, value_at("invalidity.pension.maximum_rate", on).decimal)
    if period.full is False and period.reduced:
        return value_at("invalidity.pension.reduced_rate", on).decimal
    return None


when_reloaded(qualifying_period.cache_clear)
