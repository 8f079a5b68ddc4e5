"""``kawan i18n stats``: how far each language is, and which gaps real workers hit.

Per language: translated share, fuzzy and untranslated counts, the review status from
the catalogue's header, and how many times workers were shown an English fallback in
that language (from the store's ``fallback_count`` table: counts per language and day,
no personal data). The table is Markdown, so it can be pasted into locales/README.md.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.pofile import PoFileError

from bot.i18n import catalogues
from dialogs.i18n import LOCALES_DIR


@dataclass(frozen=True, slots=True)
class LanguageStats:
    code: str
    name: str
    messages: int
    translated: int
    fuzzy: int
    review: str
    reviewer: str | None
    fallbacks: int | None
    """English fallbacks shown to workers; None when the store could not be read."""
    readable: bool = True

    @property
    def untranslated(self) -> int:
        return self.messages - self.translated - self.fuzzy

    @property
    def percent(self) -> str:
        if catalogues.is_source_language(self.code):
            return "source"
        if not self.readable:
            return "unreadable"
        if not self.messages:
            return "–"
        share = 100 * self.translated / self.messages
        return "<1%" if 0 < share < 1 else f"{share:.0f}%"


def catalogue_stats(code: str, locales: Path = LOCALES_DIR) -> LanguageStats:
    path = catalogues.catalogue_path(code, locales)
    name = catalogues.language_name(code)
    if not path.exists():
        return LanguageStats(code, name, 0, 0, 0, "missing", None, None, readable=False)
    fields = catalogues.header_fields(path.read_text(encoding="utf-8", errors="replace"))
    review = fields.get(catalogues.REVIEW_HEADER) or "(none)"
    reviewer = fields.get(catalogues.REVIEWER_HEADER) or None
    try:
        catalog = catalogues.read_catalogue(path, code)
    except (PoFileError, ValueError, UnicodeDecodeError):
        return LanguageStats(code, name, 0, 0, 0, review, reviewer, None, readable=False)
    messages = translated = fuzzy = 0
    for message in list(catalog)[1:]:
        messages += 1
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        filled = [s for s in strings if s]
        if not filled:
            continue
        if message.fuzzy:
            fuzzy += 1
        elif len(filled) == len(strings):
            translated += 1
    return LanguageStats(code, name, messages, translated, fuzzy, review, reviewer, None)


def read_fallback_counts(database_url: str | None = None) -> dict[str, int] | None:
    """English fallbacks seen per language, from the store; None if it cannot be read
    (no database yet, the store has no such table, the server is down)."""
    try:
        from bot.settings import get_settings
        from bot.store import open_store

        url = database_url or get_settings().database_url
        if url.startswith("sqlite") and ":memory:" not in url:
            # Never create an empty database just to read it.
            database = url.split("///", 1)[-1]
            if not database or not Path(database).exists():
                return None

        async def read() -> dict[str, int]:
            store = await open_store(url)
            try:
                counts = getattr(store, "fallback_counts", None)
                if counts is None:
                    raise LookupError("the store has no fallback_counts()")
                return dict(await counts())
            finally:
                await store.close()

        return asyncio.run(read())
    except Exception:  # stats must print even when the store is unreachable
        return None


def collect_stats(
    locales: Path = LOCALES_DIR, fallbacks: dict[str, int] | None = None, *, read_store: bool = True
) -> list[LanguageStats]:
    if fallbacks is None and read_store:
        fallbacks = read_fallback_counts()
    rows = []
    for code in catalogues.language_codes(locales):
        row = catalogue_stats(code, locales)
        seen = None if fallbacks is None else fallbacks.get(code, 0)
        rows.append(
            LanguageStats(
                row.code,
                row.name,
                row.messages,
                row.translated,
                row.fuzzy,
                row.review,
                row.reviewer,
                seen,
                row.readable,
            )
        )
    return rows


def _width(text: str) -> int:
    """Columns a terminal uses for ``text`` (wide CJK counts two, marks none)."""
    width = 0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap


def format_table(rows: Sequence[LanguageStats]) -> str:
    """A Markdown table, aligned for a terminal."""
    header = ("language", "translated", "fuzzy", "untranslated", "review", "English fallbacks seen")
    body = []
    for row in rows:
        review = row.review + (f" ({row.reviewer})" if row.reviewer else "")
        body.append(
            (
                f"{row.code} {row.name}",
                row.percent,
                str(row.fuzzy),
                "–"
                if not row.readable or catalogues.is_source_language(row.code)
                else str(row.untranslated),
                review,
                "n/a"
                if row.fallbacks is None
                else "–"
                if catalogues.is_source_language(row.code)
                else str(row.fallbacks),
            )
        )
    widths = [max(_width(r[i]) for r in (header, *body)) for i in range(len(header))]
    numeric = (False, True, True, True, False, True)

    def line(cells: Sequence[str]) -> str:
        padded = (_pad(c, w, right) for c, w, right in zip(cells, widths, numeric, strict=True))
        return "| " + " | ".join(padded) + " |"

    rule = (
        "|"
        + "|".join(
            ("-" * (w + 1) + ":") if right else ("-" * (w + 2))
            for w, right in zip(widths, numeric, strict=True)
        )
        + "|"
    )
    return "\n".join([line(header), rule, *(line(cells) for cells in body)])


README_BEGIN = "<!-- status:begin -->"
README_END = "<!-- status:end -->"


def refresh_readme_status(locales: Path = LOCALES_DIR) -> bool:
    """Rewrite the status table between the markers of ``locales/README.md`` (without
    reading the database: fallbacks show as n/a). True if the file changed."""
    readme = locales / "README.md"
    if not readme.exists():
        return False
    text = readme.read_text(encoding="utf-8")
    start, end = text.find(README_BEGIN), text.find(README_END)
    if start < 0 or end < start:
        return False
    table = format_table(collect_stats(locales, read_store=False))
    new = text[: start + len(README_BEGIN)] + "\n" + table + "\n" + text[end:]
    if new == text:
        return False
    readme.write_text(new, encoding="utf-8")
    return True
