"""Slots: what each answer records, and a worker never answers the same question twice."""

from __future__ import annotations

from datetime import date

import pytest
from flowplay import TODAY, Played, in_language, play
from flowplay import summary_statuses as statuses

from dialogs.engine import begin
from dialogs.flows import FLOW, next_slot
from dialogs.flows.slots import INTERVIEW_ORDER, SLOTS, WAGE_BANDS
from dialogs.nodes import Context

HURT_AT_WORK = ("1", "1", "1")
"""Main menu → hurt → at work → "continue" past the first steps: the date question."""


@pytest.mark.parametrize(
    ("today", "key", "recorded"),
    [
        (date(2026, 11, 23), "1", "2026-11-23"),  # this week: today
        (date(2026, 11, 23), "2", "2026-11-01"),  # earlier this month: the 1st
        (date(2026, 11, 23), "3", "2026-10-01"),  # last month: the 1st of last month
        (date(2027, 1, 10), "3", "2026-12-01"),  # last month across the new year
    ],
)
def test_each_date_choice_records_the_documented_day_as_approximate(
    today: date, key: str, recorded: str
) -> None:
    played = play(in_language("en", *HURT_AT_WORK, key), ctx=Context(today=today))
    assert played.conv.fact("event.date") == recorded
    assert played.conv.fact("flow.date_approximate") is True
    assert played.reply.screen == "slot.wage"


def test_a_typed_date_is_exact_and_a_typed_month_is_the_15th_and_approximate() -> None:
    exact = play(in_language("en", *HURT_AT_WORK, "4", "10-03-2026"))
    month = play(in_language("en", *HURT_AT_WORK, "4", "03-2026"))
    assert (exact.conv.fact("event.date"), exact.conv.fact("flow.date_approximate")) == (
        "2026-03-10",
        False,
    )
    assert (month.conv.fact("event.date"), month.conv.fact("flow.date_approximate")) == (
        "2026-03-15",
        True,
    )


def test_a_future_date_is_refused_with_a_hint_and_the_question_stays() -> None:
    played = play(in_language("en", *HURT_AT_WORK, "4", "10-03-2099"))
    assert played.reply.screen == "slot.date.typed"
    assert played.reply.hint is not None
    assert played.conv.fact("event.date") is None


@pytest.mark.parametrize(("key", "wage"), [("1", "1600.00"), ("2", "1850.00"), ("3", "2500.00")])
def test_each_wage_band_records_its_middle(key: str, wage: str) -> None:
    played = play(in_language("en", *HURT_AT_WORK, "1", key))
    assert played.conv.fact("wages.average_monthly_wage") == wage
    assert wage in {str(v) for v in WAGE_BANDS.values()}


def test_a_wage_above_the_bands_is_typed_in_ringgit() -> None:
    played = play(in_language("en", *HURT_AT_WORK, "1", "4", "RM 4,200"))
    assert played.conv.fact("wages.average_monthly_wage") == "4200.00"
    assert played.reply.screen == "slot.mc_days"


def test_i_dont_know_on_a_typed_question_is_the_hash_key_and_is_never_asked_again() -> None:
    played = play(in_language("en", *HURT_AT_WORK, "1", "2", "#"))
    assert played.conv.facts["event.medical_leave_days"] is None
    assert "event.medical_leave_days" in played.conv.asked
    assert played.reply.screen == "slot.pct"


def test_zero_on_a_typed_question_is_back_not_an_answer() -> None:
    played = play(in_language("en", *HURT_AT_WORK, "1", "2", "0"))
    assert played.reply.screen == "slot.wage"
    assert "event.medical_leave_days" not in played.conv.facts


def test_the_percentage_is_asked_only_if_the_medical_board_has_assessed() -> None:
    not_yet = play(in_language("en", *HURT_AT_WORK, "1", "2", "12", "2"))
    assessed = play(in_language("en", *HURT_AT_WORK, "1", "2", "12", "1", "40"))
    assert not_yet.reply.screen == "summary"
    assert not_yet.conv.facts["event.loss_of_earning_capacity_pct"] is None
    assert assessed.conv.fact("event.loss_of_earning_capacity_pct") == 40
    assert assessed.reply.screen == "summary"


