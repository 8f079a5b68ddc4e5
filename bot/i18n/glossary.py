"""The glossary: key terms, and the official names a translation must keep.

``locales/glossary.csv`` has one row per term: ``term``, ``meaning`` (for translators),
``must_keep`` (``yes`` for official names a worker shows at a PERKESO counter: "PERKESO",
"Borang 34", "1-300-22-8000") and one column per language with the accepted rendering
(for an official name, normally the name itself; ``|`` separates alternatives).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from dialogs.i18n import LOCALES_DIR

GLOSSARY_NAME: Final = "glossary.csv"


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    meaning: str
    must_keep: bool
    renderings: dict[str, tuple[str, ...]]

    def accepted(self, lang: str) -> tuple[str, ...]:
        """What a translation into ``lang`` may write for this term."""
        given = self.renderings.get(lang, ())
        return (self.term, *given) if self.must_keep else given

    def pattern(self) -> re.Pattern[str]:
        flags = 0 if self.must_keep else re.IGNORECASE
        return re.compile(rf"(?<!\w){re.escape(self.term)}(?!\w)", flags)


def load_glossary(locales: Path = LOCALES_DIR) -> list[Term]:
    path = locales / GLOSSARY_NAME
    if not path.exists():
        return []
    terms: list[Term] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            term = (row.get("term") or "").strip()
            if not term:
                continue
            renderings = {
                code: tuple(v.strip() for v in value.split("|") if v.strip())
                for code, value in row.items()
                if code not in ("term", "meaning", "must_keep") and code and value
            }
            terms.append(
                Term(
                    term=term,
                    meaning=(row.get("meaning") or "").strip(),
                    must_keep=(row.get("must_keep") or "").strip().lower() in ("yes", "true", "1"),
                    renderings=renderings,
                )
            )
    return terms


@dataclass(frozen=True, slots=True)
class GlossaryMiss:
    term: Term
    expected: tuple[str, ...]


def glossary_misses(
    msgid: str, translation: str, lang: str, terms: list[Term]
) -> list[GlossaryMiss]:
    """Terms in ``msgid`` whose accepted rendering is absent from ``translation``.

    Examples:
        >>> t = Term("Borang 34", "claim form", True, {})
        >>> [m.term.term for m in glossary_misses("Fill in Borang 34.", "ফর্ম ৩৪", "bn", [t])]
        ['Borang 34']
        >>> glossary_misses("Fill in Borang 34.", "Borang 34 পূরণ করুন", "bn", [t])
        []
    """
    misses: list[GlossaryMiss] = []
    for term in terms:
        expected = term.accepted(lang)
        if not expected or not term.pattern().search(msgid):
            continue
        folded = translation if term.must_keep else translation.casefold()
        wanted = expected if term.must_keep else tuple(e.casefold() for e in expected)
        if not any(e in folded for e in wanted):
            misses.append(GlossaryMiss(term, expected))
    return misses
