"""Ringgit, numbers and dates as each worker reads them (contract.md section 1)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dialogs.i18n import FSI, LANGUAGES, PDI, get_translator


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("bn", "RM১,৮০০.০০"),
        ("ne", "RM१,८००.००"),
        ("my", "RM၁,၈၀၀.၀၀"),
    ],
)
def test_money_is_rm_in_native_digits_where_cldr_says_the_locale_uses_them(
    lang: str, expected: str
) -> None:
    assert get_translator(lang).money(Decimal("1800")) == expected


@pytest.mark.parametrize("lang", [c for c in LANGUAGES if c not in ("bn", "ne", "my")])
def test_money_is_rm_with_latin_digits_everywhere_else(lang: str) -> None:
    shown = get_translator(lang).money(Decimal("1800")).strip(FSI + PDI)
    assert shown.startswith("RM") and "MYR" not in shown
    assert all(c.isascii() for c in shown if c.isdigit())
    assert "1" in shown and "8" in shown


def test_indonesian_money_uses_the_locale_separators() -> None:
    assert get_translator("id").money(Decimal("1800.5")) == "RM1.800,50"


def test_urdu_isolates_amounts_and_dates_so_they_read_left_to_right() -> None:
    tr = get_translator("ur")
    assert tr.rtl
    money = tr.money(Decimal("48"))
    assert money.startswith(FSI) and money.endswith(PDI) and "RM" in money
    day = tr.date(date(2025, 3, 10))
    assert day.startswith(FSI) and day.endswith(PDI)


def test_other_languages_do_not_add_isolation_characters() -> None:
    for lang in LANGUAGES:
        if lang != "ur":
            assert FSI not in get_translator(lang).money(Decimal("48"))
