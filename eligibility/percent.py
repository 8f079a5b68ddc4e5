"""Percentages as message params: an ``int`` when whole, else the decimal as text."""

from __future__ import annotations

from decimal import Decimal


def percent(share: Decimal) -> int | str:
    """A share (0.8) or a percentage already (``Decimal`` from a case) as a ``*_pct`` param.

    Examples:
        >>> percent(Decimal("0.8") * 100)
        80
        >>> percent(Decimal("37.5"))
        '37.5'
    """
    if share == share.to_integral_value():
        return int(share)
    return str(share.normalize())
