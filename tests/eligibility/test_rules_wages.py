"""From the wage the worker states to the assumed wage (RM100 bands, mid-point, capped)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from eligibility.wages import assumed_wage, band_mid_point


@pytest.mark.parametrize(
    ("wage", "assumed"),
    [
        ("1800.00", "1750"),
        ("1700.01", "1750"),
        ("1800.01", "1850"),
        ("1700.00", "1650"),
        ("0", "50"),
        ("0.01", "50"),
        ("100.00", "50"),
        ("5900.01", "5950"),
    ],
)
def test_a_wage_counts_as_the_middle_of_its_rm100_band(wage: str, assumed: str) -> None:
    assert band_mid_point(Decimal(wage), Decimal(100)) == Decimal(assumed)


@pytest.mark.parametrize(
    ("day", "top"),
    [
        (date(2022, 8, 31), Decimal(3950)),
        (date(2022, 9, 1), Decimal(4950)),
        (date(2024, 9, 30), Decimal(4950)),
        (date(2024, 10, 1), Decimal(5950)),
    ],
)
def test_wages_above_the_ceiling_count_as_the_top_band_of_the_ceiling_in_force(
    day: date, top: Decimal
) -> None:
    wage = assumed_wage(Decimal("20000"), day)
    assert wage.monthly == top
    assert wage.capped


def test_a_wage_in_the_top_band_is_not_capped() -> None:
    wage = assumed_wage(Decimal("6000.00"), date(2025, 1, 1))
    assert (wage.monthly, wage.capped) == (Decimal(5950), False)
    assert assumed_wage(Decimal("6000.01"), date(2025, 1, 1)).capped


def test_the_assumed_daily_wage_is_a_thirtieth_of_the_monthly() -> None:
    assert assumed_wage(Decimal("1650"), date(2025, 1, 1)).daily == Decimal(55)
