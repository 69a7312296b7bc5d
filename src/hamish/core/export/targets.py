"""Where an export goes: the file hamish wrote for the article before, or a new one.

A notes vault wants one file per article, updated in place. hamish recognises its own exports by
what it writes at their top: a Markdown export's front matter names the article
(``hamish_article``; files from before that key carry ``article_key`` and ``exported_at``), a
JSON export's collection id is ``urn:hamish:annotations:<key>``. In a directory, an article's
export is the file with its key, whatever the file is called now (the title may have changed, or
the user renamed it); only a new export is named after the title. Any other file is the user's
and is never replaced unless the caller says so (``--force``): a new export then takes the next
free name, or the command stops before writing anything. Readwise CSV carries no mark, so an
existing CSV is only ever replaced with ``--force`` (or left alone when it already holds exactly
the new text).

Writing what is already there changes nothing: the file is left untouched ("unchanged"). A JSON
export's ``generated`` time is not counted as a change, so re-exporting keeps the old stamp.
"""

from __future__ import annotations

import json
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from hamish.core.export.filenames import folded_name, safe_file_name, unique_among
from hamish.core.export.front_matter import ARTICLE_KEY

Action = Literal["create", "update", "replace", "unchanged"]
OnForeign = Literal["refuse", "rename", "replace"]
"""What to do when the title's name is taken by a file hamish did not write."""

HEAD_LIMIT = 256 * 1024
"""How far into a file its front matter may reach; a longer head is not hamish's."""
_JSON_ID = re.compile(r'^  "id": "urn:hamish:annotations:([^"]*)",$', re.MULTILINE)
_COMBINED = ("<!-- hamish article", '[\n  {\n    "@context": "http://www.w3.org/ns/anno.jsonld",')
_GENERATED = re.compile(r'^(\s*"generated": )"[^"\n]*"', re.MULTILINE)


class ForeignFileError(FileExistsError):
    """The export's name is taken by a file hamish did not write."""


@dataclass(frozen=True)
class PendingExport:
    key: str
    title: str
    text: str


@dataclass(frozen=True)
class Target:
    path: Path
    action: Action


@dataclass(frozen=True)
class Mark:
    """A file hamish wrote: the article it holds, ``None`` for several articles in one file."""

    key: str | None


def _head(path: Path) -> str | None:
    """The start of a regular file (never a FIFO, which would block), or ``None``."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        with open(path, "rb") as handle:
            data = handle.read(8192)
            if data.startswith(b"---") and b"\n---" not in data[3:]:
                data += handle.read(HEAD_LIMIT - len(data))
    except OSError:
        return None
    return data.decode("utf-8", "replace").replace("\r\n", "\n")


def _front_matter_key(head: str) -> str | None:
    lines = head.split("\n")
    if lines[0] != "---" or "---" not in lines[1:]:
        return None
    values: dict[str, str] = {}
    for line in lines[1 : lines.index("---", 1)]:
        name, colon, value = line.partition(":")
        if colon:
            values[name.strip()] = value.strip()
    if ARTICLE_KEY in values:
        value = values[ARTICLE_KEY]
    elif {"article_key", "exported_at"} <= values.keys():
        value = values["article_key"]  # an export from before hamish_article
    else:
        return None
    if value.startswith('"'):
        try:
            loaded = json.loads(value)
        except ValueError:
            return None
        return loaded if isinstance(loaded, str) else None
    return value.strip("'")


def hamish_mark(path: Path) -> Mark | None:
    """``Mark`` if ``path`` is an export hamish wrote (see the module docstring), else ``None``."""
    head = _head(path)
    if head is None:
        return None
    if head.startswith(_COMBINED):
        return Mark(None)
    key = _front_matter_key(head)
    if key is not None:
        return Mark(key)
    found = _JSON_ID.search(head, 0, 4096)
    if found and head.startswith("{"):
        return Mark(unquote(found[1], errors="surrogatepass"))
    return None


def _without_stamp(text: str) -> str:
    return _GENERATED.sub(r"\1", text)


def holds(path: Path, text: str) -> bool:
    """Whether ``path`` already holds ``text`` (a JSON export's time aside)."""
    try:
        existing = path.read_bytes().decode("utf-8", "surrogatepass")
    except (OSError, UnicodeDecodeError):
        return False
    return _without_stamp(existing) == _without_stamp(text)


def _settled(path: Path, action: Action, text: str) -> Target:
    return Target(path, "unchanged" if holds(path, text) else action)


def plan_file(path: Path, text: str, *, force: bool) -> Target:
    """The target for an export to the file ``path`` named by the user."""
    if not os.path.lexists(path):
        return Target(path, "create")
    if hamish_mark(path) is not None:
        return _settled(path, "update", text)
    same = holds(path, text)
    if same or force:
        return Target(path, "unchanged" if same else "replace")
    raise ForeignFileError(f"{path}: already exists and hamish did not write it")


def plan_directory(
    folder: Path, exports: Sequence[PendingExport], extension: str, *, foreign: OnForeign
) -> list[Target]:
    """One target in ``folder`` per export, in order (see the module docstring)."""
    names = sorted(os.listdir(folder)) if folder.is_dir() else []
    existing = {folded_name(name): name for name in names}
    own: dict[str, list[str]] = {}
    for name in names:
        if name.lower().endswith(extension):
            mark = hamish_mark(folder / name)
            if mark is not None and mark.key is not None:
                own.setdefault(mark.key, []).append(name)
    planned: set[str] = set()
    taken_folded = set(existing)
    """Every name in the folder or planned, folded once (``folded_name``)."""
    targets = []
    for export in exports:
        wanted = safe_file_name(export.title, extension)
        mine = [name for name in own.pop(export.key, []) if name not in planned]
        if mine:
            name = wanted if wanted in mine else mine[0]
            targets.append(_settled(folder / name, "update", export.text))
            planned.add(name)
            continue
        taken = existing.get(folded_name(wanted))
        if taken is not None and foreign != "rename" and hamish_mark(folder / taken) is None:
            same = holds(folder / taken, export.text)
            if same or foreign == "replace":
                targets.append(Target(folder / taken, "unchanged" if same else "replace"))
                planned.add(taken)
                continue
            raise ForeignFileError(f"{folder / taken}: already exists and hamish did not write it")
        name = unique_among(wanted, taken_folded)
        targets.append(Target(folder / name, "create"))
        planned.add(name)
        taken_folded.add(folded_name(name))
    return targets
