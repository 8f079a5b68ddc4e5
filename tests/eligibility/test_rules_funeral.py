"""Funeral Benefit (rules file section 6)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from eligibility_cases import LOCAL_WORKER, injury, make_case, result, rules

from eligibility import BenefitId, Per, Status

FUNERAL = BenefitId.FUNERAL


@pytest.mark.parametrize(
    ("day", "maximum"),
    [
        ("2016-05-31", "1500.00"),
        ("2016-06-01", "2000.00"),
        ("2024-05-31", "2000.00"),
        ("2024-06-01", "3000.00"),
    ],
)
def test_the_funeral_maximum_is_the_one_in_force_on_the_day_of_death(
    day: str, maximum: str
) -> None:
    found = result(make_case(worker=LOCAL_WORKER, **injury(day, death=True)), FUNERAL)
    assert found.status is Status.ELIGIBLE
    assert found.amount is not None
    assert (found.amount.value, found.amount.max, found.amount.per) == (
        None,
        Decimal(maximum),
        Per.ONCE,
    )


def test_funeral_costs_are_paid_on_receipts_up_to_the_maximum() -> None:
    found = result(make_case(**injury("2025-01-01", death=True)), FUNERAL)
    assert "funeral.maximum" in rules(found)
    assert found.reasons[rules(found).index("funeral.maximum")].message == (
        "PERKESO pays the real funeral cost shown on receipts, up to RM3,000.00."
    )
    assert "funeral_receipts" in [step.id for step in found.claim_steps]


def test_the_family_of_a_foreign_worker_killed_at_work_is_told_to_ask_about_repatriation() -> None:
    found = result(make_case(**injury("2025-01-01", death=True)), FUNERAL)
    ask = found.reasons[rules(found).index("funeral.ask_repatriation")]
    assert ask.params == {}
    assert "RM" not in ask.message


def test_a_non_work_death_at_59_with_enough_contributions_gets_the_funeral_benefit() -> None:
    contributions = {"invalidity_months_paid": 24, "invalidity_months_in_last_40": 24}
    case = make_case(
        worker={"age": 59}, kind="death_non_work", date="2026-08-01", contributions=contributions
    )
    assert result(case, FUNERAL).status is Status.ELIGIBLE


def test_a_non_work_death_at_60_is_outside_the_invalidity_scheme_funeral_benefit() -> None:
    contributions = {"invalidity_months_paid": 24, "invalidity_months_in_last_40": 24}
    case = make_case(
        worker={"age": 60}, kind="death_non_work", date="2026-08-01", contributions=contributions
    )
    found = result(case, FUNERAL)
    assert found.status is Status.NOT_ELIGIBLE
    assert "survivors.age_limit" in rules(found)
