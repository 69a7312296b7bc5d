"""TOML values as text: how hamish writes a setting's value into the file, and quotes one from
the file in a message.

Kept apart from ``config_toml`` (which scans a file's lines with regular expressions) because
every start needs the first, for the settings' defaults, and only a start with a config file
needs the second.
"""

from __future__ import annotations

import unicodedata

KeyPath = tuple[str, ...]


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes, control and format characters escaped.

    Also used to quote values from the file in messages, so neither an ESC nor a bidi control
    in a key can reach the terminal or reorder the message.
    """
    pieces = ['"']
    for char in text:
        code = ord(char)
        if char in '"\\':
            pieces.append("\\" + char)
        elif code < 0x20 or 0x7F <= code < 0xA0 or unicodedata.category(char) == "Cf":
            pieces.append(f"\\u{code:04X}")
        else:
            pieces.append(char)
    pieces.append('"')
    return "".join(pieces)


def toml_value(value: str | bool | int) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return toml_string(value)


def describe(value: object) -> str:
    """A value from the file as a message shows it, on one line and not too long."""
    if isinstance(value, bool):
        return toml_value(value)
    if isinstance(value, str):
        shown = toml_string(value)
        return shown if len(shown) <= 60 else shown[:56] + '..."'
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    return f"a {type(value).__name__}"
