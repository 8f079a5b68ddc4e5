"""Scripted transcripts (``tests/transcripts/<branch>_<lang>.txt``) reach the right benefits.

Each branch has the same path in English, Bengali, Indonesian and Nepali (the inputs are
keys, not words). A transcript must end on the expected screen having recorded exactly
the case written out below, and its summary must name exactly the benefits, with the
statuses, that ``eligibility.assess`` gives for that case.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from flowplay import CTX, TODAY, TRANSCRIPTS, case_facts, play, read_transcript, summary_statuses

from dialogs.case import case_from_facts
from dialogs.i18n import get_translator
from dialogs.render import render_chat
from eligibility import Case, assess

LANGS = ("en", "bn", "id", "ne")

SUMMARY_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "injury": (
        "summary.both",
        {
            "worker": {"foreign_worker": True},
            "event": {
                "kind": "work_accident",
                "death": False,
                "date": "2026-03-10",
                "medical_leave_days": 12,
                "loss_of_earning_capacity_pct": None,
            },
            "wages": {"average_monthly_wage": "1850.00"},
        },
    ),
    "disease": (
        "summary",
        {
            "worker": {"foreign_worker": True},
            "event": {
                "kind": "occupational_disease",
                "death": False,
                "date": "2026-10-01",
                "medical_leave_days": 30,
                "loss_of_earning_capacity_pct": 40,
            },
            "wages": {"average_monthly_wage": "1600.00"},
        },
    ),
    "invalidity": (
        "summary",
        {
            "worker": {"foreign_worker": True, "age": 45, "age_at_first_contribution": 43},
            "event": {
                "kind": "invalidity",
                "death": False,
                "date": "2026-09-01",
                "needs_constant_attendance": False,
            },
            "wages": {"average_monthly_wage": "2500.00"},
            "contributions": {"invalidity_months_paid": 26, "invalidity_months_in_last_40": 24},
        },
    ),
    "death": (
        "summary",
        {
            "worker": {"foreign_worker": True, "age": 34, "age_at_first_contribution": 32},
            "event": {
                "kind": "death_non_work",
                "death": True,
                "date": "2026-11-01",
                "died_in_malaysia": True,
            },
            "wages": {"average_monthly_wage": "1850.00"},
            "contributions": {"invalidity_months_paid": 28, "invalidity_months_in_last_40": 26},
            "dependants": [
                {"relation": "spouse"},
                {"relation": "child", "age": 4, "married": False},
                {"relation": "child", "age": None, "married": False},
                {"relation": "parent"},
            ],
        },
    ),
}

INFO_ENDS: dict[str, tuple[str, dict[str, Any]]] = {
    "coverage": ("coverage.pay", {"wages.average_monthly_wage": "1850.00"}),
    "home": ("home.agency", {"event.returned_home": True, "worker.home_country": "ID"}),
    "employer": ("employer.where", {}),
}


def _path(branch: str, lang: str) -> Path:
    return TRANSCRIPTS / f"{branch}_{lang}.txt"


def test_every_branch_has_a_transcript_in_english_bengali_indonesian_and_nepali() -> None:
    branches = {*SUMMARY_CASES, *INFO_ENDS}
    for branch in branches:
        for lang in LANGS:
            assert _path(branch, lang).is_file(), f"missing {branch}_{lang}.txt"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("branch", sorted(SUMMARY_CASES))
def test_a_scripted_case_ends_on_the_benefits_the_eligibility_engine_gives(
    branch: str, lang: str
) -> None:
    screen, expected = SUMMARY_CASES[branch]
    played = play(read_transcript(_path(branch, lang)))

    assert played.conv.lang == lang
    assert played.reply.screen == screen
    case = Case.model_validate({"as_of": TODAY.isoformat(), **expected})
    assert case_from_facts(played.conv.facts, TODAY) == case
    assessment = assess(case, TODAY)
    assert summary_statuses(played.reply) == {b.id: b.status for b in assessment.benefits}
    assert assessment.benefits, "a scripted case should make some benefit relevant"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("branch", sorted(INFO_ENDS))
def test_an_information_branch_ends_on_its_last_screen_in_every_language(
    branch: str, lang: str
) -> None:
    screen, facts = INFO_ENDS[branch]
    played = play(read_transcript(_path(branch, lang)))

    assert played.conv.lang == lang
    assert played.reply.screen == screen
    assert {path: case_facts(played.conv).get(path) for path in facts} == facts
    assert not played.reply.end, "an information screen still offers the main menu"


def test_no_transcript_step_is_ever_misunderstood() -> None:
    for path in sorted(TRANSCRIPTS.glob("*.txt")):
        played = play(read_transcript(path))
        hinted = [r.screen for r in played.replies if r.hint is not None]
        assert hinted == [], f"{path.name}: an input was not understood on {hinted}"


def test_the_english_injury_summary_reads_as_a_worker_expects() -> None:
    played = play(read_transcript(_path("injury", "en"))[:-1])
    text = render_chat(played.reply, get_translator("en")).text

    assert played.reply.screen == "summary"
    assert "Pay while on MC: likely yes." in text
    assert "About RM" in text and "PERKESO decides the final amount" in text
    assert "Permanent disability benefit: cannot tell yet." in text
    assert "What would tell: the Medical Board's decision." in text
    assert "Form 34" in text
    assert "If something is not listed, that is not a no." in text
    assert "1-300-22-8000" in text
    assert CTX.today.year == 2026
