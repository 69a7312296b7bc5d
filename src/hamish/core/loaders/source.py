"""Reading an article's bytes from disk, with every OS failure turned into a ``LoadError``."""

from __future__ import annotations

import errno
import stat
from pathlib import Path

from hamish.core.loaders.errors import LoadError

MAX_ARTICLE_BYTES = 32 * 1024 * 1024
"""Far beyond any article; guards the reader against being handed a disk image or a log dump."""


def _reason(error: OSError) -> str:
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory"
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "too many levels of symbolic links"
    return f"cannot read ({error.strerror or type(error).__name__})"


def _checked_size(path: Path) -> int:
    """The size of ``path``, refusing anything that is not a regular file of sane size.

    Special files are refused up front because reading a FIFO blocks forever and reading
    ``/dev/zero`` never ends.
    """
    try:
        status = path.stat()
    except OSError as error:
        raise LoadError(path, _reason(error)) from error
    except ValueError as error:  # e.g. a NUL character in the name
        raise LoadError(path, f"invalid file name ({error})") from error
    if stat.S_ISDIR(status.st_mode):
        raise LoadError(path, "is a directory")
    if not stat.S_ISREG(status.st_mode):
        raise LoadError(path, "not a regular file")
    if status.st_size > MAX_ARTICLE_BYTES:
        raise LoadError(
            path, f"too large ({status.st_size:,} bytes; the limit is {MAX_ARTICLE_BYTES:,})"
        )
    return status.st_size


def read_article_bytes(path: Path) -> bytes:
    """The file's bytes (see ``_checked_size`` for what is refused)."""
    _checked_size(path)
    try:
        return path.read_bytes()
    except OSError as error:
        raise LoadError(path, _reason(error)) from error


def read_article_head(path: Path, head_bytes: int) -> tuple[bytes, int]:
    """The file's first ``head_bytes`` bytes and its size, with the same checks."""
    size = _checked_size(path)
    try:
        with path.open("rb") as handle:
            return handle.read(head_bytes), size
    except OSError as error:
        raise LoadError(path, _reason(error)) from error
