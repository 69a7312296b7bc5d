"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, detected code pages, and
binary sniffing.

The order is the point. A byte-order mark is a promise and is kept or refused, never second-
guessed. Valid UTF-8 is UTF-8: it is checked before any detector, so UTF-8 files (nearly all
of them) never pay for detection. NUL bytes mean UTF-16 without a mark or binary data. What is
left is a single-byte code page, named by a detector (``detect``); an HTML page's own
declaration wins when the bytes agree with it, and Windows-1256 is the last resort.

The choice reads at most ``SAMPLE_BYTES`` (``choose_encoding``), so a file and any head cut from
it are decoded with the same codec; only if the rest of the file breaks the choice is it made
again, from the bytes where it broke.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from hamish.core.loaders.detect import (
    FALLBACK_ENCODING,
    SAMPLE_BYTES,
    decodes,
    detect_code_pages,
    encoding_label,
    sniff_utf16,
)
from hamish.core.loaders.html_charset import PRESCAN_BYTES, declared_charset, visible_bytes

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
_CONTEXT_BEFORE_FAILURE = 4096
"""Bytes before the first undecodable one that a second detection also reads."""


class NotTextError(ValueError):
    """The bytes are not text hamish can read; ``reason`` says why, in words for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class DecodedText:
    """The file's text with ``\\n`` line endings, and the name of the encoding it was in."""

    text: str
    encoding: str


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _byte_order_mark(data: bytes) -> tuple[bytes, str, str] | None:
    return next((mark for mark in _BYTE_ORDER_MARKS if data.startswith(mark[0])), None)


def _code_pages(data: bytes, window: bytes, *, markup: bool) -> list[str]:
    """Single-byte encodings for ``window`` (bytes of ``data``), the likeliest first."""
    declared = declared_charset(data[:PRESCAN_BYTES]) if markup else None
    text = visible_bytes(window) if markup else window
    if text.isascii():  # every non-ASCII byte is in the markup: judge those, then
        text = window
    candidates = detect_code_pages(text, also=(codecs.lookup(declared).name,) if declared else ())
    if declared is not None:
        # "Consistent": the declared page reads the bytes as a well-reading candidate does.
        as_declared = decodes(window, declared)
        if as_declared is not None and any(
            decodes(window, label) == as_declared for label in candidates
        ):
            return [encoding_label(declared), *candidates]
    return [*candidates, FALLBACK_ENCODING]


def choose_encoding(data: bytes, *, markup: bool = False) -> str:
    """The encoding ``decode_bytes`` reads ``data`` with, judged from its first bytes only."""
    mark = _byte_order_mark(data)
    if mark is not None:
        return mark[1]
    sample = data[:SAMPLE_BYTES]
    is_utf8 = decodes(sample, "utf-8") is not None
    if b"\x00" in sample:
        # UTF-16 text, or binary data: a NUL survives any other decoding, and the text is
        # then refused - though a head cut before the NUL can still be shown.
        return sniff_utf16(sample) or ("utf-8" if is_utf8 else FALLBACK_ENCODING)
    if is_utf8:
        return "utf-8"
    pages = _code_pages(data, sample, markup=markup)
    return next((label for label in pages if decodes(sample, label) is not None), pages[-1])


def _decode_past_the_sample(data: bytes, failed_at: int, *, markup: bool) -> DecodedText:
    """The first bytes misled ``choose_encoding`` (ASCII, then Arabic): choose again from
    the bytes that broke the first choice."""
    start = max(0, failed_at - _CONTEXT_BEFORE_FAILURE)
    for label in _code_pages(data, data[start : failed_at + SAMPLE_BYTES], markup=markup):
        try:
            return DecodedText(data.decode(label), label)
        except UnicodeDecodeError:
            continue
    raise NotTextError("undecodable text: not UTF-8 and no known encoding fits")


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


def decode_bytes(
    data: bytes,
    *,
    markup: bool = False,
    encoding: str | None = None,
    transport_encoding: str | None = None,
) -> DecodedText:
    """Decode an article file's bytes, or raise ``NotTextError``.

    ``markup`` says the bytes are HTML (its charset declaration counts, its tags do not);
    ``encoding`` imposes a label ``choose_encoding`` gave for a larger file these bytes begin.
    ``transport_encoding`` is the charset the bytes came with (an HTTP header): it outranks
    everything but a byte-order mark, as in browsers, and undecodable bytes still fall back to
    detection. The returned text has no byte-order mark and only ``\\n`` line endings; every
    other character is kept exactly, with no Unicode normalisation.
    """
    mark = _byte_order_mark(data)
    if encoding is None and transport_encoding is not None and mark is None:
        encoding = transport_encoding
    label = encoding if encoding is not None else choose_encoding(data, markup=markup)
    body = data[len(mark[0]) :] if mark is not None and mark[1] == label else data
    try:
        decoded = DecodedText(body.decode(label.removesuffix("-sig")), label)
    except UnicodeDecodeError as error:
        if body is not data and mark is not None:  # a mark is a promise, not a hint
            reason = f"undecodable text: not valid {mark[2]} at byte {error.start}"
            raise NotTextError(reason) from error
        decoded = _decode_past_the_sample(data, error.start, markup=markup)
    if looks_binary(decoded.text):
        what = "contains NUL bytes" if "\x00" in decoded.text else "mostly control characters"
        raise NotTextError(f"binary file ({what})")
    return DecodedText(normalise_newlines(decoded.text), decoded.encoding)
