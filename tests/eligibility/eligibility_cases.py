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


def scenario_cases() -> list[Case]:
    """Cases that between them reach every rule, reason and claim step kawan has."""
    family = [
        {"relation": "spouse", "age": 30},
        {"relation": "child", "age": 4, "married": False, "incapacitated": False},
    ]
    elders = [
        {"relation": "parent", "age": 60},
        {"relation": "sibling", "age": 17, "married": False},
        {"relation": "child", "age": 30, "married": True, "incapacitated": False},
    ]
    enough = {"invalidity_months_paid": 36, "invalidity_months_in_last_40": 36}
    reduced = {
        "invalidity_months_paid": 40,
        "invalidity_months_in_last_40": 10,
        "months_since_first_contribution": 70,
    }
    short = {"invalidity_months_paid": 10, "invalidity_months_in_last_40": 10}
    too_thin = {
        "invalidity_months_paid": 30,
        "invalidity_months_in_last_40": 10,
        "months_since_first_contribution": 100,
    }
    share = {
        "invalidity_months_paid": 30,
        "invalidity_months_in_last_40": 20,
        "months_since_first_contribution": 45,
    }
    cases = []
    for kind in ("work_accident", "commuting_accident", "occupational_disease"):
        for day in ("2018-12-31", "2022-08-31", "2025-03-10"):
            for loss in (None, "0", "20", "37.5", "100"):
                cases.append(
                    make_case(
                        worker={"home_country": "ID", "registered_by_employer": False},
                        wage="9000" if loss == "100" else "1000.00",
                        **injury(
                            day,
                            kind=kind,
                            medical_leave_days=3 if loss == "0" else 12,
                            loss_of_earning_capacity_pct=loss,
                            needs_constant_attendance=True,
                            returned_home=True,
                        ),
                    )
                )
            for dependants in (family, elders, [{"relation": "grandparent"}], [], None):
                for wage in ("800.00", "1800.00"):
                    cases.append(
                        make_case(
                            wage=wage, dependants=dependants, **injury(day, kind=kind, death=True)
                        )
                    )
    for country in ("MM", "NP", "BD", "PK", "VN", None):
        for contributions in (enough, reduced, short, too_thin, share, {}):
            cases.append(
                make_case(
                    worker={"home_country": country},
                    kind="invalidity",
                    date="2026-08-01",
                    needs_constant_attendance=True,
                    returned_home=True,
                    contributions=contributions,
                )
            )
    for age in (40, 60):
        for day in ("2018-12-31", "2024-06-30", "2025-05-01"):
            for died_here in (True, False, None):
                cases.append(
                    make_case(
                        worker={"age": age},
                        kind="death_non_work",
                        date=day,
                        died_in_malaysia=died_here,
                        contributions=enough,
                        dependants=family,
                    )
                )
    cases += [
        make_case(worker={"domestic_worker": True}, **injury("2021-05-31", medical_leave_days=5)),
        make_case(worker={"age_at_first_contribution": 56}, kind="invalidity", date="2025-01-01"),
        make_case(kind="invalidity", date="2024-06-30"),
        make_case(worker={"age": 61}, kind="invalidity", date="2026-01-01", contributions=enough),
        make_case(wage="500.00", kind="invalidity", date="2026-08-01", contributions=enough),
        make_case(worker=LOCAL_WORKER, **injury("2013-06-01", medical_leave_days=6)),
        make_case(**injury(None, medical_leave_days=6)),
        make_case(wage=None, **injury(medical_leave_days=6)),
        make_case(
            worker={"foreign_worker": False},
            kind="death_non_work",
            date="2025-05-01",
            contributions=enough,
            dependants=[{"relation": "sibling", "age": 15, "married": False}],
        ),
        make_case(worker={"foreign_worker": None}, kind="death_non_work", date="2025-05-01"),
        make_case(),
    ]
    return cases
