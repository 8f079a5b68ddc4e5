"""Every published figure of rules file section 12a that kawan's formulas can reach, and the
DERIVED illustrations of section 12b, reproduced from the parameters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from eligibility_cases import injury, make_case, reason_params, result, sen

from eligibility import BenefitId
from eligibility.parameters import value_at
from eligibility.wages import band_mid_point

NOW = date(2025, 10, 4)


def test_the_ministers_maximum_periodic_benefit_of_rm5355_is_90_percent_of_rm5950() -> None:
    found = result(
        make_case(wage="9000", **injury("2025-10-04", loss_of_earning_capacity_pct="100")),
        BenefitId.PERMANENT_DISABLEMENT,
    )
    assert reason_params(found, "pdb.rate")["monthly"] == Decimal("5355.00")


def test_the_2015_maximum_of_rm2655_follows_the_same_band_convention_at_a_rm3000_ceiling() -> None:
    top = band_mid_point(Decimal(3000), value_at("wages.band_width", NOW).decimal)
    assert top == Decimal(2950)
    assert sen(top * value_at("permanent_disablement.rate", NOW).decimal) == Decimal("2655.00")


def test_the_survivors_pension_ranges_from_rm550_to_rm3867_50() -> None:
    def pension(wage: str, months: int) -> Decimal | None:
        case = make_case(
            wage=wage,
            kind="death_non_work",
            date="2026-09-01",
            died_in_malaysia=True,
            dependants=[{"relation": "spouse"}],
            contributions={
                "invalidity_months_paid": months,
                "invalidity_months_in_last_40": min(months, 40),
                "months_since_first_contribution": months,
            },
        )
        amount = result(case, BenefitId.SURVIVORS_PENSION).amount
        return None if amount is None else amount.value

    assert pension("100", 24) == Decimal("550.00")
    assert pension("9000", 204) == Decimal("3867.50")


def test_the_tdb_cap_is_rm158_67_and_the_pdb_and_db_cap_rm178_50() -> None:
    tdb = result(
        make_case(wage="9000", **injury(medical_leave_days=5)), BenefitId.TEMPORARY_DISABLEMENT
    )
    pdb = result(
        make_case(wage="9000", **injury(loss_of_earning_capacity_pct="100")),
        BenefitId.PERMANENT_DISABLEMENT,
    )
    db = result(
        make_case(wage="9000", dependants=[{"relation": "spouse"}], **injury(death=True)),
        BenefitId.DEPENDANTS,
    )
    assert [b.amount.value for b in (tdb, pdb, db) if b.amount] == [
        Decimal("158.67"),
        Decimal("178.50"),
        Decimal("178.50"),
    ]


def test_the_old_maxima_rm105_33_and_rm118_50_match_the_rm4000_ceiling() -> None:
    tdb = result(
        make_case(wage="9000", **injury("2020-06-01", medical_leave_days=5)),
        BenefitId.TEMPORARY_DISABLEMENT,
    )
    pdb = result(
        make_case(wage="9000", **injury("2020-06-01", loss_of_earning_capacity_pct="100")),
        BenefitId.PERMANENT_DISABLEMENT,
    )
    assert tdb.amount is not None and tdb.amount.value == Decimal("105.33")
    assert pdb.amount is not None and pdb.amount.value == Decimal("118.50")


def test_the_constant_attendance_allowance_paid_beside_an_invalidity_pension_is_rm500() -> None:
    # thesundaily 2022-08-25: IP RM891.67 + CAA RM500 (the IP depends on facts not published).
    found = result(
        make_case(**injury(loss_of_earning_capacity_pct="100", needs_constant_attendance=True)),
        BenefitId.CONSTANT_ATTENDANCE,
    )
    assert found.amount is not None and found.amount.value == Decimal("500.00")


def test_the_section_12b_illustration_at_an_assumed_wage_of_rm1650() -> None:
    case = make_case(
        wage="1650.00",
        dependants=[{"relation": "spouse"}, {"relation": "child", "age": 4, "married": False}],
        **injury(death=True),
    )
    db = result(case, BenefitId.DEPENDANTS)
    assert db.amount is not None and db.amount.value == Decimal("49.50")
    assert reason_params(db, "dependants.spouse_share")["amount"] == Decimal("29.70")
    assert reason_params(db, "dependants.children_share")["amount"] == Decimal("19.80")
