"""Tell terminals that reorder text by themselves to leave hamish's visual order alone.

VTE (GNOME Terminal, Tilix, xfce4-terminal) and mintty apply the bidi algorithm to what programs
print unless the program switches them to explicit mode: ``CSI 8 l`` (BDSM, ECMA-48), undone with
``CSI 8 h`` on exit. hamish writes text already in visual order, so without this those terminals
would reverse it a second time. Terminals that ignore BDSM are unaffected; for the ones that
reorder regardless (Konsole, mlterm, macOS Terminal) users choose ``--bidi terminal``.
"""

from __future__ import annotations

import sys

from textual.driver import Driver

BIDI_EXPLICIT = "\x1b[8l"
BIDI_IMPLICIT = "\x1b[8h"


def explicit_bidi_driver() -> type[Driver]:
    """The platform's driver, wrapped to switch the terminal to explicit bidi mode while running."""
    if sys.platform == "win32":
        from textual.drivers.windows_driver import WindowsDriver

        base: type[Driver] = WindowsDriver
    else:
        from textual.drivers.linux_driver import LinuxDriver

        base = LinuxDriver

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
