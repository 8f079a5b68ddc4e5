"""Dependants' Benefit (rules file section 5)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from eligibility_cases import injury, make_case, reason_params, result, rules, sen

from eligibility import BenefitId, BenefitResult, Status

DB = BenefitId.DEPENDANTS
SPOUSE = {"relation": "spouse", "age": 30}
CHILD = {
    "relation": "child",
    "age": 4,
    "married": False,
    "in_higher_education": False,
    "incapacitated": False,
}


def db(dependants: list[dict[str, Any]] | None, wage: str | None = "1700.00") -> BenefitResult:
    return result(
        make_case(wage=wage, dependants=dependants, **injury("2025-03-10", death=True)), DB
    )


def test_the_family_shares_90_percent_of_the_daily_wage() -> None:
    found = db([SPOUSE, CHILD])
    assert found.status is Status.ELIGIBLE
    assert found.amount is not None
    assert found.amount.value == sen(Decimal("1650") / 30 * Decimal("0.9")) == Decimal("49.50")


def test_the_widow_gets_three_fifths_and_the_children_two_fifths() -> None:
    # Rules file section 12b: widow RM29.70 a day, children RM19.80 a day.
    found = db([SPOUSE, CHILD, {**CHILD, "age": 7}])
    assert reason_params(found, "dependants.spouse_share") == {
        "share_pct": 60,
        "amount": Decimal("29.70"),
    }
    assert reason_params(found, "dependants.children_share") == {
        "children": 2,
        "share_pct": 40,
        "amount": Decimal("19.80"),
    }


def test_with_no_widow_or_child_parents_get_four_tenths_and_young_siblings_three_tenths() -> None:
    found = db(
        [{"relation": "parent", "age": 60}, {"relation": "sibling", "age": 17, "married": False}]
    )
    assert found.status is Status.ELIGIBLE
    assert reason_params(found, "dependants.parents_share")["share_pct"] == 40
    assert reason_params(found, "dependants.siblings_share")["share_pct"] == 30


def test_parents_are_not_paid_when_there_is_a_widow() -> None:
    found = db([SPOUSE, {"relation": "parent", "age": 60}])
    assert "dependants.parents_share" not in rules(found)


def test_grandparents_are_paid_when_the_parents_have_died_but_kawan_states_no_share() -> None:
    found = db([{"relation": "grandparent", "age": 80}])
    assert found.status is Status.ELIGIBLE
    ask = found.reasons[rules(found).index("dependants.grandparents_share_unverified")]
    assert ask.params == {}
    assert "Ask PERKESO" in ask.message


def test_a_child_of_20_is_paid() -> None:
    found = db([{**CHILD, "age": 20}])
    assert found.status is Status.ELIGIBLE


def test_a_child_of_21_not_studying_is_not_paid() -> None:
    found = db([{**CHILD, "age": 21}])
    assert found.status is Status.NOT_ELIGIBLE
    assert "dependants.none_eligible" in rules(found)


def test_a_child_of_23_studying_for_a_first_degree_is_paid() -> None:
    assert db([{**CHILD, "age": 23, "in_higher_education": True}]).status is Status.ELIGIBLE


def test_an_incapacitated_adult_child_is_paid() -> None:
    assert db([{**CHILD, "age": 30, "incapacitated": True}]).status is Status.ELIGIBLE


def test_a_married_child_of_19_is_not_paid() -> None:
    assert db([{**CHILD, "age": 19, "married": True}]).status is Status.NOT_ELIGIBLE


def test_a_sibling_of_21_is_not_paid() -> None:
    assert db([{"relation": "sibling", "age": 21, "married": False}]).status is Status.NOT_ELIGIBLE


def test_the_list_of_dependants_is_asked_when_unknown() -> None:
    found = db(None)
    assert found.status is Status.NEEDS_INFORMATION
    assert found.missing == ["dependants"]


def test_no_dependants_means_no_dependants_benefit() -> None:
    assert db([]).status is Status.NOT_ELIGIBLE


def test_only_the_facts_that_decide_a_childs_share_are_asked() -> None:
    found = db([{"relation": "child", "age": 4, "incapacitated": False}])
    assert found.status is Status.NEEDS_INFORMATION
    assert found.missing == ["dependants.0.married"]


def test_an_undecided_child_beside_a_widow_leaves_the_benefit_eligible() -> None:
    found = db([SPOUSE, {"relation": "child", "age": 25, "married": False}])
    assert found.status is Status.ELIGIBLE
    assert set(found.missing) == {"dependants.1.in_higher_education", "dependants.1.incapacitated"}


def test_at_the_minimum_rate_kawan_states_no_share_per_person() -> None:
    found = db([SPOUSE, CHILD], wage="800.00")
    assert found.amount is not None and found.amount.value == Decimal("30.00")
    assert "dependants.minimum" in rules(found)
    assert "amount" not in reason_params(found, "dependants.spouse_share")


def test_the_current_maximum_is_rm178_50_a_day() -> None:
    found = db([SPOUSE], wage="9000")
    assert found.amount is not None and found.amount.value == Decimal("178.50")


def test_the_maximum_was_rm148_50_under_the_rm5000_ceiling() -> None:
    case = make_case(wage="9000", dependants=[SPOUSE], **injury("2024-09-30", death=True))
    found = result(case, DB)
    assert found.amount is not None and found.amount.value == Decimal("148.50")


def test_the_employer_is_asked_for_the_dependants_declaration_form() -> None:
    step = next(s for s in db([SPOUSE]).claim_steps if s.id == "dependants_form")
    assert step.forms == ["PA-F101R4"]
