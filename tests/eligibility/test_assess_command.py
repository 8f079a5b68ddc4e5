"""``kawan assess`` as a user runs it: a subprocess, JSON in, JSON out (contract section 4)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = Path(__file__).parent / "cases" / "contract_example.json"


def kawan(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run ``kawan`` (the installed script, or the same entry point if it is not installed)."""
    script = shutil.which("kawan")
    command = [script] if script else [sys.executable, "-c", "from bot.cli import main; main()"]
    return subprocess.run(
        [*command, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **env},
        timeout=60,
        check=False,
    )


@pytest.fixture(scope="module")
def schemas() -> dict[str, Any]:
    run = kawan("assess", "--schema")
    assert run.returncode == 0, run.stderr
    printed: dict[str, Any] = json.loads(run.stdout)
    assert set(printed) == {"case", "assessment"}
    return printed


def test_the_contract_example_is_a_valid_case(schemas: dict[str, Any]) -> None:
    jsonschema.validate(json.loads(EXAMPLE.read_text()), schemas["case"])


def test_the_assessment_is_json_that_matches_the_printed_schema(schemas: dict[str, Any]) -> None:
    run = kawan("assess", str(EXAMPLE))
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    assessment = json.loads(run.stdout)
    jsonschema.validate(assessment, schemas["assessment"])
    assert assessment["as_of"] == "2026-11-23"
    tdb = next(b for b in assessment["benefits"] if b["id"] == "temporary_disablement")
    assert tdb["status"] == "eligible"
    assert tdb["amount"] == {
        "value": "46.67",
        "max": None,
        "per": "day",
        "currency": "MYR",
        "estimate": True,
    }


def test_the_same_case_prints_the_same_assessment_twice() -> None:
    first, second = kawan("assess", str(EXAMPLE)), kawan("assess", str(EXAMPLE))
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout


def test_the_case_can_come_from_standard_input() -> None:
    run = kawan("assess", "-", stdin=EXAMPLE.read_text())
    assert run.returncode == 0
    assert run.stdout == kawan("assess", str(EXAMPLE)).stdout


def test_the_output_is_indented_by_two_spaces() -> None:
    assert kawan("assess", str(EXAMPLE)).stdout.startswith('{\n  "as_of"')


def test_a_case_without_a_date_is_assessed_as_of_today() -> None:
    case = json.loads(EXAMPLE.read_text())
    del case["as_of"]
    run = kawan("assess", "-", stdin=json.dumps(case), KAWAN_TODAY="2026-01-05")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["as_of"] == "2026-01-05"


def test_lang_still_prints_a_valid_assessment(schemas: dict[str, Any]) -> None:
    run = kawan("assess", str(EXAMPLE), "--lang", "id")
    assert run.returncode == 0, run.stderr
    jsonschema.validate(json.loads(run.stdout), schemas["assessment"])


@pytest.mark.parametrize(
    ("change", "sentence"),
    [
        (
            {"wages": {"average_monthly_wage": "-1800.00"}},
            "kawan: wages.average_monthly_wage: must be 0 or more",
        ),
        ({"event": {"date": "2025-02-30"}}, "kawan: event.date: must be a real date (YYYY-MM-DD)"),
        (
            {"event": {"medical_leave_days": -1}},
            "kawan: event.medical_leave_days: must be 0 or more",
        ),
        ({"worker": {"age": "old"}}, "kawan: worker.age: must be a whole number"),
        ({"nationality": "ID"}, "kawan: nationality: is not a field kawan knows"),
    ],
)
def test_invalid_input_exits_2_with_one_sentence_naming_the_field(
    change: dict[str, Any], sentence: str
) -> None:
    case = json.loads(EXAMPLE.read_text())
    for section, fields in change.items():
        if isinstance(fields, dict):
            case[section] = {**case[section], **fields}
        else:
            case[section] = fields
    run = kawan("assess", "-", stdin=json.dumps(case))
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == sentence + "\n"


def test_broken_json_exits_2_without_a_traceback() -> None:
    run = kawan("assess", "-", stdin='{"event": ')
    assert run.returncode == 2
    assert run.stderr.startswith("kawan: the case is not valid JSON")
    assert "Traceback" not in run.stderr


def test_a_missing_file_exits_2_naming_it() -> None:
    run = kawan("assess", "no-such-case.json")
    assert (run.returncode, run.stderr) == (2, "kawan: no-such-case.json: no such file\n")
