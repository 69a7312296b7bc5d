"""Where a store keeps what: the index file the user names, and one file per article.

```
hamish.json                         _meta, articles (every article's record)
hamish.json.bak, hamish.json.lock   the index's backup; the one lock of the whole store
hamish.json.annotations-v2/
    <article key>.json              _meta (version, article key), annotations (that article's)
    <article key>.json.bak          its backup
```

A save costs what one article's file costs, and opening an article reads the index and that
article's file, whatever the size of the library. Every file is plain TinyDB JSON, written by
``AtomicJSONStorage`` under the index's lock.

The folder is named after the schema version, so a migration can write the next version's
folder beside the current one and switch by replacing the index alone (``upgrade``). Version 1
kept everything, annotations too, in the index file.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from hamish.core.atomic_file import temp_prefix_for
from hamish.core.store import migrations

FIRST_SHARDED_VERSION = 2
"""The first schema version with a file per article; version 1 is one file."""
SHARD_SUFFIX = ".json"
_PLAIN_KEY = re.compile(r"[0-9a-f]{1,64}")
"""Keys hamish makes (``content_key``: 32 lower-case hex digits) name their file as they are;
any other key is hashed, so no key can make a name that is unsafe or that a case-insensitive
file system confuses with another."""


def is_sharded(version: int) -> bool:
    return version >= FIRST_SHARDED_VERSION


def annotations_dir(index_path: Path, version: int | None = None) -> Path:
    """The folder of the articles' files beside ``index_path`` (the index, links followed), for
    schema ``version`` (default: the current one)."""
    version = migrations.STORE_SCHEMA_VERSION if version is None else version
    return index_path.with_name(f"{index_path.name}.annotations-v{version}")


def shard_name(article_key: str) -> str:
    if _PLAIN_KEY.fullmatch(article_key):
        return article_key + SHARD_SUFFIX
    digest = hashlib.sha256(article_key.encode("utf-8", "surrogatepass")).hexdigest()
    return f"k-{digest[:32]}{SHARD_SUFFIX}"


def shard_files(directory: Path) -> list[Path]:
    """Every article's file in ``directory`` (not backups, not temporary files), sorted; none
    if there is no such folder yet."""
    try:
        with os.scandir(directory) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.name.endswith(SHARD_SUFFIX) and not entry.name.startswith(".")
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [directory / name for name in sorted(names)]


def staging_dir(target: Path) -> Path:
    """Where a migration writes ``target``'s files before renaming the folder into place; a
    name ``shard_files`` and the doctor's listings never mistake for the real folder."""
    return target.with_name(f"{temp_prefix_for(target)}{os.getpid()}.tmp")
