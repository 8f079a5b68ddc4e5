"""``kawan demo`` as an NGO worker or translator runs it: the real command in a
subprocess, stdin and stdout, an SQLite file in a temporary folder."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

KAWAN_TODAY = "2026-11-23"


def _env(folder: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KAWAN_")}
    env.update(
        KAWAN_DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'kawan.db'}",
        KAWAN_ID_SECRET="demo-test-secret",
        KAWAN_TODAY=KAWAN_TODAY,
        PYTHONIOENCODING="utf-8",
    )
    env.update(extra)
    return env


def _demo(
    folder: Path, *args: str, stdin: str = "", **env: str
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["kawan", "demo", *args],
        input=stdin,
        env=_env(folder, **env),
        cwd=folder,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def _script(folder: Path, *lines: str) -> Path:
    path = folder / "script.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _conversation_rows(folder: Path) -> int:
    with sqlite3.connect(folder / "kawan.db") as conn:
        return int(conn.execute("SELECT count(*) FROM conversation").fetchone()[0])


def test_a_script_prints_every_input_and_the_screen_it_leads_to(tmp_path: Path) -> None:
    script = _script(tmp_path, "# choose English", "1", "", "99", "0", "00")
    result = _demo(tmp_path, "--script", str(script))
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("Choose your language")
    assert [line for line in out.splitlines() if line.startswith("> ")] == [
        "> 1",
        "> 99",
        "> 0",
        "> 00",
    ]
    after_help = out.split("> 99", 1)[1].split("> 0", 1)[0]
    assert "1-300-22-8000" in after_help
    assert "# choose English" not in out


def test_a_script_replays_identically_and_leaves_nothing_stored(tmp_path: Path) -> None:
    script = _script(tmp_path, "1", "99", "0")
    first = _demo(tmp_path, "--script", str(script))
    second = _demo(tmp_path, "--script", str(script))
    assert first.returncode == second.returncode == 0
    assert first.stdout == second.stdout
    assert _conversation_rows(tmp_path) == 0


def test_a_ussd_script_shows_con_screens_within_the_budget(tmp_path: Path) -> None:
    script = _script(tmp_path, "98", "0", "1", "99")
    result = _demo(tmp_path, "--channel", "ussd", "--script", str(script))
    assert result.returncode == 0, result.stderr
    heads = [line for line in result.stdout.splitlines() if line.startswith("+-- ")]
    assert len(heads) == 5
    for head in heads:
        assert head.startswith("+-- CON · ")
        used, allowed = head.split(" · ")[1].split(" ")[0].split("/")
        assert int(used) <= int(allowed)
    assert "page 1/" in heads[0] and "page 2/" in heads[1]


def test_lang_preselects_the_language_and_skips_the_language_screen(tmp_path: Path) -> None:
    result = _demo(tmp_path, "--lang", "id", "--script", str(_script(tmp_path, "99")))
    assert result.returncode == 0, result.stderr
    assert "Choose your language" not in result.stdout
    assert "1-300-22-8000" in result.stdout


def test_a_live_demo_interrupted_mid_flow_continues_at_the_same_question(
    tmp_path: Path,
) -> None:
    first = _demo(tmp_path, stdin="1\n99\n")  # language, then help; then Ctrl-D
    assert first.returncode == 0, first.stderr
    help_screen = first.stdout.rsplit("> ", 2)[-2].strip()
    assert "1-300-22-8000" in help_screen

    second = _demo(tmp_path, stdin="1\n")  # "Continue"
    assert second.returncode == 0, second.stderr
    screens = second.stdout.split("> ")
    assert "Continue" in screens[0] and "Start again" in screens[0]
    assert screens[1].strip() == help_screen


def test_a_live_ussd_demo_redialled_offers_to_continue(tmp_path: Path) -> None:
    _demo(tmp_path, "--channel", "ussd", stdin="1\n99\n")
    again = _demo(tmp_path, "--channel", "ussd", stdin="1\n")
    first_screen = again.stdout.split("> ")[0]
    assert "+-- CON" in first_screen and "Continue" in first_screen
    assert "1-300-22-8000" in again.stdout.split("> ")[1]


def test_recording_a_live_session_then_replaying_it_shows_the_same_screens(
    tmp_path: Path,
) -> None:
    record = tmp_path / "found-in-the-field.txt"
    live = _demo(tmp_path, "--record", str(record), stdin="1\n99\nbanana\n0\n")
    assert live.returncode == 0, live.stderr
    assert [
        line for line in record.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
    ] == ["1", "99", "banana", "0"]

    replay = _demo(tmp_path, "--script", str(record))
    assert replay.returncode == 0, replay.stderr
    live_screens = [s.strip() for s in live.stdout.split("> ") if s.strip()]
    replay_screens = [
        s.split("\n", 1)[-1].strip() if i else s.strip()
        for i, s in enumerate(replay.stdout.split("> "))
    ]
    assert live_screens == replay_screens


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--lang", "klingon"), "unknown language"),
        (("--channel", "fax"), "unknown channel"),
        (("--script", "does-not-exist.txt"), "cannot read the script"),
    ],
)
def test_bad_options_get_one_sentence_on_stderr_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], says: str
) -> None:
    result = _demo(tmp_path, *args)
    assert result.returncode == 2
    assert says in result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_when_the_database_is_down_the_demo_says_so_in_the_workers_language(
    tmp_path: Path,
) -> None:
    result = _demo(
        tmp_path,
        "--lang",
        "bn",
        "--script",
        str(_script(tmp_path, "1")),
        KAWAN_DATABASE_URL="postgresql+psycopg://kawan@127.0.0.1:1/kawan",
    )
    assert result.returncode == 1
    assert "1-300-22-8000" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_quick_exit_in_the_demo_deletes_the_stored_conversation(tmp_path: Path) -> None:
    _demo(tmp_path, stdin="1\n99\n")
    assert _conversation_rows(tmp_path) == 1
    menu = _demo(tmp_path, stdin="2\n")  # "Start again" shows the main menu
    quick_exit = next(
        line.split(".")[0]
        for line in menu.stdout.splitlines()
        if line[:1].isdigit() and "Quick exit" in line
    )
    _demo(tmp_path, stdin=f"{quick_exit}\n")
    assert _conversation_rows(tmp_path) == 0
