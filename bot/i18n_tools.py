"""``kawan i18n extract|update|compile|check|stats|preview``: the translator workflow.

Each function is one command: it prints what a translator or developer needs and returns
the exit code (0 fine, 1 something to fix). The work is done in :mod:`bot.i18n`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot.i18n import catalogues
from dialogs.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES_DIR, normalize_language

if TYPE_CHECKING:
    from bot.i18n.checks import LanguageReport


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def extract(root: Path = catalogues.ROOT, locales: Path = LOCALES_DIR) -> int:
    """Write ``locales/messages.pot``; fail if a string has no translator comment."""
    result = catalogues.write_template(root, locales)
    if result.uncommented:
        for item in result.uncommented:
            _err(str(item))
        _err(
            f"kawan i18n extract: {len(result.uncommented)} string(s) without a "
            f"'# {catalogues.COMMENT_TAG}' comment (where it shows, its variables, its USSD "
            "budget); messages.pot was not written"
        )
        return 1
    state = "written" if result.changed else "unchanged"
    print(f"{_rel(locales / catalogues.TEMPLATE_NAME)}: {result.messages} messages, {state}")
    return 0


def update(locales: Path = LOCALES_DIR) -> int:
    """Merge the template into every catalogue, creating missing ones."""
    pot = locales / catalogues.TEMPLATE_NAME
    if not pot.exists():
        _err(f"kawan i18n update: {_rel(pot)} does not exist; run `kawan i18n extract` first")
        return 1
    template = catalogues.read_template(locales)
    failed = 0
    for code in catalogues.language_codes(locales):
        try:
            state = catalogues.update_catalogue(template, code, locales)
        except Exception as error:  # a broken file must not stop the other languages
            failed += 1
            _err(f"{_rel(catalogues.catalogue_path(code, locales))}: not updated: {error}")
            continue
        print(f"{_rel(catalogues.catalogue_path(code, locales))}: {state}")
    from bot.i18n.stats import refresh_readme_status

    if refresh_readme_status(locales):
        print(f"{_rel(locales / 'README.md')}: status table refreshed")
    return 1 if failed else 0


def compile_catalogues(locales: Path = LOCALES_DIR) -> int:
    """Write ``messages.mo`` next to each catalogue (the app itself reads the .po)."""
    failed = 0
    for code in catalogues.language_codes(locales):
        if not catalogues.catalogue_path(code, locales).exists():
            continue
        try:
            target = catalogues.compile_catalogue(code, locales)
        except Exception as error:
            failed += 1
            _err(f"{code}: not compiled: {error} (run `kawan i18n check --lang {code}`)")
            continue
        print(f"{_rel(target)}: compiled")
    return 1 if failed else 0


def check(lang: str | None = None, locales: Path = LOCALES_DIR) -> int:
    """Check one language (or all): exit 1 on any error, warnings only inform."""
    if lang is not None:
        code = normalize_language(lang) or lang
        if not catalogues.catalogue_path(code, locales).exists() and code not in LANGUAGES:
            _err(f"kawan i18n check: no language {lang!r} (known: {', '.join(LANGUAGES)})")
            return 2
        codes = [code]
    else:
        codes = catalogues.language_codes(locales)
    # The flows are imported here, not at the top: extract and update must work even
    # while a flow being written does not import.
    try:
        from bot.i18n.checks import Finding, Level, check_language, stale_findings
        from bot.i18n.glossary import load_glossary
        from dialogs.crawl import crawl, unreached

        terms = load_glossary(locales)
        screens = crawl(DEFAULT_LANGUAGE)
    except Exception as error:
        _err(
            f"kawan i18n check: the conversation flows cannot be loaded ({error!r}); "
            "fix that first, screens cannot be checked without them"
        )
        return 1
    reports: list[LanguageReport] = []
    for code in codes:
        own = crawl(code) if code in LANGUAGES and code != DEFAULT_LANGUAGE else screens
        report = check_language(code, locales, terms=terms, screens=own)
        reports.append(report)
        for finding in report.errors + report.warnings:
            print(finding)
    general = stale_findings(catalogues.ROOT, locales) if locales == LOCALES_DIR else []
    never = unreached(screens)
    if never:
        general.append(
            Finding(
                Level.WARNING,
                "*",
                "dialogs/flows",
                f"{len(never)} screen(s) the crawler never reached, so not checked on USSD: "
                + ", ".join(never),
            )
        )
    for finding in general:
        print(finding)
    print()
    print(
        f"{'lang':<8} {'errors':>6} {'warnings':>8} {'translated':>10} {'fuzzy':>5} "
        f"{'screens':>7} {'USSD pages':>10}"
    )
    for r in reports:
        done = f"{r.translated}/{r.messages}"
        print(
            f"{r.lang:<8} {len(r.errors):>6} {len(r.warnings):>8} {done:>10} {r.fuzzy:>5} "
            f"{r.screens:>7} {r.pages:>10}"
        )
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports) + len(general)
    verdict = "FAILED" if errors else "passed"
    print(
        f"kawan i18n check {verdict}: {errors} error(s), {warnings} warning(s) "
        f"in {len(reports)} language(s)"
    )
    return 1 if any(f.level is Level.ERROR for r in reports for f in r.findings) else 0


def stats(locales: Path = LOCALES_DIR) -> int:
    """Print the status table (translated %, fuzzy, review status, fallbacks seen)."""
    from bot.i18n.stats import collect_stats, format_table

    print(format_table(collect_stats(locales)))
    return 0


def preview(lang: str, output: Path | None = None, locales: Path = LOCALES_DIR) -> int:
    """Every screen as the worker sees it, as HTML and plain text."""
    from bot.i18n.preview import build_preview

    code = normalize_language(lang) or lang
    if code not in LANGUAGES and not catalogues.catalogue_path(code, locales).exists():
        _err(f"kawan i18n preview: no language {lang!r} (known: {', '.join(LANGUAGES)})")
        return 2
    html, text = build_preview(code, locales)
    if output is None:
        sys.stdout.write(text)
        _err(f"(HTML version: kawan i18n preview --lang {code} -o preview-{code}.html)")
        return 0
    if output.suffix.lower() in (".html", ".htm"):
        html_path, text_path = output, output.with_suffix(".txt")
    else:
        html_path, text_path = output.with_suffix(".html"), output
    html_path.write_text(html, encoding="utf-8")
    text_path.write_text(text, encoding="utf-8")
    print(f"{html_path}: HTML preview; {text_path}: plain text")
    return 0


def _rel(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
