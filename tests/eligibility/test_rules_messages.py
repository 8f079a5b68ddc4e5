"""Every sentence a worker sees: marked for translation, explained to translators, short,
filled from typed params (contract sections 1 and 5)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from babel.messages.extract import extract_from_dir
from eligibility_cases import scenario_cases

import eligibility
from eligibility import Assessment, assess
from eligibility.reasons import fill

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
ELIGIBILITY_DIR = Path(eligibility.__file__).parent
MINE = re.compile(r"^(?!contributions\.py$)[a-z_]+\.py$")  # contributions.py: the dialogs team's


def extracted() -> dict[str, str]:
    """msgid -> its translator comment, as ``pybabel extract -k N_ -c TRANSLATORS:`` sees them."""
    messages = {}
    for filename, _, message, comments, _ in extract_from_dir(
        str(ELIGIBILITY_DIR),
        method_map=[("**.py", "python")],
        keywords={"N_": None},
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if MINE.match(filename):
            assert isinstance(message, str)
            messages[message] = " ".join(comments)
    return messages


MESSAGES = extracted()


@pytest.fixture(scope="module")
def assessments() -> list[Assessment]:
    return [assess(case) for case in scenario_cases()]


def shown(assessments: list[Assessment]) -> list[Any]:
    return [
        item
        for assessment in assessments
        for benefit in assessment.benefits
        for item in (*benefit.reasons, *benefit.claim_steps)
    ]


def test_every_template_a_worker_sees_is_marked_for_translation(
    assessments: list[Assessment],
) -> None:
    unmarked = {item.template for item in shown(assessments)} - set(MESSAGES)
    assert unmarked == set()


def test_the_scenarios_reach_every_marked_sentence(assessments: list[Assessment]) -> None:
    assert set(MESSAGES) - {item.template for item in shown(assessments)} == set()


@pytest.mark.parametrize("template", sorted(MESSAGES))
def test_every_template_tells_translators_where_it_shows_its_variables_and_its_budget(
    template: str,
) -> None:
    comment = MESSAGES[template]
    assert "chat and USSD" in comment
    assert "one line per" in comment
    assert "Keep under ~120 chars; USSD pages it" in comment
    for name in PLACEHOLDER.findall(template):
        assert f"%({name})s" in comment, f"{name} is not explained to translators"


@pytest.mark.parametrize("template", sorted(MESSAGES))
def test_every_english_template_is_short(template: str) -> None:
    assert len(template) <= 120


def test_every_message_is_its_template_filled_in_english(assessments: list[Assessment]) -> None:
    for item in shown(assessments):
        assert item.message == fill(item.template, item.params)
        assert "%(" not in item.message
        assert len(item.message) <= 130, item.message


def test_params_are_ringgit_to_the_sen_dates_counts_or_names(assessments: list[Assessment]) -> None:
    for item in shown(assessments):
        for name, value in item.params.items():
            if isinstance(value, Decimal):
                assert value.as_tuple().exponent == -2, (name, value)
                assert value >= 0
            elif name.endswith("_pct"):
                assert isinstance(value, int | str)
            else:
                assert isinstance(value, int | str | date), (name, value)


def test_every_reason_cites_its_source(assessments: list[Assessment]) -> None:
    for assessment in assessments:
        for benefit in assessment.benefits:
            for reason in benefit.reasons:
                assert reason.citation.strip(), reason.rule
                assert re.fullmatch(r"[a-z_]+\.[a-z_0-9]+", reason.rule), reason.rule


def test_english_ringgit_look_like_payslips() -> None:
    assert fill("%(amount)s", {"amount": Decimal("1234.5")}) == "RM1,234.50"
