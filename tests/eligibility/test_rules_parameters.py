"""The dated parameters: every figure has a date, a source and a confidence; a law change is a
new dated value, not a code edit."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from eligibility_cases import injury, make_case, result
from hypothesis import given, settings
from hypothesis import strategies as st

from eligibility import BenefitId
from eligibility.parameters import (
    PARAMETERS_DIR,
    Confidence,
    ParameterError,
    ParameterNotInForce,
    all_parameters,
    parameter,
    reload,
    rules_period,
    value_at,
)


def test_every_parameter_cites_a_source_and_a_confidence() -> None:
    for name, found in all_parameters().items():
        assert found.description, name
        assert found.reference.strip(), name
        assert found.confidence in Confidence


def test_unverified_parameters_state_no_figure() -> None:
    unverified = [p for p in all_parameters().values() if p.confidence is Confidence.UNVERIFIED]
    assert {p.name for p in unverified} >= {
        "dependants.share.grandparents",
        "invalidity.grant.interest_rate",
        "survivors.share",
    }
    for found in unverified:
        assert found.values == ()
        with pytest.raises(ParameterNotInForce):
            found.at(date(2026, 1, 1))


@pytest.mark.parametrize(
    ("name", "day", "expected"),
    [
        ("wages.ceiling", date(2022, 8, 31), Decimal(4000)),
        ("wages.ceiling", date(2022, 9, 1), Decimal(5000)),
        ("wages.ceiling", date(2024, 9, 30), Decimal(5000)),
        ("wages.ceiling", date(2024, 10, 1), Decimal(6000)),
        ("funeral.maximum", date(2016, 5, 31), Decimal(1500)),
        ("funeral.maximum", date(2016, 6, 1), Decimal(2000)),
        ("funeral.maximum", date(2024, 5, 31), Decimal(2000)),
        ("funeral.maximum", date(2024, 6, 1), Decimal(3000)),
        ("invalidity.pension.minimum", date(2022, 12, 31), Decimal(475)),
        ("invalidity.pension.minimum", date(2023, 1, 1), Decimal(550)),
        ("temporary_disablement.minimum_daily_rate", date(2014, 1, 1), Decimal(30)),
        ("constant_attendance.monthly_allowance", date(2026, 1, 1), Decimal(500)),
        ("repatriation.maximum_refund", date(2026, 1, 1), Decimal(4500)),
        ("schemes.employer_penalty.maximum_fine", date(2026, 1, 1), Decimal(10000)),
    ],
)
def test_the_value_in_force_is_the_last_one_dated_on_or_before_the_day(
    name: str, day: date, expected: Decimal
) -> None:
    assert value_at(name, day).decimal == expected


@pytest.mark.parametrize(
    ("name", "day_before", "day_of"),
    [
        ("schemes.employment_injury.covers_foreign_workers", date(2018, 12, 31), date(2019, 1, 1)),
        ("schemes.employment_injury.covers_domestic_workers", date(2021, 5, 31), date(2021, 6, 1)),
        ("schemes.invalidity.covers_foreign_workers", date(2024, 6, 30), date(2024, 7, 1)),
        ("repatriation.under_invalidity_scheme", date(2024, 6, 30), date(2024, 7, 1)),
    ],
)
def test_a_scheme_starts_on_its_date_and_not_the_day_before(
    name: str, day_before: date, day_of: date
) -> None:
    assert value_at(name, day_before).flag is False
    assert value_at(name, day_of).flag is True
    assert parameter(name).first_known_date == day_of


def test_there_is_no_wage_ceiling_before_the_foreign_workers_scheme() -> None:
    with pytest.raises(ParameterNotInForce):
        value_at("wages.ceiling", date(2018, 12, 31))


def test_the_tdb_minimum_of_rm30_dates_from_2014() -> None:
    with pytest.raises(ParameterNotInForce):
        value_at("temporary_disablement.minimum_daily_rate", date(2013, 12, 31))


def test_a_value_may_carry_its_own_confidence() -> None:
    assert value_at("wages.ceiling", date(2023, 1, 1)).confidence is Confidence.MED
    assert value_at("wages.ceiling", date(2025, 1, 1)).confidence is Confidence.HIGH
    assert value_at("funeral.maximum", date(2025, 1, 1)).confidence is Confidence.HIGH


def test_a_value_of_unknown_start_has_no_start_date() -> None:
    assert value_at("funeral.maximum", date(2010, 1, 1)).start is None
    assert value_at("funeral.maximum", date(2025, 1, 1)).start == date(2024, 6, 1)


def test_qualifying_fractions_are_exact() -> None:
    from fractions import Fraction

    on = date(2026, 1, 1)
    assert value_at("invalidity.qualifying_period.full_fraction", on).fraction == Fraction(2, 3)
    assert value_at("invalidity.qualifying_period.reduced_fraction", on).fraction == Fraction(1, 3)


@pytest.fixture
def parameter_copy(tmp_path: Path) -> Iterator[Path]:
    """A copy of the parameter files that a test may edit, loaded instead of the real ones."""
    copy = tmp_path / "parameters"
    shutil.copytree(PARAMETERS_DIR, copy)
    reload(copy)
    yield copy
    reload()


def test_a_law_change_is_a_new_dated_value_and_old_cases_keep_the_old_rule(
    parameter_copy: Path,
) -> None:
    funeral = parameter_copy / "funeral.yaml"
    funeral.write_text(
        funeral.read_text().replace(
            "    2024-06-01: 3000\n", "    2024-06-01: 3000\n    2027-01-01: 3500\n"
        )
    )
    reload(parameter_copy)
    old = make_case(**injury("2026-12-31", death=True))
    new = make_case(**injury("2027-01-01", death=True), as_of=date(2027, 2, 1))
    assert result(old, BenefitId.FUNERAL).amount.max == Decimal("3000.00")
    assert result(new, BenefitId.FUNERAL).amount.max == Decimal("3500.00")


def test_a_ratio_written_as_a_float_is_refused(parameter_copy: Path) -> None:
    tdb = parameter_copy / "temporary_disablement.yaml"
    tdb.write_text(tdb.read_text().replace('0001-01-01: "0.8"', "0001-01-01: 0.8"))
    with pytest.raises(ParameterError, match="quoted"):
        reload(parameter_copy)
        all_parameters()


def test_an_unverified_parameter_with_a_figure_is_refused(parameter_copy: Path) -> None:
    survivors = parameter_copy / "survivors.yaml"
    survivors.write_text(survivors.read_text() + '  values:\n    2024-07-01: "0.6"\n')
    with pytest.raises(ParameterError, match="UNVERIFIED"):
        reload(parameter_copy)
        all_parameters()


def test_every_parameter_file_is_used_by_the_rules() -> None:
    sources = "\n".join(
        path.read_text()
        for path in (PARAMETERS_DIR.parent).glob("*.py")
        if path.name != "parameters.py"
    )
    unused = [
        name
        for name in all_parameters()
        if f'"{name}"' not in sources
        and not name.startswith(("partner_agencies.", "dependants.share.", "contributions."))
    ]
    assert unused == []


@settings(max_examples=300, deadline=None)
@given(day=st.dates())
def test_no_parameter_changes_within_a_rules_period(day: date) -> None:
    period = rules_period(day)
    assert period <= day
    for name, found in all_parameters().items():
        try:
            expected = found.at(day)
        except ParameterNotInForce:
            with pytest.raises(ParameterNotInForce):
                found.at(period)
        else:
            assert found.at(period) is expected, name
