"""What can go wrong with the annotation database, each with a message a user can act on.

Every error carries the database path and its backup so the CLI and the UI can print
``str(error)`` as one line and ``hamish doctor`` can offer the right repair. A message never
promises more than the code guarantees: "not changed" is only said where nothing was written.
"""

from __future__ import annotations

import errno
from pathlib import Path


class StoreError(Exception):
    """Base class: ``str(error)`` is a one-line message for the user."""

    def __init__(self, message: str, *, path: Path, backup_path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.backup_path = backup_path


def _backup_advice(backup_path: Path) -> str:
    if backup_path.exists():
        return f"the previous version is in {backup_path}; run `hamish doctor` to restore it"
    return f"there is no backup ({backup_path} does not exist); move the file aside to start afresh"


class StoreCorruptError(StoreError):
    """The file is unreadable, empty, not a TinyDB database, or missing while its backup exists.

    Raised before anything is written, so the damaged file is left byte for byte as it was.
    """

    def __init__(self, path: Path, backup_path: Path, problem: str, *, empty: bool = False) -> None:
        self.problem = problem
        self.empty = empty
        super().__init__(
            f"{path} {problem}; it was not changed and hamish will not write to it; "
            + _backup_advice(backup_path),
            path=path,
            backup_path=backup_path,
        )


class StoreVersionError(StoreError):
    """A newer hamish wrote the file: writing it with this one could drop what it added."""

    def __init__(self, path: Path, backup_path: Path, found: int, supported: int) -> None:
        self.found = found
        self.supported = supported
        super().__init__(
            f"{path} was written by a newer hamish (schema version {found}; this one knows up "
            f"to {supported}); it was not changed; upgrade hamish to use it "
            f"(backup: {backup_path})",
            path=path,
            backup_path=backup_path,
        )


class StoreWriteError(StoreError):
    """Saving failed (disk full, read-only, permissions...). Nothing in memory moved forward."""

    def __init__(self, path: Path, cause: OSError, *, replaced: bool) -> None:
        self.cause = cause
        self.replaced = replaced
        reason = describe_os_error(cause)
        outcome = (
            "the new version is in place but may not survive a power cut"
            if replaced
            else "the file on disk was left as it was"
        )
        super().__init__(f"could not save {path}: {reason}; {outcome}", path=path)


class StoreLockError(StoreError):
    """The inter-process lock could not be taken (read-only directory, no lock support)."""

    def __init__(self, lock_path: Path, cause: OSError) -> None:
        self.cause = cause
        super().__init__(
            f"could not lock {lock_path}: {describe_os_error(cause)}; nothing was saved",
            path=lock_path,
        )


class StoreConflictError(StoreError):
    """Another process changed the file after this one read it; writing would lose its change.

    The repository never sees this (it reloads under the lock first); plain TinyDB callers that
    skip ``storage.lock`` get it instead of silently overwriting someone's note.
    """

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} was changed by another process since it was read; reload and try again",
            path=path,
        )


class StoreClosedError(StoreError):
    """Using a store after ``close()``: refusing beats accepting a write that goes nowhere."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"the store for {path} is closed", path=path)


class StoreRestoreError(StoreError):
    """``restore_backup`` refused: restoring would make things worse or is impossible."""


def describe_os_error(error: OSError) -> str:
    """``strerror (ECODE)`` for messages, falling back to the exception text."""
    reason = error.strerror or str(error)
    code = errno.errorcode.get(error.errno or 0)
    return f"{reason} ({code})" if code else reason
