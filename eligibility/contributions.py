"""What a foreign worker and their employer pay PERKESO each month.

Rates are dated parameters (``parameters/contributions.yaml``, rules file s.1): the
employer pays the Employment Injury Scheme (1.25% from 2019) and, for a worker in the
First Category, half of the Invalidity Scheme (0.5% + the worker's 0.5%, from 1 July
2024). PERKESO's real figures come from its contribution table, one amount per wage band,
so the amounts here are rate x wage (capped at the wage ceiling) and always estimates.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from eligibility.parameters import ParameterNotInForce, ParameterValue, value_at

__all__ = ["MonthlyContributions", "Rates", "monthly_contributions", "rates"]

_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Rates:
    """The contribution rates in force on a date, as shares of the wage (0.0125 = 1.25%).

    A scheme that did not yet cover foreign workers on that date has the rate ``0``.
    """

    employer_injury: Decimal
    employer_invalidity: Decimal
    worker_invalidity: Decimal
    references: tuple[str, ...]

    @property
    def employer(self) -> Decimal:
        return self.employer_injury + self.employer_invalidity


@dataclass(frozen=True, slots=True)
class MonthlyContributions:
    """About how much each side pays a month for ``wage`` (an estimate)."""

    wage: Decimal
    employer: Decimal
    worker: Decimal


def _rate(name: str, on: date, sources: list[str]) -> Decimal:
    try:
        found: ParameterValue = value_at(name, on)
    except ParameterNotInForce:
        return Decimal(0)
    sources.append(found.reference)
    return found.decimal


def rates(on: date) -> Rates:
    """The rates in force on ``on``.

    Examples:
        >>> r = rates(date(2026, 1, 1))
        >>> r.employer_injury, r.employer_invalidity, r.worker_invalidity
        (Decimal('0.0125'), Decimal('0.005'), Decimal('0.005'))
        >>> rates(date(2024, 6, 30)).worker_invalidity
        Decimal('0')
    """
    sources: list[str] = []
    employer_injury = _rate("contributions.employment_injury.employer", on, sources)
    employer_invalidity = _rate("contributions.invalidity.employer", on, sources)
    worker_invalidity = _rate("contributions.invalidity.worker", on, sources)
    return Rates(
        employer_injury, employer_invalidity, worker_invalidity, tuple(dict.fromkeys(sources))
    )


def monthly_contributions(wage: Decimal, on: date) -> MonthlyContributions:
    """About what the employer and the worker pay a month on ``wage``.

    Examples:
        >>> paid = monthly_contributions(Decimal("1850"), date(2026, 1, 1))
        >>> paid.employer, paid.worker
        (Decimal('32.38'), Decimal('9.25'))
        >>> monthly_contributions(Decimal("9000"), date(2026, 1, 1)).worker
        Decimal('30.00')
    """
    base = wage
    with contextlib.suppress(ParameterNotInForce):
        base = min(wage, value_at("wages.ceiling", on).decimal)
    found = rates(on)
    return MonthlyContributions(
        wage=wage,
        employer=(base * found.employer).quantize(_CENT, rounding=ROUND_HALF_UP),
        worker=(base * found.worker_invalidity).quantize(_CENT, rounding=ROUND_HALF_UP),
    )
