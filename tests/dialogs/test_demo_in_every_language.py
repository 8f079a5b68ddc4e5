"""`kawan demo --script` reaches a summary in every one of the thirteen languages (issue 5):
the injury transcript is the same keys in each, and the summary shows the translated
heading and the daily amount formatted for that language (RM, its separators, its digits)."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from dialogs.i18n import LANGUAGES, get_translator
from dialogs.summary import HEADER

TRANSCRIPTS = Path(__file__).parents[1] / "transcripts"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_injury_transcript_reaches_a_translated_summary(lang: str, tmp_path: Path) -> None:
    script = TRANSCRIPTS / f"injury_{lang}.txt"
    result = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "demo", "--script", str(script)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env={
            **os.environ,
            "KAWAN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'kawan.db'}",
            "KAWAN_TODAY": "2026-11-23",
            "KAWAN_ID_SECRET": "test",
        },
    )
    assert result.returncode == 0, result.stderr
    tr = get_translator(lang)
    heading = tr.gettext(HEADER).split("%(")[0].strip()
    assert heading and heading in result.stdout
    # 12 days of MC at a wage of about RM1,850: 80% of 1,850/30 = RM49.33 a day.
    assert tr.money(Decimal("49.33")) in result.stdout
    if lang != "en":
        assert HEADER.split("%(")[0].strip() in result.stdout  # the Malay/English view
