"""`kawan assess --lang L` renders every message in L; everything else stays the same."""

import json
import subprocess
import sys
from pathlib import Path

CASE = Path(__file__).parents[1] / "eligibility" / "cases" / "contract_example.json"


def _assess(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "assess", str(CASE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"KAWAN_TODAY": "2026-11-23", "PATH": "/usr/bin:/bin"},
    )


def test_assess_in_malay_translates_the_messages_and_keeps_rules_and_amounts() -> None:
    english = json.loads(_assess().stdout)
    malay = json.loads(_assess("--lang", "ms").stdout)
    assert [b["id"] for b in malay["benefits"]] == [b["id"] for b in english["benefits"]]
    assert [b["amount"] for b in malay["benefits"]] == [b["amount"] for b in english["benefits"]]
    first_en = english["benefits"][0]["reasons"][0]
    first_ms = malay["benefits"][0]["reasons"][0]
    assert first_ms["rule"] == first_en["rule"] and first_ms["citation"] == first_en["citation"]
    assert first_ms["message"] != first_en["message"]
    assert "PERKESO" in first_ms["message"]


def test_assess_with_an_unknown_language_exits_2_naming_the_option() -> None:
    result = _assess("--lang", "xx")
    assert result.returncode == 2
    assert "--lang xx" in result.stderr and "Traceback" not in result.stderr
