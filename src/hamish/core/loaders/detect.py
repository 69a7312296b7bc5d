"""Naming the encoding of a file that is not UTF-8 and has no byte-order mark.

Two cases, told apart by NUL bytes:

* UTF-16 without a mark. Text in hamish's languages (Arabic, Hebrew, Persian, English) has
  spaces, digits and punctuation, whose UTF-16 high byte is 0, and its letters share a handful
  of high bytes (0x05 Hebrew, 0x06 Arabic, 0x20 punctuation). So every other byte takes few
  values, zero among them. Images and archives spread their bytes over both positions, which is
  why a NUL byte alone still means binary data. charset-normalizer would also name UTF-16, but
  it answers "which decoding reads best", not "is this text at all", so it is not asked here.
* Single-byte code pages, named by charset-normalizer (chaos and language-coherence scores).
  The code pages of hamish's languages are tried first: an unrestricted search readily names
  a Baltic or Cyrillic page for short English or Arabic text that reads the same in several.

Detection reads at most ``SAMPLE_BYTES``, so a 10 MB file costs what a 256 KB one does; the
caller decodes the whole file with the answer.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from functools import lru_cache

SAMPLE_BYTES = 256 * 1024
PREFERRED_CODECS = ("cp1256", "iso8859_6", "cp1255", "iso8859_8", "cp1252")
"""Arabic and Persian, Hebrew, and Western European text, in that order of preference."""
FALLBACK_ENCODING = "windows-1256"
"""When nothing reads well: Arabic files that are not UTF-8 are most often in this page."""

# A Windows page and its ISO counterpart often read a file identically (Hebrew letters sit at
# the same bytes in both); the ISO name is then the honest one: nothing beyond it is used.
_ISO_TWINS = {"cp1255": "iso8859_8", "cp1252": "latin_1"}
_WINDOWS_PAGE = re.compile(r"cp(125\d)")
_ISO_PAGE = re.compile(r"iso8859-(\d+)")

WIDE_HIGH_BYTE_SHARE = 0.9
"""In UTF-16 text the three commonest high bytes make up at least this share of them all."""
WIDE_ZERO_SHARE = 0.05
"""...and zero (spaces, digits, punctuation, line ends) is at least this share."""


def encoding_label(codec: str) -> str:
    """The name users know for a Python codec: ``cp1255`` is ``windows-1255``."""
    name = codecs.lookup(codec).name
    if match := _WINDOWS_PAGE.fullmatch(name):
        return f"windows-{match.group(1)}"
    if match := _ISO_PAGE.fullmatch(name):
        return f"iso-8859-{match.group(1)}"
    return name


@lru_cache(maxsize=64)
def is_single_byte(label: str) -> bool:
    """True for code pages where every byte is one character (and ``\\n`` is byte 10)."""
    try:
        decoded = bytes(range(256)).decode(label, errors="replace")
    except LookupError:
        return False
    return len(decoded) == 256 and decoded[10] == "\n"


def decodes(sample: bytes, label: str) -> str | None:
    """``sample`` decoded strictly, forgiving only a character cut off at its end."""
    try:
        decoder = codecs.getincrementaldecoder(label)("strict")
        return decoder.decode(sample, final=False)
    except (UnicodeDecodeError, LookupError):
        return None


def _wide_text_order(high_bytes: bytes) -> bool:
    if not high_bytes:
        return False
    common = Counter(high_bytes).most_common(3)
    zeros = high_bytes.count(0)
    return sum(count for _, count in common) >= WIDE_HIGH_BYTE_SHARE * len(
        high_bytes
    ) and zeros >= WIDE_ZERO_SHARE * len(high_bytes)


def sniff_utf16(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` if the NUL-containing ``sample`` is UTF-16 text."""
    even = sample[: len(sample) // 2 * 2]
    little = _wide_text_order(even[1::2])
    big = _wide_text_order(even[0::2])
    if little == big:  # neither, or both (runs of NUL bytes): binary data
        return None
    label = "utf-16-le" if little else "utf-16-be"
    text = decodes(even, label)
    return label if text is not None and "\x00" not in text else None


def detect_code_pages(sample: bytes, *, also: tuple[str, ...] = ()) -> list[str]:
    """Labels of the code pages that read ``sample`` well, best first; ``also`` are codecs to
    try beside the preferred ones (a charset an HTML page declares)."""
    from charset_normalizer import from_bytes  # loaded only for files that are not UTF-8

    labels: list[str] = []
    for isolation in ([*PREFERRED_CODECS, *also], None):
        for match in from_bytes(sample, cp_isolation=isolation, preemptive_behaviour=False):
            for codec in (match.encoding, *match.could_be_from_charset):
                if codec.startswith(("utf_16", "utf_32")):
                    continue  # NUL-free bytes are never UTF-16: that was settled before
                label = encoding_label(_iso_twin(sample, codec))
                if label not in labels:
                    labels.append(label)
        if labels:
            break
    return labels


def _iso_twin(sample: bytes, codec: str) -> str:
    twin = _ISO_TWINS.get(codecs.lookup(codec).name)
    if twin is None:
        return codec
    same = decodes(sample, twin)
    return twin if same is not None and same == decodes(sample, codec) else codec
