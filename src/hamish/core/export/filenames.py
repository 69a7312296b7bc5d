"""File names for exports made from article titles, safe on Linux, macOS and Windows.

A title is whatever the article's author (or a hostile file) wrote, and ``export --all -o DIR``
turns every title into a name inside DIR. So a name must never leave DIR (no separators, no
``..``), never hide (no leading dot), never be refused by a filesystem (Windows' reserved names
and characters, trailing dots and spaces, 255-byte limits), and never carry control or bidi
override characters that make ``ls`` lie about it, nor invisible ones (``a\u200bb.md`` beside
``ab.md`` would be two files no one can tell apart). Arabic, Hebrew and Persian titles stay
readable: letters of every script are kept, and so are ZWNJ (needed to spell Persian) and ZWJ
(emoji sequences) where they join two letters or symbols of a script that uses them.
"""

from __future__ import annotations

import errno
import posixpath
import re
import unicodedata
from collections.abc import Callable, Collection
from itertools import count
from pathlib import Path

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
_VISIBLE_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)
"""Format characters that are drawn (Arabic number signs, the end-of-ayah sign)."""
_JOINERS = frozenset("\u200c\u200d")
_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)
"""Default-ignorable characters that are not format characters: fillers, variation selectors."""
_EXTENSION = re.compile(r"\.[A-Za-z0-9]{1,10}")
_TRAILING_JOINERS = re.compile(r"[\u200c\u200d]+$")


def _invisible(char: str) -> bool:
    """Drawn as nothing (Unicode's default-ignorable characters, roughly), joiners included."""
    if unicodedata.category(char) == "Cf":
        return char not in _VISIBLE_FORMAT
    return _IGNORABLE.match(char) is not None


def _joins(before: str, after: str) -> bool:
    """Whether a ZWNJ/ZWJ between these two characters does something a reader sees."""
    return all(
        (not char.isascii() and unicodedata.category(char)[0] in "LM")
        or unicodedata.category(char) == "So"
        for char in (before, after)
    )


def _cleaned_characters(title: str) -> str:
    text = unicodedata.normalize("NFC", title)
    kept: list[str] = []
    for index, char in enumerate(text):
        category = unicodedata.category(char)
        if char.isspace():
            kept.append(" ")
        elif category in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            continue
        elif char in _JOINERS:
            after = next((c for c in text[index + 1 :] if not _invisible(c)), "")
            if kept and after and _joins(kept[-1], after):
                kept.append(char)
        elif not _invisible(char):
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


def folded_name(name: str) -> str:
    """The form two names collide in on case-insensitive or normalising filesystems, or in the
    eye: invisible characters left out."""
    folded = unicodedata.normalize("NFC", name).casefold()
    return "".join(char for char in folded if not _invisible(char))


def unique_file_name(name: str, taken: Collection[str]) -> str:
    """``name``, or ``name (2)``, ``name (3)``… before the extension: the first one not in
    ``taken``, compared as macOS and Windows would (ignoring case and normalisation)."""
    return unique_among(name, {folded_name(other) for other in taken})


def unique_among(name: str, folded: Collection[str]) -> str:
    """``unique_file_name`` against names already folded (``folded_name``): a caller that
    chooses many names folds each taken one once."""
    if folded_name(name) not in folded:
        return name
    stem, extension = posixpath.splitext(name)
    for number in count(2):
        candidate = f"{stem} ({number}){extension}"
        if folded_name(candidate) not in folded:
            return candidate
    raise AssertionError("unreachable")  # pragma: no cover


MAX_NAME_ATTEMPTS = 100
"""Names tried before giving up: other processes taking one after another."""


def create_under_free_name(
    folder: Path, wanted: str, taken: set[str], create: Callable[[Path], None]
) -> Path:
    """``create(folder / name)`` under ``wanted`` or the first free ``wanted (2)``, ``(3)``…
    (``unique_file_name`` against ``taken``, which grows). ``create`` raises
    ``FileExistsError`` when another process took the name meanwhile: the next is tried."""
    for _ in range(MAX_NAME_ATTEMPTS):
        name = unique_file_name(wanted, taken)
        taken.add(name)
        try:
            create(folder / name)
        except FileExistsError:
            continue
        return folder / name
    raise FileExistsError(errno.EEXIST, f"no free file name for {wanted}", str(folder))
