"""Constant-Attendance Allowance (rules file section 4)."""

from __future__ import annotations

from decimal import Decimal

from eligibility_cases import injury, make_case, result, rules

from eligibility import BenefitId, Per, Status, assess

CAA = BenefitId.CONSTANT_ATTENDANCE
FULL = {
    "invalidity_months_paid": 30,
    "invalidity_months_in_last_40": 30,
    "months_since_first_contribution": 30,
}


def test_total_disablement_needing_constant_help_gets_rm500_a_month() -> None:
    case = make_case(**injury(loss_of_earning_capacity_pct="100", needs_constant_attendance=True))
    found = result(case, CAA)
    assert found.status is Status.ELIGIBLE
    assert found.amount is not None
    assert (found.amount.value, found.amount.per, found.amount.estimate) == (
        Decimal("500.00"),
        Per.MONTH,
        False,
    )


def test_a_99_percent_loss_is_not_total_disablement() -> None:
    case = make_case(**injury(loss_of_earning_capacity_pct="99", needs_constant_attendance=True))
    found = result(case, CAA)
    assert found.status is Status.NOT_ELIGIBLE
    assert rules(found) == ["caa.total_disablement"]


def test_the_allowance_is_not_listed_when_the_worker_needs_no_constant_help() -> None:
    case = make_case(**injury(loss_of_earning_capacity_pct="100", needs_constant_attendance=False))
    assert assess(case).benefit(CAA) is None


def test_an_invalidity_pensioner_needing_constant_help_gets_the_allowance() -> None:
    case = make_case(
        kind="invalidity", date="2026-08-01", needs_constant_attendance=True, contributions=FULL
    )
    assert result(case, CAA).status is Status.ELIGIBLE


def test_an_invalid_worker_without_the_pension_gets_no_allowance() -> None:
    case = make_case(
        kind="invalidity",
        date="2026-08-01",
        needs_constant_attendance=True,
        contributions={**FULL, "invalidity_months_paid": 23, "invalidity_months_in_last_40": 23},
    )
    assert result(case, CAA).status is Status.NOT_ELIGIBLE
