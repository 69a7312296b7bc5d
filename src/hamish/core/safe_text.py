"""The one gate between text from outside and the terminal.

Almost everything hamish shows came from somewhere it does not control: article text, titles,
file names, URLs, notes, tags, the reasons the OS gives for a failure. A terminal acts on some
characters instead of drawing them: ESC and the C1 controls start sequences that move the
cursor, clear the screen, set the window title (OSC 0) or plant a hyperlink (OSC 8); BEL rings;
bidi overrides reorder what follows them. Every such character is replaced by a visible symbol
before any text reaches the terminal, one character for one, so offsets never shift:

* C0 controls become their Control Pictures (U+2400 block: ESC is ␛, NUL is ␀), DEL is ␡;
  tab and the Unicode line and paragraph separators become spaces;
* C1 controls and lone surrogates (a file name whose bytes are not UTF-8, a damaged store)
  become U+FFFD, the replacement character.

``display_text`` is that table, for the layout engine, which also applies bidi controls itself
and then leaves them out of what it draws. ``safe_text`` is for everything drawn without the
engine (messages, notifications, file names, the scripted commands' logical output): it also
shows bidi controls as U+FFFD, because there nothing applies them and a terminal that does bidi
itself would let ``evil\\u202etxt.exe`` pass for another name.
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"

BIDI_CONTROLS = frozenset([0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)])
"""ALM, LRM, RLM, the embeddings and overrides (LRE..RLO, PDF) and the isolates (LRI..PDI)."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _display_table() -> dict[int, str]:
    table = {code: chr(0x2400 + code) for code in range(0x20)}
    table[0x09] = " "
    table[0x7F] = "\u2421"  # ␡
    table.update(dict.fromkeys(range(0x80, 0xA0), REPLACEMENT))
    table.update(dict.fromkeys(range(0xD800, 0xE000), REPLACEMENT))
    table[0x2028] = " "
    table[0x2029] = " "
    return table


_DISPLAY_TABLE = _display_table()
_SAFE_TABLE = _DISPLAY_TABLE | dict.fromkeys(BIDI_CONTROLS, REPLACEMENT)


def display_text(text: str) -> str:
    """``text`` with every control character as a visible symbol (same length), for the layout
    engine: bidi controls are kept, the engine applies them."""
    return text.translate(_DISPLAY_TABLE)


def safe_text(text: str) -> str:
    """``text`` as it may be sent to a terminal as it is: one line, every control character a
    visible symbol, bidi controls and lone surrogates U+FFFD (same length)."""
    return text.translate(_SAFE_TABLE)


def invalid_text_reason(text: str) -> str | None:
    """Why ``text`` cannot be stored as UTF-8, or None if it can.

    Python reads command-line arguments that are not UTF-8 as lone surrogates (U+DC80..U+DCFF
    stand for the bytes 0x80..0xFF), and JSON can spell a lone surrogate (``"\\ud800"``). Neither
    is a character: stored, it would make the file unreadable as UTF-8 to every other program.
    """
    found = _LONE_SURROGATE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:
        return f"byte 0x{code - 0xDC00:02X} at character {found.start() + 1} is not UTF-8"
    return f"character {found.start() + 1} is a lone surrogate (U+{code:04X}), not a character"
