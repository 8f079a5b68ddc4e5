"""Which scheme covered the worker on the day it happened (rules file sections 0, 1, 13)."""

from __future__ import annotations

from datetime import date

from eligibility_cases import LOCAL_WORKER, injury, make_case, result, rules

from eligibility import BenefitId, SchemeStatus, Status, assess


def schemes(**facts: object) -> tuple[SchemeStatus, SchemeStatus]:
    worker = facts.pop("worker", None)
    assessment = assess(make_case(worker=worker, **facts))
    return assessment.schemes.employment_injury, assessment.schemes.invalidity


def test_a_foreign_workers_accident_in_december_2018_falls_under_workmens_compensation() -> None:
    case = make_case(**injury("2018-12-31", medical_leave_days=10))
    assert assess(case).schemes.employment_injury is SchemeStatus.OTHER_REGIME
    tdb = result(case, BenefitId.TEMPORARY_DISABLEMENT)
    assert tdb.status is Status.NOT_ELIGIBLE
    assert "coverage.workmens_compensation" in rules(tdb)
    assert "Labour Department" in tdb.reasons[0].message


def test_a_foreign_workers_accident_on_1_january_2019_is_covered_by_perkeso() -> None:
    assert schemes(**injury("2019-01-01"))[0] is SchemeStatus.COVERED


def test_a_domestic_worker_is_not_covered_on_31_may_2021() -> None:
    employment_injury, _ = schemes(worker={"domestic_worker": True}, **injury("2021-05-31"))
    assert employment_injury is SchemeStatus.NOT_COVERED


def test_a_domestic_worker_is_covered_from_1_june_2021() -> None:
    employment_injury, _ = schemes(worker={"domestic_worker": True}, **injury("2021-06-01"))
    assert employment_injury is SchemeStatus.COVERED


def test_the_invalidity_scheme_does_not_cover_foreign_workers_on_30_june_2024() -> None:
    _, invalidity = schemes(kind="invalidity", date="2024-06-30")
    assert invalidity is SchemeStatus.NOT_COVERED


def test_the_invalidity_scheme_covers_foreign_workers_from_1_july_2024() -> None:
    _, invalidity = schemes(kind="invalidity", date="2024-07-01")
    assert invalidity is SchemeStatus.COVERED


def test_a_first_invalidity_contribution_at_54_is_in_the_first_category() -> None:
    _, invalidity = schemes(
        worker={"age_at_first_contribution": 54}, kind="invalidity", date="2025-01-01"
    )
    assert invalidity is SchemeStatus.COVERED


def test_a_first_invalidity_contribution_at_55_is_not_covered_by_the_invalidity_scheme() -> None:
    case = make_case(worker={"age_at_first_contribution": 55}, kind="invalidity", date="2025-01-01")
    assert assess(case).schemes.invalidity is SchemeStatus.NOT_COVERED
    pension = result(case, BenefitId.INVALIDITY_PENSION)
    assert pension.status is Status.NOT_ELIGIBLE
    assert "coverage.invalidity_entry_age" in rules(pension)


def test_the_age_at_first_contribution_is_asked_when_it_decides_invalidity_cover() -> None:
    case = make_case(
        worker={"age_at_first_contribution": None}, kind="invalidity", date="2025-01-01"
    )
    assert assess(case).schemes.invalidity is SchemeStatus.UNKNOWN
    assert "worker.age_at_first_contribution" in result(case, BenefitId.INVALIDITY_PENSION).missing


def test_an_accident_without_a_date_leaves_both_schemes_unknown_and_asks_the_date() -> None:
    case = make_case(kind="work_accident", medical_leave_days=10)
    assessment = assess(case)
    assert (assessment.schemes.employment_injury, assessment.schemes.invalidity) == (
        SchemeStatus.UNKNOWN,
        SchemeStatus.UNKNOWN,
    )
    assert "event.date" in result(case, BenefitId.TEMPORARY_DISABLEMENT).missing


def test_any_worker_is_covered_for_a_2023_accident_so_nationality_is_not_asked() -> None:
    case = make_case(
        worker={"foreign_worker": None, "domestic_worker": None}, **injury("2023-05-01")
    )
    assert assess(case).schemes.employment_injury is SchemeStatus.COVERED


def test_nationality_is_asked_when_it_decides_cover_for_a_2018_accident() -> None:
    case = make_case(worker={"foreign_worker": None}, **injury("2018-05-01", medical_leave_days=10))
    assert assess(case).schemes.employment_injury is SchemeStatus.UNKNOWN
    assert result(case, BenefitId.TEMPORARY_DISABLEMENT).missing[0] == "worker.foreign_worker"


def test_a_malaysian_workers_2018_accident_is_covered() -> None:
    assert schemes(worker=LOCAL_WORKER, **injury("2018-05-01"))[0] is SchemeStatus.COVERED


def test_a_worker_the_employer_never_registered_is_still_covered_and_told_the_penalty() -> None:
    case = make_case(worker={"registered_by_employer": False}, **injury(medical_leave_days=10))
    assert assess(case).schemes.employment_injury is SchemeStatus.COVERED
    tdb = result(case, BenefitId.TEMPORARY_DISABLEMENT)
    assert tdb.status is Status.ELIGIBLE
    liable = next(r for r in tdb.reasons if r.rule == "coverage.employer_liable")
    assert liable.params == {"fine": __import__("decimal").Decimal("10000.00"), "years": 2}
    assert "RM10,000.00" in liable.message and "2 years" in liable.message


def test_a_commuting_accident_explains_that_detours_are_not_covered() -> None:
    case = make_case(**injury(kind="commuting_accident", medical_leave_days=5))
    assert "coverage.commuting" in rules(result(case, BenefitId.TEMPORARY_DISABLEMENT))


def test_coverage_uses_the_event_date_not_the_assessment_date() -> None:
    case = make_case(**injury("2018-12-31"), as_of=date(2026, 1, 1))
    assert assess(case).schemes.employment_injury is SchemeStatus.OTHER_REGIME
