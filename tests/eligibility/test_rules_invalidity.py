"""Invalidity Pension and Grant (rules file section 7)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from eligibility_cases import LOCAL_WORKER, make_case, reason_params, result, rules, sen

from eligibility import BenefitId, BenefitResult, Per, Status

PENSION = BenefitId.INVALIDITY_PENSION
GRANT = BenefitId.INVALIDITY_GRANT


def paid(months: int, in_last_40: int | None = None, since: int | None = None) -> dict[str, Any]:
    return {
        "invalidity_months_paid": months,
        "invalidity_months_in_last_40": months if in_last_40 is None else in_last_40,
        "months_since_first_contribution": months if since is None else since,
    }


def invalid(
    contributions: dict[str, Any],
    benefit: BenefitId = PENSION,
    wage: str = "1700.00",
    day: str = "2026-08-01",
    **worker: Any,
) -> BenefitResult:
    case = make_case(
        worker=worker, wage=wage, kind="invalidity", date=day, contributions=contributions
    )
    return result(case, benefit)


def test_23_contributions_in_the_last_40_months_do_not_qualify_for_the_pension() -> None:
    pension = invalid(paid(23))
    assert pension.status is Status.NOT_ELIGIBLE
    assert reason_params(pension, "qualifying.minimum_contributions") == {"paid": 23, "minimum": 24}
    assert "qualifying.shortfall_discretion" in rules(pension)


def test_24_contributions_in_the_last_40_months_qualify_for_the_full_pension() -> None:
    pension = invalid(paid(24))
    assert pension.status is Status.ELIGIBLE
    assert reason_params(pension, "qualifying.full_window") == {
        "months": 24,
        "window": 40,
        "minimum": 24,
    }


def test_a_worker_short_of_24_contributions_gets_the_grant_instead() -> None:
    assert invalid(paid(23), GRANT).status is Status.ELIGIBLE
    assert invalid(paid(24), GRANT).status is Status.NOT_ELIGIBLE


def test_the_grant_states_no_amount_and_says_what_to_ask() -> None:
    grant = invalid(paid(10), GRANT)
    assert grant.amount is None
    assert "Ask PERKESO how much interest is added to your contributions." in [
        r.message for r in grant.reasons
    ]


def test_36_contributions_give_51_percent_rm841_50_at_an_assumed_wage_of_rm1650() -> None:
    # Rules file section 12b.
    pension = invalid(paid(36))
    assert pension.amount is not None
    assert (pension.amount.value, pension.amount.per) == (
        sen(Decimal("1650") * Decimal("0.51")),
        Per.MONTH,
    )
    assert pension.amount.value == Decimal("841.50")
    assert reason_params(pension, "invalidity.pension_rate")["rate_pct"] == 51


@pytest.mark.parametrize(
    ("months", "rate_pct"), [(35, 50), (36, 51), (48, 52), (204, 65), (300, 65)]
)
def test_one_percent_is_added_per_12_contributions_beyond_24_up_to_65(
    months: int, rate_pct: int
) -> None:
    pension = invalid(paid(months, in_last_40=40, since=months))
    assert reason_params(pension, "invalidity.pension_rate")["rate_pct"] == rate_pct


def test_two_thirds_of_the_months_since_the_first_contribution_is_a_full_period() -> None:
    pension = invalid(paid(30, in_last_40=20, since=45))
    assert reason_params(pension, "qualifying.full_share") == {
        "paid": 30,
        "since": 45,
        "needed": 30,
    }


def test_a_third_of_the_months_is_a_reduced_period_paid_at_a_flat_50_percent() -> None:
    pension = invalid(paid(40, in_last_40=10, since=70))
    assert pension.status is Status.ELIGIBLE
    assert reason_params(pension, "qualifying.reduced_share") == {
        "paid": 40,
        "since": 70,
        "needed": 24,
    }
    assert reason_params(pension, "invalidity.pension_rate")["rate_pct"] == 50


def test_less_than_a_third_of_the_months_does_not_qualify() -> None:
    pension = invalid(paid(30, in_last_40=10, since=100))
    assert pension.status is Status.NOT_ELIGIBLE
    assert reason_params(pension, "qualifying.share_too_low") == {
        "paid": 30,
        "since": 100,
        "needed": 34,
    }


def test_unknown_contributions_are_asked() -> None:
    pension = invalid({})
    assert pension.status is Status.NEEDS_INFORMATION
    assert set(pension.missing) >= {
        "contributions.invalidity_months_in_last_40",
        "contributions.invalidity_months_paid",
    }


def test_a_worker_of_59_can_get_the_pension() -> None:
    assert invalid(paid(24), age=59).status is Status.ELIGIBLE


def test_a_worker_of_60_is_past_the_age_limit() -> None:
    pension = invalid(paid(24), age=60)
    assert pension.status is Status.NOT_ELIGIBLE
    assert reason_params(pension, "invalidity.age_limit") == {"age_limit": 60, "age": 60}


def test_a_foreign_worker_invalid_on_30_june_2024_is_not_in_the_invalidity_scheme() -> None:
    assert invalid(paid(24), day="2024-06-30").status is Status.NOT_ELIGIBLE


def test_the_minimum_pension_was_rm475_in_2022() -> None:
    case = make_case(
        worker=LOCAL_WORKER,
        wage="800.00",
        kind="invalidity",
        date="2022-12-31",
        contributions=paid(30),
        as_of=date(2022, 12, 31),
    )
    pension = result(case, PENSION)
    assert pension.amount is not None and pension.amount.value == Decimal("475.00")


def test_a_pension_that_began_in_2022_is_paid_at_todays_minimum() -> None:
    pension = invalid(paid(30), wage="800.00", day="2022-12-31", **LOCAL_WORKER)
    assert pension.amount is not None and pension.amount.value == Decimal("550.00")


def test_the_minimum_pension_is_rm550_from_1_january_2023() -> None:
    pension = invalid(paid(30), wage="800.00", day="2023-01-01", **LOCAL_WORKER)
    assert pension.amount is not None and pension.amount.value == Decimal("550.00")
    assert reason_params(pension, "invalidity.pension_minimum") == {"minimum": Decimal("550.00")}


def test_the_maximum_pension_is_rm3867_50() -> None:
    pension = invalid(paid(300, in_last_40=40, since=300), wage="9000")
    assert pension.amount is not None
    assert pension.amount.value == sen(Decimal("5950") * Decimal("0.65")) == Decimal("3867.50")


def test_the_pension_starts_from_the_notice_of_invalidity() -> None:
    pension = invalid(paid(24))
    assert "invalidity.pension_from_notice" in rules(pension)
    assert [s.id for s in pension.claim_steps][:2] == ["notice_of_invalidity", "medical_board"]
