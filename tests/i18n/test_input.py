"""What a worker types is normalised before any flow sees it; Burmese typed in the
legacy Zawgyi encoding is recognised so the assistant can say so."""

from __future__ import annotations

import pytest

from dialogs.input import HINT_ZAWGYI, looks_like_zawgyi, normalize_input


@pytest.mark.parametrize(
    ("script", "typed"),
    [
        ("Bengali", "১২"),
        ("Devanagari (Nepali, Hindi)", "१२"),
        ("Myanmar", "၁၂"),
        ("Thai", "๑๒"),
        ("Tamil", "௧௨"),
        ("Extended Arabic-Indic (Urdu)", "۱۲"),
        ("Arabic-Indic", "١٢"),
        ("Fullwidth (Chinese keyboards)", "１２"),
        ("ASCII", "12"),
    ],
)
def test_native_digits_of_every_script_become_ascii(script: str, typed: str) -> None:
    assert normalize_input(f" {typed} ") == "12", script


def test_an_amount_typed_in_bengali_digits_keeps_its_separators() -> None:
    assert normalize_input("RM ১,৮০০") == "RM 1,800"


def test_control_characters_and_zero_width_spaces_are_dropped() -> None:
    assert normalize_input("\x00 4\u200b5\x1b ") == "45"


def test_very_long_input_is_cut_short() -> None:
    assert len(normalize_input("9" * 10_000)) == 200


@pytest.mark.parametrize(
    "zawgyi",
    ["ေနေကာင္းလား", "ျမန္မာ", "အလုပ္မွာ ထိခိုက္ဒဏ္ရာ ရခဲ့တယ္"],
)
def test_burmese_typed_in_zawgyi_is_recognised(zawgyi: str) -> None:
    assert looks_like_zawgyi(zawgyi)


@pytest.mark.parametrize(
    "unicode_text",
    ["နေကောင်းလား", "မြန်မာ", "အလုပ်မှာ ထိခိုက်ဒဏ်ရာ ရခဲ့တယ်", "12", "hello", "", "বাংলা"],
)
def test_unicode_burmese_and_other_text_is_not_taken_for_zawgyi(unicode_text: str) -> None:
    assert not looks_like_zawgyi(unicode_text)


def test_the_zawgyi_hint_is_an_english_msgid_for_translators() -> None:
    assert "Zawgyi" in HINT_ZAWGYI