def test_a_worker_who_comes_back_to_the_same_branch_answers_nothing_twice() -> None:
    done = play(in_language("en", *HURT_AT_WORK, "1", "2", "12", "2"))
    again = done.then("00", "1", "1", "1")
    assert again.reply.screen == "summary"
    assert [r.screen for r in again.replies[len(done.replies):]] == [
        "menu",
        "injury.start",
        "injury.first_steps",
        "summary",
    ]


def test_a_worker_who_redials_mid_flow_continues_at_the_same_question() -> None:
    half = play(in_language("en", *HURT_AT_WORK, "1", "2"))
    conv, resume = begin(half.conv, Context(today=TODAY), FLOW)
    assert resume.screen == "resume"
    played = Played(conv, [resume]).then("1")
    assert played.reply.screen == "slot.mc_days"


def test_a_new_event_of_their_own_keeps_the_workers_wage_but_not_the_accident() -> None:
    hurt = play(in_language("en", *HURT_AT_WORK, "1", "2", "12", "2"))
    ill = hurt.then("00", "3", "1")
    assert ill.conv.fact("event.kind") == "invalidity"
    assert ill.conv.fact("event.medical_leave_days") is None
    assert ill.conv.fact("wages.average_monthly_wage") == "1850.00"
    assert ill.reply.screen == "slot.date"


def test_a_death_reported_after_ones_own_case_starts_from_nothing() -> None:
    hurt = play(in_language("en", *HURT_AT_WORK, "1", "2", "12", "2"))
    death = hurt.then("00", "4", "1", "1")
    assert death.conv.fact("wages.average_monthly_wage") is None
    assert death.conv.fact("event.death") is True
    assert death.reply.screen == "slot.date"


def test_questions_after_a_death_are_about_the_worker_who_died() -> None:
    played = play(in_language("en", "4", "4", "1", "2", "1"))
    assert played.reply.screen == "slot.wage"
    assert "the worker" in played.reply.body[0].msgid


def test_the_family_answers_each_childs_age_in_turn() -> None:
    played = play(in_language("en", "4", "1", "1", "2", "2", "1", "1", "3", "4", "#", "12"))
    assert played.conv.fact("household.children") == 3
    assert played.conv.fact("household.child_ages") == [4, None, 12]
    assert played.reply.screen == "slot.household.parents"


def test_the_next_slot_follows_the_interview_order_and_skips_what_was_asked() -> None:
    assert next_slot(["wages.average_monthly_wage", "event.date"], []) == "slot.date"
    assert next_slot(["wages.average_monthly_wage", "event.date"], ["event.date"]) == "slot.wage"
    assert next_slot(["dependants"], ["household.spouse"]) is None
    assert next_slot(["something.unknown"], []) is None


def test_every_fact_the_eligibility_engine_can_ask_for_has_a_slot() -> None:
    from eligibility.facts import Fact

    askable = {fact.value for fact in Fact} - {"worker.foreign_worker"}
    assert askable <= set(SLOTS), askable - set(SLOTS)
    assert list(INTERVIEW_ORDER) == list(SLOTS)


def test_an_invalid_worker_is_asked_about_constant_attendance_and_can_get_the_allowance() -> None:
    asked = play(in_language("en", "3", "1", "1", "1", "45", "43", "26", "24"))
    assert asked.reply.screen == "slot.attendance"
    yes = asked.then("1")
    assert yes.reply.screen == "summary"
    assert "constant_attendance" in {b.value for b in statuses(yes.reply)}


def test_a_partly_disabled_worker_is_not_asked_about_constant_attendance() -> None:
    played = play(in_language("en", *HURT_AT_WORK, "1", "2", "12", "1", "40"))
    assert "event.needs_constant_attendance" not in played.conv.asked
