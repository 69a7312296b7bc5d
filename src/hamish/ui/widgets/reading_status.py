"""The reader's status row: where you are, how far you got, how long the rest takes.

``at 23% · 40% read · 12 min left`` at the right, where less and vim keep their ruler, after
what a key is waiting for (``m`` waits for a letter) or what it just did.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from hamish.core.layout.short_text import visual_string
from hamish.core.reading_progress import Whereabouts


class ReadingStatus(Static):
    DEFAULT_CSS = """
    ReadingStatus { height: 1; padding: 0 2 0 1; color: $text-muted; text-align: right; }
    """

    def __init__(self) -> None:
        super().__init__("")
        self._shown: tuple[Whereabouts | None, str] | None = None

    def show(self, whereabouts: Whereabouts | None, note: str) -> None:
        """``note`` may hold text from outside (a mark's letter): drawn by the engine."""
        if self._shown == (whereabouts, note):
            return
        self._shown = (whereabouts, note)
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        line.append(visual_string(note), style="bold")
        if whereabouts is not None:
            line.append(("   " if note else "") + whereabouts.describe())
        self.update(line)
