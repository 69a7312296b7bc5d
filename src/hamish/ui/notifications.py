"""Notifications that cannot talk to the terminal.

Textual reads a notification's message as content markup unless told otherwise, and draws its
title as it is. hamish's notifications carry file names, titles, the OS's reasons for a failure
and notes: ``[link=...]`` in a file name would become a live hyperlink, an ESC in it a command
to the terminal (``ESC ] 0 ;`` sets the window title). Every notification, whoever raises it
(``Widget.notify`` hands it to the app), passes through the one sanitiser and is never parsed
as markup: hamish formats none of its own.
"""

from __future__ import annotations

from textual.app import App
from textual.notifications import SeverityLevel

from hamish.core.safe_text import safe_text


class SafeNotifications(App[None]):
    """An app whose ``notify`` shows text as text; see the module docstring."""

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        del markup  # whatever the caller asked, outside text is never markup
        super().notify(
            safe_text(message),
            title=safe_text(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )
