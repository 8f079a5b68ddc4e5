"""Cleaning what a worker typed before any flow looks at it.

Phones send native digits (০-৯, ०-९, ၀-၉, ๐-๙, ௦-௯, ۰-۹), stray control characters,
emoji and, from copy-paste, very long text. All of it becomes a short, plain string here,
so validation in the flows only ever sees ASCII digits.
"""

from __future__ import annotations

import unicodedata
from typing import Final

MAX_INPUT: Final = 200
"""Longer input is cut: no answer kawan asks for is longer, and nothing huge is kept."""


def normalize_input(raw: str) -> str:
    """Strip control characters, map every Unicode decimal digit to ASCII, fold spaces.

    Examples:
        >>> normalize_input(" ১২ ")
        '12'
        >>> normalize_input("\\x00 4\\u200b5 ")
        '45'
        >>> normalize_input("RM 1,800")
        'RM 1,800'
    """
    text = unicodedata.normalize("NFC", raw[: MAX_INPUT * 4])
    out: list[str] = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Nd":
            out.append(str(unicodedata.digit(char)))
        elif char in "\t\n\r":
            out.append(" ")
        elif category in ("Cc", "Cs", "Co", "Cn") or (
            category == "Cf" and char not in "\u200c\u200d"
        ):
            continue
        else:
            out.append(char)
    return " ".join("".join(out).split())[:MAX_INPUT]
