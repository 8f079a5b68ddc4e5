"""What each information branch tells the worker, with every figure from a dated parameter."""

from __future__ import annotations

from decimal import Decimal

import pytest
from flowplay import TODAY, in_language, play

from dialogs.i18n import get_translator
from dialogs.nodes import Context
from dialogs.render import render_chat
from eligibility.contributions import monthly_contributions


def _text(*inputs: str, ctx: Context | None = None) -> tuple[str, str]:
    played = play(in_language("en", *inputs)) if ctx is None else play(
        in_language("en", *inputs), ctx=ctx)  # fmt: skip
    return played.reply.screen, render_chat(played.reply, get_translator("en")).text


def test_an_employer_who_does_not_register_a_worker_risks_a_fine_or_prison() -> None:
    screen, text = _text("7", "1")
    assert screen == "employer.law"
    assert "RM10,000.00" in text and "2 years" in text
    assert "You are still protected" in text


def test_an_accident_the_employer_will_not_report_goes_to_perkeso_on_form_34() -> None:
    screen, text = _text("7", "3")
    assert screen == "employer.report"
    assert "Borang 34" in text and "48 hours" in text


def test_where_to_go_names_perkeso_the_labour_department_the_embassy_and_the_ngo() -> None:
    ctx = Context(today=TODAY, ngo_contact="Tenaganita 03-7770 3671")
    _, text = _text("7", "2", "1", ctx=ctx)
    assert "1-300-22-8000" in text and "Labour Department (JTK)" in text
    assert "embassy" in text and "Tenaganita 03-7770 3671" in text


def test_saying_i_am_not_registered_is_remembered_for_a_later_claim() -> None:
    played = play(in_language("en", "7", "1"))
    assert played.conv.fact("worker.registered_by_employer") is False


@pytest.mark.parametrize(
    ("key", "agency", "contact"),
    [
        ("1", "Wage Earners' Welfare Board (WEWB)", "wewb.gov.bd"),
        ("2", "BPJS Ketenagakerjaan", "contact centre 175"),
        ("3", "Foreign Employment Board (FEB)", "www.feb.gov.np"),
        ("4", "Social Security Board (SSB)", None),
        ("6", "Ministry of Overseas Pakistanis and Human Resource Development", None),
    ],
)
def test_a_worker_gone_home_is_told_the_partner_agency_in_their_country(
    key: str, agency: str, contact: str | None
) -> None:
    screen, text = _text("6", "2", "3", key)
    assert screen == "home.agency"
    assert agency in text
    assert ("Contact:" in text) is (contact is not None)
    if contact:
        assert contact in text
    assert "Source:" in text


def test_with_no_known_partner_agency_the_worker_is_sent_to_the_embassy_and_perkeso() -> None:
    screen, text = _text("6", "2", "3", "7")  # Philippines
    assert screen == "home.agency"
    assert "no agreement" in text and "embassy" in text


def test_the_home_country_is_asked_once() -> None:
    played = play(in_language("en", "6", "2", "3", "2", "1", "00", "6", "2", "3"))
    assert played.reply.screen == "home.agency"


def test_the_online_medical_board_and_the_e_wallet_are_named_with_their_source() -> None:
    _, board = _text("6", "1", "1")
    _, wallet = _text("6", "1", "2")
    source = "PERKESO, ASEAN Social Security Symposium 2025"
    assert "Medical Board" in board and source in board
    assert "Merchantrade e-wallet" in wallet and source in wallet


def test_what_my_employer_pays_is_worked_out_for_my_wage() -> None:
    screen, text = _text("5", "2", "1", "2")
    paid = monthly_contributions(Decimal("1850.00"), TODAY)
    assert screen == "coverage.pay"
    assert "1.25%" in text and "0.5%" in text
    assert f"employer about RM{paid.employer}" in text and f"you about RM{paid.worker}" in text


def test_the_coverage_screen_gives_each_schemes_start_date() -> None:
    _, text = _text("5", "1")
    assert "Jan 1, 2019" in text and "Jul 1, 2024" in text and "Jun 1, 2021" in text
    assert "not covered yet" in text


def test_an_accident_off_work_is_not_promised_any_cover() -> None:
    screen, text = _text("1", "3")
    assert screen == "injury.off_work"
    assert "does not cover" in text and "start date is not announced" in text


@pytest.mark.parametrize(("key", "form"), [("1", "PKS(P) 68"), ("2", "PKS(P) 69")])
def test_an_illness_from_work_names_the_report_form_for_the_workers_situation(
    key: str, form: str
) -> None:
    screen, text = _text("2", key)
    assert screen == "disease.form"
    assert form in text


def test_a_commuting_accident_needs_a_police_report_and_a_map() -> None:
    screen, text = _text("1", "2")
    assert screen == "injury.commute"
    assert "police report" in text and "map" in text
