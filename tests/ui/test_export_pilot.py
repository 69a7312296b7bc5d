"""``e`` exports the current article's annotations to the export directory."""

from __future__ import annotations

import json
from pathlib import Path

from hamish.core.config import Config
from hamish.core.store import Store
from tests.ui.conftest import make_app, sample


async def test_e_writes_markdown_and_shift_e_json(store: Store, tmp_path: Path) -> None:
    exports = tmp_path / "exports"
    app = make_app(sample(), store=store, config=Config(export_dir=exports))
    async with app.run_test(size=(100, 32)) as pilot:
        pane = app.screen.pane
        await pane.annotating.ready.wait()
        await pilot.press("s", "a", *"first note", "ctrl+s")
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        [markdown] = exports.glob("*.md")
        text = markdown.read_text(encoding="utf-8")
        assert "first note" in text and pane.session.anchored[0].annotation.quote in text
        assert any("Exported to" in n.message for n in app._notifications)
        await pilot.press("E")
        await app.workers.wait_for_complete()
        [exported_json] = exports.glob("*.json")
        data = json.loads(exported_json.read_text(encoding="utf-8"))
        assert "first note" in json.dumps(data, ensure_ascii=False)
        (exports / "mine.md").write_text("a note of my own")
        await pilot.press("e")  # a second export updates the first in place
        await app.workers.wait_for_complete()
        assert sorted(exports.glob("*.md")) == sorted([markdown, exports / "mine.md"])
        assert (exports / "mine.md").read_text() == "a note of my own"
        assert markdown.read_text(encoding="utf-8") == text  # nothing changed, same bytes


async def test_export_into_an_unwritable_place_says_so(store: Store, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the export directory should be")
    app = make_app(sample(), store=store, config=Config(export_dir=blocker))
    async with app.run_test(size=(100, 32)) as pilot:
        await app.screen.pane.annotating.ready.wait()
        await pilot.press("e")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("Export failed" in n.message for n in app._notifications)
