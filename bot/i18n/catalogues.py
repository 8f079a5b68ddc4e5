"""The template and the catalogues: extracting, merging, compiling, reading headers.

Babel does the gettext work; this module adds what kawan needs on top of it:

- ``Plural-Forms`` from CLDR for every language (the table below), because Babel 2.18's
  ``pybabel init`` writes wrong headers for bn, hi, id, ms, my and fil (tech.md 4.2).
- a review status in each catalogue's header (``X-Review-Status: draft`` until a fluent
  speaker has reviewed it), which Babel would drop on rewrite: every ``X-`` header a
  translator or tool set is carried over.
- stable files: the template keeps its ``POT-Creation-Date`` while its messages do not
  change, locations carry no line numbers (editing a flow does not rewrite 13 files),
  and a catalogue is only written when its content changed.
"""

from __future__ import annotations

import gettext
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Final

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, unescape, write_po
from babel.plural import to_gettext

from dialogs.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALES_DIR

ROOT: Final = LOCALES_DIR.parent
"""The repository: ``babel.cfg`` and the source folders are read from here."""

TEMPLATE_NAME: Final = f"{DOMAIN}.pot"
KEYWORDS: Final[dict[str, tuple[int, ...] | None]] = {
    "N_": None,
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
}
COMMENT_TAG: Final = "TRANSLATORS:"
PROJECT: Final = "kawan"
BUGS_ADDRESS: Final = "https://github.com/kawan/kawan/issues"

REVIEW_HEADER: Final = "X-Review-Status"
REVIEWER_HEADER: Final = "X-Reviewed-By"
DRAFT: Final = "draft"
REVIEWED: Final = "reviewed"
REVIEW_STATUSES: Final = (DRAFT, REVIEWED)

PLURAL_FORMS: Final[dict[str, str]] = {
    "en": "nplurals=2; plural=(n != 1);",
    "ms": "nplurals=1; plural=0;",
    "bn": "nplurals=2; plural=(n > 1);",
    "id": "nplurals=1; plural=0;",
    "ne": "nplurals=2; plural=(n != 1);",
    "my": "nplurals=1; plural=0;",
    "hi": "nplurals=2; plural=(n > 1);",
    "ta": "nplurals=2; plural=(n != 1);",
    "ur": "nplurals=2; plural=(n != 1);",
    "fil": "nplurals=2; plural=(n != 1 && n != 2 && n != 3 && "
    "(n % 10 == 4 || n % 10 == 6 || n % 10 == 9));",
    "th": "nplurals=1; plural=0;",
    "zh_Hans": "nplurals=1; plural=0;",
    "vi": "nplurals=1; plural=0;",
}
"""CLDR's cardinal plural rules as gettext headers (tech.md 4.2). A language not listed
gets the rule Babel derives from CLDR (:func:`babel.plural.to_gettext`)."""

_PLURAL_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$")


# -- languages and paths --------------------------------------------------------------


def catalogue_path(code: str, locales: Path = LOCALES_DIR) -> Path:
    return locales / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def language_codes(locales: Path = LOCALES_DIR) -> list[str]:
    """Every supported language, then any other catalogue found on disk."""
    codes = list(LANGUAGES)
    if locales.is_dir():
        for folder in sorted(locales.iterdir()):
            if folder.name not in codes and catalogue_path(folder.name, locales).exists():
                codes.append(folder.name)
    return codes


def language_name(code: str) -> str:
    """The language's own name: from ``LANGUAGES``, else from CLDR."""
    if code in LANGUAGES:
        return LANGUAGES[code]
    try:
        return Locale.parse(code).get_display_name(code) or code
    except (ValueError, LookupError):
        return code


def english_name(code: str) -> str:
    try:
        return Locale.parse(code).get_display_name("en") or code
    except (ValueError, LookupError):
        return code


# -- plural forms ---------------------------------------------------------------------


def expected_plural_forms(code: str) -> str:
    """The ``Plural-Forms`` header CLDR gives for ``code``."""
    if code in PLURAL_FORMS:
        return PLURAL_FORMS[code]
    return to_gettext(Locale.parse(code).plural_form)


def parse_plural_forms(header: str) -> tuple[int, Callable[[int], int]] | None:
    """(nplurals, plural function) from a ``Plural-Forms`` value, or None if invalid."""
    match = _PLURAL_HEADER.match(header)
    if match is None:
        return None
    try:
        return int(match.group(1)), gettext.c2py(match.group(2))
    except (ValueError, SyntaxError):
        return None


