"""``kawan demo``: talk to the assistant in a terminal, with no token and no server.

This is what an NGO worker or a translator runs on a laptop. It drives the same service
as the real channels (embedded SQLite by default), so what they see is what a worker
sees: chat text with numbered options, or USSD screens boxed with their ``CON``/``END``
prefix and character count against the network's budget.

- Live: the demo user is a fixed local id, so quitting (Ctrl-D, Ctrl-C) and running
  ``kawan demo`` again offers "continue where you left off".
- ``--script FILE``: one input per line (blank lines and ``#`` comments skipped); prints
  the whole transcript. A fresh throwaway user, erased at the end, makes replays
  deterministic (pin the date with ``KAWAN_TODAY``).
- ``--record FILE``: saves each input of a live session, so a problem met in the field
  becomes a script, and then a test, in one step. A recorded session starts fresh so
  that its replay shows the same screens.
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Coroutine, Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any, Final, TextIO, TypeVar

from bot.errors import UserError
from bot.service import UNAVAILABLE, UNAVAILABLE_USSD, Assistant, Channel, StoreUnavailable, Turn
from bot.settings import get_settings
from dialogs.i18n import LANGUAGES, get_translator, normalize_language
from dialogs.render import render_chat, render_ussd

DEMO_USER: Final = "demo:local"
"""The live demo's worker: fixed, so a second run finds the first one's conversation."""

_CHANNELS: Final = {"chat": Channel.DEMO, "ussd": Channel.USSD}
_T = TypeVar("_T")


def run_demo(
    lang: str | None = None,
    channel: str = "chat",
    script: Path | None = None,
    record: Path | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Run the demo; 0 on success, 1 when the database cannot be reached.

    Raises:
        UserError: an unknown language or channel, an unreadable script, an unwritable
            record file.
    """
    code = _language(lang)
    if channel not in _CHANNELS:
        raise UserError(f"unknown channel {channel!r}: use chat or ussd.")
    if script is not None and record is not None:
        raise UserError("use --script to replay or --record to save a live session, not both.")
    inputs = _read_script(script) if script is not None else None
    out = stdout or sys.stdout
    _utf8(out)
    demo = _Demo(code, _CHANNELS[channel], out)
    if inputs is not None:
        return demo.replay(inputs)
    recorder = _open_record(record) if record is not None else None
    try:
        return demo.live(stdin or sys.stdin, recorder)
    finally:
        if recorder is not None:
            recorder.close()


