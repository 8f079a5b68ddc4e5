"""Cleaning what a worker typed before any flow looks at it.

Phones send native digits (০-৯, ०-९, ၀-၉, ๐-๙, ௦-௯, ۰-۹), stray control characters,
emoji and, from copy-paste, very long text. All of it becomes a short, plain string here,
so validation in the flows only ever sees ASCII digits.

Burmese typed on a phone set up for the legacy Zawgyi font arrives in Zawgyi's encoding,
which is not Unicode Burmese although it uses the same code points. No converter is
installed (``myanmartools`` only detects), so the text is left as it is and
:func:`looks_like_zawgyi` tells the engine to answer with :data:`HINT_ZAWGYI`.
"""

from __future__ import annotations

import unicodedata
import warnings
from functools import lru_cache
from typing import Final, Protocol

from eligibility.text import N_

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


# -- Zawgyi (legacy Burmese encoding) ------------------------------------------------------

ZAWGYI_THRESHOLD: Final = 0.95
"""Above this probability from ``myanmartools`` the text is taken to be Zawgyi."""

# TRANSLATORS: hint when Burmese text was typed in the old Zawgyi font encoding (the
# phone's font setting). Only shown in Burmese conversations. USSD: ≤ 75 chars.
HINT_ZAWGYI = N_("Your phone uses the old Zawgyi font. Please type the number of your answer.")


class _Detector(Protocol):
    def get_zawgyi_probability(self, text: str) -> float: ...


@lru_cache(maxsize=1)
def _zawgyi_detector() -> _Detector:
    """Loaded once per process, on first use (its model takes a few milliseconds)."""
    from myanmartools import ZawgyiDetector

    with warnings.catch_warnings():  # its resource loading uses a deprecated importlib call
        warnings.simplefilter("ignore", DeprecationWarning)
        detector: _Detector = ZawgyiDetector()
    return detector


def _has_myanmar(text: str) -> bool:
    return any("\u1000" <= char <= "\u109f" or "\uaa60" <= char <= "\uaa7f" for char in text)


def looks_like_zawgyi(text: str) -> bool:
    """Whether ``text`` is Burmese in the legacy Zawgyi encoding rather than Unicode.

    Examples:
        >>> looks_like_zawgyi("ေနေကာင္းလား")  # Zawgyi: "how are you?"
        True
        >>> looks_like_zawgyi("နေကောင်းလား")  # the same in Unicode
        False
        >>> looks_like_zawgyi("12")
        False
    """
    if not _has_myanmar(text):
        return False
    return float(_zawgyi_detector().get_zawgyi_probability(text)) > ZAWGYI_THRESHOLD
