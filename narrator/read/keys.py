"""The listener's keys in `narrator read`: what each key means, and where the commands come from.

A session asks a ``Controls`` for the next command between blocks of audio; the terminal is read on a
thread of its own, in cbreak mode, and restored however the reading ends.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import Any, Protocol, TextIO

COMMANDS = {
    " ": "pause",
    "n": "next",
    "p": "previous",
    "N": "next-heading",
    "P": "previous-heading",
    "+": "faster",
    "=": "faster",
    "-": "slower",
    "_": "slower",
    "r": "repeat",
    "q": "quit",
}
HELP = "Keys: space pause/resume, n/p paragraph, N/P heading, +/- rate, r repeat, q quit"


class Controls(Protocol):
    """Where the listener's commands come from."""

    def get(self, timeout: float | None) -> str | None:
        """The next command (a COMMANDS value), waiting up to ``timeout`` seconds; None if none came."""
        ...


class NoControls:
    """No keyboard (standard input is not a terminal): the article is read straight through."""

    def get(self, timeout: float | None) -> str | None:
        return None


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


class TerminalControls:
    """Single keys from a terminal in cbreak mode (no echo, no Enter; Ctrl-C still interrupts).

    Used as a context manager: the terminal's settings are restored on exit, however the reading ends.
    """

    def __init__(self, stream: TextIO) -> None:
        self.fd = stream.fileno()
        self._commands: queue.Queue[str] = queue.Queue()
        self._answers: queue.Queue[str] = queue.Queue()
        self._asking = threading.Event()
        self._stop = threading.Event()
        self._saved: Any = None
        self._sigterm: Any = None
        self._thread = threading.Thread(target=self._read, daemon=True, name="narrator-keys")

    def __enter__(self) -> TerminalControls:
        import signal
        import termios
        import tty

        self._saved = termios.tcgetattr(self.fd)
        if threading.current_thread() is threading.main_thread():
            # A plain kill must restore the terminal too: turn SIGTERM into an exit that unwinds.
            self._sigterm = signal.signal(signal.SIGTERM, _exit_on_sigterm)
        tty.setcbreak(self.fd)
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        import signal
        import termios

        self._stop.set()
        self._thread.join(timeout=1)
        termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        if self._sigterm is not None:
            signal.signal(signal.SIGTERM, self._sigterm)

    def _read(self) -> None:
        import select

        while not self._stop.is_set():
            ready, _, _ = select.select([self.fd], [], [], 0.02)
            if not ready:
                continue
            try:
                data = os.read(self.fd, 64)
            except OSError:
                data = b""
            if not data:  # the terminal is gone: nothing more will be typed
                self._answers.put("")
                return
            keys = data.decode("utf-8", "ignore")
            if keys.startswith("\x1b"):
                continue  # arrow and function keys: not ours
            if self._asking.is_set():
                self._answers.put(keys[:1])
                continue
            for key in keys:
                if key in COMMANDS:
                    self._commands.put(COMMANDS[key])

    def ask(self, question: Callable[[], None]) -> str:
        """Put the question (``question`` shows it) and return the next key pressed, whatever it is: an
        answer, not a command. Keys typed from the moment it is shown are answers."""
        self._asking.set()
        try:
            question()
            return self._answers.get()
        finally:
            self._asking.clear()

    def get(self, timeout: float | None) -> str | None:
        try:
            return self._commands.get(timeout=timeout) if timeout else self._commands.get_nowait()
        except queue.Empty:
            return None
