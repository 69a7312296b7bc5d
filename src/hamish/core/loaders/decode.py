"""Bytes to text: byte-order marks, UTF-8, the Arabic Windows code page, and binary sniffing.

Decoding is a pipeline of small steps (``_DECODERS``) tried in order, each answering "this is
my encoding" or "not me". Adding a detector (say charset-normalizer for Windows-1255,
ISO-8859-8 or UTF-16 without a BOM) means adding one step before the Windows-1256 fallback.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32 LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32 BE"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16 LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16 BE"),
)

# Category Cc (U+0000-U+001F, U+007F-U+009F) minus the controls real text files do contain:
# tab, line feed, vertical tab, form feed, carriage return and escape.
_STRAY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
BINARY_CONTROL_SHARE = 0.3
"""Above this share of stray control characters a file is taken for binary data."""


class NotTextError(ValueError):
    """The bytes are not text hamish can read; ``reason`` says why, in words for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The file's text with ``\\n`` line endings, and the codec name that produced it."""

    text: str
    encoding: str


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _strict(data: bytes, codec: str, label: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise NotTextError(f"undecodable text: not valid {label} at byte {error.start}") from error


def _with_byte_order_mark(data: bytes) -> DecodedText | None:
    """A byte-order mark is a promise: text that breaks it is an error, not a hint."""
    for mark, codec, label in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            text = _strict(data[len(mark) :], codec.removesuffix("-sig"), label)
            return DecodedText(text, codec)
    return None


def _refuse_nul_bytes(data: bytes) -> DecodedText | None:
    """Without a UTF-16/32 mark, a NUL byte means binary data (images, archives, programs)."""
    if b"\x00" in data:
        raise NotTextError("binary file (contains NUL bytes)")
    return None


def _utf8(data: bytes) -> DecodedText | None:
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return None


def _windows_1256(data: bytes) -> DecodedText | None:
    """Arabic files that are not UTF-8 are most often in the Windows Arabic code page."""
    try:
        return DecodedText(data.decode("cp1256"), "windows-1256")
    except UnicodeDecodeError:  # every byte is mapped today; kept for other fallbacks' sake
        return None


_DECODERS: tuple[Callable[[bytes], DecodedText | None], ...] = (
    _with_byte_order_mark,
    _refuse_nul_bytes,
    _utf8,
    _windows_1256,
)


def looks_binary(text: str) -> bool:
    """True when the text holds a NUL or is mostly control characters.

    A few escape sequences or form feeds are ordinary in text files and are kept (the layout
    engine shows them); a NUL or a large share of other controls is not text anyone wrote.
    """
    if "\x00" in text:
        return True
    if not text:
        return False
    stray = sum(1 for _ in _STRAY_CONTROLS.finditer(text))
    return stray > BINARY_CONTROL_SHARE * len(text)


def decode_bytes(data: bytes) -> DecodedText:
    """Decode an article file's bytes, or raise ``NotTextError``.

    The returned text has no byte-order mark and only ``\\n`` line endings; every other
    character is kept exactly, with no Unicode normalisation.
    """
    for decoder in _DECODERS:
        decoded = decoder(data)
        if decoded is not None:
            break
    else:
        raise NotTextError("undecodable text: not UTF-8 and no known encoding fits")
    if looks_binary(decoded.text):
        raise NotTextError("binary file (mostly control characters)")
    return DecodedText(normalise_newlines(decoded.text), decoded.encoding)
