"""`kawan i18n stats` shows progress, review status and the English fallbacks real
workers met; `kawan i18n preview` shows every screen as the worker sees it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.i18n import catalogues
from bot.i18n.stats import collect_stats, format_table
from bot.i18n_tools import preview
from dialogs.crawl import crawl
from tests.i18n.conftest import MAIN_MENU_OPTION, translate

REPO = Path(__file__).resolve().parents[2]


def kawan(*args: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", *args],
        cwd=cwd,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def row(table: str, code: str) -> list[str]:
    line = next(line for line in table.splitlines() if line.startswith(f"| {code} "))
    return [cell.strip() for cell in line.strip("|").split("|")]


def test_stats_show_translated_share_fuzzy_and_review_status(locales: Path) -> None:
    path = catalogues.catalogue_path("ms", locales)
    translate(path, MAIN_MENU_OPTION, "Menu utama")
    text = path.read_text(encoding="utf-8").replace(
        "X-Review-Status: draft", "X-Review-Status: reviewed"
    )
    path.write_text(text.replace("#, fuzzy\n", ""), encoding="utf-8")
    rows = collect_stats(locales, read_store=False)
    table = format_table(rows)
    ms = row(table, "ms")
    counted = next(r for r in rows if r.code == "ms")
    assert counted.translated == 1
    assert ms[0] == "ms Bahasa Melayu"
    assert ms[1] == "<1%"
    assert ms[3] == str(counted.messages - 1)
    assert ms[4] == "reviewed"
    assert row(table, "bn")[4] == "draft"
    assert row(table, "bn")[0] == "bn বাংলা"
    assert row(table, "en")[1] == "source"


def test_without_a_database_fallbacks_are_not_known_rather_than_zero(tmp_path: Path) -> None:
    result = kawan(
        "i18n",
        "stats",
        cwd=tmp_path,
        env={"KAWAN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'none.db'}"},
    )
    assert result.returncode == 0, result.stderr
    assert row(result.stdout, "bn")[5] == "n/a"
    assert not (tmp_path / "none.db").exists()


def test_english_fallbacks_shown_in_a_conversation_are_counted_per_language(
    tmp_path: Path,
) -> None:
    env = {
        "KAWAN_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'kawan.db'}",
        "KAWAN_ID_SECRET": "test-secret",
        "KAWAN_TODAY": "2026-11-23",
    }
    # A copy of kawan whose Nepali catalogue is missing: every Nepali screen falls back.
    copy = tmp_path / "kawan"
    shutil.copytree(
        REPO,
        copy,
        ignore=shutil.ignore_patterns(
            ".git", "tests", "*.db", "*.db-*", "*.mo", "__pycache__", ".*cache", ".benchmarks"
        ),
    )
    (copy / "locales" / "ne" / "LC_MESSAGES" / "messages.po").unlink()
    script = tmp_path / "inputs.txt"
    script.write_text("99\n", encoding="utf-8")
    demo = kawan("demo", "--lang", "ne", "--script", str(script), cwd=copy, env=env)
    assert demo.returncode == 0, demo.stderr
    stats = kawan("i18n", "stats", cwd=copy, env=env)
    assert stats.returncode == 0, stats.stderr
    assert int(row(stats.stdout, "ne")[5]) > 0
    assert row(stats.stdout, "bn")[5] == "0"


def test_the_preview_shows_every_crawled_screen_with_ussd_pages_and_chat(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "preview-bn.html"
    assert preview("bn", target) == 0
    html = target.read_text(encoding="utf-8")
    text = target.with_suffix(".txt").read_text(encoding="utf-8")
    screens = crawl("bn")
    assert html.count('<section id="screen-') == len(screens)
    assert f"{len(screens)} screens" in text
    assert text.count("--- chat ---") == len(screens)
    assert "/80" in text and "CON " in text
    assert '<html lang="bn" dir="ltr">' in html and "Noto Sans Bengali" in html


def test_the_urdu_preview_is_right_to_left(tmp_path: Path) -> None:
    target = tmp_path / "ur.html"
    assert preview("ur", target) == 0
    assert '<html lang="ur" dir="rtl">' in target.read_text(encoding="utf-8")


def test_the_plain_text_preview_goes_to_standard_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert preview("zh-CN") == 0
    out = capsys.readouterr().out
    assert out.startswith("kawan: every screen in 简体中文 (zh_Hans)")
    assert "[1] language" in out
