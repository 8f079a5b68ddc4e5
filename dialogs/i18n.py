"""Languages, catalogues and locale formatting: the one place text meets a locale.

Catalogues are read straight from ``locales/<code>/LC_MESSAGES/messages.po`` with Babel
(and compiled in memory), so a translator sees an edit in ``kawan demo --lang L`` without
compiling by hand. Fuzzy entries are not used. A msgid with no translation falls back to
the English msgid itself, and the miss is counted, so ``kawan i18n stats`` can show which
gaps real workers hit first.

Numbers, ringgit and dates go through Babel for the worker's locale. Two fixes on top of
Babel (contract.md section 1): money shows "RM" (Babel prints "MYR" for most locales), and
where CLDR's default numbering system is native (bn, ne, my) the Latin digits Babel prints
are mapped to the native ones. Urdu wraps left-to-right runs in FSI/PDI.
"""

from __future__ import annotations

import gettext
import io
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from pathlib import Path
from typing import Final

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES_DIR: Final = Path(__file__).resolve().parent.parent / "locales"
DOMAIN: Final = "messages"

LANGUAGES: Final[dict[str, str]] = {
    "en": "English",
    "ms": "Bahasa Melayu",
    "bn": "বাংলা",
    "id": "Bahasa Indonesia",
    "ne": "नेपाली",
    "my": "မြန်မာ",
    "hi": "हिन्दी",
    "ta": "தமிழ்",
    "ur": "اردو",
    "fil": "Filipino",
    "th": "ไทย",
    "zh_Hans": "简体中文",
    "vi": "Tiếng Việt",
}
"""Every supported language, named in its own script, in menu order (contract.md s.1)."""

DEFAULT_LANGUAGE: Final = "en"

FSI: Final = "\u2068"
PDI: Final = "\u2069"

_NATIVE_DIGITS: Final[dict[str, str]] = {
    "beng": "০১২৩৪৫৬৭৮৯",
    "deva": "०१२३४५६७८९",
    "mymr": "၀၁၂၃၄၅၆၇၈၉",
}


def normalize_language(code: str | None) -> str | None:
    """The supported code for ``code`` (``zh``, ``zh-CN``, ``ms_MY`` …), or ``None``.

    Examples:
        >>> normalize_language("zh-CN"), normalize_language("BN"), normalize_language("xx")
        ('zh_Hans', 'bn', None)
    """
    if not code:
        return None
    if code in LANGUAGES:  # already a supported code, as on almost every turn
        return code
    cleaned = code.strip().replace("-", "_")
    lowered = {c.lower(): c for c in LANGUAGES}
    if cleaned.lower() in lowered:
        return lowered[cleaned.lower()]
    base = cleaned.split("_")[0].lower()
    if base == "zh":
        return "zh_Hans"
    if base in ("tl",):
        return "fil"
    return lowered.get(base)


class _MissRecorder(gettext.NullTranslations):
    """The last fallback: English msgid returned as is, and the miss counted."""

    def __init__(self, translator: Translator) -> None:
        super().__init__()
        self._translator = translator

    def gettext(self, message: str) -> str:
        self._translator._record_miss()
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self._translator._record_miss()
        return msgid1 if n == 1 else msgid2


