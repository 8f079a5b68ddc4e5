"""Permanent Disablement Benefit (rules file section 3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eligibility_cases import injury, make_case, reason_params, result, rules, sen, steps

from eligibility import BenefitId, BenefitResult, Status

PDB = BenefitId.PERMANENT_DISABLEMENT


def pdb(loss: str | None, wage: str | None = "1700.00", **event: object) -> BenefitResult:
    return result(
        make_case(
            wage=wage, **injury(loss_of_earning_capacity_pct=loss, medical_leave_days=30, **event)
        ),
        PDB,
    )


def test_a_total_loss_at_an_assumed_wage_of_rm1650_pays_rm49_50_a_day() -> None:
    found = pdb("100")
    assert found.status is Status.ELIGIBLE
    assert found.amount.value == sen(Decimal("1650") / 30 * Decimal("0.9")) == Decimal("49.50")
    assert found.amount.estimate


def test_a_40_percent_loss_pays_40_percent_of_the_full_rate() -> None:
    # Rules file section 12b: "At 40% assessed loss (proportional) ~ RM19.80/day".
    found = pdb("40")
    assert found.amount.value == Decimal("19.80")
    assert reason_params(found, "pdb.rate") == {
        "loss_pct": 40,
        "amount": Decimal("19.80"),
        "monthly": Decimal("594.00"),
    }


def test_a_20_percent_loss_is_normally_paid_as_a_lump_sum() -> None:
    found = pdb("20")
    assert "pdb.lump_sum" in rules(found)
    assert "pdb.monthly_for_life" not in rules(found)


def test_a_21_percent_loss_is_paid_monthly_for_life_with_a_fifth_commutable() -> None:
    found = pdb("21")
    assert reason_params(found, "pdb.monthly_for_life") == {"limit_pct": 20, "commutable_pct": 20}
    assert "pdb.lump_sum" not in rules(found)


def test_the_maximum_is_rm178_50_a_day_and_rm5355_a_month() -> None:
    found = pdb("100", wage="9000", day="2024-10-01")
    assert found.amount.value == sen(Decimal("5950") * Decimal("0.9") / 30) == Decimal("178.50")
    assert reason_params(found, "pdb.rate")["monthly"] == Decimal("5355.00")


def test_the_maximum_was_rm118_50_under_the_rm4000_ceiling() -> None:
    assert pdb("100", wage="9000", day="2022-08-31").amount.value == Decimal("118.50")


def test_the_minimum_of_rm30_a_day_applies_to_the_full_rate_before_the_share() -> None:
    found = pdb("50", wage="800.00")
    assert found.amount.value == Decimal("15.00")
    assert "pdb.minimum" in rules(found)


def test_a_fractional_assessment_is_passed_as_text() -> None:
    assert reason_params(pdb("37.5"), "pdb.rate")["loss_pct"] == "37.5"


def test_the_medical_board_assessment_is_asked_when_missing() -> None:
    found = pdb(None)
    assert found.status is Status.NEEDS_INFORMATION
    assert found.missing == ["event.loss_of_earning_capacity_pct"]
    assert "pdb.assessment_needed" in rules(found)
    assert "medical_board" in steps(found)


def test_no_lasting_loss_means_no_permanent_disablement_benefit() -> None:
    found = pdb("0")
    assert found.status is Status.NOT_ELIGIBLE
    assert rules(found) == ["pdb.no_loss"]


def test_the_claim_deadline_is_12_months_after_the_last_day_of_medical_leave() -> None:
    case = make_case(
        **injury("2025-03-10", medical_leave_days=12, loss_of_earning_capacity_pct="30")
    )
    deadline = next(
        s for s in result(case, PDB).claim_steps if s.id == "permanent_disablement_deadline"
    ).deadline
    # Medical leave 10-21 March 2025 (12 days counting the accident day): last day 21 March.
    assert deadline == date(2026, 3, 21)


def test_the_claim_is_on_time_on_the_deadline_and_late_the_day_after() -> None:
    case = make_case(
        **injury("2025-03-10", medical_leave_days=12, loss_of_earning_capacity_pct="30")
    )
    assert "pdb.claim_limit_passed" not in rules(result(case, PDB, as_of=date(2026, 3, 21)))
    late = result(case, PDB, as_of=date(2026, 3, 22))
    assert reason_params(late, "pdb.claim_limit_passed") == {
        "months": 12,
        "deadline": date(2026, 3, 21),
    }
