"""What the lock tells a user: that this process waits for another, and who holds the lock.

Kept out of ``locking``, which every start imports, because only a contended lock (or
``hamish doctor``) needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LockWait:
    """Another process holds the lock and this one has been waiting (``StoreLock.on_wait``)."""

    database: Path
    holder_pid: int | None
    give_up_after: float

    @property
    def message(self) -> str:
        """One line for stderr or a notification."""
        holder = "another hamish" + (f" (pid {self.holder_pid})" if self.holder_pid else "")
        return (
            f"{holder} is writing {self.database}; waiting for it to finish "
            f"(giving up after {self.give_up_after:g} s)"
        )


@dataclass(frozen=True)
class LockHolder:
    pid: int | None
