"""What ``kawan i18n check`` looks for, one language at a time.

Each problem is a :class:`Finding` that tells a translator exactly what to fix: the file
and line, the English message, and what is wrong. Errors fail the check (exit 1);
warnings do not.

Errors: a catalogue that does not parse; a wrong ``Plural-Forms`` header (CLDR's rule,
``catalogues.PLURAL_FORMS``); a ``%(name)s`` placeholder dropped, added or changed (also
in each plural form); an official name from the glossary changed; what GNU ``msgfmt
--check``, Babel's own checks and translate-toolkit's ``pofilter`` placeholder tests
report; and, rendering every screen of every flow (:mod:`dialogs.crawl`) in the
language, a USSD page over budget or an option or word split across pages.

Warnings: untranslated and fuzzy entries (English is shown instead), a translation longer
than the USSD budget its comment states, a glossary term not used, pages above the 75
UCS-2 safety margin (rules/ussd.md), and catalogues that are behind the code.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Final

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po

from bot.i18n import catalogues
from bot.i18n.glossary import Term, glossary_misses, load_glossary
from dialogs.crawl import CrawledScreen, crawl
from dialogs.i18n import DEFAULT_LANGUAGE, LANGUAGES, LOCALES_DIR, Translator, load_translator
from dialogs.render import _BREAK, UssdBudget, render_text, render_ussd
from dialogs.reply import Reply, Text

SAFE_UCS2: Final = 75
"""rules/ussd.md: aim below 80 UCS-2 characters so a small edit does not break a screen."""

POFILTER_TESTS: Final = ("variables", "printf", "pythonbraceformat", "nplurals")

_PLACEHOLDER: Final = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[diouxXeEfFgGcrsa%])"
)
_BUDGET_NOTE: Final = re.compile(
    r"USSD:?\s*(?:≤|<=|at most|under|max(?:imum)?)\s*(\d+)|keep under (\d+) char", re.I
)


class Level(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing to fix (error) or to know (warning)."""

    level: Level
    lang: str
    where: str
    problem: str
    msgid: str | None = None

    def __str__(self) -> str:
        about = f' msgid "{_short(self.msgid)}":' if self.msgid else ""
        return f"{self.level.value.upper()} [{self.lang}] {self.where}:{about} {self.problem}"


@dataclass(slots=True)
class LanguageReport:
    lang: str
    findings: list[Finding] = field(default_factory=list)
    messages: int = 0
    translated: int = 0
    fuzzy: int = 0
    screens: int = 0
    pages: int = 0

    @property
    def untranslated(self) -> int:
        return self.messages - self.translated - self.fuzzy

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.WARNING]


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# -- placeholders ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Placeholders:
    named: dict[str, str]
    """name -> conversion type (``s``, ``d`` …)."""
    positional: int
    broken: bool
    """A ``%`` that is not a placeholder and not ``%%``."""

    def spelled(self, name: str) -> str:
        return f"%({name}){self.named[name]}"


def placeholders(text: str) -> Placeholders:
    """The ``%`` placeholders of a message.

    Examples:
        >>> p = placeholders("Up to %(amount)s a day, %(days)d days, 100%%")
        >>> sorted(p.named.items()), p.positional, p.broken
        ([('amount', 's'), ('days', 'd')], 0, False)
        >>> placeholders("50% more").broken
        True
    """
    named: dict[str, str] = {}
    positional = 0
    covered = 0
    for match in _PLACEHOLDER.finditer(text):
        covered += text.count("%", match.start(), match.end())
        if match.group("type") == "%":
            continue
        if match.group("name") is not None:
            named[match.group("name")] = match.group("type")
        else:
            positional += 1
    return Placeholders(named, positional, broken=text.count("%") > covered)


def placeholder_problems(
    reference: Placeholders,
    required: Placeholders,
    translation: str,
    *,
    python_format: bool = True,
) -> list[str]:
    """What is wrong with ``translation``'s placeholders, in words for a translator.

    ``reference`` is every placeholder the English uses (both plural forms), ``required``
    those this form must keep. Every plural form keeps every placeholder, even a form
    used only for 1 ("one day"): pofilter's printf test requires it.
    """
    found = placeholders(translation)
    problems: list[str] = []
    for name in required.named:
        if name not in found.named:
            problems.append(
                f"placeholder {required.spelled(name)} is missing: copy it exactly as in "
                "the English (the value is filled in there)"
            )
    for name, kind in found.named.items():
        if name not in reference.named:
            known = ", ".join(reference.spelled(n) for n in reference.named) or "none"
            problems.append(
                f"placeholder %({name}){kind} is not in the English (it has: {known}): "
                "remove it or fix its spelling; never translate the name in brackets"
            )
        elif kind != reference.named[name]:
            problems.append(f"write {reference.spelled(name)} exactly, not %({name}){kind}")
    if found.positional != required.positional and found.positional != reference.positional:
        problems.append(
            f"the English has {reference.positional} unnamed placeholder(s) like %s, "
            f"the translation {found.positional}"
        )
    if python_format and found.broken:
        problems.append('a "%" on its own must be written "%%" in this message')
    return problems


