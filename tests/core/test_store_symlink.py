"""A store (or config file) that is a symbolic link into a synced folder: every save goes to
the link's target and the link stays a link; the backup and the lock live beside the target,
so a process that opens the target directly shares them."""

from __future__ import annotations

from pathlib import Path

import pytest

from hamish.core.config import load_config, save_setting
from hamish.core.store import FileState, Store
from hamish.core.store.doctor import diagnose, restore_backup
from tests.core.store_helpers.factory import annotation


@pytest.fixture
def linked(tmp_path: Path) -> tuple[Path, Path]:
    """``data/hamish.json`` -> ``../synced/hamish.json`` (relative, as people make them)."""
    synced = tmp_path / "synced"
    synced.mkdir()
    with Store.open(synced / "hamish.json") as store:
        store.add(annotation(start=0))
    data = tmp_path / "data"
    data.mkdir()
    link = data / "hamish.json"
    link.symlink_to(Path("..") / "synced" / "hamish.json")
    return link, synced / "hamish.json"


def test_saves_through_a_link_reach_its_target_and_keep_the_link(
    linked: tuple[Path, Path],
) -> None:
    link, target = linked
    with Store.open(link) as store:
        assert store.path == target
        store.add(annotation(start=10))
        store.add(annotation(start=20))
    assert link.is_symlink()  # before: the first save replaced the link with a regular file
    assert sorted(p.name for p in link.parent.iterdir()) == ["hamish.json"]
    assert {p.name for p in target.parent.iterdir()} == {
        "hamish.json",
        "hamish.json.bak",
        "hamish.json.lock",
    }
    with Store.open(target) as direct:
        assert len(direct.all_annotations()) == 3


def test_the_link_and_its_target_share_one_lock(linked: tuple[Path, Path]) -> None:
    link, target = linked
    with Store.open(link) as through_link, Store.open(target) as direct:
        assert through_link._storage.lock.path == direct._storage.lock.path
        through_link.add(annotation(start=30))
        direct.add(annotation(start=40))  # reloads under the shared lock: nothing lost
    with Store.open(link) as store:
        assert len(store.all_annotations()) == 3


def test_doctor_and_restore_work_on_the_target(linked: tuple[Path, Path]) -> None:
    link, target = linked
    with Store.open(link) as store:
        store.add(annotation(start=10))
    target.write_bytes(b"{damaged")
    report = diagnose(link)
    assert (
        report.path == target and report.database.state is FileState.CORRUPT and report.can_restore
    )
    restore_backup(link)
    assert link.is_symlink()
    with Store.open(link) as store:
        assert len(store.all_annotations()) == 1


def test_a_linked_config_file_stays_a_link(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    (dotfiles / "hamish.toml").write_text('color = "green"\n')
    link = tmp_path / "config.toml"
    link.symlink_to(dotfiles / "hamish.toml")
    save_setting("theme", "nord", link)
    assert link.is_symlink()
    assert load_config(dotfiles / "hamish.toml")[0].theme == "nord"
    assert load_config(link)[0].color == "green"
