"""Which files hamish reads, and naming the ones it does not.

hamish reads text, Markdown and HTML; any other suffix is tried as plain text. A PDF or an
e-book tried as text is at best garbage in the library, so the documents people most often
hand a reader are recognised, by their first bytes or failing that by their suffix, and
refused in one line that names the format.
"""

from __future__ import annotations

from pathlib import Path

SUFFIX_FORMATS = {
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
}
"""Lower-case suffix to format name; any other suffix is read as ``txt``."""
READ_FORMATS = ".txt, .md and .html"
"""What hamish reads, as the refusals say it."""

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"{\\rtf", "an RTF document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a Word or Office document"),
    (b"AT&TFORM", "a DjVu document"),
)
_ZIP = b"PK\x03\x04"
_ZIP_KINDS: tuple[tuple[bytes, str], ...] = (
    (b"application/epub+zip", "an EPUB book"),
    (b"application/vnd.oasis.opendocument", "an OpenDocument file"),
    (b"word/", "a Word document"),
)
_MOBI_OFFSET, _MOBI_MARKS = 60, (b"BOOKMOBI", b"TEXtREAd")

_SUFFIXES = {
    ".pdf": "a PDF document",
    ".epub": "an EPUB book",
    ".mobi": "a Mobipocket book",
    ".azw": "a Kindle book",
    ".azw3": "a Kindle book",
    ".kfx": "a Kindle book",
    ".fb2": "a FictionBook",
    ".djvu": "a DjVu document",
    ".doc": "a Word document",
    ".docx": "a Word document",
    ".odt": "an OpenDocument file",
    ".rtf": "an RTF document",
    ".cbz": "a comic book archive",
    ".cbr": "a comic book archive",
}


def format_for(path: Path) -> str:
    return SUFFIX_FORMATS.get(path.suffix.lower(), "txt")


def is_article_name(path: Path) -> bool:
    """Whether the file's name says it is in a format hamish reads (what ``hamish add DIR``
    takes from a folder)."""
    return path.suffix.lower() in SUFFIX_FORMATS


def unsupported_reason(path: Path, data: bytes) -> str | None:
    """Why ``data`` (the file's first bytes at least) is not an article hamish can read, when
    it is a format people read elsewhere; None for anything else."""
    kind = _kind_by_content(data) or _SUFFIXES.get(path.suffix.lower())
    return None if kind is None else f"{kind}, which hamish does not read (it reads {READ_FORMATS})"


def _kind_by_content(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    if data.startswith(_ZIP):
        head = data[:4096]
        return next((kind for mark, kind in _ZIP_KINDS if mark in head), "a ZIP archive")
    if data[_MOBI_OFFSET : _MOBI_OFFSET + 8] in _MOBI_MARKS:
        return "a Mobipocket book"
    return None
