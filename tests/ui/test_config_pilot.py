"""config.toml in the app: theme, keymap, and problems reported with the file and line."""

from __future__ import annotations

from pathlib import Path

from hamish.core.config import load_config
from hamish.core.store import Store
from hamish.ui.screens.help import HelpScreen
from tests.ui.conftest import make_app, sample


def app_from_config(path: Path, store: Store):  # type: ignore[no-untyped-def]
    config, problems = load_config(path)
    return make_app(
        sample(), store=store, config=config, config_problems=problems, config_path=path
    )


async def test_a_bad_config_is_reported_and_defaults_are_used(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\ncolor = "red"\nbidi = "app"\n', encoding="utf-8")
    app = app_from_config(path, store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(f"{path}:2:" in m and "color" in m for m in messages)
        assert app.theme == "nord"  # the valid settings still apply
        assert app.color.value == "yellow"


async def test_unknown_theme_and_keymap_ids_are_reported(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "no-such-theme"\n[keymap]\n"reader.nothing" = "z"\n', "utf-8")
    app = app_from_config(path, store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        messages = " | ".join(n.message for n in app._notifications)
        assert "no-such-theme" in messages and "reader.nothing" in messages


async def test_keymap_remaps_a_binding_and_help_shows_it(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[keymap]\n"reader.highlight" = "H"\n', encoding="utf-8")
    app = app_from_config(path, store)
    async with app.run_test(size=(100, 40)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("s", "h")
        assert pane.session.anchored == ()  # h no longer highlights
        await pilot.press("H")
        assert len(pane.session.anchored) == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = dict((text, keys) for keys, text in app.screen.rows)
        assert keys["Highlight"] == "H"


async def test_a_theme_chosen_in_the_app_is_saved(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# my settings\n", encoding="utf-8")
    app = app_from_config(path, store)
    async with app.run_test(size=(100, 32)) as pilot:
        app.theme = "gruvbox"
        await pilot.pause()
        await app.workers.wait_for_complete()
    assert load_config(path)[0].theme == "gruvbox"
    assert path.read_text(encoding="utf-8").startswith("# my settings\n")
