"""USSD pages are full, within budget, and never cut a word or an option."""

from dialogs.i18n import get_translator
from dialogs.render import UssdBudget, render_ussd
from dialogs.reply import Option, Reply, Text

LONG = (
    "Keep your medical certificates, payslips for the last 6 months, passport, "
    "work pass and bank statement, and show them at any PERKESO office when you claim."
)


def _reply() -> Reply:
    return Reply(
        body=(Text.verbatim("দুর্ঘটনা কবে হয়েছে?"), Text.verbatim(LONG)),
        options=tuple(
            Option(str(i), f"o{i}", Text.verbatim(f"বিকল্প নম্বর {i}")) for i in range(1, 6)
        ),
    )


def _body(page: str) -> str:
    return page.rsplit("\n", 1)[0]  # without the "98 …" or "0 … 00 …" line


def test_every_page_fits_and_only_the_last_has_the_navigation() -> None:
    pages = render_ussd(_reply(), get_translator("en")).pages
    budget = UssdBudget()
    assert len(pages) > 1
    assert all(budget.fits(page) for page in pages)
    assert all(page.endswith("98 More") for page in pages[:-1])
    assert pages[-1].endswith("0 Back 00 Home")


def test_a_long_paragraph_fills_the_page_and_goes_on_at_a_word_boundary() -> None:
    pages = render_ussd(_reply(), get_translator("en")).pages
    words = " ".join(_body(page).replace("\n", " ") for page in pages).split()
    start = words.index("Keep")
    assert words[start : start + len(LONG.split())] == LONG.split()  # every word whole, in order
    first = _body(pages[0])
    assert "দুর্ঘটনা কবে হয়েছে?" in first and "Keep your" in first  # the room left is used


def test_options_are_never_split_across_pages() -> None:
    pages = render_ussd(_reply(), get_translator("en")).pages
    for i in range(1, 6):
        holding = [p for p in pages if f"{i}. বিকল্প নম্বর {i}" in p]
        assert len(holding) == 1