def same_plural_rule(actual: str, expected: str) -> bool:
    """Whether two headers pick the same form for every count from 0 to 1000 (a tool
    may write the expression differently: ``(n != 1)`` and ``n!=1`` are the same rule)."""
    left, right = parse_plural_forms(actual), parse_plural_forms(expected)
    if left is None or right is None or left[0] != right[0]:
        return False
    try:
        return all(left[1](n) == right[1](n) for n in range(1001))
    except (ZeroDivisionError, ValueError, TypeError):
        return False


# -- headers --------------------------------------------------------------------------


def header_fields(text: str) -> dict[str, str]:
    """The header entry's fields (``msgid ""``) as read in the file, including the
    ``X-`` fields Babel does not keep."""
    started = False
    parts: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not started:
            if line.startswith("msgstr "):
                started = True
                parts.append(unescape(line[len("msgstr ") :]))
            elif line.startswith("msgid ") and line != 'msgid ""':
                return {}
            continue
        if line.startswith('"'):
            parts.append(unescape(line))
        else:
            break
    fields: dict[str, str] = {}
    for entry in "".join(parts).split("\n"):
        name, sep, value = entry.partition(":")
        if sep:
            fields[name.strip()] = value.strip()
    return fields


def _insert_extra_headers(po_text: str, extra: Iterable[tuple[str, str]]) -> str:
    lines = "".join(f'"{name}: {value}\\n"\n' for name, value in extra)
    if not lines:
        return po_text
    marker = '"Generated-By: '
    index = po_text.find(marker)
    if index < 0:
        raise ValueError("no Generated-By header to insert after")
    return po_text[:index] + lines + po_text[index:]


def _header_comment(code: str) -> str:
    english, own = english_name(code), language_name(code)
    title = english if english == own else f"{english} ({own})"
    return (
        f"# {title} translations for kawan.\n"
        "# How to translate, test and mark reviewed: locales/README.md.\n"
        "# Keep every %(name)s placeholder and official name as in the English.\n"
        "# Each entry's comment says where it shows and its USSD length budget.\n"
        "#"
    )


# -- the template ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Uncommented:
    """A marked string with no ``# TRANSLATORS:`` comment above it."""

    path: str
    line: int
    msgid: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.msgid!r} has no '# {COMMENT_TAG}' comment above it"


def build_template(root: Path = ROOT) -> tuple[Catalog, list[Uncommented]]:
    """Extract every marked string under the folders ``babel.cfg`` names, and list the
    msgids that have no translator comment at any of their uses."""
    with (root / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    template = Catalog(
        project=PROJECT,
        version="1",
        copyright_holder="kawan contributors",
        msgid_bugs_address=BUGS_ADDRESS,
        charset="utf-8",
        fuzzy=False,
        header_comment=(
            "# Translations template for kawan (generated by `kawan i18n extract`).\n"
            "# Do not edit: change the English in the code, then run\n"
            "# `kawan i18n extract && kawan i18n update`.\n#"
        ),
    )
    first_seen: dict[str, Uncommented] = {}
    for filename, lineno, message, comments, context in extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=(COMMENT_TAG,),
        strip_comment_tags=True,
    ):
        path = Path(filename).as_posix()
        msgid = message if isinstance(message, str) else message[0]
        if not msgid:
            continue
        first_seen.setdefault(msgid, Uncommented(path, lineno, msgid))
        template.add(message, None, [(path, lineno)], auto_comments=comments, context=context)
    # A msgid used in several places needs its comment once (the template merges them).
    missing = [
        first_seen[m.id if isinstance(m.id, str) else m.id[0]]
        for m in list(template)[1:]
        if not m.auto_comments
    ]
    return template, missing


def render_po(catalog: Catalog, *, template: bool = False) -> str:
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=79,
        sort_by_file=template,
        include_previous=not template,
        include_lineno=False,
    )
    return buffer.getvalue().decode("utf-8")


def _without_creation_date(text: str) -> str:
    return re.sub(r'^"POT-Creation-Date: [^"]*"\n', "", text, count=1, flags=re.M)


@dataclass(frozen=True, slots=True)
class ExtractResult:
    changed: bool
    messages: int
    uncommented: list[Uncommented]


