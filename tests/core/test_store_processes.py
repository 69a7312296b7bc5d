"""Real processes on one store: killed mid-save, and two writing at the same time."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tinydb import TinyDB

from hamish.core.atomic_file import backup_path_for
from hamish.core.store import Store
from tests.core.store_helpers.factory import (
    annotation,
    annotation_file,
    stored_documents,
    temp_files,
)

WRITER = Path(__file__).parent / "store_helpers" / "writer.py"

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and fork-style pipes")


def start_writer(
    path: Path, article_key: str, mode: str, go_file: Path | None = None
) -> subprocess.Popen[bytes]:
    args = [sys.executable, str(WRITER), str(path), article_key, mode]
    if go_file is not None:
        args.append(str(go_file))
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    ready = process.stdout.readline()
    assert ready == b"ready\n", process.stderr.read() if process.stderr else ready
    return process


def stored_annotations(path: Path) -> dict[str, str]:
    """id -> article key in the store whose index is ``path``, read with plain TinyDB (its
    own JSONStorage)."""
    return {doc["id"]: doc["article_key"] for doc in stored_documents(path)}


def annotations_in(path: Path) -> int:
    with TinyDB(path, access_mode="r") as db:
        return len(db.table("annotations"))


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_never_loses_an_acknowledged_note(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    article_key = "killed"
    with Store.open(path) as store:  # big enough that most of the writer's time is in saves
        store.add_many([annotation(article_key, start=n % 400, note="x" * 40) for n in range(1500)])
    rng = random.Random(1234)
    acknowledged: dict[str, str] = {}
    interrupted_saves = 0
    for round_number in range(30):
        writer = start_writer(path, article_key, "loop")
        time.sleep(rng.uniform(0.0, 0.2))
        writer.send_signal(signal.SIGKILL)
        output, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        *complete_lines, _partial = output.split(b"\n")
        acknowledged.update((line.decode(), article_key) for line in complete_lines)
        interrupted_saves += bool(temp_files(tmp_path))

        stored = stored_annotations(path)  # parses with plain TinyDB after every kill
        missing = {i for i in acknowledged if stored.get(i) != acknowledged[i]}
        assert not missing, f"round {round_number}: {len(missing)} acknowledged notes lost"
        notes = annotation_file(path, article_key)
        if backup_path_for(notes).exists():
            assert annotations_in(backup_path_for(notes)) >= 1500
    assert len(acknowledged) >= 30, "the writer never got to save anything"
    with Store.open(path) as store:
        assert {a.id for a in store.all_annotations()} >= set(acknowledged)
        store.add(annotation(start=5))
    assert temp_files(tmp_path) == []
    print(
        f"{len(acknowledged)} acknowledged notes; {interrupted_saves} kills left a save unfinished"
    )


@pytest.mark.slow
def test_two_writer_processes_at_once_keep_all_400_notes(tmp_path: Path) -> None:
    path = tmp_path / "hamish.json"
    Store.open(path).close()
    go_file = tmp_path / "go"
    writers = [start_writer(path, key, "200", go_file) for key in ("left", "right")]
    go_file.touch()
    outputs = [writer.communicate(timeout=300) for writer in writers]
    for writer, (_, errors) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, errors.decode()
    printed = {
        line.decode(): key
        for (out, _), key in zip(outputs, ("left", "right"), strict=True)
        for line in out.split()
    }
    assert len(printed) == 400
    assert stored_annotations(path) == printed
    with Store.open(path) as store:
        assert store.annotation_counts() == {"left": 200, "right": 200}
