"""assess(): which benefits a case makes relevant, the assessment date, determinism."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from eligibility_cases import injury, listed, make_case

from eligibility import Assessment, BenefitId, Case, SchemeStatus, Status, assess

CONTRACT_EXAMPLE = Path(__file__).parent / "cases" / "contract_example.json"


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (injury(), ["medical", "temporary_disablement", "permanent_disablement", "rehabilitation"]),
        (
            injury(needs_constant_attendance=True),
            [
                "medical",
                "temporary_disablement",
                "permanent_disablement",
                "constant_attendance",
                "rehabilitation",
            ],
        ),
        (injury(death=True), ["funeral", "dependants"]),
        (injury(kind="commuting_accident", death=True), ["funeral", "dependants"]),
        (
            {"kind": "invalidity", "date": "2026-01-01"},
            ["rehabilitation", "invalidity_pension", "invalidity_grant"],
        ),
        (
            {"kind": "invalidity", "date": "2026-01-01", "needs_constant_attendance": True},
            ["constant_attendance", "rehabilitation", "invalidity_pension", "invalidity_grant"],
        ),
        (
            {"kind": "death_non_work", "date": "2026-01-01"},
            ["funeral", "survivors_pension", "repatriation_refund"],
        ),
        ({"date": "2026-01-01"}, []),
    ],
)
def test_the_case_makes_these_benefits_relevant(
    event: dict[str, object], expected: list[str]
) -> None:
    assert listed(assess(make_case(**event))) == expected


def test_the_contract_example_is_assessed() -> None:
    case = Case.model_validate_json(CONTRACT_EXAMPLE.read_text())
    assessment = assess(case)
    assert assessment.as_of == date(2026, 11, 23)
    assert assessment.schemes.employment_injury is SchemeStatus.COVERED
    tdb = assessment.benefit(BenefitId.TEMPORARY_DISABLEMENT)
    assert tdb is not None and tdb.status is Status.ELIGIBLE
    assert assessment.missing == ["event.loss_of_earning_capacity_pct"]


def test_the_same_case_and_date_give_the_same_json() -> None:
    case = Case.model_validate_json(CONTRACT_EXAMPLE.read_text())
    assert assess(case).model_dump_json() == assess(case).model_dump_json()


def test_the_assessment_round_trips_through_json() -> None:
    case = Case.model_validate_json(CONTRACT_EXAMPLE.read_text())
    dumped = assess(case).model_dump_json()
    assert Assessment.model_validate_json(dumped).model_dump_json() == dumped
    json.loads(dumped)


def test_as_of_defaults_to_the_case_then_the_event_date() -> None:
    assert assess(make_case(**injury("2025-03-10"))).as_of == date(2026, 11, 23)
    assert assess(make_case(as_of=None, **injury("2025-03-10"))).as_of == date(2025, 3, 10)
    assert assess(make_case(**injury("2025-03-10")), date(2027, 1, 1)).as_of == date(2027, 1, 1)


def test_without_any_date_the_newest_rule_date_is_used_so_the_answer_is_stable() -> None:
    first = assess(Case())
    assert first.as_of >= date(2024, 10, 1)
    assert assess(Case()) == first
