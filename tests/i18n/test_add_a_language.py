"""The "add a language" steps of locales/README.md, followed end to end on a copy of the
repository: a throwaway Khmer catalogue is created, one string translated, compiled,
checked, and seen in `kawan demo`. If this fails, the README's instructions are wrong."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.i18n.conftest import MENU_TITLE as TITLE

REPO = Path(__file__).resolve().parents[2]
KHMER_TITLE = "kawan: សិទ្ធិ PERKESO របស់អ្នក។ តើមានអ្វីកើតឡើង?"


def kawan(copy: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "KAWAN_DATABASE_URL": f"sqlite+aiosqlite:///{copy / 'demo.db'}",
        "KAWAN_ID_SECRET": "test-secret",
        "KAWAN_TODAY": "2026-11-23",
    }
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def repository_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "kawan"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", "tests", "*.db", "*.db-*", "*.mo", "__pycache__", ".*cache", ".benchmarks"
        ),
    )
    return copy


def test_a_new_language_goes_from_nothing_to_the_demo_following_the_readme(
    repository_copy: Path,
) -> None:
    copy = repository_copy
    # Step 1: name the language in its own script in dialogs/i18n.py.
    source = copy / "dialogs" / "i18n.py"
    text = source.read_text(encoding="utf-8")
    anchor = '    "vi": "Tiếng Việt",\n'
    assert anchor in text
    source.write_text(text.replace(anchor, anchor + '    "km": "ខ្មែរ",\n'), encoding="utf-8")

    # Step 2: create the catalogue.
    updated = kawan(copy, "i18n", "update")
    assert updated.returncode == 0, updated.stderr
    assert "locales/km/LC_MESSAGES/messages.po: created" in updated.stdout
    po = copy / "locales" / "km" / "LC_MESSAGES" / "messages.po"
    catalogue = po.read_text(encoding="utf-8")
    assert '"Plural-Forms: nplurals=1; plural=(0);\\n"' in catalogue  # from CLDR
    assert '"X-Review-Status: draft\\n"' in catalogue
    assert '"Language: km\\n"' in catalogue

    # Step 3: translate (here one string, in a text editor's way).
    entry = f'msgid "{TITLE}"\nmsgstr ""'
    assert entry in catalogue
    po.write_text(catalogue.replace(entry, f'msgid "{TITLE}"\nmsgstr "{KHMER_TITLE}"'), "utf-8")

    # Step 4: check, compile, and see it in the demo.
    checked = kawan(copy, "i18n", "check", "--lang", "km")
    assert checked.returncode == 0, checked.stdout[-3000:] + checked.stderr
    assert "km" in checked.stdout and "1/" in checked.stdout

    compiled = kawan(copy, "i18n", "compile")
    assert compiled.returncode == 0, compiled.stderr
    assert (po.with_suffix(".mo")).stat().st_size > 0

    script = copy / "inputs.txt"
    script.write_text("99\n00\n", encoding="utf-8")
    demo = kawan(copy, "demo", "--lang", "km", "--script", str(script))
    assert demo.returncode == 0, demo.stderr
    assert KHMER_TITLE in demo.stdout
    assert "1-300-22-8000" in demo.stdout  # the help screen, still in English

    preview = kawan(copy, "i18n", "preview", "--lang", "km")
    assert preview.returncode == 0, preview.stderr
    assert KHMER_TITLE in preview.stdout
