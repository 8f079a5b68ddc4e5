"""``kawan assess``: one case as JSON in, its assessment as JSON out (contract.md section 4).

- ``kawan assess case.json`` or ``kawan assess - < case.json``: validate the case, print the
  assessment (indent 2). A case without ``as_of`` is assessed as of today in Malaysia
  (``KAWAN_TODAY`` pins it).
- ``kawan assess --schema``: ``{"case": <JSON Schema>, "assessment": <JSON Schema>}``.
- ``--lang L``: the ``message`` fields rendered in language L by
  ``dialogs.render.translate_assessment``; rule ids, params and amounts unchanged.

Invalid input prints one sentence naming the field (``kawan: wages.average_monthly_wage: must
be 0 or more``) and exits 2. No traceback reaches the user.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from eligibility import Assessment, Case, assess

__all__ = ["describe_validation_error", "run_assess"]

_EXIT_INPUT = 2
_EXIT_INTERNAL = 1
_MALAYSIA = timezone(timedelta(hours=8), "MYT")  # no daylight saving


def run_assess(file: str, lang: str | None, schema: bool) -> int:
    """Run ``kawan assess``; return the exit code."""
    try:
        if schema:
            _print_json(
                {
                    "case": Case.model_json_schema(mode="validation"),
                    "assessment": Assessment.model_json_schema(mode="serialization"),
                }
            )
            return 0
        text = _read(file)
        case = Case.model_validate_json(text)
        assessment = assess(case, as_of=case.as_of or _today())
        print(_render(assessment, lang))
        return 0
    except BrokenPipeError:  # e.g. `kawan assess --schema | head`: the reader has gone
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _EXIT_INTERNAL
    except _InputError as error:
        return _fail(str(error), _EXIT_INPUT)
    except ValidationError as error:
        return _fail(describe_validation_error(error), _EXIT_INPUT)
    except Exception as error:  # the promise: never a traceback
        return _fail(f"could not assess the case ({type(error).__name__}: {error})", _EXIT_INTERNAL)


class _InputError(Exception):
    """A problem with the input the user can fix; the message is one sentence."""


def _read(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    path = Path(file)
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _InputError(f"{file}: no such file") from None
    except IsADirectoryError:
        raise _InputError(f"{file}: is a folder, not a JSON file") from None
    except UnicodeDecodeError:
        raise _InputError(f"{file}: is not UTF-8 text") from None
    except OSError as error:
        raise _InputError(f"{file}: cannot be read ({error.strerror})") from None


def _today() -> date:
    from bot.settings import get_settings

    try:
        pinned = get_settings().today
    except ValidationError as error:
        raise _InputError(f"the settings are invalid: {describe_validation_error(error)}") from None
    return pinned or datetime.now(_MALAYSIA).date()


def _render(assessment: Assessment, lang: str | None) -> str:
    if not lang:
        return assessment.model_dump_json(indent=2)
    try:
        translated = _translator()(assessment, lang)
    except (LookupError, ValueError) as error:
        raise _InputError(f"--lang {lang}: {error}") from None
    if isinstance(translated, BaseModel):
        return translated.model_dump_json(indent=2)
    return json.dumps(translated, indent=2, ensure_ascii=False, default=str)


def _translator() -> Callable[[Assessment, str], Any]:
    """:func:`dialogs.render.translate_assessment`, imported only when ``--lang`` is given."""
    from dialogs.render import translate_assessment

    return translate_assessment


def _print_json(data: object) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def _fail(sentence: str, code: int) -> int:
    print(f"kawan: {sentence}", file=sys.stderr)
    return code


def describe_validation_error(error: ValidationError) -> str:
    """The first problem of a validation error as one sentence naming the field.

    ``kawan: wages.average_monthly_wage: must be 0 or more``; ``event.date: must be a real
    date (YYYY-MM-DD)``; list positions count from 0 (``dependants.1.age``).
    """
    first = error.errors(include_url=False)[0]
    where = ".".join(str(part) for part in first["loc"])
    problem = _PROBLEMS.get(first["type"])
    context: dict[str, Any] = dict(first.get("ctx") or {})
    if first["type"] == "json_invalid":
        return f"the case is not valid JSON ({context.get('error', first['msg'])})"
    if first["loc"] and first["loc"][-1] == "home_country":
        problem = "must be a two-letter country code in capitals, such as ID or NP"
    sentence = problem.format(**context) if problem else _plain(first["msg"])
    return f"{where}: {sentence}" if where else f"the case {sentence}"


def _plain(message: str) -> str:
    return message[:1].lower() + message[1:]


_PROBLEMS: dict[str, str] = {
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be {le} or less",
    "less_than": "must be less than {lt}",
    "date_from_datetime_parsing": "must be a real date (YYYY-MM-DD)",
    "date_from_datetime_inexact": "must be a date without a time (YYYY-MM-DD)",
    "date_parsing": "must be a real date (YYYY-MM-DD)",
    "date_type": "must be a date (YYYY-MM-DD)",
    "extra_forbidden": "is not a field kawan knows",
    "missing": "is required",
    "enum": "must be one of {expected}",
    "bool_parsing": "must be true or false",
    "bool_type": "must be true or false",
    "int_parsing": "must be a whole number",
    "int_type": "must be a whole number",
    "int_from_float": "must be a whole number",
    "decimal_parsing": "must be an amount like 1800.00",
    "decimal_type": "must be an amount like 1800.00",
    "decimal_max_places": "must have at most {decimal_places} decimal places",
    "decimal_max_digits": "must have at most {max_digits} digits",
    "decimal_whole_digits": "has too many digits before the decimal point",
    "string_type": "must be text",
    "string_pattern_mismatch": "must match {pattern}",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "list_type": "must be a list",
}