def write_template(root: Path = ROOT, locales: Path = LOCALES_DIR) -> ExtractResult:
    """Write ``messages.pot`` unless a string lacks its translator comment.

    The file is left untouched (date included) when its messages did not change.
    """
    catalog, missing = build_template(root)
    if missing:
        return ExtractResult(False, len(catalog), missing)
    catalog.creation_date = datetime.now(UTC).replace(second=0, microsecond=0)
    text = render_po(catalog, template=True)
    target = locales / TEMPLATE_NAME
    if target.exists():
        old = target.read_text(encoding="utf-8")
        if _without_creation_date(old) == _without_creation_date(text):
            return ExtractResult(False, len(catalog), [])
    locales.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return ExtractResult(True, len(catalog), [])


def read_template(locales: Path = LOCALES_DIR) -> Catalog:
    with (locales / TEMPLATE_NAME).open("rb") as handle:
        return read_po(handle)


# -- catalogues -----------------------------------------------------------------------


def read_catalogue(path: Path, code: str) -> Catalog:
    """Read a catalogue; raises ``babel.messages.pofile.PoFileError`` on bad syntax."""
    with path.open("rb") as handle:
        return read_po(handle, locale=code, abort_invalid=True)


def _kept_extra_headers(old_fields: dict[str, str]) -> list[tuple[str, str]]:
    status = old_fields.get(REVIEW_HEADER, "").strip() or DRAFT
    extra = [(REVIEW_HEADER, status)]
    extra += [
        (name, value)
        for name, value in old_fields.items()
        if name.startswith("X-") and name != REVIEW_HEADER
    ]
    return extra


def merged_catalogue_text(template: Catalog, code: str, locales: Path = LOCALES_DIR) -> str:
    """The catalogue for ``code`` merged with ``template``, as it should be on disk:
    translations kept, changed English marked fuzzy (with the previous English shown),
    headers from CLDR, review status kept."""
    path = catalogue_path(code, locales)
    if path.exists():
        old_text = path.read_text(encoding="utf-8")
        catalog = read_catalogue(path, code)
        old_fields = header_fields(old_text)
    else:
        catalog = Catalog(
            locale=code,
            domain=DOMAIN,
            project=PROJECT,
            version="1",
            copyright_holder="kawan contributors",
            msgid_bugs_address=BUGS_ADDRESS,
            creation_date=template.creation_date,
            revision_date=template.creation_date,
            last_translator="kawan translators <LL@li.org>",
            language_team=f"kawan {english_name(code)} <LL@li.org>",
            charset="utf-8",
            fuzzy=False,
        )
        old_fields = {}
    catalog.mime_headers = [("Plural-Forms", expected_plural_forms(code))]
    catalog.update(template, update_creation_date=True)
    # Strings removed from the code: keep their translations (as #~ entries, revived if
    # the English comes back), drop the untranslated ones (noise for translators).
    catalog.obsolete = {
        key: message
        for key, message in catalog.obsolete.items()
        if any(message.string if isinstance(message.string, (list, tuple)) else [message.string])
    }
    catalog.fuzzy = False
    catalog.header_comment = _header_comment(code)
    # Babel writes the locale it parsed; keep the folder's code (zh_Hans, fil).
    text = render_po(catalog)
    text = re.sub(r'^"Language: [^"]*\\n"$', f'"Language: {code}\\\\n"', text, count=1, flags=re.M)
    return _insert_extra_headers(text, _kept_extra_headers(old_fields))


def update_catalogue(template: Catalog, code: str, locales: Path = LOCALES_DIR) -> str:
    """Merge ``template`` into ``code``'s catalogue: "created", "updated" or "unchanged"."""
    path = catalogue_path(code, locales)
    existed = path.exists()
    text = merged_catalogue_text(template, code, locales)
    if existed and path.read_text(encoding="utf-8") == text:
        return "unchanged"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return "updated" if existed else "created"


def compile_catalogue(code: str, locales: Path = LOCALES_DIR) -> Path:
    """Write ``messages.mo`` beside the catalogue (fuzzy entries left out)."""
    path = catalogue_path(code, locales)
    catalog = read_catalogue(path, code)
    target = path.with_suffix(".mo")
    with target.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return target


def is_source_language(code: str) -> bool:
    """English is the msgid itself: its catalogue may stay empty."""
    return code == DEFAULT_LANGUAGE
