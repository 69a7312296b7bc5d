"""hamish's terminal driver: explicit bidi mode while it runs, and a clean exit when the
terminal goes away.

**Explicit bidi.** VTE (GNOME Terminal, Tilix, xfce4-terminal) and mintty apply the bidi
algorithm to what programs print unless the program switches them to explicit mode: ``CSI 8 l``
(BDSM, ECMA-48), undone with ``CSI 8 h`` on exit. hamish writes text already in visual order,
so without this those terminals would reverse it a second time. Terminals that ignore BDSM are
unaffected; for the ones that reorder regardless (Konsole, mlterm, macOS Terminal) users choose
``--bidi terminal``.

**The terminal gone.** When the terminal closes (its window, a killed tmux session, a dropped
ssh connection) the kernel hangs the tty up: every read then returns end-of-file (or fails with
EIO) and every write fails. Textual's input thread selects and reads again at once after
end-of-file, for ever: 100% CPU, under any wrapper that ignores SIGHUP (``nohup``, ``trap ""
HUP``). Its writer thread dies on the first failed write and the app then blocks on the full
queue. Here end-of-file or an error on the terminal, SIGHUP (unless ignored on purpose) and
SIGTERM all make the app exit; writes to a dead terminal are dropped, so the exit cannot block.
As the app unmounts it saves what is queued, or writes the recovery file.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import selectors
import signal
import sys
from codecs import getincrementaldecoder
from typing import IO, Any

from textual.driver import Driver

BIDI_EXPLICIT = "\x1b[8l"
BIDI_IMPLICIT = "\x1b[8h"
LEAVING_SIGNALS = (signal.SIGHUP, signal.SIGTERM) if sys.platform != "win32" else ()
EXIT_TERMINAL_GONE = 128 + 1
"""Exit status when the terminal went away: as if ended by SIGHUP, as shells report it."""


class _Terminal:
    """The terminal as the writer thread sees it: once a write fails, later ones are dropped."""

    def __init__(self, file: IO[str], gone: Any) -> None:
        self._file = file
        self._gone = gone
        self.dead = False

    def write(self, text: str) -> int:
        if not self.dead:
            try:
                self._file.write(text)
            except (OSError, ValueError):
                self.dead = True
                self._gone()
        return len(text)

    def flush(self) -> None:
        if not self.dead:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self.dead = True
                self._gone()

    def fileno(self) -> int:
        return self._file.fileno()


def _posix_driver() -> type[Driver]:
    from textual._xterm_parser import XTermParser
    from textual.drivers.linux_driver import LinuxDriver

    class LeavesWithTheTerminal(LinuxDriver):
        """Textual's Linux driver, ending the app when the terminal ends (module docstring)."""

        _loop: asyncio.AbstractEventLoop | None = None
        _leaving = False
        _handled: tuple[signal.Signals, ...] = ()

        def start_application_mode(self) -> None:
            self._loop = asyncio.get_running_loop()
            if not isinstance(self._file, _Terminal):  # started again after ctrl+z
                self._file = _Terminal(self._file, self._terminal_gone)
            super().start_application_mode()
            handled = []
            for signum in LEAVING_SIGNALS:
                if signal.getsignal(signum) is not signal.SIG_IGN:  # ignored on purpose: nohup
                    self._loop.add_signal_handler(signum, self._leave, 128 + signum)
                    handled.append(signum)
            self._handled = tuple(handled)

        def stop_application_mode(self) -> None:
            if self._loop is not None:
                for signum in self._handled:
                    self._loop.remove_signal_handler(signum)
            super().stop_application_mode()

        def _terminal_gone(self) -> None:
            """From any thread: end-of-file or an error on the terminal."""
            if self._loop is not None:
                with contextlib.suppress(RuntimeError):  # the loop has closed: we are leaving
                    self._loop.call_soon_threadsafe(self._leave, EXIT_TERMINAL_GONE)

        def _leave(self, status: int) -> None:
            if not self._leaving:
                self._leaving = True
                self._app.exit(return_code=status)

        def run_input_thread(self) -> None:
            """Textual's input loop, ended by end-of-file or a read error rather than spinning
            on them."""
            parser = XTermParser(self._debug)
            decode = getincrementaldecoder("utf-8")().decode
            with selectors.SelectSelector() as selector:
                selector.register(self.fileno, selectors.EVENT_READ)
                while not self.exit_event.is_set():
                    if selector.select(0.1):
                        try:
                            data = os.read(self.fileno, 4096)
                        except OSError:
                            data = b""
                        if not data:
                            self._terminal_gone()
                            return
                        for event in parser.feed(decode(data)):
                            self.process_message(event)
                    for event in parser.tick():
                        self.process_message(event)

    return LeavesWithTheTerminal


def _platform_driver() -> type[Driver]:
    if sys.platform == "win32":
        from textual.drivers.windows_driver import WindowsDriver

        return WindowsDriver
    return _posix_driver()


def hamish_driver(*, explicit_bidi: bool) -> type[Driver]:
    """The platform's driver, leaving with the terminal; with ``explicit_bidi`` it also switches
    the terminal to explicit bidi mode while running."""
    base = _platform_driver()
    if not explicit_bidi:
        return base

    class ExplicitBidiDriver(base):  # type: ignore[valid-type, misc]
        # The driver's writer exists only while in application mode, hence the order.
        def start_application_mode(self) -> None:
            super().start_application_mode()
            self.write(BIDI_EXPLICIT)
            self.flush()

        def stop_application_mode(self) -> None:
            self.write(BIDI_IMPLICIT)
            super().stop_application_mode()

    return ExplicitBidiDriver
