"""``hamish doctor``: the store's state, its exit status, and a restore that loses nothing."""

from __future__ import annotations

from pathlib import Path

from hamish.core.changes import DeleteAnnotation, write_recovery
from hamish.core.store import Store
from tests.cli.conftest import Hamish, annotate, assert_one_error_line, run_module

DAMAGE = b'{"annotations": {"1": '


def database(data: Path) -> Path:
    return data / "hamish.json"


def make_store_with_backup(hamish: Hamish, sample: Path) -> str:
    """Two saves, so that ``hamish.json.bak`` holds the first annotation."""
    first = annotate(hamish, sample, "توماس باراك")
    annotate(hamish, sample, "باريس")
    return first


def test_no_database_yet_is_healthy(hamish: Hamish, environment: Path) -> None:
    result = hamish("doctor")
    assert result.code == 0
    assert "does not exist yet" in result.out
    assert not database(environment).exists()  # diagnosing writes nothing


def test_healthy_database_reports_its_counts(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    make_store_with_backup(hamish, sample)
    result = hamish("doctor")
    assert result.code == 0
    assert "1 article, 2 annotations" in result.out
    assert f"backup: {database(environment)}.bak (ok, 1 annotation)" in result.out


def test_corrupt_database_is_a_problem_until_restored(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    first = make_store_with_backup(hamish, sample)
    database(environment).write_bytes(DAMAGE)

    diagnosed = hamish("doctor")
    assert diagnosed.code == 1
    assert "state: corrupt" in diagnosed.out and "restore it" in diagnosed.out

    restored = hamish("doctor", "--restore")
    assert restored.code == 0, restored.err
    aside = [p for p in environment.iterdir() if ".corrupt-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == DAMAGE  # kept, never deleted
    assert str(aside[0]) in restored.out
    with Store.open() as store:
        assert [a.id for a in store.all_annotations()] == [first]


def test_restore_refuses_without_a_usable_backup(hamish: Hamish, environment: Path) -> None:
    environment.mkdir()
    database(environment).write_bytes(DAMAGE)
    result = hamish("doctor", "--restore")
    assert result.code == 2
    assert "state: corrupt" in result.out
    assert_one_error_line(result.err, "cannot restore", str(database(environment)))
    assert database(environment).read_bytes() == DAMAGE


def test_restore_of_a_healthy_database_needs_force(
    hamish: Hamish, sample: Path, environment: Path
) -> None:
    make_store_with_backup(hamish, sample)
    kept = hamish("doctor", "--restore")
    assert kept.code == 0 and "nothing to restore" in kept.out
    with Store.open() as store:
        assert len(store.all_annotations()) == 2
    forced = hamish("doctor", "--restore", "--force")
    assert forced.code == 0
    with Store.open() as store:
        assert len(store.all_annotations()) == 1  # the backup's state, as asked


def test_force_alone_is_a_usage_error(hamish: Hamish) -> None:
    result = hamish("doctor", "--force")
    assert result.code == 2 and "--restore" in result.err


def test_recovery_files_are_mentioned(hamish: Hamish, environment: Path) -> None:
    recovery = write_recovery([DeleteAnnotation("gone")], environment)
    result = hamish("doctor")
    assert result.code == 0
    assert f"hamish import {recovery}" in result.out


def test_entry_point(environment: Path, tmp_path: Path) -> None:
    environment.mkdir()
    database(environment).write_bytes(DAMAGE)
    result = run_module("doctor", cwd=tmp_path)
    assert result.returncode == 1
    assert "state: corrupt" in result.stdout and result.stderr == ""
    refused = run_module("doctor", "--restore", cwd=tmp_path)
    assert refused.returncode == 2
    assert_one_error_line(refused.stderr, "cannot restore")
