"""Survivors' Pension (rules file section 7.4)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eligibility_cases import make_case, result, rules

from eligibility import BenefitId, BenefitResult, Status

SP = BenefitId.SURVIVORS_PENSION
ENOUGH = {"invalidity_months_paid": 24, "invalidity_months_in_last_40": 24}


def survivors(
    dependants: list[dict[str, Any]] | None, age: int = 40, **contributions: Any
) -> BenefitResult:
    case = make_case(
        worker={"age": age},
        kind="death_non_work",
        date="2026-09-01",
        died_in_malaysia=True,
        contributions=contributions or ENOUGH,
        dependants=dependants,
    )
    return result(case, SP)


def test_the_widow_of_a_worker_with_24_contributions_gets_the_survivors_pension() -> None:
    found = survivors([{"relation": "spouse"}])
    assert found.status is Status.ELIGIBLE
    assert found.amount is not None and found.amount.value == Decimal("875.00")  # 50% of 1,750


def test_how_the_pension_is_shared_is_not_stated_and_the_family_is_told_to_ask() -> None:
    found = survivors([{"relation": "spouse"}, {"relation": "child", "age": 3, "married": False}])
    ask = found.reasons[rules(found).index("survivors.share_unverified")]
    assert ask.params == {}


def test_23_contributions_do_not_qualify() -> None:
    found = survivors(
        [{"relation": "spouse"}], invalidity_months_paid=23, invalidity_months_in_last_40=23
    )
    assert found.status is Status.NOT_ELIGIBLE


def test_a_death_at_59_qualifies_and_at_60_does_not() -> None:
    assert survivors([{"relation": "spouse"}], age=59).status is Status.ELIGIBLE
    at_60 = survivors([{"relation": "spouse"}], age=60)
    assert at_60.status is Status.NOT_ELIGIBLE
    assert "survivors.age_limit" in rules(at_60)


def test_only_brothers_and_sisters_cannot_receive_the_survivors_pension() -> None:
    found = survivors([{"relation": "sibling", "age": 15, "married": False}])
    assert found.status is Status.NOT_ELIGIBLE
    assert rules(found)[-1] == "survivors.who"


def test_the_dependants_are_asked_when_unknown() -> None:
    assert survivors(None).missing == ["dependants"]
