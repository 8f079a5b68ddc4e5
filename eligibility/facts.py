"""The facts of a case, named by their dotted path in the JSON contract.

``BenefitResult.missing`` lists these paths: they are what the dialogs ask next. A fact about
one dependant is ``dependants.<index>.<field>``, the index counted from 0 as in the JSON list.
"""

from __future__ import annotations

from enum import StrEnum


class Fact(StrEnum):
    """A fact of the case that can decide a benefit or its amount."""

    FOREIGN_WORKER = "worker.foreign_worker"
    DOMESTIC_WORKER = "worker.domestic_worker"
    AGE = "worker.age"
    """The worker's age when the event happened (for invalidity, when the notice is given)."""
    AGE_AT_FIRST_CONTRIBUTION = "worker.age_at_first_contribution"
    EVENT_DATE = "event.date"
    MEDICAL_LEAVE_DAYS = "event.medical_leave_days"
    LOSS_OF_EARNING_CAPACITY_PCT = "event.loss_of_earning_capacity_pct"
    DIED_IN_MALAYSIA = "event.died_in_malaysia"
    AVERAGE_MONTHLY_WAGE = "wages.average_monthly_wage"
    INVALIDITY_MONTHS_PAID = "contributions.invalidity_months_paid"
    INVALIDITY_MONTHS_IN_LAST_40 = "contributions.invalidity_months_in_last_40"
    MONTHS_SINCE_FIRST_CONTRIBUTION = "contributions.months_since_first_contribution"
    DEPENDANTS = "dependants"
    """The list of dependants itself (``null``: not asked yet)."""


def dependant_fact(index: int, field: str) -> str:
    """The dotted path of one dependant's field.

    Examples:
        >>> dependant_fact(1, "age")
        'dependants.1.age'
    """
    return f"dependants.{index}.{field}"
