"""Bytes to text: byte-order marks, UTF-8, UTF-16 without a mark, detected code pages, and
binary sniffing.

The order is the point. A byte-order mark is a promise and is kept or refused, never second-
guessed. Valid UTF-8 is UTF-8: it is checked before any detector, so UTF-8 files (nearly all
of them) never pay for detection. NUL bytes mean UTF-16 without a mark or binary data, judged
by their share: a stray NUL does not make a text binary. What is left is a single-byte code
page, named by a detector (``detect``); an HTML page's own declaration wins when the bytes agree
with it, and Windows-1256 is the last resort.

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
BINARY_NUL_SHARE = 0.001
"""NUL is rare in text and common in binary data: more than one NUL per thousand characters,
and more than one in all, is binary data. A stray NUL in a text (``less`` and editors show such
files) is kept and drawn as ␀."""
BINARY_CONTROL_SHARE_WITH_NUL = 0.05
"""A NUL among this share of stray controls is binary data too (random bytes have about 10%)."""
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
    nuls = sample.count(b"\x00")
    if nuls and (wide := sniff_utf16(sample)):
        return wide
    if decodes(sample, "utf-8") is not None:
        return "utf-8"
    if _too_many_nuls(nuls, len(sample)):
        # Binary data: a NUL survives any decoding, and the text is then refused - though a
        # head cut before the NULs can still be shown.
        return FALLBACK_ENCODING
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


def _too_many_nuls(nuls: int, length: int) -> bool:
    return nuls > 1 and nuls > BINARY_NUL_SHARE * length


def binary_reason(text: str) -> str | None:
    """Why ``text`` is taken for binary data, or None when it is text.

    Judged by proportion: a few escape sequences, form feeds or a stray NUL are ordinary in
    text files and are kept (the layout engine shows them as symbols); NULs at the rate binary
    data has them, or a large share of other controls, are not text anyone wrote.
    """
    nuls = text.count("\x00")
    stray = sum(1 for _ in _STRAY_CONTROLS.finditer(text))
    if _too_many_nuls(nuls, len(text)) or (
        nuls and stray > BINARY_CONTROL_SHARE_WITH_NUL * len(text)
    ):
        return "contains NUL bytes"
    if stray > BINARY_CONTROL_SHARE * len(text):
        return "mostly control characters"
    return None


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
    binary = binary_reason(decoded.text)
    if binary is not None:
        raise NotTextError(f"binary file ({binary})")
    return DecodedText(normalise_newlines(decoded.text), decoded.encoding)
