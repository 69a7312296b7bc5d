"""Text inputs that never send a control character to the terminal.

Textual's ``TextArea`` and ``Input`` draw what they hold as it is: a pasted note containing
``ESC [ 2 J`` would clear the user's screen, ``ESC ] 0 ;`` would set the window title. The text
itself is kept verbatim (a note is stored exactly as typed); only what is drawn is changed, each
control character becoming its visible symbol (U+241B ␛ for ESC) and each bidi control U+FFFD,
as everywhere hamish draws text without its layout engine (``safe_text``).
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, TextArea

from hamish.core.safe_text import safe_text


def safe_strip(strip: Strip, width: int) -> Strip:
    segments = list(strip)
    if not any(safe_text(segment.text) != segment.text for segment in segments):
        return strip
    cleaned = [
        Segment(safe_text(segment.text), segment.style, segment.control) for segment in segments
    ]
    return Strip(cleaned).crop_extend(0, width, None)


class SafeTextArea(TextArea):
    def render_line(self, y: int) -> Strip:
        return safe_strip(super().render_line(y), self.size.width)


class SafeInput(Input):
    def render_line(self, y: int) -> Strip:
        return safe_strip(super().render_line(y), self.size.width)