class _Demo:
    """One terminal session. Async calls run on a private loop between blocking reads,
    so Ctrl-C interrupts a read at once (``asyncio.run`` would only cancel the task)."""

    def __init__(self, lang: str | None, channel: Channel, out: TextIO) -> None:
        self.lang = lang
        self.channel = channel
        self.out = out
        self.loop = asyncio.new_event_loop()
        self.assistant: Assistant | None = None
        self.session = self._new_session()

    def _run(self, coro: Coroutine[Any, Any, _T]) -> _T:
        return self.loop.run_until_complete(coro)

    def _new_session(self) -> str | None:
        return uuid.uuid4().hex if self.channel is Channel.USSD else None

    def _start(self) -> bool:
        try:
            self.assistant = self._run(Assistant.create(get_settings()))
        except StoreUnavailable:
            self._unavailable()
            return False
        return True

    def _stop(self) -> None:
        if self.assistant is not None:
            with suppress(Exception):
                self._run(self.assistant.close())
        self.loop.close()

    def _unavailable(self) -> None:
        settings = get_settings()
        lang = self.lang or settings.default_language
        # The assistant may not exist (the store is down at start); the text is the same.
        message = UNAVAILABLE_USSD if self.channel is Channel.USSD else UNAVAILABLE
        print(get_translator(lang).gettext(message), file=sys.stderr)

    # -- modes -------------------------------------------------------------------------

    def live(self, stdin: TextIO, recorder: TextIO | None) -> int:
        user = f"demo:record:{uuid.uuid4().hex}" if recorder is not None else DEMO_USER
        if not self._start():
            return 1
        try:
            turn = self._open(user)
            if turn is None:
                return 1
            self._show(turn)
            for line in _lines(stdin, self.out):
                if recorder is not None:
                    recorder.write(line + "\n")
                    recorder.flush()
                turn = self._input(user, turn, line, echo=False)
            print(file=self.out)
            return 0
        except KeyboardInterrupt:
            print(file=self.out)
            return 0
        finally:
            if recorder is not None and self.assistant is not None:
                with suppress(Exception):
                    self._run(self.assistant.erase(self.channel, user))
            self._stop()

    def replay(self, inputs: list[str]) -> int:
        user = f"demo:script:{uuid.uuid4().hex}"
        if not self._start():
            return 1
        assert self.assistant is not None
        try:
            turn = self._open(user)
            if turn is None:
                return 1
            self._show(turn)
            for line in inputs:
                turn = self._input(user, turn, line, echo=True)
                if turn is None:
                    return 1
            return 0
        finally:
            with suppress(Exception):
                self._run(self.assistant.erase(self.channel, user))
            self._stop()

    # -- turns -------------------------------------------------------------------------

    def _open(self, user: str) -> Turn | None:
        assert self.assistant is not None
        try:
            return self._run(
                self.assistant.open(self.channel, user, session=self.session, lang=self.lang)
            )
        except StoreUnavailable:
            self._unavailable()
            return None

    def _input(self, user: str, previous: Turn | None, line: str, *, echo: bool) -> Turn | None:
        assert self.assistant is not None
        if echo:
            print(f"> {line}", file=self.out)
        try:
            if self.channel is Channel.USSD and previous is not None and previous.reply.end:
                # The network closed the session: the next input starts a new dial.
                self.session = self._new_session()
                print("(dialling again)", file=self.out)
                turn = self._run(self.assistant.open(self.channel, user, session=self.session))
            else:
                turn = self._run(
                    self.assistant.send(self.channel, user, line, session=self.session)
                )
        except StoreUnavailable:
            self._unavailable()
            return previous if not echo else None
        self._show(turn)
        return turn

    def _show(self, turn: Turn) -> None:
        if self.channel is Channel.USSD:
            print(self._ussd_box(turn), file=self.out)
        else:
            print(render_chat(turn.reply, turn.translator).as_plain(), file=self.out)
        print(file=self.out)
        self.out.flush()

    def _ussd_box(self, turn: Turn) -> str:
        assert self.assistant is not None
        budget = self.assistant.ussd_budget
        screen = render_ussd(turn.reply, turn.translator, budget)
        text = screen.page(turn.conversation.page)
        used, allowed = budget.cost(text)
        prefix = "END" if screen.end else "CON"
        head = f"+-- {prefix} · {used}/{allowed} chars"
        if len(screen.pages) > 1:
            head += f" · page {min(turn.conversation.page, len(screen.pages) - 1) + 1}"
            head += f"/{len(screen.pages)}"
        body = "\n".join(f"| {line}" for line in text.split("\n"))
        return f"{head} ".ljust(48, "-") + f"\n{body}\n+" + "-" * 47


# -- files and input ------------------------------------------------------------------


def _language(lang: str | None) -> str | None:
    if lang is None:
        return None
    code = normalize_language(lang)
    if code is None:
        known = ", ".join(LANGUAGES)
        raise UserError(f"unknown language {lang!r}: choose one of {known}.")
    return code


def _read_script(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not a UTF-8 text file"
        raise UserError(f"cannot read the script {str(path)!r}: {reason}.") from error
    return [
        line.strip()
        for line in text.splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]


def _open_record(path: Path) -> TextIO:
    try:
        handle = path.open("w", encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write the record file {str(path)!r}: {error.strerror}.") from error
    handle.write("# kawan demo recording: replay with `kawan demo --script FILE`\n")
    handle.flush()
    return handle


def _lines(stdin: TextIO, out: TextIO) -> Iterator[str]:
    """Inputs typed at the prompt, until Ctrl-D (end of input)."""
    while True:
        out.write("> ")
        out.flush()
        line = stdin.readline()
        if not line:
            return
        line = line.rstrip("\r\n")
        if line.strip():
            yield line.strip()


def _utf8(out: TextIO) -> None:
    """Every script must print, whatever the terminal's locale says."""
    encoding = (getattr(out, "encoding", None) or "").lower().replace("-", "")
    if encoding != "utf8" and hasattr(out, "reconfigure"):
        with suppress(Exception):
            out.reconfigure(encoding="utf-8", errors="replace")