# -- reading --------------------------------------------------------------------------


_PO_LINE: Final = re.compile(
    r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$'
)


def syntax_problems(text: str) -> list[tuple[int, str]]:
    """(line, problem) for lines that are neither a comment nor a keyword with a quoted
    string nor a quoted continuation. Babel's reader forgives an unclosed quote (it
    drops the last character); a translator should hear about it.

    Examples:
        >>> syntax_problems('msgid "Yes"\\nmsgstr "হ্যাঁ\\n')
        [(2, 'the text must be in double quotes, closed on the same line')]
    """
    problems = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#") or _PO_LINE.match(line):
            continue
        if line.count('"') % 2 or not line.endswith('"'):
            problem = "the text must be in double quotes, closed on the same line"
        else:
            problem = 'expected msgid "…", msgstr "…", msgstr[N] "…" or a "…" line'
        problems.append((number, problem))
    return problems


def _catalogue_findings(
    code: str, path: Path, report: LanguageReport, terms: Sequence[Term]
) -> Catalog | None:
    where = _display(path)
    text = path.read_text(encoding="utf-8", errors="replace")
    broken = syntax_problems(text)
    for number, problem in broken:
        report.findings.append(
            Finding(Level.ERROR, code, f"{where}:{number}", f"not valid .po syntax: {problem}")
        )
    if broken:
        return None
    try:
        catalog = catalogues.read_catalogue(path, code)
    except PoFileError as error:
        report.findings.append(
            Finding(
                Level.ERROR,
                code,
                where,
                f"the file is not valid .po syntax ({error}); compare the lines around it "
                'with a correct entry: msgid "…" then msgstr "…", every quote closed',
            )
        )
        return None
    except (ValueError, UnicodeDecodeError) as error:
        report.findings.append(
            Finding(Level.ERROR, code, where, f"the file cannot be read: {error}")
        )
        return None

    fields = catalogues.header_fields(text)
    expected_forms = catalogues.expected_plural_forms(code)
    actual_forms = fields.get("Plural-Forms", "")
    if not catalogues.same_plural_rule(actual_forms, expected_forms):
        report.findings.append(
            Finding(
                Level.ERROR,
                code,
                where,
                f'header "Plural-Forms: {actual_forms or "(missing)"}" does not match CLDR '
                f'for {code}: it must be "{expected_forms}" (kawan i18n update sets it)',
            )
        )
    language = fields.get("Language", "")
    if language.replace("-", "_") != code:
        report.findings.append(
            Finding(
                Level.ERROR,
                code,
                where,
                f'header "Language: {language}" must be "Language: {code}"',
            )
        )
    status = fields.get(catalogues.REVIEW_HEADER, "")
    if status not in catalogues.REVIEW_STATUSES:
        report.findings.append(
            Finding(
                Level.ERROR,
                code,
                where,
                f'header "{catalogues.REVIEW_HEADER}: {status or "(missing)"}" must be '
                f'"{catalogues.DRAFT}" or "{catalogues.REVIEWED}"',
            )
        )

    nplurals = catalog.num_plurals
    for message in list(catalog)[1:]:
        _message_findings(code, where, message, nplurals, terms, report)
    return catalog


def _forms(message: Message) -> list[str]:
    if isinstance(message.string, (list, tuple)):
        return [s or "" for s in message.string]
    return [message.string or ""]


