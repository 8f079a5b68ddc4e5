"""Temporary Disablement Benefit (rules file section 2)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eligibility_cases import LOCAL_WORKER, injury, make_case, reason_params, result, rules, sen

from eligibility import BenefitId, Per, Status, assess

TDB = BenefitId.TEMPORARY_DISABLEMENT


def test_three_days_of_medical_leave_do_not_qualify_for_temporary_disablement() -> None:
    tdb = result(make_case(**injury(medical_leave_days=3)), TDB)
    assert tdb.status is Status.NOT_ELIGIBLE
    assert rules(tdb) == ["tdb.min_days"]
    assert tdb.amount is None and tdb.claim_steps == []
    assert tdb.reasons[0].message == (
        "You have 3 days of medical leave. You need at least 4, counting the accident day."
    )


def test_four_days_of_medical_leave_including_the_accident_day_qualify() -> None:
    tdb = result(make_case(**injury(medical_leave_days=4)), TDB)
    assert tdb.status is Status.ELIGIBLE
    assert tdb.amount is not None and tdb.amount.per is Per.DAY


def test_the_daily_rate_is_80_percent_of_the_assumed_daily_wage() -> None:
    tdb = result(make_case(**injury(medical_leave_days=12), wage="1800.00"), TDB)
    assert tdb.amount is not None
    assert tdb.amount.value == sen(Decimal("1750") / 30 * Decimal("0.8")) == Decimal("46.67")
    assert tdb.amount.estimate
    assert reason_params(tdb, "tdb.rate") == {"rate_pct": 80, "amount": Decimal("46.67")}


def test_ten_days_at_an_assumed_wage_of_rm1650_pay_rm440() -> None:
    # Rules file section 12b: AADW 55.00, TDB 44.00 a day, 10 days 440.
    tdb = result(make_case(**injury(medical_leave_days=10), wage="1700.00"), TDB)
    assert tdb.amount is not None and tdb.amount.value == Decimal("44.00")
    assert reason_params(tdb, "tdb.total") == {"days": 10, "total": Decimal("440.00")}


def test_a_low_wage_gets_the_minimum_of_rm30_a_day() -> None:
    tdb = result(make_case(**injury(medical_leave_days=5), wage="1000.00"), TDB)
    assert sen(Decimal("950") / 30 * Decimal("0.8")) < 30
    assert tdb.amount is not None and tdb.amount.value == Decimal("30.00")
    assert reason_params(tdb, "tdb.minimum") == {"minimum": Decimal("30.00")}


def test_the_current_maximum_is_rm158_67_a_day() -> None:
    tdb = result(make_case(**injury("2024-10-01", medical_leave_days=5), wage="9000"), TDB)
    assert tdb.amount is not None
    assert tdb.amount.value == sen(Decimal("5950") * Decimal("0.8") / 30) == Decimal("158.67")
    assert "wages.ceiling" in rules(tdb)


def test_the_maximum_was_rm132_under_the_rm5000_ceiling() -> None:
    tdb = result(make_case(**injury("2024-09-30", medical_leave_days=5), wage="9000"), TDB)
    assert tdb.amount is not None and tdb.amount.value == Decimal("132.00")


def test_the_maximum_was_rm105_33_under_the_rm4000_ceiling() -> None:
    tdb = result(make_case(**injury("2022-08-31", medical_leave_days=5), wage="9000"), TDB)
    assert tdb.amount is not None and tdb.amount.value == Decimal("105.33")


def test_unknown_medical_leave_is_asked_not_guessed() -> None:
    tdb = result(make_case(**injury(medical_leave_days=None)), TDB)
    assert tdb.status is Status.NEEDS_INFORMATION
    assert tdb.missing == ["event.medical_leave_days"]


def test_an_unknown_wage_leaves_the_benefit_eligible_and_asks_the_wage_for_the_amount() -> None:
    tdb = result(make_case(**injury(medical_leave_days=6), wage=None), TDB)
    assert tdb.status is Status.ELIGIBLE
    assert tdb.amount is None
    assert tdb.missing == ["wages.average_monthly_wage"]


def test_kawan_states_no_amount_for_dates_it_has_no_wage_ceiling_for() -> None:
    tdb = result(make_case(worker=LOCAL_WORKER, **injury("2013-06-01", medical_leave_days=6)), TDB)
    assert tdb.status is Status.ELIGIBLE
    assert tdb.amount is None
    assert "wages.no_ceiling" in rules(tdb)


def test_a_fatal_accident_lists_no_temporary_disablement() -> None:
    case = make_case(**injury(death=True, medical_leave_days=6))
    assert assess(case).benefit(TDB) is None


def test_days_worked_with_wages_are_not_paid() -> None:
    tdb = result(make_case(**injury(medical_leave_days=6)), TDB)
    assert "tdb.days_worked" in rules(tdb)


def test_the_amount_uses_the_rates_of_the_accident_day_not_the_assessment_day() -> None:
    case = make_case(
        **injury("2024-09-30", medical_leave_days=5), wage="9000", as_of=date(2026, 1, 1)
    )
    assert result(case, TDB).amount.value == Decimal("132.00")
