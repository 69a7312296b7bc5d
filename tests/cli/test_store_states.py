"""The scripted commands against a store in trouble: something other than a file where it
should be, another hamish holding its lock, a read-only file system."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from hamish.core import atomic_file
from hamish.core.store import locking
from hamish.core.store.locking import InterProcessLock
from tests.cli.conftest import Hamish, annotate, assert_one_error_line, run_module


def database(data: Path) -> Path:
    return data / "hamish.json"


def everything(data: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the store, the articles' files included: its bytes and its mtime."""
    return {
        str(p.relative_to(data)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in data.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("which", ["hamish.json", "hamish.json.bak"])
def test_a_fifo_in_the_store_never_hangs_a_command(
    environment: Path, tmp_path: Path, sample: Path, which: str
) -> None:
    environment.mkdir()
    os.mkfifo(environment / which)
    notes = run_module("notes", sample, cwd=tmp_path)  # before: every command hung
    doctor = run_module("doctor", cwd=tmp_path)
    assert doctor.returncode == 1 and doctor.stderr == ""
    if which == "hamish.json":
        assert notes.returncode == 2
        assert_one_error_line(notes.stderr, str(environment / which), "named pipe (FIFO)")
        assert "state: not-a-file" in doctor.stdout
    else:
        assert notes.returncode == 2  # no database yet: "missing although its backup exists"
        assert_one_error_line(notes.stderr, "missing although its backup exists")
        assert "(not-a-file: is a named pipe (FIFO), not a file)" in doctor.stdout


def test_a_directory_in_place_of_the_store_is_named(hamish: Hamish, environment: Path) -> None:
    database(environment).mkdir(parents=True)
    result = hamish("list")
    assert result.code == 2
    assert_one_error_line(result.err, f"{database(environment)} is a directory, not a file")


@pytest.fixture
def held_lock(
    environment: Path, monkeypatch: pytest.MonkeyPatch, hamish: Hamish, sample: Path
) -> InterProcessLock:
    """A store with one annotation, whose lock "another hamish" now holds."""
    annotate(hamish, sample, "باريس")
    monkeypatch.setattr(locking, "WAIT_NOTICE_AFTER", 0.05)
    monkeypatch.setattr(locking, "GIVE_UP_AFTER", 0.6)
    holder = InterProcessLock(environment / "hamish.json.lock")
    holder.acquire()
    return holder


def test_a_held_lock_is_said_then_given_up_on_with_nothing_lost(
    hamish: Hamish, sample: Path, environment: Path, held_lock: InterProcessLock
) -> None:
    before = database(environment).read_bytes()
    result = hamish("annotate", sample, "--quote", "توماس باراك", "--note", "typed")
    held_lock.close()
    assert result.code == 2
    waiting, gave_up = result.error_lines  # before: a silent wait, as long as the holder liked
    assert waiting == (
        f"hamish: another hamish (pid {os.getpid()}) is writing {database(environment)}; "
        "waiting for it to finish (giving up after 0.6 s)"
    )
    assert gave_up.startswith(f"hamish: another hamish (pid {os.getpid()}) has been writing")
    assert "nothing was saved" in gave_up
    assert database(environment).read_bytes() == before
    annotate(hamish, sample, "توماس باراك")  # the store is fine once the lock is free


def test_a_lock_released_while_waiting_lets_the_command_finish(
    hamish: Hamish, sample: Path, held_lock: InterProcessLock
) -> None:
    threading.Timer(0.2, held_lock.close).start()
    result = hamish("annotate", sample, "--quote", "توماس باراك")
    assert result.code == 0
    assert len(result.error_lines) == 1 and "waiting for it to finish" in result.err


@pytest.fixture
def read_only(hamish: Hamish, sample: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store with a note, on a file system that has since become read-only (injected: the
    tests run as root, whom permissions do not stop)."""
    annotate(hamish, sample, "باريس", "--note", "the meeting")

    def refuse(*args: object) -> int:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(locking, "_open_lock_file", refuse)
    monkeypatch.setattr(atomic_file, "_create_temp", refuse)
    monkeypatch.setattr(
        locking, "unwritable_reason", lambda folder: "Read-only file system (EROFS)"
    )


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        (["notes", "{sample}"], "the meeting"),
        (["export", "{sample}"], "the meeting"),
        (["search", "--notes", "meeting"], "the meeting"),
        (["list"], "1 annotation"),
    ],
)
def test_reading_commands_work_on_a_read_only_store_and_say_so_once(
    hamish: Hamish,
    sample: Path,
    environment: Path,
    read_only: None,
    command: list[str],
    shown: str,
) -> None:
    (environment / "hamish.json.lock").unlink()
    before = everything(environment)
    result = hamish(*[arg.format(sample=sample) for arg in command])
    assert result.code == 0, result.err  # before: notes and export failed to lock, exit 2
    assert shown in result.out
    assert_one_error_line(
        result.err,
        f"{database(environment)} cannot be written here (Read-only file system (EROFS))",
        "nothing will be saved",
    )
    assert everything(environment) == before


def test_a_change_to_a_read_only_store_fails_in_one_line(
    hamish: Hamish, sample: Path, read_only: None
) -> None:
    result = hamish("annotate", sample, "--quote", "توماس باراك")
    assert result.code == 2
    assert_one_error_line(result.err, "Read-only file system (EROFS)", "nothing was saved")