def _message_findings(
    code: str,
    where: str,
    message: Message,
    nplurals: int,
    terms: Sequence[Term],
    report: LanguageReport,
) -> None:
    report.messages += 1
    forms = _forms(message)
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    at = f"{where}:{message.lineno}" if message.lineno else where
    if message.fuzzy and any(forms):
        report.fuzzy += 1
        return
    if not any(forms):
        return
    report.translated += 1

    def error(problem: str) -> None:
        report.findings.append(Finding(Level.ERROR, code, at, problem, msgid))

    python_format = message.python_format
    if isinstance(message.id, (list, tuple)):
        singular, plural = placeholders(message.id[0]), placeholders(message.id[1])
        reference = Placeholders(
            {**singular.named, **plural.named},
            max(singular.positional, plural.positional),
            broken=False,
        )
        if len(forms) != nplurals:
            error(
                f"has {len(forms)} plural forms, {code} needs {nplurals} "
                "(msgstr[0] … msgstr[%d])" % (nplurals - 1)
            )
        for index, form in enumerate(forms):
            if not form:
                error(f"plural form msgstr[{index}] is empty: fill in every form")
                continue
            for problem in placeholder_problems(
                reference, plural, form, python_format=python_format
            ):
                error(f"msgstr[{index}]: {problem}")
    else:
        english = placeholders(message.id)
        for problem in placeholder_problems(
            english, english, forms[0], python_format=python_format
        ):
            error(problem)

    for form in forms[:1]:
        for miss in glossary_misses(msgid, form, code, list(terms)):
            expected = " or ".join(f'"{e}"' for e in miss.expected)
            if miss.term.must_keep:
                error(
                    f'official name "{miss.term.term}" must appear unchanged in the '
                    f"translation ({expected}): workers show it at PERKESO counters"
                )
            else:
                report.findings.append(
                    Finding(
                        Level.WARNING,
                        code,
                        at,
                        f'glossary term "{miss.term.term}" is usually {expected} in {code}',
                        msgid,
                    )
                )

    budget = stated_budget(message.auto_comments)
    if budget is not None:
        for form in forms:
            length = _ucs2_length(_strip_placeholders(form))
            if length > budget:
                report.findings.append(
                    Finding(
                        Level.WARNING,
                        code,
                        at,
                        f"translation is {length} characters; its comment asks for at most "
                        f"{budget} on USSD",
                        msgid,
                    )
                )
                break


def stated_budget(comments: Iterable[str]) -> int | None:
    """The USSD length budget a translator comment states ("USSD: ≤ 30 chars")."""
    match = _BUDGET_NOTE.search(" ".join(comments))
    if match is None:
        return None
    return int(match.group(1) or match.group(2))


def _strip_placeholders(text: str) -> str:
    return _PLACEHOLDER.sub("", text)


def _ucs2_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


# -- standard tools -------------------------------------------------------------------


def _babel_findings(code: str, where: str, catalog: Catalog, report: LanguageReport) -> None:
    """Babel's own checks (what ``pybabel compile`` reports), unless already reported."""
    flagged = {f.msgid for f in report.findings if f.level is Level.ERROR}
    for message, errors in catalog.check():
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        if msgid in flagged or message.fuzzy:
            continue
        for problem in errors:
            report.findings.append(
                Finding(
                    Level.ERROR,
                    code,
                    f"{where}:{message.lineno}",
                    f"Babel: {problem}",
                    msgid,
                )
            )


_MSGFMT_LINE: Final = re.compile(r"^(?P<file>.+?):(?P<line>\d+):\s*(?P<text>.*)$")


