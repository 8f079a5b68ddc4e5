"""Ringgit arithmetic: Decimal everywhere, rounded once, to the sen, half up."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Final

SEN: Final = Decimal("0.01")


def to_sen(amount: Decimal) -> Decimal:
    """Round a ringgit amount to the sen, half up.

    Examples:
        >>> to_sen(Decimal("5950") * Decimal("0.8") / 30)
        Decimal('158.67')
        >>> to_sen(Decimal("0.005"))
        Decimal('0.01')
    """
    return amount.quantize(SEN, rounding=ROUND_HALF_UP)


def ringgit(amount: Decimal) -> str:
    """Ringgit as English text, the way payslips show it.

    Examples:
        >>> ringgit(Decimal("1234.5"))
        'RM1,234.50'
    """
    return f"RM{to_sen(amount):,.2f}"
