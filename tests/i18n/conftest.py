"""Shared fixtures: a private copy of ``locales/`` a test may break at will."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.i18n import catalogues
from dialogs.crawl import crawl
from dialogs.i18n import LOCALES_DIR
from dialogs.reply import Reply


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A private ``locales/``: the glossary and README, and for every language a fresh,
    untranslated catalogue of the current code's strings (so a test can translate any
    string the flows show, and translators' work in progress cannot affect it)."""
    copy = tmp_path / "locales"
    copy.mkdir()
    for name in ("glossary.csv", "README.md"):
        shutil.copy(LOCALES_DIR / name, copy / name)
    template, _ = catalogues.build_template()
    (copy / catalogues.TEMPLATE_NAME).write_text(
        catalogues.render_po(template, template=True), encoding="utf-8"
    )
    for code in catalogues.language_codes(LOCALES_DIR):
        path = catalogues.catalogue_path(code, copy)
        path.parent.mkdir(parents=True)
        path.write_text(catalogues.merged_catalogue_text(template, code, copy), encoding="utf-8")
    return copy


def translate(path: Path, msgid: str, *msgstrs: str) -> None:
    """Fill in one entry of a .po file the way a translator would in a text editor."""
    text = path.read_text(encoding="utf-8")
    marker = f"\nmsgid {_quote(msgid)}\n"
    if marker not in text:
        raise AssertionError(f"{msgid!r} is not a current one-line entry of {path}")
    start = text.index(marker) + 1
    block_end = text.find("\n\n", start)
    block_end = len(text) if block_end < 0 else block_end
    block = text[start:block_end]
    lines = block.split("\n")
    kept = [line for line in lines if not line.startswith("msgstr") and not line.startswith('"')]
    # keep msgid / msgid_plural (and their continuation lines, which we do not produce)
    if len(msgstrs) == 1 and not any(line.startswith("msgid_plural") for line in lines):
        new = [*kept, f"msgstr {_quote(msgstrs[0])}"]
    else:
        new = [*kept, *(f"msgstr[{i}] {_quote(s)}" for i, s in enumerate(msgstrs))]
    path.write_text(text[:start] + "\n".join(new) + text[block_end:], encoding="utf-8")


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _screen(name: str) -> Reply:
    return next(s.reply for s in crawl("en") if s.reply.screen == name and s.reply.hint is None)


# English msgids taken from the flows themselves, so the tests follow rewordings.
MENU_TITLE = _screen("menu").body[0].msgid
"""The main menu's title (it names PERKESO)."""
FIRST_OPTION = _screen("menu").options[0].label.msgid
"""The main menu's first option (a USSD budget of about 30 characters)."""
CARELINE = next(t.msgid for t in _screen("help").body if "%(phone)s" in t.msgid)
"""The help screen's careline sentence, with its %(phone)s placeholder."""
MAIN_MENU_OPTION = _screen("help").options[0].label.msgid
"""The help screen's way back to the main menu."""
CONTINUE = _screen("resume").options[0].label.msgid
"""The welcome-back screen's first option."""
