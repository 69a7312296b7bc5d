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


MISSING = "does not exist"
"""The problem of a file that is not there (``file_check``), which the advice treats apart."""


def _backup_advice(backup_path: Path, backup_problem: str | None) -> str:
    if backup_problem is None:
        return (
            f"the previous version is in {backup_path}; "
            "run `hamish doctor --restore` to put it back"
        )
    if backup_problem == MISSING:
        return f"there is no backup ({backup_path} {MISSING}); move the file aside to start afresh"
    return (
        f"its backup {backup_path} {backup_problem} too, so both are damaged: move both aside "
        f"to start afresh, or repair one by hand (`hamish doctor` says what each holds)"
    )


class StoreCorruptError(StoreError):
    """The file is unreadable, empty, not a TinyDB database, not a file at all, or missing
    while its backup exists.

    Raised before anything is written, so the damaged file is left byte for byte as it was.
    ``backup_problem`` is None if the backup is usable, else what is wrong with it ("does not
    exist", "is not valid JSON (...)"): the advice depends on it.
    """

    def __init__(
        self,
        path: Path,
        backup_path: Path,
        problem: str,
        *,
        backup_problem: str | None,
        empty: bool = False,
    ) -> None:
        self.problem = problem
        self.empty = empty
        super().__init__(
            f"{path} {problem}; it was not changed and hamish will not write to it; "
            + _backup_advice(backup_path, backup_problem),
            path=path,
            backup_path=backup_path,
        )


class StoreReadError(StoreError):
    """The file is there but cannot be read (permissions, an I/O error)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        self.cause = cause
        super().__init__(
            f"cannot read {path}: {describe_os_error(cause)}; it was not changed", path=path
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


class StoreReadOnlyError(StoreWriteError):
    """A change to a store opened read-only (it cannot be written here): refused up front."""

    def __init__(self, path: Path, reason: str) -> None:
        self.reason = reason
        StoreError.__init__(
            self,
            f"cannot save to {path}: it is read-only here ({reason}); nothing was saved",
            path=path,
        )


class StoreLockError(StoreError):
    """The inter-process lock could not be taken (read-only directory, no lock support)."""

    def __init__(self, lock_path: Path, cause: OSError) -> None:
        self.cause = cause
        super().__init__(
            f"could not lock {lock_path}: {describe_os_error(cause)}; nothing was saved",
            path=lock_path,
        )


class StoreLockTimeout(StoreLockError):
    """Another process held the lock for longer than any save takes: it is stopped or stuck."""

    def __init__(self, database: Path, holder_pid: int | None, waited: float) -> None:
        self.holder_pid = holder_pid
        holder = "another hamish" + (f" (pid {holder_pid})" if holder_pid else "")
        StoreError.__init__(
            self,
            f"{holder} has been writing {database} for {waited:.0f} s, so this one gave up; "
            "nothing was saved; if that hamish is stopped or stuck, end it and try again",
            path=database,
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
