"""hamish's annotation store: one TinyDB file that survives crashes, disk faults and a second
hamish process.

``Store`` is the repository the app and the CLI use; ``AtomicJSONStorage`` the TinyDB storage
underneath (usable with plain ``TinyDB`` too). ``hamish doctor``'s checks are in
``hamish.core.store.doctor``, imported by it alone. Every failure is a ``StoreError`` whose
``str()`` is one line for the user.
"""

from hamish.core.store.errors import (
    StoreClosedError,
    StoreConflictError,
    StoreCorruptError,
    StoreError,
    StoreLockError,
    StoreLockTimeout,
    StoreReadError,
    StoreReadOnlyError,
    StoreRestoreError,
    StoreVersionError,
    StoreWriteError,
)
from hamish.core.store.file_check import FileState
from hamish.core.store.repository import Store
from hamish.core.store.storage import AtomicJSONStorage

__all__ = [
    "AtomicJSONStorage",
    "FileState",
    "Store",
    "StoreClosedError",
    "StoreConflictError",
    "StoreCorruptError",
    "StoreError",
    "StoreLockError",
    "StoreLockTimeout",
    "StoreReadError",
    "StoreReadOnlyError",
    "StoreRestoreError",
    "StoreVersionError",
    "StoreWriteError",
]
