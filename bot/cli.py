"""The ``kawan`` command (contract.md section 2).

Each command is a thin Typer wrapper that imports its implementation lazily, so that
``kawan assess`` does not pay for importing uvicorn or python-telegram-bot. Errors reach
the user as one clear sentence on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from bot.errors import UserError

app = typer.Typer(
    name="kawan",
    help="kawan: what PERKESO (SOCSO) owes a migrant worker, and how to claim it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
i18n_app = typer.Typer(help="Translator workflow: extract, update, compile, check, stats, preview.")
app.add_typer(i18n_app, name="i18n")


LangOption = Annotated[
    str | None, typer.Option("--lang", "-l", help="Language code, e.g. bn, id, ne, ms, en.")
]


@app.command()
def demo(
    lang: LangOption = None,
    channel: Annotated[str, typer.Option(help="chat or ussd")] = "chat",
    script: Annotated[
        Path | None, typer.Option(help="Replay one input per line and print the transcript.")
    ] = None,
    record: Annotated[
        Path | None, typer.Option(help="Save the inputs of this live session to a file.")
    ] = None,
) -> None:
    """Talk to the assistant in the terminal (embedded SQLite, no token)."""
    from bot.demo import run_demo

    raise typer.Exit(run_demo(lang=lang, channel=channel, script=script, record=record))


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
) -> None:
    """HTTP server: USSD callback, web simulator, Telegram webhook, health."""
    from bot.server import run_server

    raise typer.Exit(run_server(host=host, port=port))


@app.command()
def telegram() -> None:
    """Run the Telegram bot by long polling (needs KAWAN_TELEGRAM_TOKEN)."""
    from bot.telegram import run_polling

    raise typer.Exit(run_polling())


@app.command()
def assess(
    file: Annotated[str, typer.Argument(help="A case as JSON, or - for standard input.")] = "-",
    lang: LangOption = None,
    schema: Annotated[
        bool, typer.Option("--schema", help="Print the JSON Schema of case and assessment.")
    ] = False,
) -> None:
    """Read one case as JSON and print its assessment as JSON."""
    from bot.assess_command import run_assess

    raise typer.Exit(run_assess(file=file, lang=lang, schema=schema))


@app.command()
def flows(
    format: Annotated[str, typer.Option("--format", help="mermaid or dot")] = "mermaid",
) -> None:
    """Print the conversation flows as a diagram."""
    from bot.flows_command import run_flows

    raise typer.Exit(run_flows(fmt=format))


@app.command()
def purge(
    older_than: Annotated[
        int | None, typer.Option("--older-than", help="Days; default KAWAN_RETENTION_DAYS.")
    ] = None,
) -> None:
    """Delete conversations past the retention limit."""
    from bot.purge import run_purge

    raise typer.Exit(run_purge(older_than_days=older_than))


@i18n_app.command("extract")
def i18n_extract() -> None:
    """Write locales/messages.pot from the source code."""
    from bot.i18n_tools import extract

    raise typer.Exit(extract())


@i18n_app.command("update")
def i18n_update() -> None:
    """Merge messages.pot into every catalogue."""
    from bot.i18n_tools import update

    raise typer.Exit(update())


@i18n_app.command("compile")
def i18n_compile() -> None:
    """Build the .mo files (the demo and servers also read .po directly)."""
    from bot.i18n_tools import compile_catalogues

    raise typer.Exit(compile_catalogues())


@i18n_app.command("check")
def i18n_check(lang: LangOption = None) -> None:
    """Fail on broken placeholders, plurals, files, glossary names or over-budget screens."""
    from bot.i18n_tools import check

    raise typer.Exit(check(lang=lang))


@i18n_app.command("stats")
def i18n_stats() -> None:
    """Print translated %, fuzzy, review status and English fallbacks seen per language."""
    from bot.i18n_tools import stats

    raise typer.Exit(stats())


@i18n_app.command("preview")
def i18n_preview(
    lang: Annotated[str, typer.Option("--lang", "-l", help="Language code.")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="HTML file.")] = None,
) -> None:
    """Render every screen of every flow (USSD pages and chat) for review."""
    from bot.i18n_tools import preview

    raise typer.Exit(preview(lang=lang, output=output))


def main() -> None:
    """Entry point: run the app and turn expected failures into one sentence on stderr."""
    try:
        app()
    except UserError as error:
        print(f"kawan: {error}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        sys.exit(130)