@dataclass(eq=False)
class Translator:
    """Translation and locale formatting for one language."""

    lang: str
    locale: Locale
    _catalogue: gettext.NullTranslations = field(repr=False)
    misses: Counter[str] = field(default_factory=Counter, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def rtl(self) -> bool:
        return self.locale.text_direction == "rtl"

    def gettext(self, message: str) -> str:
        if self.lang == DEFAULT_LANGUAGE or not message:
            return message
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if self.lang == DEFAULT_LANGUAGE:
            return singular if n == 1 else plural
        return self._catalogue.ngettext(singular, plural, n)

    def _record_miss(self) -> None:
        with self._lock:
            self.misses[self.lang] += 1

    def take_misses(self) -> int:
        """How many English fallbacks were shown since the last call (then reset)."""
        if not self.misses.get(self.lang):  # none yet: no need for the lock
            return 0
        with self._lock:
            count = self.misses[self.lang]
            self.misses[self.lang] = 0
        return count

    # -- formatting -------------------------------------------------------------------

    def digits(self, text: str) -> str:
        """Map ASCII digits to the locale's native ones where CLDR's default is native."""
        native = _NATIVE_DIGITS.get(self.locale.default_numbering_system)
        if native is None:
            return text
        return text.translate(str.maketrans("0123456789", native))

    def isolate(self, text: str) -> str:
        """Keep a left-to-right run (an amount, a form number) readable in RTL text."""
        return f"{FSI}{text}{PDI}" if self.rtl else text

    def number(self, value: int | Decimal) -> str:
        return self.isolate(self.digits(format_decimal(value, locale=self.locale)))

    def money(self, value: Decimal) -> str:
        """Ringgit as workers see it on payslips: "RM" and the locale's separators.

        Examples:
            >>> get_translator("en").money(Decimal("1234.5"))
            'RM1,234.50'
            >>> get_translator("bn").money(Decimal("123456.5"))
            'RM১,২৩,৪৫৬.৫০'
            >>> get_translator("id").money(Decimal("48"))
            'RM48,00'
        """
        amount = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        integer_pattern = self.locale.decimal_formats[None].pattern.split(".")[0].split(";")[0]
        text = format_decimal(amount, format=f"{integer_pattern}.00", locale=self.locale)
        return self.isolate("RM" + self.digits(text))

    def date(self, value: date) -> str:
        return self.isolate(self.digits(format_date(value, format="medium", locale=self.locale)))


@lru_cache(maxsize=64)
def _load_catalogue(lang: str, mtime: float) -> gettext.GNUTranslations | None:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return None
    return _compile_po(path, lang)


def _compile_po(path: Path, lang: str) -> gettext.GNUTranslations:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def load_translator(lang: str, catalogue: Path | None) -> Translator:
    """A fresh, uncached translator for ``lang`` reading the ``.po`` file ``catalogue``
    (English fallbacks if it is None or missing).

    For tools that look at a catalogue wherever it is, such as ``kawan i18n check`` and
    ``preview`` on a copy of ``locales/`` or on a language not yet in :data:`LANGUAGES`.
    """
    translator = Translator(
        lang=lang, locale=Locale.parse(lang), _catalogue=gettext.NullTranslations()
    )
    fallback = _MissRecorder(translator)
    if catalogue is not None and catalogue.exists():
        loaded = _compile_po(catalogue, lang)
        loaded.add_fallback(fallback)
        translator._catalogue = loaded
    else:
        translator._catalogue = fallback
    return translator


def _catalogue_mtime(lang: str) -> float:
    path = LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    return path.stat().st_mtime if path.exists() else 0.0


_translators: dict[tuple[str, float], Translator] = {}
_translators_lock = threading.Lock()


def get_translator(lang: str | None) -> Translator:
    """The translator for ``lang`` (English for unknown codes), cached per process.

    A catalogue edited on disk is picked up on the next call (keyed by its mtime), which
    is what a translator watching ``kawan demo`` expects.
    """
    code = normalize_language(lang) or DEFAULT_LANGUAGE
    key = (code, _catalogue_mtime(code))
    with _translators_lock:
        cached = _translators.get(key)
        if cached is not None:
            return cached
        locale = Locale.parse(code)
        translator = Translator(lang=code, locale=locale, _catalogue=gettext.NullTranslations())
        loaded = _load_catalogue(*key) if code != DEFAULT_LANGUAGE else None
        fallback = _MissRecorder(translator)
        if loaded is not None:
            loaded.add_fallback(fallback)
            translator._catalogue = loaded
        else:
            translator._catalogue = fallback
        _translators[key] = translator
        return translator
