"""Who files what, where and by when (rules file sections 9-11)."""

from __future__ import annotations

from datetime import date

from eligibility_cases import injury, make_case, result, rules, steps

from eligibility import BenefitId, ClaimStep
from eligibility.claim_steps import add_months

TDB = BenefitId.TEMPORARY_DISABLEMENT
PDB = BenefitId.PERMANENT_DISABLEMENT


def step(found_steps: list[ClaimStep], step_id: str) -> ClaimStep:
    return next(s for s in found_steps if s.id == step_id)


def test_the_employer_must_send_form_34_within_48_hours() -> None:
    found = result(make_case(**injury("2025-03-10", medical_leave_days=5)), TDB)
    form_34 = step(found.claim_steps, "employer_form_34")
    assert form_34.forms == ["Borang 34"]
    assert form_34.deadline == date(2025, 3, 12)
    assert form_34.message == (
        "Your employer must send Form 34 (Borang 34) to PERKESO within 48 hours: by 12 March 2025."
    )


def test_an_occupational_disease_is_reported_on_pks_p_68_or_69() -> None:
    found = result(make_case(**injury(kind="occupational_disease", medical_leave_days=5)), TDB)
    assert step(found.claim_steps, "occupational_disease_form").forms == ["PKS(P) 68", "PKS(P) 69"]


def test_a_commuting_accident_needs_the_original_police_report_and_a_map() -> None:
    found = result(make_case(**injury(kind="commuting_accident", medical_leave_days=5)), TDB)
    assert "commuting_police_report" in steps(found)
    assert "coverage.commuting" in rules(found)


def test_the_careline_and_the_e_claim_portal_are_given() -> None:
    found = result(make_case(**injury(medical_leave_days=5)), TDB)
    where = step(found.claim_steps, "where_to_claim")
    assert where.params == {"portal": "faedah.perkeso.gov.my", "careline": "1-300-22-8000"}


def test_documents_to_keep_include_six_months_of_payslips() -> None:
    found = result(make_case(**injury(medical_leave_days=5)), TDB)
    assert step(found.claim_steps, "keep_documents").params == {"months": 6}


def test_a_worker_back_home_hears_of_the_online_medical_board_and_the_e_wallet() -> None:
    case = make_case(
        **injury(loss_of_earning_capacity_pct="40", medical_leave_days=30, returned_home=True)
    )
    assert {"online_medical_board", "merchantrade_ewallet"} <= set(steps(result(case, PDB)))
    assert "online_medical_board" not in steps(result(case, TDB))


def test_a_worker_still_in_malaysia_hears_of_neither() -> None:
    case = make_case(**injury(loss_of_earning_capacity_pct="40", medical_leave_days=30))
    assert not {"online_medical_board", "merchantrade_ewallet", "partner_agency"} & set(
        steps(result(case, PDB))
    )


def test_an_indonesian_worker_back_home_is_pointed_to_bpjs_ketenagakerjaan() -> None:
    case = make_case(
        worker={"home_country": "ID"},
        **injury(loss_of_earning_capacity_pct="40", medical_leave_days=30, returned_home=True),
    )
    agency = step(result(case, PDB).claim_steps, "partner_agency")
    assert agency.params["agency"] == "BPJS Ketenagakerjaan"
    assert "175" in agency.message


def test_for_myanmar_kawan_names_the_social_security_board_and_nothing_more() -> None:
    case = make_case(
        worker={"home_country": "MM"},
        **injury(loss_of_earning_capacity_pct="40", medical_leave_days=30, returned_home=True),
    )
    agency = step(result(case, PDB).claim_steps, "partner_agency")
    assert (
        agency.message
        == "In Myanmar, Social Security Board (SSB) works with PERKESO. Ask them for help."
    )


def test_a_country_without_a_partner_agency_gets_no_agency_step() -> None:
    case = make_case(
        worker={"home_country": "VN"},
        **injury(loss_of_earning_capacity_pct="40", medical_leave_days=30, returned_home=True),
    )
    assert "partner_agency" not in steps(result(case, PDB))


def test_the_bangladesh_agency_is_named_from_the_day_its_agreement_was_reported() -> None:
    case = make_case(
        worker={"home_country": "BD"},
        **injury(
            "2024-09-01",
            loss_of_earning_capacity_pct="40",
            medical_leave_days=30,
            returned_home=True,
        ),
    )
    assert "partner_agency" not in steps(result(case, PDB, as_of=date(2024, 10, 4)))
    assert "partner_agency" in steps(result(case, PDB, as_of=date(2024, 10, 5)))


def test_a_month_later_on_the_31st_is_the_last_day_of_a_shorter_month() -> None:
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 12, 15), 12) == date(2026, 12, 15)