def msgfmt_findings(code: str, path: Path) -> list[Finding]:
    """GNU ``msgfmt --check`` (it catches a dropped ``%(name)s`` Babel misses)."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        return [
            Finding(
                Level.WARNING,
                code,
                _display(path),
                "msgfmt (GNU gettext) is not installed: its checks were skipped",
            )
        ]
    result = subprocess.run(
        [msgfmt, "--check", f"--output-file={os.devnull}", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    findings: list[Finding] = []
    for line in result.stderr.splitlines():
        match = _MSGFMT_LINE.match(line)
        if match is None:
            continue
        text = match.group("text")
        level = Level.WARNING if text.startswith("warning:") else Level.ERROR
        findings.append(
            Finding(level, code, f"{_display(path)}:{match.group('line')}", f"msgfmt: {text}")
        )
    if result.returncode != 0 and not any(f.level is Level.ERROR for f in findings):
        summary = result.stderr.strip().splitlines()[-1:] or ["failed"]
        findings.append(Finding(Level.ERROR, code, _display(path), f"msgfmt: {summary[0]}"))
    return findings


_PERCENT_THEN_WORD: Final = re.compile(r"%%[-+#\w]")
_POFILTER_LANGUAGE: Final = {"zh_Hans": "zh_CN"}
"""translate-toolkit knows Simplified Chinese by its region code."""


def pofilter_findings(code: str, path: Path, catalog: Catalog) -> list[Finding]:
    """translate-toolkit's ``pofilter`` placeholder and plural tests, on the translated,
    non-fuzzy entries (its plural test would fail every untranslated plural entry)."""
    pofilter = shutil.which("pofilter")
    if pofilter is None:
        return [
            Finding(
                Level.WARNING,
                code,
                _display(path),
                "pofilter (translate-toolkit) is not installed: its checks were skipped",
            )
        ]
    translated = Catalog(locale=catalog.locale, charset="utf-8", fuzzy=False)
    translated.mime_headers = catalog.mime_headers
    for message in list(catalog)[1:]:
        if not message.fuzzy and any(_forms(message)):
            translated[message.id] = message
    if not len(translated):
        return []
    with tempfile.TemporaryDirectory() as tmp:
        source, out = Path(tmp) / "translated.po", Path(tmp) / "failures.po"
        source.write_text(catalogues.render_po(translated), encoding="utf-8")
        tests = [arg for test in POFILTER_TESTS for arg in ("-t", test)]
        result = subprocess.run(
            [
                pofilter,
                "--progress=none",
                "--nofuzzy",
                f"--language={_POFILTER_LANGUAGE.get(code, code)}",
                *tests,
                str(source),
                str(out),
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            detail = " ".join(result.stderr.split())[-300:]
            return [Finding(Level.ERROR, code, _display(path), f"pofilter failed: {detail}")]
        if not out.exists():  # pofilter writes nothing when every entry passes
            return []
        with out.open("rb") as handle:
            failures = read_po(handle)
    findings: list[Finding] = []
    for unit in list(failures)[1:]:
        msgid = unit.id if isinstance(unit.id, str) else unit.id[0]
        original = catalog.get(unit.id)
        line = original.lineno if original is not None else None
        where = f"{_display(path)}:{line}" if line else _display(path)
        strings = unit.string if isinstance(unit.string, (list, tuple)) else [unit.string]
        for comment in unit.user_comments:
            if comment.startswith("(pofilter)"):
                problem = comment.replace("(pofilter)", "pofilter:", 1)
                if "printf" in comment and any(_PERCENT_THEN_WORD.search(s or "") for s in strings):
                    problem += (
                        ' (pofilter reads "%%" followed by "-" or a letter as a placeholder: '
                        'put a space after "%%")'
                    )
                findings.append(Finding(Level.ERROR, code, where, problem, msgid))
    return findings


# -- USSD -----------------------------------------------------------------------------


def _texts(reply: Reply) -> list[Text]:
    """The texts a USSD screen shows (chat-only detail, ``Text.ussd=False``, is not)."""
    texts = [text for text in reply.body if text.ussd]
    if reply.hint is not None:
        texts.insert(0, reply.hint)
    return texts


def _used_msgid(text: Text) -> str:
    return text.short or text.msgid


def ussd_findings(
    code: str,
    tr: Translator,
    screens: Sequence[CrawledScreen],
    catalog: Catalog | None,
    where: str,
    budget: UssdBudget | None = None,
) -> tuple[list[Finding], int]:
    """Render every crawled screen as USSD pages and check each page and option.

    Returns the findings and the number of pages rendered.
    """
    budget = budget or UssdBudget()
    findings: dict[str, Finding] = {}
    tight: Counter[str] = Counter()
    tight_example: dict[str, str] = {}
    pages_seen = 0

    def at(msgid: str | None) -> str:
        if msgid and catalog is not None:
            message = catalog.get(msgid)
            if message is not None and message.lineno:
                return f"{where}:{message.lineno}"
        return where

    def add(problem: str, msgid: str | None) -> None:
        key = f"{msgid}|{problem}"
        if key not in findings:
            findings[key] = Finding(Level.ERROR, code, at(msgid), problem, msgid)

    for screen in screens:
        reply = screen.reply
        ussd = render_ussd(reply, tr, budget)
        pages_seen += len(ussd.pages)
        typed = " ".join(screen.inputs) or "nothing"
        place = f'screen "{screen.name}" (reached by typing: {typed})'
        for number, page in enumerate(ussd.pages, start=1):
            used, allowed = budget.cost(page)
            if used > allowed:
                longest = max(_texts(reply), key=lambda t: len(render_text(t, tr, ussd=True)))
                add(
                    f"{place}: USSD page {number} is {used} characters, the budget is "
                    f"{allowed}; shorten this screen's texts (longest: this one)",
                    _used_msgid(longest),
                )
            elif allowed == budget.ucs2 and used > SAFE_UCS2:
                tight[reply.screen] += 1
                tight_example.setdefault(reply.screen, f"{place}, page {number}: {used}/{allowed}")
        lines = {line for page in ussd.pages for line in page.split("\n")}
        for option in reply.options:
            rendered = f"{option.key}. {render_text(option.label, tr, ussd=True)}"
            if rendered not in lines:
                add(
                    f"{place}: option {option.key} does not fit on one USSD page and was "
                    f"split; shorten its translation (now {_ucs2_length(rendered)} characters)",
                    _used_msgid(option.label),
                )
        for text in _texts(reply):
            paragraph = render_text(text, tr, ussd=True)
            for token in _BREAK.split(paragraph):
                word = token.strip()
                if word and not any(word in page for page in ussd.pages):
                    add(
                        f'{place}: "{_short(word, 30)}" is longer than a USSD page without a '
                        "space or punctuation, so it was cut in the middle; add a space "
                        "between phrases",
                        _used_msgid(text),
                    )
                    break
    result = list(findings.values())
    if tight:
        examples = "; ".join(tight_example[s] for s in list(tight)[:3])
        result.append(
            Finding(
                Level.WARNING,
                code,
                where,
                f"{sum(tight.values())} USSD page(s) on {len(tight)} screen(s) use more than "
                f"{SAFE_UCS2} of {budget.ucs2} UCS-2 characters (rules/ussd.md safety "
                f"margin), e.g. {examples}",
            )
        )
    return result, pages_seen


# -- one language, all languages ------------------------------------------------------


def check_language(
    code: str,
    locales: Path = LOCALES_DIR,
    *,
    terms: Sequence[Term] | None = None,
    screens: Sequence[CrawledScreen] | None = None,
    tools: bool = True,
) -> LanguageReport:
    """Every check for one language's catalogue under ``locales``."""
    report = LanguageReport(code)
    path = catalogues.catalogue_path(code, locales)
    where = _display(path)
    if not path.exists():
        report.findings.append(
            Finding(
                Level.ERROR,
                code,
                where,
                "no catalogue: run `kawan i18n update` to create it",
            )
        )
        return report
    terms = load_glossary(locales) if terms is None else terms
    catalog = _catalogue_findings(code, path, report, terms)
    if tools:
        report.findings.extend(msgfmt_findings(code, path))
    if catalog is None:
        return report
    _babel_findings(code, where, catalog, report)
    if tools:
        report.findings.extend(pofilter_findings(code, path, catalog))

    if screens is None:
        screens = crawl(code if code in LANGUAGES else DEFAULT_LANGUAGE)
    translator = load_translator(code, path)
    found, pages = ussd_findings(code, translator, screens, catalog, where)
    report.findings.extend(found)
    report.screens, report.pages = len(screens), pages

    if not catalogues.is_source_language(code) and (report.untranslated or report.fuzzy):
        report.findings.append(
            Finding(
                Level.WARNING,
                code,
                where,
                f"{report.untranslated} untranslated and {report.fuzzy} fuzzy of "
                f"{report.messages} messages: workers see the English for these",
            )
        )
    return report


