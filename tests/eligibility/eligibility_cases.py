"""Building cases for the eligibility tests: a foreign worker, one event, the facts a test sets.

Kept beside the tests (not a package: ``tests/eligibility`` must not shadow ``eligibility``).
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from eligibility import Assessment, BenefitId, BenefitResult, Case, assess

FOREIGN_WORKER: dict[str, Any] = {
    "foreign_worker": True,
    "domestic_worker": False,
    "age": 34,
    "age_at_first_contribution": 29,
    "registered_by_employer": True,
}
LOCAL_WORKER: dict[str, Any] = {**FOREIGN_WORKER, "foreign_worker": False}
AS_OF = date(2026, 11, 23)


def sen(amount: Decimal) -> Decimal:
    """A hand computation rounded the way PERKESO amounts are: to the sen, half up."""
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def make_case(
    *,
    worker: dict[str, Any] | None = None,
    wage: str | None = "1800.00",
    contributions: dict[str, Any] | None = None,
    dependants: list[dict[str, Any]] | None = None,
    as_of: date | None = AS_OF,
    **event: Any,
) -> Case:
    """A case of a foreign worker (unless ``worker`` says otherwise) with the given event."""
    return Case.model_validate(
        {
            "as_of": as_of,
            "worker": {**FOREIGN_WORKER, **(worker or {})},
            "event": event,
            "wages": {"average_monthly_wage": wage},
            "contributions": contributions or {},
            "dependants": dependants,
        }
    )


def injury(day: str = "2025-03-10", **event: Any) -> dict[str, Any]:
    """Event fields of a non-fatal work accident."""
    return {"kind": "work_accident", "date": day, "death": False, **event}


def result(case: Case, benefit: BenefitId, as_of: date | None = None) -> BenefitResult:
    """One benefit of the case's assessment; fails the test if the case does not list it."""
    found = assess(case, as_of).benefit(benefit)
    assert found is not None, f"{benefit} not listed for {case}"
    return found


def rules(result: BenefitResult) -> list[str]:
    """The rule ids of a benefit's reasons, in order."""
    return [reason.rule for reason in result.reasons]


def reason_params(result: BenefitResult, rule: str) -> dict[str, Any]:
    """The params of the reason with that rule id."""
    for reason in result.reasons:
        if reason.rule == rule:
            return dict(reason.params)
    raise AssertionError(f"no reason {rule} in {rules(result)}")


def steps(result: BenefitResult) -> list[str]:
    """The claim step ids of a benefit."""
    return [step.id for step in result.claim_steps]


def listed(assessment: Assessment) -> list[str]:
    """The benefit ids an assessment lists."""
    return [benefit.id.value for benefit in assessment.benefits]
