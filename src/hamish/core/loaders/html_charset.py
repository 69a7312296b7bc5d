"""What an HTML file says about its own encoding, and the bytes a detector should look at.

``charset_label`` reads a label from anywhere (an HTTP ``Content-Type`` header too). A page's
``<meta charset>`` (or the ``http-equiv`` Content-Type form, or an XML declaration) is
read from its first ``PRESCAN_BYTES``, as browsers do. Labels follow the WHATWG Encoding
Standard where it differs from Python: ``iso-8859-1`` and ``us-ascii`` mean Windows-1252, and a
``utf-16`` declaration inside an ASCII-compatible file can only be a mistake.

Detection on raw HTML would mostly measure markup and scripts, which are ASCII; ``visible_bytes``
keeps the text between tags instead.
"""

from __future__ import annotations

import codecs
import re

PRESCAN_BYTES = 4096
_DECLARATION = re.compile(
    rb"""<meta\b[^>]{0,512}?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|^\s*<\?xml\b[^>]{0,512}?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# WHATWG labels whose meaning differs from Python's codec of the same name.
_WHATWG_LABELS = {
    "iso-8859-1": "windows-1252",
    "latin1": "windows-1252",
    "l1": "windows-1252",
    "ascii": "windows-1252",
    "us-ascii": "windows-1252",
    "iso-8859-8-i": "iso-8859-8",
    "logical": "iso-8859-8",
    "visual": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "iso-8859-6-e": "iso-8859-6",
    "arabic": "iso-8859-6",
    "hebrew": "iso-8859-8",
    "tis-620": "windows-874",
    "gb2312": "gbk",
}
_WIDE = ("utf-16", "utf-32")
_RAW_TEXT_ELEMENTS = (b"script", b"style", b"noscript", b"template")


def charset_label(label: str) -> str | None:
    """A charset label as the WHATWG reads it, or None if Python has no codec for it."""
    label = label.strip().strip("\"'").lower()
    label = _WHATWG_LABELS.get(label, label)
    try:
        codecs.lookup(label)
    except LookupError:
        return None
    return label


def declared_charset(data: bytes) -> str | None:
    """The codec the page declares in its first bytes, if Python knows it and it could apply."""
    match = _DECLARATION.search(data[:PRESCAN_BYTES])
    if match is None:
        return None
    label = charset_label((match.group(1) or match.group(2)).decode("ascii"))
    if label is None or codecs.lookup(label).name.startswith(_WIDE):
        return None  # declared inside bytes that are readable as ASCII: not really UTF-16/32
    return label


def visible_bytes(data: bytes) -> bytes:
    """``data`` without tags, comments, scripts and styles; linear time whatever the input.

    Works on bytes, for ASCII-compatible encodings (the only ones left once UTF-16 and -32
    are ruled out); the lowered copy only locates markup.
    """
    lowered = data.lower()
    kept: list[bytes] = []
    position = 0
    while True:
        start = data.find(b"<", position)
        if start < 0:
            kept.append(data[position:])
            break
        kept.append(data[position:start])
        kept.append(b" ")
        position = _markup_end(lowered, start)
    return b"".join(kept)


def _markup_end(lowered: bytes, start: int) -> int:
    """Where the comment, raw-text element or tag that opens at ``start`` ends."""
    if lowered.startswith(b"<!--", start):
        end = lowered.find(b"-->", start + 4)
        return len(lowered) if end < 0 else end + 3
    tag_end = lowered.find(b">", start)
    if tag_end < 0:
        return len(lowered)
    for name in _RAW_TEXT_ELEMENTS:
        if (
            lowered.startswith(b"<" + name, start)
            and not lowered[start + 1 + len(name) : start + 2 + len(name)].isalnum()
        ):
            close = lowered.find(b"</" + name, tag_end)
            if close < 0:
                return len(lowered)
            close_end = lowered.find(b">", close)
            return len(lowered) if close_end < 0 else close_end + 1
    return tag_end + 1
