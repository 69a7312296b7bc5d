"""hamish's annotation store: an index file and a TinyDB file per article, surviving crashes,
disk faults and a second hamish process.

``Store`` is the repository the app and the CLI use; ``AtomicJSONStorage`` the TinyDB storage
underneath every file (usable with plain ``TinyDB`` too). ``hamish doctor``'s checks and
restores are in ``hamish.core.store.doctor``, imported by it alone. Every failure is a
``StoreError`` whose ``str()`` is one line for the user.

The errors are imported with the package; ``Store`` and the rest when first asked for
(``__getattr__``): the reader catches ``StoreError`` from its first screen on but opens the
store only after it, and the repository, TinyDB and its storage are most of what importing the
store costs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from hamish.core.store.file_check import FileState
    from hamish.core.store.repository import Store
    from hamish.core.store.storage import AtomicJSONStorage

_LAZY = {"FileState": "file_check", "Store": "repository", "AtomicJSONStorage": "storage"}

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


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{module}"), name)
