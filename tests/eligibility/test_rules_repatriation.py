"""Refund of the cost of sending a foreign worker's body home (rules file section 6)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eligibility_cases import make_case, result, rules

from eligibility import BenefitId, BenefitResult, Status, assess

REFUND = BenefitId.REPATRIATION_REFUND


def refund(
    day: str = "2025-05-01", died_in_malaysia: bool | None = True, **worker: Any
) -> BenefitResult:
    case = make_case(
        worker=worker, kind="death_non_work", date=day, died_in_malaysia=died_in_malaysia
    )
    return result(case, REFUND)


def test_a_foreign_workers_death_in_malaysia_is_refunded_up_to_rm4500_on_receipts() -> None:
    found = refund()
    assert found.status is Status.ELIGIBLE
    assert found.amount is not None
    assert (found.amount.value, found.amount.max) == (None, Decimal("4500.00"))
    assert "repatriation_receipts" in [s.id for s in found.claim_steps]


def test_from_1_july_2024_the_refund_is_an_invalidity_scheme_benefit() -> None:
    assert "repatriation.goodwill" not in rules(refund("2024-07-01"))


def test_before_1_july_2024_perkeso_paid_the_refund_as_goodwill() -> None:
    found = refund("2024-06-30")
    assert found.status is Status.ELIGIBLE
    assert "repatriation.goodwill" in rules(found)


def test_a_death_before_foreign_workers_joined_perkeso_is_not_refunded() -> None:
    found = refund("2018-12-31")
    assert found.status is Status.NOT_ELIGIBLE
    assert rules(found) == ["repatriation.before_perkeso"]


def test_a_death_outside_malaysia_is_not_refunded() -> None:
    assert refund(died_in_malaysia=False).status is Status.NOT_ELIGIBLE


def test_where_the_worker_died_is_asked_when_unknown() -> None:
    found = refund(died_in_malaysia=None)
    assert found.status is Status.NEEDS_INFORMATION
    assert found.missing == ["event.died_in_malaysia"]


def test_a_malaysian_workers_death_lists_no_repatriation_refund() -> None:
    case = make_case(worker={"foreign_worker": False}, kind="death_non_work", date="2025-05-01")
    assert assess(case).benefit(REFUND) is None


def test_nationality_is_asked_when_unknown() -> None:
    assert refund(foreign_worker=None).missing == ["worker.foreign_worker"]


def test_the_family_is_told_to_ask_whether_funeral_benefit_and_refund_both_apply() -> None:
    assert "repatriation.ask_with_funeral" in rules(refund())
