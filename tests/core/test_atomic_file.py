"""``core.atomic_file``: the one way hamish writes a file, for the store, exports, the config
file, library copies and recovery files."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from hamish.core import atomic_file
from hamish.core.atomic_file import (
    PRIVATE,
    WriteFailed,
    backup_path_for,
    create_file,
    replace_file,
)


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_replace_keeps_the_previous_version_as_bak_only_when_asked(tmp_path: Path) -> None:
    target = tmp_path / "data.json"
    replace_file(target, [b"one"], keep_backup=True)
    replace_file(target, [b"two"], keep_backup=True)
    assert target.read_bytes() == b"two"
    assert backup_path_for(target).read_bytes() == b"one"
    replace_file(target, [b"three"])
    assert backup_path_for(target).read_bytes() == b"one"
    assert names(tmp_path) == ["data.json", "data.json.bak"]


def test_replace_keeps_an_existing_files_mode_and_gives_a_new_one_the_mode_asked(
    tmp_path: Path,
) -> None:
    existing = tmp_path / "shared.toml"
    existing.write_bytes(b"old")
    existing.chmod(0o640)
    replace_file(existing, [b"new"])
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    private = tmp_path / "notes.json"
    replace_file(private, [b"{}"], mode=PRIVATE)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600


def test_a_failed_replace_is_an_oserror_that_says_whether_the_file_was_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.json"
    target.write_bytes(b"old")

    def disk_full(fd: int, pieces: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file, "_write_all", disk_full)
    with pytest.raises(WriteFailed) as raised:
        replace_file(target, [b"new"], keep_backup=True)
    assert isinstance(raised.value, OSError) and raised.value.errno == errno.ENOSPC
    assert raised.value.replaced is False
    assert names(tmp_path) == ["data.json"] and target.read_bytes() == b"old"


def test_create_never_replaces_a_file_not_even_a_dangling_link(tmp_path: Path) -> None:
    target = tmp_path / "export.md"
    create_file(target, [b"first"])
    with pytest.raises(FileExistsError):
        create_file(target, [b"second"])
    assert target.read_bytes() == b"first"
    link = tmp_path / "link.md"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        create_file(link, [b"text"])
    assert names(tmp_path) == ["export.md", "link.md"]


def test_create_on_a_file_system_without_hard_links_still_refuses_a_taken_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: object, target: object) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    target = tmp_path / "export.md"
    create_file(target, [b"first"])
    with pytest.raises(FileExistsError):
        create_file(target, [b"second"])
    assert target.read_bytes() == b"first"
    assert names(tmp_path) == ["export.md"]


def test_a_full_disk_never_leaves_an_empty_or_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def half_then_full(fd: int, pieces: list[bytes]) -> None:
        os.write(fd, pieces[0][:3])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic_file, "_write_all", half_then_full)
    with pytest.raises(OSError, match="No space left"):
        create_file(tmp_path / "hamish-unsaved.json", [b'{"hamish_unsaved_changes": []}'])
    assert names(tmp_path) == []


def test_a_missing_directory_is_reported_and_nothing_is_left(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        create_file(tmp_path / "missing" / "notes.md", [b"text"])
    with pytest.raises(WriteFailed) as raised:
        replace_file(tmp_path / "missing" / "notes.md", [b"text"])
    assert raised.value.errno == errno.ENOENT
    assert names(tmp_path) == []
