"""Shared fixtures: a private copy of ``locales/`` a test may break at will."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.i18n import catalogues
from dialogs.i18n import LOCALES_DIR


@pytest.fixture
def locales(tmp_path: Path) -> Path:
    """A copy of the real catalogues, template and glossary, merged with the current
    code's strings (so a test can translate any string the flows show)."""
    copy = tmp_path / "locales"
    shutil.copytree(LOCALES_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    template, _ = catalogues.build_template()
    for code in catalogues.language_codes(copy):
        path = catalogues.catalogue_path(code, copy)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(catalogues.merged_catalogue_text(template, code, copy), encoding="utf-8")
    return copy


def translate(path: Path, msgid: str, *msgstrs: str) -> None:
    """Fill in one entry of a .po file the way a translator would in a text editor."""
    text = path.read_text(encoding="utf-8")
    quoted = _quote(msgid)
    start = text.index(f"msgid {quoted}\n") if f"msgid {quoted}\n" in text else -1
    if start < 0:
        raise AssertionError(f"{msgid!r} is not on one line in {path}")
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
