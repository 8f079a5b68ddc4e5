"""extract and update: one template from the code, thirteen catalogues kept in step with
it, CLDR plural rules, translators' work and review status never lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from bot.i18n import catalogues
from bot.i18n_tools import extract, update
from dialogs.i18n import LANGUAGES, LOCALES_DIR
from tests.i18n.conftest import CONTINUE, MAIN_MENU_OPTION, translate

REPO = Path(__file__).resolve().parents[2]


def small_project(tmp_path: Path, source: str) -> tuple[Path, Path]:
    root = tmp_path / "project"
    (root / "dialogs").mkdir(parents=True)
    shutil.copy(REPO / "babel.cfg", root / "babel.cfg")
    (root / "dialogs" / "screens.py").write_text(source, encoding="utf-8")
    return root, root / "locales"


GOOD = """
from eligibility.text import N_

# TRANSLATORS: first screen. USSD: ≤ 20 chars.
HELLO = N_("Hello")
# TRANSLATORS: a count of days. %(count)s is a number. USSD: ≤ 20 chars.
DAYS = ngettext("%(count)s day", "%(count)s days", 2)
"""


def test_extract_writes_the_template_with_each_strings_translator_comment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, locales = small_project(tmp_path, GOOD)
    assert extract(root, locales) == 0
    with (locales / "messages.pot").open("rb") as handle:
        template = read_po(handle)
    hello = template.get("Hello")
    assert hello is not None and hello.auto_comments == ["first screen. USSD: ≤ 20 chars."]
    assert template.get(("%(count)s day", "%(count)s days")) is not None


def test_extract_refuses_a_string_without_a_translator_comment_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, locales = small_project(tmp_path, GOOD + '\nBYE = N_("Goodbye")\n')
    assert extract(root, locales) == 1
    err = capsys.readouterr().err
    assert "dialogs/screens.py:9: 'Goodbye' has no '# TRANSLATORS:' comment" in err
    assert not (locales / "messages.pot").exists()


def test_extracting_twice_leaves_the_template_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root, locales = small_project(tmp_path, GOOD)
    extract(root, locales)
    first = (locales / "messages.pot").read_bytes()
    extract(root, locales)
    assert (locales / "messages.pot").read_bytes() == first
    assert "unchanged" in capsys.readouterr().out


def test_every_string_in_the_code_tells_translators_where_it_shows() -> None:
    _, missing = catalogues.build_template(REPO)
    assert not missing, "\n".join(str(m) for m in missing)


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_every_language_has_a_catalogue_with_cldr_plural_forms_and_a_review_status(
    code: str,
) -> None:
    path = catalogues.catalogue_path(code, LOCALES_DIR)
    fields = catalogues.header_fields(path.read_text(encoding="utf-8"))
    assert fields["Language"] == code
    assert catalogues.same_plural_rule(fields["Plural-Forms"], catalogues.PLURAL_FORMS[code])
    assert fields[catalogues.REVIEW_HEADER] in catalogues.REVIEW_STATUSES


@pytest.mark.parametrize(
    ("code", "nplurals", "plural_for"),
    [
        ("bn", 2, {0: 0, 1: 0, 2: 1}),  # CLDR: one is i = 0 or n = 1
        ("hi", 2, {0: 0, 1: 0, 2: 1}),
        ("ms", 1, {0: 0, 1: 0, 5: 0}),
        ("id", 1, {1: 0, 7: 0}),
        ("my", 1, {1: 0, 7: 0}),
        ("fil", 2, {1: 0, 2: 0, 3: 0, 4: 1, 5: 0, 6: 1, 9: 1, 10: 0, 14: 1}),
        ("ne", 2, {0: 1, 1: 0, 2: 1}),
    ],
)
def test_plural_forms_follow_cldr_not_pybabel_init(
    code: str, nplurals: int, plural_for: dict[int, int]
) -> None:
    parsed = catalogues.parse_plural_forms(catalogues.expected_plural_forms(code))
    assert parsed is not None
    count, rule = parsed
    assert count == nplurals
    assert {n: rule(n) for n in plural_for} == plural_for


def test_a_language_added_later_gets_its_plural_rule_from_cldr() -> None:
    parsed = catalogues.parse_plural_forms(catalogues.expected_plural_forms("km"))
    assert parsed is not None and parsed[0] == 1


def test_update_keeps_translations_marks_changed_english_fuzzy_and_keeps_review(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = catalogues.catalogue_path("ms", locales)
    translate(path, MAIN_MENU_OPTION, "Menu utama")
    translate(path, CONTINUE, "Teruskan")
    text = path.read_text(encoding="utf-8")
    text = text.replace("X-Review-Status: draft", "X-Review-Status: reviewed")
    text = text.replace(
        '"X-Review-Status: reviewed\\n"',
        '"X-Review-Status: reviewed\\n"\n"X-Reviewed-By: Aminah\\n"',
    )
    path.write_text(text, encoding="utf-8")

    # The code changes: "Continue" is reworded, "Main menu" stays.
    reworded_id = CONTINUE + " here"
    pot = locales / "messages.pot"
    pot.write_text(
        pot.read_text(encoding="utf-8").replace(
            f'\nmsgid "{CONTINUE}"\n', f'\nmsgid "{reworded_id}"\n'
        ),
        encoding="utf-8",
    )
    assert update(locales) == 0
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="ms")
    assert catalog.get(MAIN_MENU_OPTION).string == "Menu utama"
    reworded = catalog.get(reworded_id)
    assert reworded.fuzzy and reworded.string == "Teruskan"
    text = path.read_text(encoding="utf-8")
    assert f'#| msgid "{CONTINUE}"\nmsgid "{reworded_id}"' in text  # the old English, shown
    fields = catalogues.header_fields(text)
    assert fields["X-Review-Status"] == "reviewed"
    assert fields["X-Reviewed-By"] == "Aminah"
    assert catalogues.same_plural_rule(fields["Plural-Forms"], "nplurals=1; plural=0;")


def test_update_creates_a_missing_catalogue_as_a_draft(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(locales / "vi")
    assert update(locales) == 0
    text = catalogues.catalogue_path("vi", locales).read_text(encoding="utf-8")
    fields = catalogues.header_fields(text)
    assert fields["X-Review-Status"] == "draft"
    assert fields["Plural-Forms"] == "nplurals=1; plural=0;"
    assert fields["Language"] == "vi"


def test_update_run_twice_changes_nothing(
    locales: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    update(locales)
    before = {p: p.read_bytes() for p in locales.rglob("*.po")}
    update(locales)
    assert {p: p.read_bytes() for p in locales.rglob("*.po")} == before
    assert "updated" not in capsys.readouterr().out.split("\n", len(before))[-1]
