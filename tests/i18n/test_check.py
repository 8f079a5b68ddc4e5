"""`kawan i18n check` catches each mistake a translator can make, and passes the real
catalogues (drafts included: untranslated entries only warn)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.i18n import catalogues
from bot.i18n_tools import check
from tests.i18n.conftest import CARELINE, FIRST_OPTION, MENU_TITLE, translate

REPO = Path(__file__).resolve().parents[2]
INJURY_OPTION = FIRST_OPTION


def run_check(lang: str, locales: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = check(lang=lang, locales=locales)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_every_catalogue_in_the_repository_passes_the_check() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from bot.cli import main; main()", "i18n", "check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "kawan i18n check passed" in result.stdout
    for code in ("bn", "ur", "zh_Hans", "fil"):
        assert f"\n{code} " in result.stdout


def test_a_draft_with_untranslated_entries_passes_with_a_warning(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_check("bn", locales, capsys)
    assert code == 0
    assert "WARNING [bn]" in out and "untranslated" in out


def test_a_correct_translation_passes(locales: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = catalogues.catalogue_path("bn", locales)
    translate(path, CARELINE, "PERKESO কেয়ারলাইন: %(phone)s (সোম-শুক্র, সকাল ৮টা-বিকাল ৫টা)।")
    translate(path, INJURY_OPTION, "কাজে বা পথে আঘাত")
    code, out = run_check("bn", locales, capsys)
    assert code == 0, out
    assert "2/" in out


def test_a_dropped_placeholder_fails_and_names_it(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("bn", locales)
    translate(path, CARELINE, "PERKESO কেয়ারলাইন (সোম-শুক্র)।")
    code, out = run_check("bn", locales, capsys)
    assert code == 1
    assert "placeholder %(phone)s is missing" in out
    assert "locales/bn/LC_MESSAGES/messages.po:" in out and CARELINE[:30] in out
    assert "msgfmt:" in out  # GNU gettext agrees (Babel's compile alone would not)


def test_an_added_or_translated_placeholder_fails(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("id", locales)
    translate(path, CARELINE, "Careline PERKESO: %(telepon)s (Sen-Jum).")
    code, out = run_check("id", locales, capsys)
    assert code == 1
    assert "placeholder %(telepon)s is not in the English" in out
    assert "pofilter:" in out


def test_a_placeholder_dropped_from_a_plural_form_fails(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = catalogues.read_template(locales)
    plural = next(m for m in list(template)[1:] if isinstance(m.id, tuple))
    singular, _ = plural.id
    path = catalogues.catalogue_path("ne", locales)
    translate(path, singular, "%(count)s दिन", "धेरै दिन")
    code, out = run_check("ne", locales, capsys)
    assert code == 1
    assert "msgstr[1]: placeholder %(count)s is missing" in out


def test_even_the_plural_form_for_one_must_keep_the_number(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # pofilter (a required check) rejects "one day" without %(count)s, so kawan does too,
    # with a message that says which form.
    template = catalogues.read_template(locales)
    plural = next(m for m in list(template)[1:] if isinstance(m.id, tuple))
    singular, english_plural = plural.id
    path = catalogues.catalogue_path("ta", locales)
    translate(path, singular, singular.replace("%(count)s", "ஒரு"), english_plural)
    code, out = run_check("ta", locales, capsys)
    assert code == 1
    assert "msgstr[0]: placeholder %(count)s is missing" in out
    assert "pofilter: printf" in out


@pytest.mark.parametrize(
    ("lang", "wrong"),
    [
        ("bn", "nplurals=2; plural=(n != 1);"),  # what pybabel init writes for bn
        ("id", "nplurals=2; plural=(n != 1);"),
        ("fil", "nplurals=2; plural=(n > 1);"),
        ("th", "nplurals=2; plural=(n != 1);"),
    ],
)
def test_a_plural_forms_header_that_is_not_cldr_fails(
    lang: str, wrong: str, locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path(lang, locales)
    text = path.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms: ')
    end = text.index('\\n"', start) + 3
    path.write_text(text[:start] + f'"Plural-Forms: {wrong}\\n"' + text[end:], encoding="utf-8")
    code, out = run_check(lang, locales, capsys)
    assert code == 1
    assert f"does not match CLDR for {lang}" in out
    assert catalogues.PLURAL_FORMS[lang] in out


def test_a_plural_forms_header_written_differently_but_equal_passes(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("bn", locales)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("plural=(n > 1);", "plural=n>1;"), encoding="utf-8")
    code, out = run_check("bn", locales, capsys)
    assert code == 0, out


def test_broken_po_syntax_fails_with_the_line(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("my", locales)
    text = path.read_text(encoding="utf-8")
    quoted = f'msgid "{INJURY_OPTION}"\nmsgstr ""'
    path.write_text(
        text.replace(quoted, f'msgid "{INJURY_OPTION}"\nmsgstr "အလုပ်မှာ'), encoding="utf-8"
    )
    code, out = run_check("my", locales, capsys)
    assert code == 1
    assert "not valid .po syntax" in out
    assert "locales/my/LC_MESSAGES/messages.po" in out


def test_an_official_name_translated_away_fails(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("hi", locales)
    translate(path, MENU_TITLE, "kawan: सामाजिक सुरक्षा संगठन में आपके अधिकार। क्या हुआ?")
    code, out = run_check("hi", locales, capsys)
    assert code == 1
    assert 'official name "PERKESO" must appear unchanged' in out
    assert MENU_TITLE[:40] in out


def test_an_option_too_long_for_one_ussd_page_fails(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("bn", locales)
    long_label = "কাজের জায়গায় অথবা কাজে যাওয়ার বা কাজ থেকে ফেরার পথে আমি আঘাত পেয়েছিলাম এবং চিকিৎসা নিয়েছি"
    translate(path, INJURY_OPTION, long_label)
    code, out = run_check("bn", locales, capsys)
    assert code == 1
    assert "does not fit on one USSD page and was split" in out
    assert 'screen "menu"' in out and INJURY_OPTION in out


def test_a_run_of_text_longer_than_a_page_without_spaces_fails(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("th", locales)
    translate(
        path,
        MENU_TITLE,
        "kawan: " + "สิทธิของคุณกับPERKESOเกิดอะไรขึ้นกับคุณบ้างโปรดเลือกหนึ่งข้อจากรายการด้านล่างนี้ครับ",
    )
    code, out = run_check("th", locales, capsys)
    assert code == 1
    assert "add a space between phrases" in out


def test_a_translation_longer_than_its_stated_budget_only_warns(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("ms", locales)
    translate(path, INJURY_OPTION, "Saya cedera di tempat kerja atau dalam perjalanan")
    code, out = run_check("ms", locales, capsys)
    assert code == 0, out
    assert "asks for at most 30 on USSD" in out


def test_a_catalogue_claiming_an_unknown_review_status_fails(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("vi", locales)
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("X-Review-Status: draft", "X-Review-Status: done"), encoding="utf-8"
    )
    code, out = run_check("vi", locales, capsys)
    assert code == 1
    assert '"X-Review-Status: done" must be "draft" or "reviewed"' in out
