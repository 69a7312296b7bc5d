"""File names for exports made from article titles, safe on Linux, macOS and Windows.

A title is whatever the article's author (or a hostile file) wrote, and ``export --all -o DIR``
turns every title into a name inside DIR. So a name must never leave DIR (no separators, no
``..``), never hide (no leading dot), never be refused by a filesystem (Windows' reserved names
and characters, trailing dots and spaces, 255-byte limits), and never carry control or bidi
override characters that make ``ls`` lie about it. Arabic, Hebrew and Persian titles stay
readable: letters of every script are kept, and ZWNJ (needed to spell Persian) stays too.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata
from collections.abc import Collection, Iterable
from itertools import count

DEFAULT_MAX_BYTES = 200
"""Most filesystems allow 255 bytes per name; the rest leaves room for `` (123)``."""

FALLBACK_NAME = "untitled"

_FORBIDDEN = re.compile(r'[<>:"/\\|?*]+')
"""Separators on any system, and what Windows refuses in a name."""
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
"""Marks, embeddings, overrides and isolates: they reorder how a name is shown (``exe.txt``)."""
_WINDOWS_RESERVED = frozenset(
    ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"]
    + [f"{device}{number}" for device in ("COM", "LPT") for number in "123456789¹²³"]
)
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
_TRAILING_JOINERS = re.compile(r"[\u200c\u200d]+$")


def _cleaned_characters(title: str) -> str:
    kept: list[str] = []
    for char in unicodedata.normalize("NFC", title):
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            continue
        else:
            kept.append(char)
    text = _FORBIDDEN.sub("_", "".join(kept))
    return " ".join(text.split())


def _truncated(name: str, max_bytes: int) -> str:
    """``name`` cut to ``max_bytes`` of UTF-8, never between a letter and its marks."""
    encoded = name.encode("utf-8")
    if len(encoded) <= max_bytes:
        return name
    cut = encoded[:max_bytes].decode("utf-8", "ignore")
    if unicodedata.category(name[len(cut)])[0] == "M":
        while cut and unicodedata.category(cut[-1])[0] == "M":
            cut = cut[:-1]
        cut = cut[:-1]
    return _TRAILING_JOINERS.sub("", cut)


def _trimmed(name: str) -> str:
    """No leading dot (hidden file, ``..``) and no trailing dot or space (Windows drops them)."""
    return name.strip(" .")


def safe_file_name(
    title: str, extension: str = ".md", *, max_bytes: int = DEFAULT_MAX_BYTES
) -> str:
    """A file name for ``title`` plus ``extension``; the same title always gives the same name."""
    if not _EXTENSION.fullmatch(extension):
        raise ValueError(f"extension must look like '.md', not {extension!r}")
    stem = _trimmed(_cleaned_characters(title))
    stem = _trimmed(_truncated(stem, max_bytes - len(extension)))
    if not stem:
        stem = FALLBACK_NAME
    if stem.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        stem = "_" + stem
    return stem + extension


def _folded(name: str) -> str:
    """The form two names collide in on case-insensitive or normalising filesystems."""
    return unicodedata.normalize("NFC", name).casefold()


def unique_file_name(name: str, taken: Collection[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… before the extension: the first one not in
    ``taken``, compared as macOS and Windows would (ignoring case and normalisation)."""
    folded = {_folded(other) for other in taken}
    if _folded(name) not in folded:
        return name
    stem, extension = posixpath.splitext(name)
    for number in count(2):
        candidate = f"{stem} ({number}){extension}"
        if _folded(candidate) not in folded:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


def unique_file_names(titles: Iterable[str], extension: str = ".md") -> list[str]:
    """One distinct safe name per title, in order: the first ``Notes`` keeps ``Notes.md``."""
    names: list[str] = []
    for title in titles:
        names.append(unique_file_name(safe_file_name(title, extension), names))
    return names