def stale_findings(root: Path = catalogues.ROOT, locales: Path = LOCALES_DIR) -> list[Finding]:
    """A warning when the code has strings the template or catalogues do not have yet."""
    template, missing = catalogues.build_template(root)
    findings = [
        Finding(
            Level.WARNING,
            "*",
            f"{m.path}:{m.line}",
            f"no '# {catalogues.COMMENT_TAG}' comment (kawan i18n extract will refuse it)",
            m.msgid,
        )
        for m in missing
    ]
    in_code = {m.id for m in list(template)[1:]}
    pot = locales / catalogues.TEMPLATE_NAME
    if not pot.exists():
        findings.append(
            Finding(Level.WARNING, "*", _display(pot), "no template: run `kawan i18n extract`")
        )
        return findings
    with pot.open("rb") as handle:
        in_pot = {m.id for m in list(read_po(handle))[1:]}
    new = in_code - in_pot
    if new or in_pot - in_code:
        example = next(iter(new), None)
        findings.append(
            Finding(
                Level.WARNING,
                "*",
                _display(pot),
                f"behind the code ({len(new)} new or changed strings, "
                f"{len(in_pot - in_code)} removed"
                + (f', e.g. "{_short(str(example))}"' if example else "")
                + "): run `kawan i18n extract && kawan i18n update`",
            )
        )
    return findings
